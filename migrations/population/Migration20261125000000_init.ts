import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000000_init extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE household (
      id text PRIMARY KEY,
      household_number text NOT NULL UNIQUE,
      head_id text NOT NULL,
      division_code text NOT NULL,
      address text NOT NULL
    )`);
    this.addSql(`CREATE TABLE person (
      id text PRIMARY KEY,
      id_number text NOT NULL UNIQUE,
      name text NOT NULL,
      gender text NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
      birth_date date NOT NULL,
      ethnicity text NOT NULL,
      phone text,
      household_division_code text NOT NULL,
      household_address text NOT NULL,
      status text NOT NULL CHECK (status IN ('ALIVE', 'DECEASED', 'MOVED_OUT')),
      household_id text REFERENCES household (id)
    )`);
    // Keyset pages filtered by division walk (division, id); birth-date ranges use their own index.
    this.addSql(`CREATE INDEX person_division_id_idx ON person (household_division_code, id)`);
    this.addSql(`CREATE INDEX person_birth_date_idx ON person (birth_date)`);
    this.addSql(`CREATE INDEX person_household_idx ON person (household_id)`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE person');
    this.addSql('DROP TABLE household');
  }
}
