/**
 * Every query shape the base databases' resolvers generate uses an index at city scale (issue 15).
 *
 * The shared test platform exports a span per SQL statement with its text (placeholders, never
 * values: platform/observability/sql-spans.ts). This file listens for them, runs the operations of
 * every root field of the five base databases plus the benchmark's three workloads (which reach
 * every entity resolver through `_entities`), and EXPLAINs each distinct statement on its database:
 *
 * - as a generic plan (PREPARE, plan_cache_mode = force_generic_plan): the shape, not one value;
 * - with enable_seqscan = off: the planner then takes any index that can serve the statement, so
 *   a Seq Scan left in the plan means no index can. This is what makes a 1,000-person database
 *   answer for 6.6 million: with sequential scans allowed, the planner rightly scans small tables.
 *
 * A Seq Scan is a failure on a table that would hold over 100,000 rows at 6.6 million persons
 * (its rows here × 6,600,000 / persons here); the small reference tables (divisions, licence
 * types) may be scanned. The test also fails when a root field of a base database is not
 * exercised, so a new resolver comes with its query here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { asAgency, gql } from '../support/client';
import { otlpPort } from '../support/env';
import { withDb } from '../support/db';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticPerson } from '../../seed/synthetic/people';
import { LOOKUP, pageQuery, THEMATIC_CALLER, thematicQuery, OPTIONAL_PARTS, type OptionalPart } from '../../bench/queries';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';

const CITY = 6_600_000;
const BIG = 100_000;
const BASE = ['population', 'legal-person', 'geospatial', 'e-license', 'credit'];
let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver(otlpPort());
});
afterAll(async () => {
  await receiver?.close();
});

/** knex's `?` placeholders as PostgreSQL's $n (outside quotes; `??` is knex's escaped `?`). */
function numbered(raw: string): { text: string; params: number } {
  // Spans keep a statement's text up to a length limit: a long IN list of keys may be cut off.
  // Either way the list becomes one parameter, which plans like a list of keys.
  const sql = raw.replace(/(?<!not) in \(('[^']*'(, )?)+\)/gi, ' = ANY(?)').replace(/(?<!not) in \(('[^']*'(, )?)*('[^']*)?$/i, ' = ANY(?)');
  let n = 0;
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      out += c;
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '?' && sql[i + 1] === '?') {
      out += '?';
      i++;
    } else if (c === '?') out += `$${++n}`;
    else out += c;
  }
  const dollar = [...sql.matchAll(/\$(\d+)/g)].reduce((m, x) => Math.max(m, Number(x[1])), 0);
  return { text: out, params: Math.max(n, dollar) };
}

/** Tables scanned sequentially in the generic plan of `sql` with sequential scans discouraged. */
async function seqScans(c: Client, sql: string): Promise<string[]> {
  const { text, params } = numbered(sql);
  await c.query('DEALLOCATE ALL');
  await c.query(`PREPARE shape AS ${text}`).catch((e: unknown) => {
    throw new Error(`${(e as Error).message}: ${sql}`);
  });
  const args = params ? `(${Array.from({ length: params }, () => 'NULL').join(', ')})` : '';
  const { rows } = await c.query(`EXPLAIN (FORMAT JSON) EXECUTE shape${args}`);
  const found: string[] = [];
  const walk = (node: { 'Node Type': string; 'Relation Name'?: string; Plans?: unknown[] }) => {
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) found.push(node['Relation Name']);
    for (const p of node.Plans ?? []) walk(p as typeof node);
  };
  walk((rows[0]['QUERY PLAN'] as { Plan: Parameters<typeof walk>[0] }[])[0].Plan);
  return found;
}

test('every statement of the base databases uses an index on every table that is big at 6.6 million persons', async () => {
  const scale = Number(process.env.TEST_SEED_SCALE);
  const person = syntheticPerson(3);
  const lp = syntheticLegalPerson(2, scale);
  const ids = {
    person: await withDb('population', async (c) => (await c.query('SELECT id, household_id FROM person WHERE id_number = $1', [person.idNumber])).rows[0]),
    licence: await withDb('e-license', async (c) => (await c.query(`SELECT number, type_code, holder_id, content FROM license ORDER BY id LIMIT 1`)).rows[0]),
    parcel: await withDb('geospatial', async (c) => (await c.query(`SELECT code, point(boundary)::text AS p FROM land_parcel ORDER BY id LIMIT 1`)).rows[0]),
    credit: await withDb('credit', async (c) => (await c.query('SELECT id, decision_number FROM credit_record ORDER BY id LIMIT 1')).rows[0]),
    legalPerson: await withDb('legal-person', async (c) => (await c.query('SELECT id FROM legal_person WHERE uscc = $1', [lp.uscc])).rows[0]),
  };
  const [lon, lat] = String(ids.parcel.p).replace(/[()]/g, '').split(',').map(Number);
  const parts = new Set(Object.keys(OPTIONAL_PARTS) as OptionalPart[]);
  const operations: [string, string, Record<string, unknown>][] = [
    ['public-security', LOOKUP.query, { idNumber: person.idNumber }],
    [THEMATIC_CALLER.agency, thematicQuery(parts), { uscc: lp.uscc }],
    [THEMATIC_CALLER.agency, pageQuery(parts), {}],
    ['public-security', '{ persons(first: 5, divisionCode: "430405", bornFrom: "1980-01-01", bornTo: "1990-12-31") { edges { node { name } } } }', {}],
    ['public-security', 'query($id: ID!) { person(id: $id) { name household { householdNumber members { name } } } }', { id: ids.person.id }],
    ['public-security', 'query($id: ID!) { household(id: $id) { householdNumber } }', { id: ids.person.household_id }],
    ['market-regulation', '{ legalPersons(first: 5, divisionCode: "430405", status: ACTIVE) { edges { node { name } } } }', {}],
    ['market-regulation', '{ legalPersons(first: 5, name: "衡阳") { edges { node { name } } } }', {}],
    ['market-regulation', 'query($id: ID!) { legalPerson(id: $id) { name } }', { id: ids.legalPerson.id }],
    ['data-bureau', 'query($n: String!, $t: String) { license(number: $n, type: $t) { number } }', { n: ids.licence.number, t: ids.licence.type_code }],
    ['data-bureau', 'query($h: ID!) { licensesOf(holderId: $h, status: VALID) { number } }', { h: ids.licence.holder_id }],
    [
      'data-bureau',
      'query($n: String!, $t: String, $c: JSON!) { verifyLicense(number: $n, type: $t, content: $c) { valid } }',
      { n: ids.licence.number, t: ids.licence.type_code, c: ids.licence.content },
    ],
    ['natural-resources', '{ division(code: "430405") { name } }', {}],
    ['natural-resources', 'query($c: String!) { parcel(code: $c) { code } }', { c: ids.parcel.code }],
    ['natural-resources', 'query($lat: Float!, $lon: Float!) { parcelAt(lat: $lat, lon: $lon) { code } }', { lat, lon }],
    [
      'natural-resources',
      'query($b: [Float!]!) { parcelsWithin(bbox: $b, first: 5) { edges { node { code } } } }',
      { b: [lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01] },
    ],
    ['development-reform', 'query($id: ID!) { creditRecord(id: $id) { listName } }', { id: ids.credit.id }],
    ['development-reform', 'query($d: String!) { creditRecordByDecisionNumber(decisionNumber: $d) { listName } }', { d: ids.credit.decision_number }],
    ['development-reform', '{ creditRecords(first: 5, subjectKind: LEGAL_PERSON, inPublicityOn: "2024-06-01") { edges { node { listName } } } }', {}],
    ['development-reform', 'query($u: String!) { creditProfileByUscc(uscc: $u) { asOf } }', { u: lp.uscc }],
    ['development-reform', '{ creditRecordChangesSince(since: "2020-01-01T00:00:00Z", first: 5) { edges { cursor } } }', {}],
    ['market-regulation', '{ legalPersonChangesSince(since: "2020-01-01T00:00:00Z", first: 5) { edges { cursor } } }', {}],
    ['natural-resources', '{ landParcelChangesSince(since: "2020-01-01T00:00:00Z", first: 5) { edges { cursor } } }', {}],
    ['market-regulation', '{ licenseChangesSince(since: "2020-01-01T00:00:00Z", first: 5) { edges { cursor } } }', {}],
    ['data-bureau', '{ licenseTypes { code } }', {}],
    ['data-bureau', '{ licenseIssuers { agency } }', {}],
    [
      'natural-resources',
      'query($lat: Float!, $lon: Float!) { addressesNear(lat: $lat, lon: $lon, radiusMeters: 500, first: 5) { address { __typename } } }',
      { lat, lon },
    ],
    ['public-security', '{ personChangesSince(since: "2020-01-01T00:00:00Z", first: 5) { edges { node { __typename } } } }', {}],
    ['public-security', '{ householdChangesSince(since: "2020-01-01T00:00:00Z", first: 5) { edges { node { __typename } } } }', {}],
  ];
  const asked = new Set<string>();
  for (const [agency, query, variables] of operations) {
    const purpose =
      agency === THEMATIC_CALLER.agency ? THEMATIC_CALLER.purpose : agency === 'public-security' && query === LOOKUP.query ? LOOKUP.purpose : undefined;
    const r = await gql(query, variables, await asAgency(agency, purpose));
    expect([query, r.status]).toEqual([query, 200]);
    for (const m of query.matchAll(/[{(]\s*(\w+)\s*[(:{]/g)) asked.add(m[1]);
  }

  // Every root field of a base database is exercised (a new one needs its query above).
  const supergraph = fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  const graphs = BASE.map((b) => b.toUpperCase().replace('-', '_'));
  const queryType = parse(supergraph).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query',
  )!;
  const rootFields = (queryType.fields ?? [])
    .filter((f) =>
      f.directives?.some(
        (d) =>
          d.name.value === 'join__field' && d.arguments?.some((a) => a.name.value === 'graph' && a.value.kind === Kind.ENUM && graphs.includes(a.value.value)),
      ),
    )
    .map((f) => f.name.value);
  expect(rootFields.filter((f) => !asked.has(f))).toEqual([]);

  // The spans arrive in batches (every 0.5 s): poll, with a generous ceiling, until they settle.
  const statements = new Map<string, Set<string>>();
  let last = -1;
  for (const until = Date.now() + 30_000; Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 1000));
    for (const s of receiver.spans) {
      const sql = s.attributes['db.query.text'];
      // Only statements inside a request (a span with a parent): not the boot's seed and count scans.
      if (typeof sql === 'string' && s.parentSpanId && BASE.includes(s.service) && /^\s*(select|with|update|delete)/i.test(sql)) {
        (statements.get(s.service) ?? statements.set(s.service, new Set()).get(s.service)!).add(sql);
      }
    }
    const n = [...statements.values()].reduce((a, x) => a + x.size, 0);
    if (n === last && BASE.every((b) => statements.has(b))) break;
    last = n;
  }
  expect(BASE.filter((b) => !statements.has(b))).toEqual([]);

  const failures: string[] = [];
  for (const [subgraph, sqls] of statements) {
    await withDb(subgraph, async (c) => {
      // Rows per person here, times the city's persons.
      const tables = (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tablename as string);
      const projected = new Map<string, number>();
      for (const t of tables) projected.set(t, (Number((await c.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n) * CITY) / scale);
      await c.query('SET enable_seqscan = off');
      await c.query('SET plan_cache_mode = force_generic_plan');
      for (const sql of sqls) {
        for (const table of await seqScans(c, sql)) {
          if ((projected.get(table) ?? 0) > BIG)
            failures.push(`${subgraph}: Seq Scan on ${table} (~${Math.round(projected.get(table)!).toLocaleString('en-US')} rows at 6.6 M): ${sql}`);
        }
      }
    });
  }
  expect(failures).toEqual([]);
});
