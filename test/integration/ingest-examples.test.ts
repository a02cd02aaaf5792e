/**
 * Issue 11: every base database's example file of docs/exchange.md loads through the real CLI
 * (`npm run ingest`) into throw-away databases (`<prefix>_ingex_<subgraph>`), and a bad file of
 * each new database is refused whole, naming row, column and reason; another agency cannot load a
 * provider's database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { dropDatabase, withDatabase } from '../../platform/db/databases';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { DIVISIONS } from '../../reference/divisions';
import { legalPersonKey, personKey } from '../../platform/keys';
import { boxRing, pgPoint, pgPolygon } from '../../subgraphs/geospatial/geometry';
import { signedFields } from '../../subgraphs/e-license/resolvers';
import { verifyLicenseSignature } from '../../subgraphs/e-license/signing';
import type { LicenseEntity } from '../../subgraphs/e-license/entities';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'hy-ingex-'));
const prefix = () => `${process.env.DATABASE_PREFIX}_ingex`;
const dbName = (subgraph: string) => `${prefix()}_${subgraph.replace(/-/g, '_')}`;

async function ingest(subgraph: string, file: string, agency: string, extra: string[] = []) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(root, 'dist/scripts/ingest.js'), subgraph, file, '--agency', agency, '--operator', 'loader-9', ...extra],
      { env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, DATABASE_PREFIX: prefix() } },
    );
    return { code: 0, out: stdout, err: stderr };
  } catch (e: any) {
    return { code: e.code as number, out: String(e.stdout), err: String(e.stderr) };
  }
}

async function query<T = any>(subgraph: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: withDatabase(process.env.TEST_DATABASE_URL!, dbName(subgraph)) });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  for (const s of ['population', 'legal-person', 'credit', 'geospatial', 'e-license']) await dropDatabase(process.env.TEST_DATABASE_URL!, dbName(s));
});

test('geospatial: without the division register (reference data, loaded by the seed) the parcels are refused, naming the division', async () => {
  const r = await ingest('geospatial', path.join(root, 'docs/examples/geospatial-parcels.ndjson'), 'natural-resources');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^row 1 \(line 1\), divisionCode: names a division that is not in the division register/m);
  expect(await query('geospatial', `SELECT count(*)::int AS n FROM land_parcel`)).toEqual([{ n: 0 }]);
  // The GB/T 2260 release, as the seed loads it.
  for (const d of DIVISIONS) {
    await query(
      'geospatial',
      `INSERT INTO administrative_division (code, name, full_name, level, parent_code, centre, boundary) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [d.code, d.name, d.fullName, d.level, d.parentCode, pgPoint([...d.centre]), pgPolygon(boxRing(d.bbox))],
    );
  }
});

test.each([
  ['population', 'docs/examples/population-persons.csv', 'public-security', [], /3 Person rows: 3 new/],
  ['geospatial', 'docs/examples/geospatial-parcels.ndjson', 'natural-resources', [], /3 LandParcel rows: 3 new/],
  ['population', 'docs/examples/population-households.csv', 'public-security', ['--type', 'Household'], /Household rows: \d+ new/],
  ['legal-person', 'docs/examples/legal-person.csv', 'market-regulation', [], /3 LegalPerson rows: 3 new/],
  ['credit', 'docs/examples/credit-records.ndjson', 'development-reform', [], /3 CreditRecord rows: 3 new/],
  ['e-license', 'docs/examples/e-license.ndjson', 'market-regulation', [], /2 License rows: 2 new/],
])('%s: %s loads as its provider', async (subgraph, file, agency, extra, expected) => {
  const r = await ingest(subgraph, path.join(root, file), agency, extra);
  expect(r.err).not.toMatch(/^row /m);
  expect(r).toMatchObject({ code: 0 });
  expect(r.out).toMatch(expected);
});

test('legal-person: the operator’s name is split out of an individual business’s name; the home declaration is kept; history records the provider', async () => {
  const rows = await query('legal-person', `SELECT uscc, name, operator_name, registered_at_home FROM legal_person ORDER BY uscc`);
  const shop = rows.find((r) => r.uscc === '92430423MAEC71QG0M');
  expect(shop).toMatchObject({ name: '个体工商户（{经营者}）', operator_name: '徐桂英', registered_at_home: true });
  expect(rows.find((r) => r.uscc === '91430421402176535R')).toMatchObject({ operator_name: null, registered_at_home: false });
  const history = await query('legal-person', `SELECT agency, operator, source, kind, count(*)::int AS n FROM record_change GROUP BY 1, 2, 3, 4`);
  expect(history).toEqual([{ agency: 'market-regulation', operator: 'loader-9', source: 'ingest', kind: 'INSERT', n: 3 }]);
});

test('legal-person: a bad file is refused whole, every problem named by row, column and reason; a row without the home declaration is taken as at home', async () => {
  const good = readFileSync(path.join(root, 'docs/examples/legal-person.csv'), 'utf8').trim().split('\n');
  const header = good[0].split(',').filter((c) => c !== 'registeredAtHome');
  const cut = (line: string) => {
    // The example's cells hold no quoted commas: drop the registeredAtHome cell (index 11).
    const cells = line.split(',');
    cells.splice(11, 1);
    return cells;
  };
  const rows = good.slice(1).map(cut);
  const bad = rows.map((r) => [...r]);
  bad[0][0] = '91430421402176535X'; // USCC check character
  bad[1][header.indexOf('registeredDivisionCode')] = '110101';
  bad[2][header.indexOf('legalRepresentative')] = '430421197808217590';
  const file = path.join(dir, 'bad-legal.csv');
  writeFileSync(file, [header.join(','), ...bad.map((r) => r.join(','))].join('\n') + '\n');
  const before = await query('legal-person', `SELECT count(*)::int AS n FROM record_change`);
  const r = await ingest('legal-person', file, 'market-regulation');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^row 1 \(line 2\), uscc: /m);
  expect(r.err).toMatch(/^row 2 \(line 3\), registeredDivisionCode: 110101 is not a division code of Hengyang/m);
  expect(r.err).toMatch(/^row 3 \(line 4\), legalRepresentative: /m);
  expect(r.err).toMatch(/3 problem\(s\) in 3 rows; nothing was loaded/);
  expect(await query('legal-person', `SELECT count(*)::int AS n FROM record_change`)).toEqual(before);

  // Without the column: an existing record keeps its declaration, a new one is taken as at home
  // (served as Person.householdAddress until the provider declares otherwise).
  const lp = syntheticLegalPerson(40, 2000);
  const fresh = [...rows[2]];
  fresh[0] = lp.uscc;
  const okFile = path.join(dir, 'no-declaration.csv');
  writeFileSync(okFile, [header.join(','), rows[0].join(','), fresh.join(',')].join('\n') + '\n');
  expect(await ingest('legal-person', okFile, 'market-regulation')).toMatchObject({ code: 0 });
  const stored = await query('legal-person', `SELECT uscc, registered_at_home FROM legal_person WHERE uscc = ANY($1)`, [[rows[0][0], lp.uscc]]);
  expect(Object.fromEntries(stored.map((x) => [x.uscc, x.registered_at_home]))).toEqual({ [rows[0][0]]: false, [lp.uscc]: true });
});

test('credit: a penalty without severity, a PERSON subject given as a USCC, and a period ending before it starts are reported; nothing loads', async () => {
  const lines = readFileSync(path.join(root, 'docs/examples/credit-records.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const penalty = lines.find((l) => l.category === 'ADMINISTRATIVE_PENALTY');
  const licence = lines.find((l) => l.category === 'ADMINISTRATIVE_LICENSING');
  const bad = [
    { ...penalty, decisionNumber: 'X-1', severity: null },
    { ...licence, decisionNumber: 'X-2', subjectKind: 'PERSON' },
    { ...licence, decisionNumber: 'X-3', validTo: '2020-01-01' },
  ];
  const file = path.join(dir, 'bad-credit.ndjson');
  writeFileSync(file, bad.map((b) => JSON.stringify(b)).join('\n') + '\n');
  const r = await ingest('credit', file, 'development-reform');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^row 1 \(line 1\), severity: is required for an ADMINISTRATIVE_PENALTY/m);
  expect(r.err).toMatch(/^row 2 \(line 2\), subject: a PERSON's subject is a citizen ID number/m);
  expect(r.err).toMatch(/^row 3 \(line 3\), validTo: 2020-01-01 is before validFrom/m);
  expect(await query('credit', `SELECT count(*)::int AS n FROM credit_record WHERE decision_number LIKE 'X-%'`)).toEqual([{ n: 0 }]);
});

test('geospatial: the boundary is stored as a polygon with its area, the division comes from the code, the holder is a key; history records the provider', async () => {
  const rows = await query('geospatial', `SELECT code, land_use, division_code, area_square_meters, holder_kind, holder_id FROM land_parcel ORDER BY code`);
  expect(rows.map((r) => [r.code, r.land_use, r.division_code])).toEqual([
    ['430405001002GB00342', '05', '430405'],
    ['430408002004GB00011', '07', '430408'],
    ['430421105003JC00207', '01', '430421'],
  ]);
  // 0.0008° × 0.0006° at 26.89°N: about 79.4 m × 66.3 m.
  expect(rows[1].area_square_meters).toBeGreaterThan(5200);
  expect(rows[1].area_square_meters).toBeLessThan(5300);
  expect(rows[1].holder_id).toBe(personKey('430407200108113422'));
  const history = await query('geospatial', `SELECT agency, operator, source, kind, count(*)::int AS n FROM record_change GROUP BY 1, 2, 3, 4`);
  expect(history).toEqual([{ agency: 'natural-resources', operator: 'loader-9', source: 'ingest', kind: 'INSERT', n: 3 }]);
});

test('geospatial: a bad code, a crossing ring, a ring outside its division, an open ring and a holder of the wrong kind are reported; nothing loads', async () => {
  const [first] = readFileSync(path.join(root, 'docs/examples/geospatial-parcels.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const ring = (coordinates: number[][]) => ({ type: 'Polygon', coordinates: [coordinates] });
  const bad = [
    { ...first, code: '430400002004GB00099' },
    {
      ...first,
      code: '430408002004GB00098',
      boundary: ring([
        [112.55, 26.89],
        [112.551, 26.891],
        [112.551, 26.89],
        [112.55, 26.891],
        [112.55, 26.89],
      ]),
    },
    {
      ...first,
      code: '430408002004GB00097',
      boundary: ring([
        [112.7, 26.89],
        [112.701, 26.89],
        [112.701, 26.891],
        [112.7, 26.89],
      ]),
    },
    {
      ...first,
      code: '430408002004GB00096',
      boundary: ring([
        [112.55, 26.89],
        [112.551, 26.89],
        [112.551, 26.891],
        [112.55, 26.891],
      ]),
    },
    { ...first, code: '430408002004GB00095', holder: '91430421402176535R' },
  ];
  const file = path.join(dir, 'bad-parcels.ndjson');
  writeFileSync(file, bad.map((b) => JSON.stringify(b)).join('\n') + '\n');
  const r = await ingest('geospatial', file, 'natural-resources');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^row 1 \(line 1\), code: begins with 430400, the city/m);
  expect(r.err).toMatch(/^row 2 \(line 2\), boundary: ring crosses itself/m);
  expect(r.err).toMatch(/^row 3 \(line 3\), boundary: position 0 lies outside division 430408/m);
  expect(r.err).toMatch(/^row 4 \(line 4\), boundary: ring must be closed/m);
  expect(r.err).toMatch(/^row 5 \(line 5\), holder: .*\(holderKind PERSON\)/m);
  expect(r.err).toMatch(/5 problem\(s\) in 5 rows; nothing was loaded/);
  expect(await query('geospatial', `SELECT count(*)::int AS n FROM land_parcel WHERE code LIKE '430408002004GB0009%'`)).toEqual([{ n: 0 }]);
});

test.each([
  ['geospatial', 'docs/examples/geospatial-parcels.ndjson', 'land-resources-bureau'],
  ['legal-person', 'docs/examples/legal-person.csv', 'public-security'],
  ['credit', 'docs/examples/credit-records.ndjson', 'market-regulation'],
])('%s: another agency (%s…) cannot load the provider’s database', async (subgraph, file, agency) => {
  const r = await ingest(subgraph, path.join(root, file), agency);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/is not the provider of .*: refused/);
});

// ---- e-license: loaded by each kind's provider, signed by the platform -------------------------------

const LICENCE_ROWS = `SELECT id, number, type_code AS "typeCode", holder_id AS "holderId", issuer_code AS "issuerCode", issuer_name AS "issuerName",
  to_char(issue_date, 'YYYY-MM-DD') AS "issueDate", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo",
  content, signature, salt FROM license ORDER BY number`;

test('e-license: the platform signs each ingested licence with its issuer’s key and a fresh salt; the verification path accepts it', async () => {
  const rows = await query<LicenseEntity>('e-license', LICENCE_ROWS);
  expect(rows.map((r) => [r.number, r.typeCode, r.holderId, r.issuerName])).toEqual([
    ['91430421402176535R', 'BUSINESS_LICENSE', legalPersonKey('91430421402176535R'), '衡阳县市场监督管理局'],
    ['92430423MAEC71QG0M', 'BUSINESS_LICENSE', legalPersonKey('92430423MAEC71QG0M'), '衡山县市场监督管理局'],
  ]);
  // verifyLicense checks a stored licence with signedFields + verifyLicenseSignature (resolvers.ts).
  for (const r of rows) expect(verifyLicenseSignature(signedFields(r), r.signature)).toBe(true);
  expect(new Set(rows.map((r) => r.salt)).size).toBe(2);
  // Altered content no longer verifies: the signature covers what the file said.
  expect(verifyLicenseSignature({ ...signedFields(rows[0]), content: { ...rows[0].content, 名称: '别的公司' } }, rows[0].signature)).toBe(false);
});

test.each(['public-security', 'data-bureau'])(
  'e-license: %s (another kind’s provider, or the hosting bureau) cannot load market regulation’s licences: every row refused, nothing loads',
  async (agency) => {
    const before = await query('e-license', LICENCE_ROWS);
    const r = await ingest('e-license', path.join(root, 'docs/examples/e-license.ndjson'), agency);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^row 1 \\(line 1\\), number: is provided by market-regulation, not by ${agency}: refused`, 'm'));
    expect(r.err).toMatch(/^row 2 \(line 2\), number: is provided by market-regulation/m);
    expect(await query('e-license', LICENCE_ROWS)).toEqual(before);
  },
);

test('e-license: an agency that provides no licence kind is refused before the file is read', async () => {
  const r = await ingest('e-license', path.join(root, 'docs/examples/e-license.ndjson'), 'development-reform');
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/is not the provider of e-license .*: refused/);
});

test('e-license: a signature or salt in a file is never accepted (NDJSON: a row problem; CSV: the file is refused); the stored signature stays the platform’s', async () => {
  const before = await query<LicenseEntity>('e-license', LICENCE_ROWS);
  const [first] = readFileSync(path.join(root, 'docs/examples/e-license.ndjson'), 'utf8').trim().split('\n');
  const forged = { ...JSON.parse(first), signature: before[1].signature, salt: before[1].salt };
  const nd = path.join(dir, 'signed.ndjson');
  writeFileSync(nd, JSON.stringify(forged) + '\n');
  const r = await ingest('e-license', nd, 'market-regulation');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^row 1 \(line 1\), \*: the record has unknown field\(s\) signature, salt/m);
  const csv = path.join(dir, 'signed.csv');
  writeFileSync(csv, 'type,number,signature\nBUSINESS_LICENSE,91430421402176535R,AAAA\n');
  const c = await ingest('e-license', csv, 'market-regulation', ['--format', 'csv']);
  expect(c.code).toBe(1);
  expect(c.err).toMatch(/unknown column\(s\) signature/);
  expect(await query('e-license', LICENCE_ROWS)).toEqual(before);
});

test('e-license: a holder of the wrong kind, a number not of its type, an issuer of another kind, validTo before validFrom and an undeclared content key are reported; nothing loads', async () => {
  const before = await query('e-license', LICENCE_ROWS);
  const [first] = readFileSync(path.join(root, 'docs/examples/e-license.ndjson'), 'utf8').trim().split('\n');
  const base = JSON.parse(first);
  const bad = [
    { ...base, holderKind: 'PERSON' },
    { ...base, number: 'JY24304080012345' },
    { ...base, issuer: 'public-security-430421' },
    { ...base, validTo: '2001-01-01' },
    { ...base, content: { ...base.content, secretNote: 'x' } },
    { ...base, status: 'EXPIRED' },
    { ...base, holder: '91430421402176535X' },
  ];
  const file = path.join(dir, 'bad-licences.ndjson');
  writeFileSync(file, bad.map((b) => JSON.stringify(b)).join('\n') + '\n');
  const r = await ingest('e-license', file, 'market-regulation');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^row 1 \(line 1\), holderKind: a 营业执照 is held by LEGAL_PERSON, not PERSON/m);
  expect(r.err).toMatch(/^row 2 \(line 2\), number: .*营业执照/m);
  expect(r.err).toMatch(/^row 3 \(line 3\), issuer: a 营业执照 is issued by a MARKET_REGULATION agency, not public-security-430421/m);
  expect(r.err).toMatch(/^row 4 \(line 4\), validTo: 2001-01-01 is before validFrom 2010-02-26/m);
  expect(r.err).toMatch(/^row 5 \(line 5\), content: keys without a declared item of 营业执照: secretNote/m);
  expect(r.err).toMatch(/^row 6 \(line 6\), status: must be one of VALID, REVOKED, SUSPENDED/m);
  expect(r.err).toMatch(/^row 7 \(line 7\), holder: .*holderKind LEGAL_PERSON/m);
  expect(await query('e-license', LICENCE_ROWS)).toEqual(before);
});
