import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000000_init extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE license (
      id text PRIMARY KEY,
      number text NOT NULL,
      type_code text NOT NULL,
      holder_kind text NOT NULL CHECK (holder_kind IN ('PERSON', 'LEGAL_PERSON')),
      holder_id text NOT NULL,
      holder_name text NOT NULL,
      issuer_code text NOT NULL,
      issuer_name text NOT NULL,
      issue_date date NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      status text NOT NULL CHECK (status IN ('VALID', 'REVOKED', 'SUSPENDED')),
      status_reason text,
      content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
      photo_digest text,
      fingerprint_enrolled boolean,
      signature text NOT NULL,
      UNIQUE (type_code, number, holder_id),
      CHECK (valid_to IS NULL OR valid_to >= valid_from)
    )`);
    // Lookups by number (license, verifyLicense) and by holder (licensesOf, Person/LegalPerson.licenses).
    this.addSql(`CREATE INDEX license_number_idx ON license (number)`);
    this.addSql(`CREATE INDEX license_holder_idx ON license (holder_id)`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE license');
  }
}
