/**
 * Geometry of 自然资源和空间地理基础库, without PostGIS (docs/subgraphs/geospatial.md "Geometry"): PostgreSQL's built-in
 * `point` and `polygon` types in the database, GeoJSON (RFC 7946) in the API and in entities, and
 * metres from a latitude-corrected equirectangular projection:
 *
 *   x = Δlon · cos(lat0) · 111 320 m,   y = Δlat · 110 540 m
 *
 * with lat0 the mean latitude of the points involved. The constants are the usual rule of thumb
 * (a degree of longitude at the equator, a degree of latitude); at Hengyang's latitude (27°)
 * they are 0.07 % and 0.24 % short of the WGS84 ellipsoid's, so distances and areas over a city
 * (tens of km) come out within about 0.3 % of the ellipsoidal ones, which is
 * plenty for parcels and "what is near here". Coordinates are WGS84 longitude/latitude, stored
 * as given (x = longitude, y = latitude).
 */
import { Type } from '@mikro-orm/core';

/** Metres per degree of longitude at the equator, and per degree of latitude (WGS84, mean). */
export const METRES_PER_DEGREE_LON = 111_320;
export const METRES_PER_DEGREE_LAT = 110_540;

export type Position = [lon: number, lat: number];

/** GeoJSON geometries as the entities hold them (and the API returns them). */
export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}
export interface PolygonGeometry {
  type: 'Polygon';
  /** One exterior ring, counter-clockwise, closed (first position repeated last). */
  coordinates: Position[][];
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Distance in metres between two positions (projection above, lat0 = their mean latitude). */
export function distanceMeters(a: Position, b: Position): number {
  const x = (b[0] - a[0]) * Math.cos(rad((a[1] + b[1]) / 2)) * METRES_PER_DEGREE_LON;
  const y = (b[1] - a[1]) * METRES_PER_DEGREE_LAT;
  return Math.hypot(x, y);
}

/** Area in m² of a simple ring (open or closed): shoelace in the projection, lat0 = mean latitude. */
export function ringAreaSquareMeters(ring: readonly Position[]): number {
  const pts = isClosed(ring) ? ring.slice(0, -1) : ring;
  const lat0 = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  const kx = Math.cos(rad(lat0)) * METRES_PER_DEGREE_LON;
  const xy = pts.map(([lon, lat]) => [(lon - pts[0][0]) * kx, (lat - pts[0][1]) * METRES_PER_DEGREE_LAT]);
  let twice = 0;
  for (let i = 0; i < xy.length; i++) {
    const [x1, y1] = xy[i];
    const [x2, y2] = xy[(i + 1) % xy.length];
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

/**
 * Half-sizes in degrees of a box that holds every position within `radius` metres of `centre`
 * by the distance above. The longitude half-width uses the smallest cos(lat0) any such pair can
 * have, so the box never cuts a match off.
 */
export function searchBox(centre: Position, radius: number): [minLon: number, minLat: number, maxLon: number, maxLat: number] {
  const dLat = radius / METRES_PER_DEGREE_LAT;
  const worstLat = Math.min(89.9, Math.abs(centre[1]) + dLat / 2);
  const dLon = Math.min(180, radius / (Math.cos(rad(worstLat)) * METRES_PER_DEGREE_LON));
  return [centre[0] - dLon, centre[1] - dLat, centre[0] + dLon, centre[1] + dLat];
}

function isClosed(ring: readonly Position[]): boolean {
  const [a, b] = [ring[0], ring[ring.length - 1]];
  return ring.length > 1 && a[0] === b[0] && a[1] === b[1];
}

export const pointGeometry = (p: Position): PointGeometry => ({ type: 'Point', coordinates: [p[0], p[1]] });

/** A GeoJSON polygon from a ring (closed here if it is open). */
export function polygonGeometry(ring: readonly Position[]): PolygonGeometry {
  const closed = isClosed(ring)
    ? ring.map((p) => [p[0], p[1]] as Position)
    : [...ring.map((p) => [p[0], p[1]] as Position), [ring[0][0], ring[0][1]] as Position];
  return { type: 'Polygon', coordinates: [closed] };
}

/** A rectangle [minLon, minLat, maxLon, maxLat] as a counter-clockwise ring. */
export const boxRing = ([minLon, minLat, maxLon, maxLat]: readonly number[]): Position[] => [
  [minLon, minLat],
  [maxLon, minLat],
  [maxLon, maxLat],
  [minLon, maxLat],
];

// ---- PostgreSQL text forms -----------------------------------------------------------------

/** PostgreSQL `point` literal: (x,y). */
export const pgPoint = (p: Position) => `(${p[0]},${p[1]})`;

/** PostgreSQL `polygon` literal: ((x1,y1),…), the closing vertex implied. */
export function pgPolygon(ring: readonly Position[]): string {
  const open = isClosed(ring) ? ring.slice(0, -1) : ring;
  return `(${open.map(pgPoint).join(',')})`;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;

/** Parses PostgreSQL's text of a point or polygon into positions. */
function parsePositions(text: string): Position[] {
  const n = (text.match(NUMBER) ?? []).map(Number);
  const out: Position[] = [];
  for (let i = 0; i + 1 < n.length; i += 2) out.push([n[i], n[i + 1]]);
  return out;
}

// ---- MikroORM column types -----------------------------------------------------------------

/** `point` column ↔ GeoJSON Point. node-postgres already parses points into {x, y}. */
export class PointColumn extends Type<PointGeometry | null, string | null> {
  convertToDatabaseValue(value: PointGeometry | null): string | null {
    return value == null ? null : pgPoint(value.coordinates);
  }
  convertToJSValue(value: unknown): PointGeometry | null {
    if (value == null) return null;
    if (typeof value === 'object' && 'x' in value && 'y' in value) return pointGeometry([Number(value.x), Number(value.y)]);
    if (typeof value === 'object' && (value as PointGeometry).type === 'Point') return value as PointGeometry;
    return pointGeometry(parsePositions(String(value))[0]);
  }
  ensureComparable(): boolean {
    return false;
  }
  getColumnType(): string {
    return 'point';
  }
}

/** `polygon` column ↔ GeoJSON Polygon (one exterior ring). */
export class PolygonColumn extends Type<PolygonGeometry | null, string | null> {
  convertToDatabaseValue(value: PolygonGeometry | null): string | null {
    return value == null ? null : pgPolygon(value.coordinates[0]);
  }
  convertToJSValue(value: unknown): PolygonGeometry | null {
    if (value == null) return null;
    if (typeof value === 'object' && (value as PolygonGeometry).type === 'Polygon') return value as PolygonGeometry;
    return polygonGeometry(parsePositions(String(value)));
  }
  ensureComparable(): boolean {
    return false;
  }
  getColumnType(): string {
    return 'polygon';
  }
}
