import { Migration } from '@mikro-orm/migrations';

/**
 * The agency register kept by the bureau (issue 10): an agency is ACTIVE or SUSPENDED (with when,
 * why and by whom), and knows when it was registered and last changed. A suspended agency's tokens
 * read nothing: subgraphs hold only active codes (platform/governance/agencies.ts activeAgencies),
 * reloaded on the agency trigger's NOTIFY. The administering bureau is registered here, so that an
 * empty production database has the one agency that can register the others (no demo data there).
 */
export class Migration20261201010000_agency_register extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE agency
      ADD COLUMN status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
      ADD COLUMN suspended_at timestamptz,
      ADD COLUMN suspended_reason text,
      ADD COLUMN suspended_by text,
      ADD COLUMN registered_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD CONSTRAINT agency_suspension_consistent CHECK ((status = 'SUSPENDED') = (suspended_at IS NOT NULL))`);
    this.addSql(`INSERT INTO agency (code, name, kind, provides, description)
      VALUES ('data-bureau', '衡阳市行政审批服务局', 'ADMINISTERING', 'e-license', 'The administering bureau (Art. 8); provides 电子证照库')
      ON CONFLICT (code) DO NOTHING`);
  }

  async down(): Promise<void> {
    this.addSql(`ALTER TABLE agency DROP CONSTRAINT agency_suspension_consistent, DROP COLUMN status, DROP COLUMN suspended_at,
      DROP COLUMN suspended_reason, DROP COLUMN suspended_by, DROP COLUMN registered_at, DROP COLUMN updated_at`);
  }
}
