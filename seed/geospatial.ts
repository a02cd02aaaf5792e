/**
 * Demo data of 自然资源和空间地理基础库, loaded with COPY: Hengyang's 13 divisions, one standard
 * address per household and per legal person, each legal person's registered location, and
 * parcels held by about one person in ten and one legal person in three (seed/synthetic/geospatial.ts
 * says where and how). Holders are keyed like the population and legal-person seeds key them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Seeder, SeedOptions } from '../platform/subgraph/definition';
import { copyRows } from '../platform/db/copy';
import { legalPersonKey, personKey, pseudonymousKey } from '../platform/keys';
import { DIVISIONS } from '../reference/divisions';
import { legalPersonCount } from './synthetic/city';
import { syntheticLegalPerson } from './synthetic/enterprises';
import { legalPersonSite, syntheticAddresses, syntheticParcels } from './synthetic/geospatial';
import { DivisionEntity } from '../subgraphs/geospatial/entities';
import { boxRing, pgPoint, pgPolygon, ringAreaSquareMeters } from '../subgraphs/geospatial/geometry';

export const addressKey = (text: string) => pseudonymousKey('address', text);
export const parcelKey = (code: string) => pseudonymousKey('land-parcel', code.toUpperCase());

function* divisions() {
  for (const d of DIVISIONS) {
    yield [d.code, d.name, d.fullName, d.level, d.parentCode, pgPoint([...d.centre]), pgPolygon(boxRing(d.bbox))];
  }
}

function* addresses(scale: number) {
  for (const a of syntheticAddresses(scale)) yield [addressKey(a.text), a.text, a.divisionCode, pgPoint(a.location), a.household === true];
}

function* sites(scale: number) {
  for (let k = 0; k < legalPersonCount(scale); k++) {
    const lp = syntheticLegalPerson(k, scale);
    const site = legalPersonSite(lp);
    yield [legalPersonKey(lp.uscc), addressKey(site.text), site.divisionCode];
  }
}

/** Area is computed from the boundary (geometry.ts projection) and stored, to the cm². */
function* parcels(scale: number) {
  for (const p of syntheticParcels(scale)) {
    const area = Math.round(ringAreaSquareMeters(p.ring) * 100) / 100;
    const holder = p.holderKind === 'PERSON' ? personKey(p.holderNaturalId) : legalPersonKey(p.holderNaturalId);
    const price = p.unitPrice === null ? null : Math.round((area * p.unitPrice) / 100) * 100;
    yield [parcelKey(p.code), p.code, p.divisionCode, p.landUse, pgPolygon(p.ring), area, p.holderKind, holder, price];
  }
}

export async function seedGeospatial(em: EntityManager, { scale, log }: SeedOptions): Promise<void> {
  const connection = em.getConnection();
  const d = await copyRows(em, 'administrative_division', ['code', 'name', 'full_name', 'level', 'parent_code', 'centre', 'boundary'], divisions());

  // Households and legal persons can share an address text (one building, several rooms are
  // distinct texts; one text twice is one address): load everything, keep one row per text.
  // An address that is any household's address is a household address (it carries Person.householdAddress).
  // A load cut short (killed, crashed) leaves its staging table behind; the next seed starts afresh.
  await connection.execute('DROP TABLE IF EXISTS address_load');
  await connection.execute('CREATE UNLOGGED TABLE address_load (id text, text text, division_code text, location point, household boolean)');
  try {
    await copyRows(em, 'address_load', ['id', 'text', 'division_code', 'location', 'household'], addresses(scale));
    // One row per id (the text's key); household when any of its loads is (true sorts first).
    await connection.execute(
      'INSERT INTO address (id, text, division_code, location, household) SELECT DISTINCT ON (id) id, text, division_code, location, household FROM address_load ORDER BY id, household DESC',
    );
  } finally {
    await connection.execute('DROP TABLE address_load');
  }
  const a = Number((await connection.execute('SELECT count(*)::int AS n FROM address'))[0].n);

  const s = await copyRows(em, 'legal_person_site', ['legal_person_id', 'address_id', 'division_code'], sites(scale));
  const p = await copyRows(
    em,
    'land_parcel',
    ['id', 'code', 'division_code', 'land_use', 'boundary', 'area_square_meters', 'holder_kind', 'holder_id', 'transaction_price'],
    parcels(scale),
  );
  await connection.execute('ANALYZE');
  log(`${d} divisions, ${a} addresses, ${s} registered locations, ${p} parcels`);
}

export async function isGeospatialEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(DivisionEntity, {})) === 0;
}

/** Named by this subgraph's `seed` entry in schema/subgraphs.json. */
export const seeder: Seeder = { seed: seedGeospatial, isEmpty: isGeospatialEmpty };
