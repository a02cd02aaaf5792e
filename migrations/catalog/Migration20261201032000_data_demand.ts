import { Migration } from '@mikro-orm/migrations';

/**
 * The demand list (需求清单, Art. 16; issue 10, item 6): an agency states what data it needs — also
 * data not yet catalogued — the bureau assigns the demand to a provider with a response deadline
 * in working days, the provider answers (will provide, or cannot with its basis).
 * SUBMITTED → ASSIGNED → ANSWERED. `due_day` is the last local (China) working day to answer;
 * `due_at` the instant it ends.
 */
export class Migration20261201032000_data_demand extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE data_demand (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      applicant text NOT NULL REFERENCES agency(code),
      operator text,
      need text NOT NULL,
      purpose text NOT NULL,
      legal_basis text NOT NULL,
      items text[] NOT NULL DEFAULT '{}',
      suggested_provider text REFERENCES agency(code),
      status text NOT NULL CHECK (status IN ('SUBMITTED', 'ASSIGNED', 'ANSWERED')),
      submitted_at timestamptz NOT NULL,
      provider text REFERENCES agency(code),
      assigned_by text,
      assigned_at timestamptz,
      due_working_days integer,
      due_day date,
      due_at timestamptz,
      answered_by text,
      answered_at timestamptz,
      will_provide boolean,
      answer text,
      answer_basis text,
      CHECK (status = 'SUBMITTED' OR (provider IS NOT NULL AND due_at IS NOT NULL)),
      CHECK (status <> 'ANSWERED' OR (answered_at IS NOT NULL AND will_provide IS NOT NULL))
    )`);
    this.addSql(`CREATE INDEX data_demand_list ON data_demand (submitted_at DESC, id DESC)`);
    this.addSql(`CREATE INDEX data_demand_applicant ON data_demand (applicant)`);
    this.addSql(`CREATE INDEX data_demand_provider ON data_demand (provider)`);
    this.addSql(`CREATE INDEX data_demand_open_due ON data_demand (due_at) WHERE status = 'ASSIGNED'`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE data_demand');
  }
}
