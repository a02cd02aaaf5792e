import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 8, class 13: a standard address that is a household's address carries
 * Person.householdAddress and is served under it (platform/policy/carried.ts). Existing rows: every
 * address that is not a legal person's registered location was seeded as a household's; a reseed
 * computes the exact flag (also for businesses registered at home).
 */
export class Migration20261130050000_household_addresses extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE address ADD COLUMN household boolean NOT NULL DEFAULT false`);
    this.addSql(`UPDATE address a SET household = true WHERE NOT EXISTS (SELECT 1 FROM legal_person_site s WHERE s.address_id = a.id)`);
  }

  async down(): Promise<void> {
    this.addSql(`ALTER TABLE address DROP COLUMN household`);
  }
}
