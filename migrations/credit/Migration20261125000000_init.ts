import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000000_init extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE credit_record (
      id text PRIMARY KEY,
      subject_kind text NOT NULL CHECK (subject_kind IN ('PERSON', 'LEGAL_PERSON')),
      subject_id text NOT NULL,
      category text NOT NULL CHECK (category IN ('RED_LIST', 'BLACK_LIST', 'ADMINISTRATIVE_LICENSING', 'ADMINISTRATIVE_PENALTY', 'CREDIT_RATING')),
      list_name text NOT NULL,
      severity text CHECK (severity IN ('MINOR', 'GENERAL', 'SERIOUS')),
      agency_name text NOT NULL,
      agency_code text NOT NULL,
      decision_number text NOT NULL UNIQUE,
      decision_date date NOT NULL,
      valid_from date,
      valid_to date,
      publicity_start date,
      publicity_end date,
      repaired_date date,
      content text NOT NULL,
      case_file text,
      CHECK ((severity IS NOT NULL) = (category = 'ADMINISTRATIVE_PENALTY')),
      CHECK (publicity_end IS NULL OR publicity_start IS NOT NULL AND publicity_end >= publicity_start),
      CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
    )`);
    // Per-subject loads (profiles, Person/LegalPerson.creditRecords) and the publicity listing.
    this.addSql(`CREATE INDEX credit_record_subject_idx ON credit_record (subject_id, decision_date)`);
    this.addSql(`CREATE INDEX credit_record_category_id_idx ON credit_record (category, id)`);
    this.addSql(`CREATE INDEX credit_record_kind_id_idx ON credit_record (subject_kind, id)`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE credit_record');
  }
}
