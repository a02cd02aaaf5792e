import { Migration } from '@mikro-orm/migrations';

/**
 * The catalogue's workflow (Art. 16-17, 25): sharing applications with their reviews and
 * provisions, objections to NONE items (论证审核), the working-day calendar that the ten-day
 * provisioning deadline is counted on, and publication dates of catalogue items. (The refresh log
 * of this release is a governance table: migrations/governance/…_refresh_log.)
 */

/** China's public holidays and adjusted working days (调休), from the State Council General
 *  Office's notices on the 2025 and 2026 holiday arrangements (国办发明电). Dates are local
 *  (Asia/Shanghai). Later years are added by the administering bureau (Mutation.setCalendarDay)
 *  when the notice is published, usually in November of the year before. */
export const CALENDAR: [string, 'HOLIDAY' | 'WORKDAY', string][] = [
  // 2025
  ['2025-01-01', 'HOLIDAY', '元旦'],
  ['2025-01-26', 'WORKDAY', '春节调休上班'],
  ...range('2025-01-28', '2025-02-04').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '春节']),
  ['2025-02-08', 'WORKDAY', '春节调休上班'],
  ...range('2025-04-04', '2025-04-06').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '清明节']),
  ['2025-04-27', 'WORKDAY', '劳动节调休上班'],
  ...range('2025-05-01', '2025-05-05').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '劳动节']),
  ...range('2025-05-31', '2025-06-02').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '端午节']),
  ['2025-09-28', 'WORKDAY', '国庆节、中秋节调休上班'],
  ...range('2025-10-01', '2025-10-08').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '国庆节、中秋节']),
  ['2025-10-11', 'WORKDAY', '国庆节、中秋节调休上班'],
  // 2026
  ...range('2026-01-01', '2026-01-03').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '元旦']),
  ['2026-01-04', 'WORKDAY', '元旦调休上班'],
  ['2026-02-14', 'WORKDAY', '春节调休上班'],
  ...range('2026-02-15', '2026-02-23').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '春节']),
  ['2026-02-28', 'WORKDAY', '春节调休上班'],
  ...range('2026-04-04', '2026-04-06').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '清明节']),
  ...range('2026-05-01', '2026-05-05').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '劳动节']),
  ['2026-05-09', 'WORKDAY', '劳动节调休上班'],
  ...range('2026-06-19', '2026-06-21').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '端午节']),
  ['2026-09-20', 'WORKDAY', '国庆节调休上班'],
  ...range('2026-09-25', '2026-09-27').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '中秋节']),
  ...range('2026-10-01', '2026-10-07').map((d): [string, 'HOLIDAY', string] => [d, 'HOLIDAY', '国庆节']),
  ['2026-10-10', 'WORKDAY', '国庆节调休上班'],
];

function range(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

export class Migration20261125010000_workflow extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE sharing_application (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      applicant text NOT NULL REFERENCES agency (code),
      operator text,
      items text[] NOT NULL,
      conditional_items text[] NOT NULL DEFAULT '{}',
      unconditional_items text[] NOT NULL DEFAULT '{}',
      providers text[] NOT NULL DEFAULT '{}',
      purpose text NOT NULL,
      justification text NOT NULL,
      legal_basis text,
      requested_masks jsonb NOT NULL DEFAULT '{}',
      valid_until timestamptz,
      status text NOT NULL CHECK (status IN ('UNDER_REVIEW', 'APPROVED', 'PARTIALLY_PROVISIONED', 'PROVISIONED', 'GRANTED', 'REJECTED', 'WITHDRAWN', 'REVOKED')),
      submitted_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      rejection_reason text,
      provisioning_deadline date,
      provisioning_deadline_at timestamptz,
      provisioned_at timestamptz,
      grant_id uuid REFERENCES sharing_grant (id)
    )`);
    this.addSql(`CREATE INDEX sharing_application_applicant_idx ON sharing_application (applicant, submitted_at)`);
    this.addSql(`CREATE INDEX sharing_application_providers_idx ON sharing_application USING gin (providers)`);
    this.addSql(
      `CREATE INDEX sharing_application_pending_idx ON sharing_application (provisioning_deadline_at) WHERE status IN ('APPROVED', 'PARTIALLY_PROVISIONED')`,
    );

    this.addSql(`CREATE TABLE application_review (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES sharing_application (id) ON DELETE CASCADE,
      reviewer text NOT NULL REFERENCES agency (code),
      role text NOT NULL CHECK (role IN ('BUREAU', 'PROVIDER')),
      approve boolean NOT NULL,
      reason text,
      operator text,
      at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (application_id, reviewer, role)
    )`);

    this.addSql(`CREATE TABLE application_provision (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES sharing_application (id) ON DELETE CASCADE,
      provider text NOT NULL REFERENCES agency (code),
      items text[] NOT NULL,
      operator text,
      at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (application_id, provider)
    )`);

    this.addSql(`CREATE TABLE non_sharing_objection (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item text NOT NULL,
      provider text NOT NULL,
      objector text NOT NULL REFERENCES agency (code),
      operator text,
      purpose text NOT NULL,
      justification text NOT NULL,
      published_basis text NOT NULL,
      status text NOT NULL CHECK (status IN ('PENDING', 'UPHELD', 'RECLASSIFIED')),
      reclassify_to text CHECK (reclassify_to IN ('UNCONDITIONAL', 'CONDITIONAL')),
      decision_reason text,
      decided_by text,
      decided_at timestamptz,
      submitted_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql(`CREATE INDEX non_sharing_objection_item_idx ON non_sharing_objection (item)`);

    this.addSql(`CREATE TABLE calendar_day (
      day date PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
      name text NOT NULL
    )`);
    this.addSql(`INSERT INTO calendar_day (day, kind, name) VALUES ${CALENDAR.map(([d, k, n]) => `('${d}', '${k}', ${sqlText(n)})`).join(', ')}`);

    this.addSql(`CREATE TABLE catalog_publication (
      item text PRIMARY KEY,
      resource_code text NOT NULL,
      provider text NOT NULL,
      fingerprint text NOT NULL,
      first_published_at timestamptz NOT NULL DEFAULT now(),
      changed_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz
    )`);

    // The refresh log, grants' revoked_by and the audit search index were created here until
    // issue 9; they belong to the governance tables (migrations/governance/…_refresh_log).
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE catalog_publication, calendar_day, non_sharing_objection, application_provision, application_review, sharing_application');
  }
}
