import { Migration } from '@mikro-orm/migrations';

/**
 * Built-in geometric types with GiST indexes (no PostGIS): `point <@ box` finds addresses near a
 * point, `polygon @> polygon` the parcel under a point, `polygon && polygon` parcels in a box.
 */
export class Migration20261125000000_init extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE administrative_division (
      code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
      name text NOT NULL,
      full_name text NOT NULL,
      level text NOT NULL CHECK (level IN ('CITY', 'DISTRICT', 'COUNTY', 'COUNTY_CITY')),
      parent_code text NOT NULL CHECK (parent_code ~ '^[0-9]{6}$'),
      centre point NOT NULL,
      boundary polygon NOT NULL
    )`);
    this.addSql(`CREATE INDEX administrative_division_parent_idx ON administrative_division (parent_code, code)`);
    this.addSql(`CREATE INDEX administrative_division_boundary_idx ON administrative_division USING gist (boundary)`);

    this.addSql(`CREATE TABLE address (
      id text PRIMARY KEY,
      text text NOT NULL UNIQUE,
      division_code text NOT NULL REFERENCES administrative_division (code),
      location point NOT NULL
    )`);
    this.addSql(`CREATE INDEX address_location_idx ON address USING gist (location)`);

    this.addSql(`CREATE TABLE legal_person_site (
      legal_person_id text PRIMARY KEY,
      address_id text NOT NULL REFERENCES address (id),
      division_code text NOT NULL REFERENCES administrative_division (code)
    )`);

    this.addSql(`CREATE TABLE land_parcel (
      id text PRIMARY KEY,
      code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$'),
      division_code text NOT NULL REFERENCES administrative_division (code),
      land_use text NOT NULL CHECK (land_use IN ('01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12')),
      boundary polygon NOT NULL,
      area_square_meters double precision NOT NULL CHECK (area_square_meters > 0),
      holder_kind text NOT NULL CHECK (holder_kind IN ('PERSON', 'LEGAL_PERSON')),
      holder_id text NOT NULL,
      transaction_price double precision CHECK (transaction_price >= 0)
    )`);
    this.addSql(`CREATE INDEX land_parcel_boundary_idx ON land_parcel USING gist (boundary)`);
    this.addSql(`CREATE INDEX land_parcel_holder_idx ON land_parcel (holder_id, code)`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE land_parcel');
    this.addSql('DROP TABLE legal_person_site');
    this.addSql('DROP TABLE address');
    this.addSql('DROP TABLE administrative_division');
  }
}
