import { Migration } from '@mikro-orm/migrations';

/**
 * Data objections (异议核实, Art. 11; issue 11, item 3): an agency that may read an item objects to
 * its value for one record (the key); the item's provider — or the bureau — verifies and resolves
 * it as CORRECTED, CONFIRMED or REJECTED with a reason, by a deadline in working days. OPEN →
 * RESOLVED, once. `finding_id` links an objection the consistency job opened from a finding.
 * Not the NONE-item objections of the workflow (non_sharing_objection), which contest a
 * classification, not a value.
 */
export class Migration20261202081000_data_objection extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE data_objection (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item text NOT NULL,
      subject_key text NOT NULL,
      claim text NOT NULL,
      evidence text NOT NULL,
      raised_by text NOT NULL REFERENCES agency(code),
      raised_operator text,
      raised_at timestamptz NOT NULL,
      provider text NOT NULL,
      due_day date NOT NULL,
      due_at timestamptz NOT NULL,
      finding_id uuid REFERENCES consistency_finding(id),
      status text NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
      outcome text CHECK (outcome IN ('CORRECTED', 'CONFIRMED', 'REJECTED')),
      reason text,
      resolved_by text,
      resolved_operator text,
      resolved_at timestamptz,
      CHECK ((status = 'RESOLVED') = (outcome IS NOT NULL AND reason IS NOT NULL AND resolved_at IS NOT NULL))
    )`);
    this.addSql(`CREATE INDEX data_objection_list ON data_objection (raised_at DESC, id DESC)`);
    this.addSql(`CREATE INDEX data_objection_parties ON data_objection (raised_by, provider)`);
    this.addSql(`CREATE UNIQUE INDEX data_objection_one_per_finding ON data_objection (finding_id) WHERE finding_id IS NOT NULL`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE data_objection');
  }
}
