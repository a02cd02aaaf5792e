import { Migration } from '@mikro-orm/migrations';

/**
 * Rectification notices (通知整改, Art. 26; issue 10, item 7): the platform raises a notice to an
 * agency from evidence it already holds (a rule that fired on one record), with a deadline in
 * working days. OPEN → ACKNOWLEDGED (the agency reports its fix) → CLOSED (the bureau).
 * `escalated_at` is set once when the deadline passes unclosed. At most one notice that is not
 * CLOSED per (rule, agency, evidence record): a re-run scan does not duplicate.
 */
export class Migration20261201040000_rectification_notice extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE rectification_notice (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency text NOT NULL REFERENCES agency(code),
      rule text NOT NULL,
      evidence_type text NOT NULL,
      evidence_id text NOT NULL,
      finding text NOT NULL,
      status text NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'CLOSED')),
      raised_by text,
      raised_at timestamptz NOT NULL,
      due_day date NOT NULL,
      due_at timestamptz NOT NULL,
      escalated_at timestamptz,
      acknowledged_by text,
      acknowledged_at timestamptz,
      fix text,
      closed_by text,
      closed_at timestamptz,
      closing_note text,
      CHECK (status = 'OPEN' OR (acknowledged_at IS NOT NULL AND fix IS NOT NULL)),
      CHECK (status <> 'CLOSED' OR closed_at IS NOT NULL)
    )`);
    this.addSql(`CREATE UNIQUE INDEX rectification_notice_one_open ON rectification_notice (rule, agency, evidence_id) WHERE status <> 'CLOSED'`);
    this.addSql(`CREATE INDEX rectification_notice_list ON rectification_notice (raised_at DESC, id DESC)`);
    this.addSql(`CREATE INDEX rectification_notice_agency ON rectification_notice (agency)`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE rectification_notice');
  }
}
