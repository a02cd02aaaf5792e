/**
 * Demand control through the router (issue 13, item 2): an operation's estimated cost (its shape
 * and `first` arguments; router.yaml demand_control) is checked before any subgraph is asked.
 * router.yaml's budget admits the README's thematic query and a page of 50 enterprises with the
 * same nested fields, and refuses the page of 500 — however the 500 is spelled: a literal, a
 * variable, aliases that repeat a page, fragments that hide it. A refusal is audited like every
 * router refusal, and no subgraph did any work for it.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asAgency, gql, type GraphQLResponse } from '../support/client';
import { withDb } from '../support/db';
import { enterpriseSelection, pageQuery, thematicQuery, type OptionalPart } from '../../bench/queries';

const ALL: ReadonlySet<OptionalPart> = new Set(['e-license', 'credit', 'geospatial']);
const THEMATIC = readFileSync(join(__dirname, '..', '..', 'docs', 'thematic.graphql'), 'utf8');
const PAGE_50 = pageQuery(ALL);
const PAGE_500 = PAGE_50.replace('first: 50', 'first: 500');
const COST = 'COST_ESTIMATED_TOO_EXPENSIVE';

let headers: Record<string, string>;
let uscc: string;

beforeAll(async () => {
  headers = await asAgency('taxation', '综合治税');
  uscc = (await withDb('legal-person', (c) => c.query(`SELECT uscc FROM legal_person ORDER BY uscc LIMIT 1`))).rows[0].uscc;
});

const codes = (r: GraphQLResponse) => (r.errors ?? []).map((e) => e.extensions?.code);

function expectRefused(r: GraphQLResponse): { estimated: number; max: number } {
  expect([r.status, codes(r)]).toEqual([400, [COST]]);
  expect(r.data).toBeUndefined();
  const cost = r.errors![0].extensions!.cost as { estimated: number; max: number };
  expect(cost.estimated).toBeGreaterThan(cost.max);
  return cost;
}

describe('demand control at the router', () => {
  test('the thematic query (README) is admitted and answered', async () => {
    expect(thematicQuery(ALL)).toContain('legalRepresentative'); // the bench's copy has the same shape
    const r = await gql(THEMATIC, { uscc }, headers);
    expect(r.status).toBe(200);
    expect(codes(r)).not.toContain(COST);
    expect(r.data.legalPersonByUscc.uscc).toBe(uscc);
  });

  test('a page of 50 with the nested fields is admitted and answered', async () => {
    const r = await gql(PAGE_50, {}, headers);
    expect(r.status).toBe(200);
    expect(codes(r)).not.toContain(COST);
    expect(r.data.legalPersons.edges).toHaveLength(50);
  });

  test('the same page of 500 is refused with the estimate, before any subgraph works', async () => {
    const correlation = `cost-${randomUUID()}`;
    const r = await gql(PAGE_500, {}, { ...headers, 'x-request-id': correlation });
    const cost = expectRefused(r);
    expect(cost.estimated).toBeGreaterThanOrEqual(500 * 10); // 500 edges, each more than 10
    const requestId = r.headers.get('x-request-id');
    const rows = await withDb(
      'catalog',
      async (c) => (await c.query(`SELECT subgraph, refusal_reason FROM audit_event WHERE request_id = $1`, [requestId])).rows,
    );
    // Audited as a refusal at the router, and only there: no subgraph read a row for it.
    expect(rows).toEqual([{ subgraph: 'router', refusal_reason: COST }]);
  });

  test('variant: the 500 from a variable is refused the same', async () => {
    const q = PAGE_50.replace('($after: String)', '($after: String, $n: Int)').replace('first: 50', 'first: $n');
    expectRefused(await gql(q, { n: 500 }, headers));
    expect(codes(await gql(q, { n: 50 }, headers))).not.toContain(COST);
  });

  test('variant: a page of 50 repeated under aliases, or hidden in fragments, adds up', async () => {
    const page = (alias: string) => `${alias}: legalPersons(first: 50) { edges { node { ...E } } }`;
    const q = `query Aliased { ${page('a')} ${page('b')} ${page('c')} }\nfragment E on LegalPerson {\n${enterpriseSelection(ALL)}\n}`;
    expectRefused(await gql(q, {}, headers));
  });

  test('variant: nested lists multiply: a page of 200 is within MAX_PAGE_SIZE but not with licences and parcels under each row', async () => {
    expectRefused(await gql(PAGE_50.replace('first: 50', 'first: 200'), {}, headers));
    // The same 200 rows without nested lists cost 1 + 200 × 2 and are served.
    const flat = await gql(`{ legalPersons(first: 200) { edges { node { name uscc } } } }`, {}, headers);
    expect([flat.status, flat.data?.legalPersons.edges.length]).toEqual([200, 200]);
  });
});
