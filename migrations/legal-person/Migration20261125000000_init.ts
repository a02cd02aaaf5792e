import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000000_init extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE legal_person (
      id text PRIMARY KEY,
      uscc text NOT NULL UNIQUE,
      name text NOT NULL,
      kind text NOT NULL,
      legal_representative_id text NOT NULL,
      registered_capital double precision,
      established_date date NOT NULL,
      business_scope text NOT NULL,
      status text NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED', 'CANCELLED', 'MOVED_OUT')),
      registration_authority text NOT NULL,
      registered_division_code text NOT NULL,
      registered_address text NOT NULL,
      contact_phone text,
      employee_count integer,
      total_assets double precision
    )`);
    this.addSql(`CREATE INDEX legal_person_representative_idx ON legal_person (legal_representative_id)`);
    this.addSql(`CREATE INDEX legal_person_division_id_idx ON legal_person (registered_division_code, id)`);
    this.addSql(`CREATE INDEX legal_person_status_id_idx ON legal_person (status, id)`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE legal_person');
  }
}
