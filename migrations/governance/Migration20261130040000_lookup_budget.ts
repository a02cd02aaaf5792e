import { Migration } from '@mikro-orm/migrations';

/**
 * Per-agency daily lookup budgets (issue 8, "arguments are items"): natural-key lookups
 * (personByIdNumber, legalPersonByUscc, a parcel or decision by its number…) count, hits and misses
 * alike, against a budget per agency and China-time day. Kept here, in the governance database
 * every subgraph replica already reaches, so that all replicas draw on one counter.
 * `lookup_budget` overrides the default (LOOKUP_BUDGET_PER_DAY, 20 000) for one agency;
 * `lookup_usage` counts what each agency used on each day.
 */
export class Migration20261130040000_lookup_budget extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE lookup_budget (
      agency text PRIMARY KEY,
      lookups_per_day integer NOT NULL CHECK (lookups_per_day >= 0),
      note text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql(`CREATE TABLE lookup_usage (
      agency text NOT NULL,
      day date NOT NULL,
      used integer NOT NULL CHECK (used >= 0),
      PRIMARY KEY (agency, day)
    )`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE lookup_usage');
    this.addSql('DROP TABLE lookup_budget');
  }
}
