/**
 * The GiST-backed spatial queries, in SQL (MikroORM's query builder has no geometric operators);
 * rows are mapped back to entities, so they share the request's identity map.
 *
 *  - parcel under a point: `boundary @> polygon(box(p, p))` is the poly_ops GiST operator
 *    (`polygon @> point` is exact but not indexable); the exact `@> point` test follows as a
 *    filter. Parcels never overlap, so at most one row matches.
 *  - parcels in a box: `boundary && polygon(box)`, exact overlap, keyset-paged by code; GiST
 *    for boxes up to a city quarter, the code index for larger ones (parcelsWithinSql).
 *  - addresses near a point: the GiST index on `location` fetches candidates in a box that holds
 *    the whole circle (geometry.searchBox), then the exact distance in metres (the projection of
 *    geometry.ts, lat0 = mean latitude) filters and orders them. Ordering by `location <->` would
 *    rank by degrees, which distorts east-west distances by cos(lat); the box is small, so the
 *    exact sort costs little.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AddressEntity, ParcelEntity } from './entities';
import { METRES_PER_DEGREE_LAT, METRES_PER_DEGREE_LON, searchBox } from './geometry';

/** Bindings: lon, lat, lon, lat, lon, lat. */
export const PARCEL_AT_SQL = `SELECT * FROM land_parcel
  WHERE boundary @> polygon(box(point(?, ?), point(?, ?))) AND boundary @> point(?, ?)
  LIMIT 1`;

/**
 * Boxes up to this many square degrees (about 10 km × 11 km) take the GiST index first; larger
 * ones walk the code index and filter. PostgreSQL estimates every `&&` at a fixed 0.5 % of the
 * table (polygons have no statistics), so left alone it walks codes even for a street-sized box
 * and reads most of the table to fill a page; MATERIALIZED keeps the GiST scan for small boxes.
 * Codes are spatially clustered (division, 地籍区, 地籍子区), so a large box fills a page quickly.
 */
export const SMALL_BOX_SQUARE_DEGREES = 0.01;

/** Bindings: minLon, minLat, maxLon, maxLat[, after], limit. */
export function parcelsWithinSql(bbox: readonly number[], after: boolean): string {
  const hits = `SELECT * FROM land_parcel WHERE boundary && polygon(box(point(?, ?), point(?, ?)))`;
  const page = `${after ? ' AND code > ?' : ''} ORDER BY code LIMIT ?`;
  const small = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]) <= SMALL_BOX_SQUARE_DEGREES;
  return small ? `WITH hits AS MATERIALIZED (${hits}) SELECT * FROM hits WHERE true${page}` : `${hits}${page}`;
}

const COUNT_WITHIN_SQL = `SELECT count(*)::int AS n FROM land_parcel WHERE boundary && polygon(box(point(?, ?), point(?, ?)))`;

/** Bindings: lon, lat, lat, minLon, minLat, maxLon, maxLat, radius, limit. */
export const ADDRESSES_NEAR_SQL = `SELECT * FROM (
    SELECT a.*, sqrt(
      power((a.location[0] - ?) * cos(radians((a.location[1] + ?) / 2)) * ${METRES_PER_DEGREE_LON}, 2) +
      power((a.location[1] - ?) * ${METRES_PER_DEGREE_LAT}, 2)) AS distance_meters
    FROM address a
    WHERE a.location <@ box(point(?, ?), point(?, ?))
  ) near
  WHERE distance_meters <= ?
  ORDER BY distance_meters, id
  LIMIT ?`;

export async function parcelAt(em: EntityManager, lon: number, lat: number): Promise<ParcelEntity | null> {
  const rows = await em.getConnection().execute(PARCEL_AT_SQL, [lon, lat, lon, lat, lon, lat]);
  return rows.length ? em.map(ParcelEntity, rows[0]) : null;
}

export async function parcelsWithin(em: EntityManager, bbox: readonly number[], limit: number, after?: string): Promise<ParcelEntity[]> {
  const params = after === undefined ? [...bbox, limit] : [...bbox, after, limit];
  const rows: Record<string, unknown>[] = await em.getConnection().execute(parcelsWithinSql(bbox, after !== undefined), params);
  return rows.map((r) => em.map(ParcelEntity, r));
}

export async function countParcelsWithin(em: EntityManager, bbox: readonly number[]): Promise<number> {
  const rows = await em.getConnection().execute(COUNT_WITHIN_SQL, [...bbox]);
  return Number(rows[0].n);
}

/** ADDRESSES_NEAR_SQL without household addresses (same bindings): for readers who may not read
 *  Person.householdAddress in full, whom distances would otherwise lead to a home's door plate. */
export const NON_HOUSEHOLD_ADDRESSES_NEAR_SQL = ADDRESSES_NEAR_SQL.replace(
  'WHERE a.location <@ box(point(?, ?), point(?, ?))',
  'WHERE a.location <@ box(point(?, ?), point(?, ?)) AND NOT a.household',
);

export async function addressesNear(em: EntityManager, lon: number, lat: number, radius: number, limit: number, includeHouseholds = true) {
  const box = searchBox([lon, lat], radius);
  const sql = includeHouseholds ? ADDRESSES_NEAR_SQL : NON_HOUSEHOLD_ADDRESSES_NEAR_SQL;
  const rows: Record<string, unknown>[] = await em.getConnection().execute(sql, [lon, lat, lat, ...box, radius, limit]);
  return rows.map(({ distance_meters: d, ...address }) => ({
    address: em.map(AddressEntity, address),
    distanceMeters: Math.round(Number(d) * 100) / 100,
  }));
}
