/**
 * What a file or an update of 自然资源和空间地理基础库 holds (issue 11): one row per parcel (宗地),
 * named by its 宗地代码, held to the API's rules. Divisions are national reference data (GB/T 2260,
 * changed by release, not by file) and standard addresses follow the household register; parcels
 * are what natural-resources registers, so they are what it loads.
 *
 * - `code`: the 19-character 宗地代码 (as `parcel(code:)` validates it), whose first six digits must
 *   be a county-level unit of Hengyang: the parcel's division is derived from it, never given apart.
 * - `boundary`: a GeoJSON Polygon (RFC 7946) with one closed exterior ring of 4–1,000 WGS84
 *   positions, no self-intersection, a positive area, inside its division's extent; stored as
 *   PostgreSQL's polygon text, its area (m², the API's projection) derived from it.
 * - `holder`: the right holder's citizen ID number (holderKind PERSON) or USCC (LEGAL_PERSON),
 *   stored as the pseudonymous key; not a LandParcel field (who holds land is served through
 *   holderPerson / holderLegalPerson under their own policy), so never in a consumer's change view.
 */
import { idNumber, oneOf, optional, decimal, required, RuleError, uscc, type FieldProblem, type Rule } from '../../platform/ingest/rules';
import type { IngestSpec } from '../../platform/ingest/spec';
import { legalPersonKey, personKey } from '../../platform/keys';

/** The parcel's pseudonymous key, as the seed keys it (seed/geospatial.ts). */
const parcelKey = (code: string) => pseudonymousKey('land-parcel', code.toUpperCase());
import { divisionByCode } from '../../reference/divisions';
import { pseudonymousKey } from '../../platform/keys';
import { pgPolygon, ringAreaSquareMeters, type Position } from './geometry';
import { LandUseClass, RightHolderKind } from './types';

export const PARCEL_COLUMNS: Record<string, string> = {
  code: 'code',
  landUse: 'land_use',
  boundary: 'boundary',
  holderKind: 'holder_kind',
  holder: 'holder_id',
  transactionPrice: 'transaction_price',
};

const MAX_VERTICES = 1000;

const parcelCode: Rule<string> = (raw) => {
  const code = (raw ?? '').trim().toUpperCase();
  if (!/^\d{12}[GJZ][A-Z]\d{5}$/.test(code)) {
    throw new RuleError(
      `must be a 19-character 宗地代码 (6-digit division, 3-digit 地籍区, 3-digit 地籍子区, 宗地特征码, 5-digit serial), got ${JSON.stringify(raw)}`,
    );
  }
  const division = code.slice(0, 6);
  let level: string;
  try {
    level = divisionByCode(division).level;
  } catch {
    throw new RuleError(`begins with ${division}, not a county-level division code of Hengyang`);
  }
  if (level === 'CITY') throw new RuleError(`begins with ${division}, the city; a parcel lies in a county-level unit`);
  return code;
};

/** LandUseClass by name (RESIDENTIAL), as GraphQL spells it, or by its GB/T 21010 code (07); stored as the code. */
const landUse: Rule<string> = (raw) => {
  const v = (raw ?? '').trim();
  const byName = (LandUseClass as Record<string, string>)[v];
  if (byName) return byName;
  if ((Object.values(LandUseClass) as string[]).includes(v)) return v;
  throw new RuleError(`must be a LandUseClass (${Object.keys(LandUseClass).join(', ')}) or its code 01…12, got ${JSON.stringify(v)}`);
};

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
/** Whether segments ab and cd cross or touch (collinear overlaps included). */
function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const on = (p: Position, q: Position, r: Position) =>
    cross(p, q, r) === 0 && Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return on(c, d, a) || on(c, d, b) || on(a, b, c) || on(a, b, d);
}

/** A GeoJSON Polygon with one simple closed ring; returns the ring (closed). */
export function polygonRing(raw: string): Position[] {
  let g: unknown;
  try {
    g = JSON.parse(raw);
  } catch {
    throw new RuleError('must be a GeoJSON Polygon object ({"type":"Polygon","coordinates":[[[lon,lat],…]]}), got text that is not JSON');
  }
  const geo = g as { type?: unknown; coordinates?: unknown };
  if (!geo || typeof geo !== 'object' || geo.type !== 'Polygon' || !Array.isArray(geo.coordinates))
    throw new RuleError('must be a GeoJSON object of type "Polygon"');
  if (geo.coordinates.length !== 1) throw new RuleError(`must have exactly one ring (the exterior; holes are not kept), got ${geo.coordinates.length}`);
  const ring = geo.coordinates[0] as unknown;
  if (!Array.isArray(ring) || ring.length < 4 || ring.length > MAX_VERTICES + 1)
    throw new RuleError(`ring must hold 4 to ${MAX_VERTICES + 1} positions (closed)`);
  const positions = ring.map((p: unknown, i): Position => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      throw new RuleError(`position ${i} must be [longitude, latitude] as two numbers`);
    }
    const [lon, lat] = p as [number, number];
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw new RuleError(`position ${i} is outside WGS84 (longitude −180…180, latitude −90…90)`);
    return [lon, lat];
  });
  const [first, last] = [positions[0], positions[positions.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) throw new RuleError('ring must be closed (its last position equal to its first)');
  const n = positions.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue; // neighbours share a vertex
      if (segmentsMeet(positions[i], positions[i + 1], positions[j], positions[j + 1])) throw new RuleError(`ring crosses itself (edges ${i} and ${j})`);
    }
  }
  if (ringAreaSquareMeters(positions) <= 0) throw new RuleError('ring has no area');
  return positions;
}

/** Across fields: the boundary inside the code's division, the holder's key by its kind; derives division and area. */
function checkParcel(values: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof values.boundary === 'string' && values.boundary.startsWith('{')) {
    // (An update may give a boundary without a code: the extent check needs the code, so it runs when both are given.)
    const ring = polygonRing(values.boundary);
    values.areaSquareMeters = Math.round(ringAreaSquareMeters(ring) * 100) / 100;
    if (typeof values.code === 'string') {
      const [minLon, minLat, maxLon, maxLat] = divisionByCode(values.code.slice(0, 6)).bbox;
      const outside = ring.findIndex(([lon, lat]) => lon < minLon || lon > maxLon || lat < minLat || lat > maxLat);
      if (outside >= 0) problems.push({ field: 'boundary', reason: `position ${outside} lies outside division ${values.code.slice(0, 6)}'s extent` });
    }
    values.boundary = pgPolygon(ring);
  }
  if (typeof values.code === 'string') values.divisionCode = values.code.slice(0, 6);
  if ('holder' in values || 'holderKind' in values) {
    if (typeof values.holder !== 'string' || typeof values.holderKind !== 'string') {
      problems.push({ field: 'holder', reason: 'holder and holderKind are given together' });
    } else {
      try {
        values.holder = values.holderKind === 'PERSON' ? personKey(idNumber(values.holder)) : legalPersonKey(uscc(values.holder));
      } catch (e) {
        problems.push({ field: 'holder', reason: `${e instanceof Error ? e.message : String(e)} (holderKind ${values.holderKind})` });
      }
    }
  }
  return problems;
}

/** The boundary's rule per value: GeoJSON text here, its checks in checkParcel (they derive the area). */
const geoJson: Rule<string> = (raw) => {
  polygonRing((raw ?? '').trim());
  return (raw ?? '').trim();
};

export const PARCEL_INGEST: IngestSpec = {
  typeName: 'LandParcel',
  table: 'land_parcel',
  keyField: 'code',
  columns: PARCEL_COLUMNS,
  derivedColumns: { divisionCode: 'division_code', areaSquareMeters: 'area_square_meters' },
  rules: {
    code: required(parcelCode),
    landUse: required(landUse),
    boundary: required(geoJson),
    holderKind: required(oneOf(Object.values(RightHolderKind))),
    holder: required((raw) => (raw ?? '').trim()),
    transactionPrice: optional(decimal(0)),
  },
  check: checkParcel,
  keyOf: parcelKey,
  optionalFields: ['transactionPrice'],
  internalFields: ['holder'],
  // The division register is reference data (GB/T 2260 releases, loaded by the seed): a parcel's division must be in it.
  references: [
    {
      field: 'divisionCode',
      table: 'administrative_division',
      column: 'code',
      reason: 'names a division that is not in the division register (GB/T 2260 release not loaded)',
    },
  ],
};
