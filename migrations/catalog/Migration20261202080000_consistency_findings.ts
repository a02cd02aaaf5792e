import { Migration } from '@mikro-orm/migrations';

/**
 * One source, compared (一数一源, Art. 9; issue 11, item 4). The consistency job's findings: what two
 * base databases say differently about one subject — the rule, the subject (by key), the other
 * record when there is one (a licence), both sources with their items and values, the provider
 * responsible for the second, OPEN until a run no longer finds it (then CLOSED), first and last
 * seen. At most one OPEN finding per (rule, subject, record): a re-run updates it.
 *
 * It also registers the job's own actor, `quality-check`, with one standing grant for the items
 * its rules compare, for the purpose "一数一源核验" (subgraphs/catalog/quality/actor.ts holds the
 * same list for the demo seed, which re-registers it after truncating the register).
 */
export class Migration20261202080000_consistency_findings extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE consistency_finding (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      rule text NOT NULL,
      subject_kind text NOT NULL CHECK (subject_kind IN ('PERSON', 'LEGAL_PERSON')),
      subject_key text NOT NULL,
      record_key text NOT NULL DEFAULT '',
      source_a text NOT NULL,
      item_a text NOT NULL,
      value_a text,
      provider_a text NOT NULL,
      source_b text NOT NULL,
      item_b text NOT NULL,
      value_b text,
      provider_b text NOT NULL,
      status text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
      first_seen timestamptz NOT NULL,
      last_seen timestamptz NOT NULL,
      closed_at timestamptz,
      CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
    )`);
    this.addSql(`CREATE UNIQUE INDEX consistency_finding_one_open ON consistency_finding (rule, subject_key, record_key) WHERE status = 'OPEN'`);
    this.addSql(`CREATE INDEX consistency_finding_list ON consistency_finding (first_seen DESC, id DESC)`);
    this.addSql(`CREATE INDEX consistency_finding_providers ON consistency_finding (provider_a, provider_b)`);

    this.addSql(`INSERT INTO agency (code, name, kind, provides, description)
      VALUES ('quality-check', '一数一源核验（平台）', 'CONSUMER', NULL,
              'The platform''s consistency job (Art. 9): compares what several base databases say about the same subject')
      ON CONFLICT (code) DO NOTHING`);
    const items = [
      'Person.name',
      'Person.idNumber',
      'Person.licenses',
      'IdCard.holderName',
      'DrivingLicense.holderName',
      'MarriageCertificate.holderName',
      'RealEstateCertificate.holderName',
      'IdCard.number',
      'DrivingLicense.number',
      'Address.text',
      'Person.householdAddress',
    ];
    const masks = Object.fromEntries(items.filter((i) => !i.endsWith('.licenses')).map((i) => [i, 'FULL']));
    this.addSql(`INSERT INTO sharing_grant (agency_code, items, purposes, masks)
      SELECT 'quality-check', '{${items.join(',')}}'::text[], '{一数一源核验}'::text[], '${JSON.stringify(masks)}'::jsonb
       WHERE NOT EXISTS (SELECT 1 FROM sharing_grant WHERE agency_code = 'quality-check' AND revoked_at IS NULL)`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE consistency_finding');
  }
}
