/**
 * The floor: the same data as the three workloads, fetched by hand-written SQL from this process
 * with `pg`, as a hand-tuned service would: one pool per database, one round trip per database
 * per request (joins within a database), the databases after the first queried in parallel, the
 * result assembled and serialised to JSON. No HTTP, no token, no policy, no masking, no audit:
 * the cost of the data access alone, which no platform can beat.
 */
import { Pool, types } from 'pg';
import { databaseName, withDatabase } from '../platform/db/databases';
import { legalPersonKey, personKey } from '../platform/keys';
import type { OptionalPart } from './queries';
import { PAGE_SIZE } from './queries';

// Dates as the API returns them (YYYY-MM-DD), not as JS Date objects.
types.setTypeParser(1082, (v: string) => v);

type Row = Record<string, any>;
type Position = [number, number];

/** `(x,y)` → GeoJSON Point. */
function pointToGeoJson(text: string | null) {
  if (!text) return null;
  const [x, y] = text.replace(/[()]/g, '').split(',').map(Number);
  return { type: 'Point', coordinates: [x, y] as Position };
}

/** `((x1,y1),(x2,y2),…)` → GeoJSON Polygon with its ring closed. */
function polygonToGeoJson(text: string) {
  const nums = text.replace(/[()]/g, '').split(',').map(Number);
  const ring: Position[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) ring.push([nums[i], nums[i + 1]]);
  if (ring.length && (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1])) ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function licenceView(r: Row, on: string) {
  const status = r.status === 'VALID' && r.valid_to && r.valid_to < on ? 'EXPIRED' : r.status;
  return { number: r.number, status, type: { code: r.type_code } };
}

/** A simplified profile from the records (the counts and black-list test the platform computes). */
function profileOf(records: Row[], on: string) {
  const counts: Record<string, number> = {};
  const blacklists: string[] = [];
  const redLists: string[] = [];
  let recentPenalties = 0;
  for (const r of records) {
    counts[r.category] = (counts[r.category] ?? 0) + 1;
    const live = !r.repaired_date && (!r.valid_to || r.valid_to >= on) && (!r.publicity_end || r.publicity_end >= on);
    if (!live) continue;
    if (r.category === 'BLACK_LIST') blacklists.push(r.list_name);
    if (r.category === 'RED_LIST') redLists.push(r.list_name);
    if (r.category === 'ADMINISTRATIVE_PENALTY' && r.publicity_start) recentPenalties += 1;
  }
  const rating = blacklists.length ? 'D' : recentPenalties >= 2 ? 'C' : redLists.length ? 'A' : 'B';
  return { rating, onBlacklistNow: blacklists.length > 0, blacklists, redLists, recentPenalties, counts };
}

const groupBy = (rows: Row[], key: string) => {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const k = r[key] as string;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

const LEGAL_PERSON_COLUMNS = 'id, uscc, name, kind, status, registered_address, contact_phone, legal_representative_id';

export class Floor {
  private pools = new Map<string, Pool>();
  /** SQL statements sent so far (for SQL per request). */
  statements = 0;

  constructor(
    serverUrl: string,
    private readonly parts: ReadonlySet<OptionalPart>,
    poolMax: number,
  ) {
    for (const name of ['population', 'legal-person', ...parts]) {
      const pool = new Pool({ connectionString: withDatabase(serverUrl, databaseName(name)), max: poolMax });
      // An idle connection the server closes (shutdown) must not crash the bench before its cleanup.
      pool.on('error', () => {});
      this.pools.set(name, pool);
    }
  }

  private async query(db: string, sql: string, params: unknown[]): Promise<Row[]> {
    this.statements += 1;
    return (await this.pools.get(db)!.query(sql, params)).rows;
  }

  /** (a) One person by ID number. */
  async lookup(idNumber: string): Promise<string> {
    const rows = await this.query('population', 'SELECT gender, name, id_number, birth_date, household_division_code FROM person WHERE id = $1', [
      personKey(idNumber),
    ]);
    const p = rows[0];
    return JSON.stringify({
      personByIdNumber: p
        ? { gender: p.gender, name: p.name, idNumber: p.id_number, birthDate: p.birth_date, householdDivisionCode: p.household_division_code }
        : null,
    });
  }

  /** (b) One enterprise and its nested data. */
  async thematic(uscc: string): Promise<string> {
    const rows = await this.query('legal-person', `SELECT ${LEGAL_PERSON_COLUMNS} FROM legal_person WHERE id = $1`, [legalPersonKey(uscc)]);
    const [enterprise] = await this.nested(rows);
    return JSON.stringify({ legalPersonByUscc: enterprise ?? null });
  }

  /** (c) A page of 50 enterprises after a cursor (a legal-person key), with their nested data. */
  async page(afterKey: string): Promise<string> {
    const rows = await this.query('legal-person', `SELECT ${LEGAL_PERSON_COLUMNS} FROM legal_person WHERE id > $1 ORDER BY id LIMIT ${PAGE_SIZE}`, [afterKey]);
    const nodes = await this.nested(rows);
    return JSON.stringify({ legalPersons: { edges: nodes.map((node) => ({ node })) } });
  }

  /** Keys of all legal persons in the database's order (cursors of the page workload). */
  async legalPersonKeys(): Promise<string[]> {
    return (await this.query('legal-person', 'SELECT id FROM legal_person ORDER BY id', [])).map((r) => r.id as string);
  }

  /** The representatives, licences, credit records and geography of some legal persons: one
   *  query per database, all databases at once. */
  private async nested(enterprises: Row[]): Promise<Row[]> {
    if (!enterprises.length) return [];
    const lpIds = enterprises.map((e) => e.id as string);
    const repIds = [...new Set(enterprises.map((e) => e.legal_representative_id as string))];
    const holders = [...lpIds, ...repIds];
    const on = today();
    const [persons, licences, records, geo] = await Promise.all([
      this.query('population', 'SELECT id, name, id_number FROM person WHERE id = ANY($1)', [repIds]),
      this.parts.has('e-license')
        ? this.query('e-license', 'SELECT holder_id, number, type_code, status, valid_to FROM license WHERE holder_id = ANY($1) ORDER BY issue_date, id', [
            holders,
          ])
        : [],
      this.parts.has('credit')
        ? this.query(
            'credit',
            `SELECT subject_id, category, list_name, decision_date, valid_from, valid_to, publicity_start, publicity_end, repaired_date
             FROM credit_record WHERE subject_id = ANY($1) ORDER BY decision_date DESC, id`,
            [holders],
          )
        : [],
      this.parts.has('geospatial')
        ? this.query(
            'geospatial',
            `SELECT
             (SELECT coalesce(json_agg(json_build_object('lp', s.legal_person_id, 'text', a.text, 'location', a.location::text,
                       'code', d.code, 'name', d.name)), '[]')
                FROM legal_person_site s JOIN address a ON a.id = s.address_id JOIN administrative_division d ON d.code = a.division_code
               WHERE s.legal_person_id = ANY($1)) AS sites,
             (SELECT coalesce(json_agg(json_build_object('holder', p.holder_id, 'code', p.code, 'landUse', p.land_use,
                       'area', p.area_square_meters, 'boundary', p.boundary::text) ORDER BY p.code), '[]')
                FROM land_parcel p WHERE p.holder_id = ANY($2)) AS parcels`,
            [lpIds, holders],
          )
        : [],
    ]);
    const personById = new Map(persons.map((p) => [p.id as string, p]));
    const licencesOf = groupBy(licences, 'holder_id');
    const recordsOf = groupBy(records, 'subject_id');
    const siteOf = new Map<string, Row>(((geo[0]?.sites ?? []) as Row[]).map((s) => [s.lp as string, s]));
    const parcelsOf = groupBy((geo[0]?.parcels ?? []) as Row[], 'holder');
    return enterprises.map((e) => {
      const rep = personById.get(e.legal_representative_id);
      const out: Row = {
        name: e.name,
        uscc: e.uscc,
        kind: e.kind,
        status: e.status,
        registeredAddress: e.registered_address,
        contactPhone: e.contact_phone,
        legalRepresentative: rep ? { name: rep.name, idNumber: rep.id_number } : null,
      };
      const both = (fn: (holder: string) => unknown, field: string) => {
        out[field] = fn(e.id);
        if (rep) out.legalRepresentative[field] = fn(rep.id);
      };
      if (this.parts.has('e-license')) both((h) => (licencesOf.get(h) ?? []).map((l) => licenceView(l, on)), 'licenses');
      if (this.parts.has('credit')) both((h) => profileOf(recordsOf.get(h) ?? [], on), 'creditProfile');
      if (this.parts.has('geospatial')) {
        const site = siteOf.get(e.id);
        out.registeredLocation = site ? { text: site.text, location: pointToGeoJson(site.location), division: { code: site.code, name: site.name } } : null;
        both(
          (h) =>
            (parcelsOf.get(h) ?? []).map((p) => ({
              code: p.code,
              landUse: p.landUse,
              areaSquareMeters: p.area,
              boundary: polygonToGeoJson(p.boundary),
            })),
          'parcels',
        );
      }
      return out;
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.end().catch(() => {})));
  }
}
