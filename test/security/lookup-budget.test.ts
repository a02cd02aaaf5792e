/**
 * Class guarded: LOOKUPS AS GUESSING MACHINES (issue 8 §4, the per-agency lookup budget).
 * 16 requests of 20 aliased personByIdNumber over the sequence numbers of a birth date found a
 * full ID number. Lookups by natural key stay available but count, hits and misses alike, against
 * a per-agency daily budget kept in the catalog database (shared by every subgraph and replica);
 * when it is spent the answer is HTTP 429 LOOKUP_BUDGET_EXHAUSTED. Lookups are audited by key,
 * never by the looked-up value.
 */
import { asAgency, gql, subgraphUrl, type GraphQLResponse } from '../support/client';
import { withDb } from '../support/db';
import { syntheticPerson } from '../../seed/synthetic/people';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { makeIdNumber } from '../../platform/ids/id-number';
import { chinaDay } from '../../platform/time';

const AGENCY = 'human-resources';
const OTHER = 'taxation';
const BUDGET = 25;
const target = syntheticPerson(11);

/** The attack: one request of n aliased lookups over sequence numbers of the target's birth date
 *  (one of them the target, the rest misses). */
function guesses(n: number, offset = 0): string {
  const division = target.idNumber.slice(0, 6);
  const aliases = Array.from({ length: n }, (_, i) => {
    const seq = (offset + i) % 1000;
    const id = offset === 0 && i === 0 ? target.idNumber : makeIdNumber(division, target.birthDate, seq, seq % 2 ? 'MALE' : 'FEMALE');
    return `g${i}: personByIdNumber(idNumber: "${id}") { id }`;
  });
  return `{ ${aliases.join(' ')} }`;
}

/** The subgraph answers 429, and the router restores that status (the engine folds it into 200). */
const ROUTER_STATUS_WHEN_EXHAUSTED = 429;
function expectExhausted(r: GraphQLResponse) {
  expect(r.errors?.[0].extensions?.code).toBe('LOOKUP_BUDGET_EXHAUSTED');
  expect(r.status).toBe(ROUTER_STATUS_WHEN_EXHAUSTED);
  expect(Object.values(r.data ?? {}).every((v) => v === null)).toBe(true);
}

const used = () =>
  withDb(
    'catalog',
    async (c) => (await c.query(`SELECT used FROM lookup_usage WHERE agency = $1 AND day = $2::date`, [AGENCY, chinaDay()])).rows[0]?.used ?? 0,
  );

beforeAll(async () => {
  await withDb('catalog', async (c) => {
    await c.query(`DELETE FROM lookup_usage WHERE agency IN ($1, $2)`, [AGENCY, OTHER]);
    await c.query(
      `INSERT INTO lookup_budget (agency, lookups_per_day, note) VALUES ($1, $2, 'security test') ON CONFLICT (agency) DO UPDATE SET lookups_per_day = EXCLUDED.lookups_per_day`,
      [AGENCY, BUDGET],
    );
  });
});

afterAll(async () => {
  await withDb('catalog', async (c) => {
    await c.query(`DELETE FROM lookup_budget WHERE agency = $1`, [AGENCY]);
    await c.query(`DELETE FROM lookup_usage WHERE agency IN ($1, $2)`, [AGENCY, OTHER]);
  });
});

describe('the lookup budget', () => {
  test('the reproduction: aliased lookups draw the budget down, misses included, until 429 LOOKUP_BUDGET_EXHAUSTED', async () => {
    const headers = await asAgency(AGENCY);
    const first = await gql(guesses(20), {}, headers);
    expect(first.status).toBe(200);
    expect(first.data.g0).not.toBeNull(); // the hit
    expect(Object.values(first.data).filter((v) => v === null).length).toBeGreaterThan(10); // misses
    expect(await used()).toBe(20); // every alias counted, hits and misses alike

    const over = await gql(guesses(6, 100), {}, headers);
    expectExhausted(over);
    expect(over.data ?? null).toBeNull();
    expect(await used()).toBe(20); // a refused request charges nothing

    expect((await gql(guesses(5, 200), {}, headers)).status).toBe(200);
    expect(await used()).toBe(BUDGET);
    expectExhausted(await gql(guesses(1, 300), {}, headers));
    // The subgraph itself answers HTTP 429.
    const direct = await gql(guesses(1, 400), {}, headers, subgraphUrl('population'));
    expect(direct.status).toBe(429);
    expect(direct.errors?.[0].extensions?.code).toBe('LOOKUP_BUDGET_EXHAUSTED');
  });

  test('the budget is shared across subgraphs: a USCC lookup in legal-person is refused too', async () => {
    const r = await gql(
      `query($u: String!) { legalPersonByUscc(uscc: $u) { name } }`,
      { u: syntheticLegalPerson(0, Number(process.env.TEST_SEED_SCALE)).uscc },
      await asAgency(AGENCY),
    );
    expectExhausted(r);
  });

  test('another agency is unaffected, and a non-lookup query of the exhausted agency still answers', async () => {
    const other = await gql(guesses(20), {}, await asAgency(OTHER));
    expect(other.status).toBe(200);
    expect(other.errors).toBeUndefined();
    const listing = await gql(`{ persons(first: 1) { edges { node { id } } } }`, {}, await asAgency(AGENCY));
    expect(listing.status).toBe(200);
    expect(listing.data.persons.edges).toHaveLength(1);
  });

  test('variant: the lookups hidden in fragments count as well', async () => {
    await withDb('catalog', (c) => c.query(`UPDATE lookup_budget SET lookups_per_day = $2 WHERE agency = $1`, [AGENCY, BUDGET + 2]));
    const q = `query { ...A ...B ... on Query { c: personByIdNumber(idNumber: "${target.idNumber}") { id } } }
      fragment A on Query { a: personByIdNumber(idNumber: "${target.idNumber}") { id } }
      fragment B on Query { b: personByIdNumber(idNumber: "${target.idNumber}") { id } }`;
    const r = await gql(q, {}, await asAgency(AGENCY));
    expectExhausted(r); // 3 asked, 2 left
    await withDb('catalog', (c) => c.query(`UPDATE lookup_budget SET lookups_per_day = $2 WHERE agency = $1`, [AGENCY, BUDGET + 3]));
    expect((await gql(q, {}, await asAgency(AGENCY))).status).toBe(200);
  });

  test('variant: licence lookups count too: license(number:) and each verifyLicense of a presented licence, never recorded by number', async () => {
    const usedBy = (agency: string) =>
      withDb(
        'catalog',
        async (c) => (await c.query(`SELECT used FROM lookup_usage WHERE agency = $1 AND day = $2::date`, [agency, chinaDay()])).rows[0]?.used ?? 0,
      );
    const uscc = syntheticLegalPerson(0, Number(process.env.TEST_SEED_SCALE)).uscc;
    const before = await usedBy(OTHER);
    const r = await gql(
      `query($n: String!) { l: license(number: $n, type: "营业执照") { id }
      v1: verifyLicense(number: $n, content: {}) { reasons } v2: verifyLicense(number: $n, content: "{}") { reasons } }`,
      { n: uscc },
      await asAgency(OTHER),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.v1.reasons).toContain('CONTENT_MISMATCH');
    expect(await usedBy(OTHER)).toBe(before + 3);
    // An exhausted agency cannot check licences either.
    expectExhausted(await gql(`query($n: String!) { verifyLicense(number: $n, content: {}) { reasons } }`, { n: uscc }, await asAgency(AGENCY)));
    const rows = await withDb(
      'catalog',
      async (c) =>
        (
          await c.query(
            `SELECT row_to_json(e)::text AS t FROM audit_event e WHERE agency = $1 AND 'Query.verifyLicense' = ANY(items_served || items_refused)`,
            [OTHER],
          )
        ).rows,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.t).not.toContain(uscc);
  });

  test('lookups are audited by subject key, never by the looked-up ID number', async () => {
    const rows = await withDb(
      'catalog',
      async (c) =>
        (
          await c.query(
            `SELECT row_to_json(e)::text AS t, items_served FROM audit_event e WHERE agency = $1 AND 'Query.personByIdNumber' = ANY(items_served)`,
            [AGENCY],
          )
        ).rows,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.t).not.toContain(target.idNumber);
  });
});
