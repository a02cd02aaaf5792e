/**
 * Issue 11: what a consumer learns from `personChangesSince`. The provider (public-security)
 * corrects five persons, each in one kind of item; every consumer then asks what changed:
 *   A  phone, outside 430408   — Person.phone is conditional; civil-affairs' temporary-relief grant
 *                                is row-scoped to 430408
 *   B  phone, in 430408        — inside that scope
 *   C  ethnicity               — NONE: nobody but the provider
 *   D  name                    — human-resources in full, civil-affairs (minimum living) masked
 *   E  status                  — unconditional: every operator
 * A change touching only items a reader may not read must not show at all (no edge, no key, no
 * time); the values are served under each item's decision and mask; the cursor is sealed to the
 * caller and arguments; the read is audited with the records as subjects.
 */
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { syntheticPerson } from '../../seed/synthetic/people';
import { personKey } from '../../platform/keys';
import { applyMask } from '../../platform/masking';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const mask = (v: string, spec: string) => applyMask(v, spec, { hashKey: process.env.PLATFORM_HMAC_KEY! });
const SOCIAL_INSURANCE = '社会保险待遇资格认证';
const MINIMUM_LIVING = '最低生活保障审核';
const TEMPORARY_RELIEF = '临时救助审核';
const CHANGES = `query Changes($since: String!, $first: Int, $after: String) {
  personChangesSince(since: $since, first: $first, after: $after) {
    edges { cursor node { personId changedAt kind values } } pageInfo { hasNextPage endCursor } } }`;

type Row = { id: string; id_number: string; name: string; phone: string | null; ethnicity: string; status: string; household_division_code: string };

/** Persons from the end of the seed (other suites pick theirs from the start), by what is needed. */
function pick(): { A: number; B: number; C: number; D: number; E: number } {
  const chosen: Record<string, number> = {};
  for (let i = scale() - 1; i >= 0 && Object.keys(chosen).length < 5; i--) {
    const p = syntheticPerson(i);
    if (p.status !== 'ALIVE' || !p.phone) continue;
    if (!chosen.B && p.householdDivisionCode === '430408') chosen.B = i;
    else if (p.householdDivisionCode !== '430408') {
      const k = ['A', 'C', 'D', 'E'].find((x) => !(x in chosen));
      if (k) chosen[k] = i;
    }
  }
  return chosen as ReturnType<typeof pick>;
}

let since: string;
let household: { id: string; household_number: string; address: string };
let rows: Record<'A' | 'B' | 'C' | 'D' | 'E', Row>;
let keys: Record<'A' | 'B' | 'C' | 'D' | 'E', string>;

async function update(input: Record<string, unknown>[]) {
  return gql(
    `mutation($input: [PersonUpdateInput!]!) { updatePersons(input: $input) { id } }`,
    { input },
    await asAgency('public-security', undefined, { operator: 'ps-clerk-7' }),
  );
}

async function updateHouseholds(input: Record<string, unknown>[]) {
  return gql(
    `mutation($input: [HouseholdUpdateInput!]!) { updateHouseholds(input: $input) { id } }`,
    { input },
    await asAgency('public-security', undefined, { operator: 'ps-clerk-7' }),
  );
}

async function changes(headers: Record<string, string>, first = 100, after?: string) {
  return gql(CHANGES, { since, first, after }, headers);
}

/** Only the changes to this suite's five persons (other suites may change others). */
const mine = (r: any) => (r.data?.personChangesSince?.edges ?? []).map((e: any) => e.node).filter((n: any) => Object.values(keys).includes(n.personId));

beforeAll(async () => {
  const chosen = pick();
  keys = Object.fromEntries(Object.entries(chosen).map(([k, i]) => [k, personKey(syntheticPerson(i).idNumber)])) as typeof keys;
  rows = await withDb('population', async (c) => {
    since = (await c.query(`SELECT now() AS t`)).rows[0].t.toISOString();
    household = (await c.query(`SELECT id, household_number, address FROM household ORDER BY id DESC LIMIT 1`)).rows[0];
    const out: Record<string, Row> = {};
    for (const [k, key] of Object.entries(keys)) out[k] = (await c.query(`SELECT * FROM person WHERE id = $1`, [key])).rows[0];
    return out;
  });
  const r = await update([
    { idNumber: rows.A.id_number, phone: '13900000001' },
    { idNumber: rows.B.id_number, phone: '13900000002' },
    { idNumber: rows.C.id_number, ethnicity: rows.C.ethnicity === '回族' ? '汉族' : '回族' },
    { idNumber: rows.D.id_number, name: `${rows.D.name.slice(0, 1)}新名` },
    { idNumber: rows.E.id_number, status: 'MOVED_OUT' },
  ]);
  expect(r.errors).toBeUndefined();
  const h = await updateHouseholds([{ householdNumber: household.household_number, address: `${household.address}之一` }]);
  expect(h.errors).toBeUndefined();
});

afterAll(async () => {
  expect((await updateHouseholds([{ householdNumber: household.household_number, address: household.address }])).errors).toBeUndefined();
  // Back to the seed's values, so that the suites after this one see the synthetic city.
  const r = await update(Object.values(rows).map((p) => ({ idNumber: p.id_number, phone: p.phone, ethnicity: p.ethnicity, name: p.name, status: p.status })));
  expect(r.errors).toBeUndefined();
});

describe('personChangesSince: only changes to items the reader may read', () => {
  test('the provider sees every change, unmasked, with who made it and the old values', async () => {
    const r = await gql(
      `query($since: String!) { personChangesSince(since: $since, first: 100) { edges { node { personId kind values oldValues agency operator person { idNumber } } } } }`,
      { since },
      await asAgency('public-security'),
    );
    expect(r.errors).toBeUndefined();
    const nodes = mine(r);
    expect(nodes.map((n: any) => n.personId).sort()).toEqual(Object.values(keys).sort());
    const d = nodes.find((n: any) => n.personId === keys.D);
    expect(d).toMatchObject({
      kind: 'UPDATE',
      values: { name: `${rows.D.name.slice(0, 1)}新名` },
      oldValues: { name: rows.D.name },
      agency: 'public-security',
      operator: 'ps-clerk-7',
      person: { idNumber: rows.D.id_number },
    });
    expect(nodes.find((n: any) => n.personId === keys.C).values).toEqual({ ethnicity: expect.any(String) });
  });

  test('human-resources (name, ID number, birth date for social insurance): D in full and E; A, B, C nowhere', async () => {
    const r = await changes(await asAgency('human-resources', SOCIAL_INSURANCE));
    expect(r.errors).toBeUndefined();
    const nodes = mine(r);
    expect(nodes.map((n: any) => n.personId).sort()).toEqual([keys.D, keys.E].sort());
    expect(nodes.find((n: any) => n.personId === keys.D).values).toEqual({ name: `${rows.D.name.slice(0, 1)}新名` });
    expect(nodes.find((n: any) => n.personId === keys.E).values).toEqual({ status: 'MOVED_OUT' });
    const text = JSON.stringify(r.data);
    for (const k of ['A', 'B', 'C'] as const) expect(text).not.toContain(keys[k]);
    expect(text).not.toContain('13900000001');
  });

  test('civil-affairs for minimum living: the name masked as Person.name is for it', async () => {
    const r = await changes(await asAgency('civil-affairs', MINIMUM_LIVING));
    const d = mine(r).find((n: any) => n.personId === keys.D);
    expect(d.values).toEqual({ name: mask(`${rows.D.name.slice(0, 1)}新名`, 'SURNAME') });
    expect(JSON.stringify(r.data)).not.toContain('新名');
  });

  test("civil-affairs for temporary relief: a phone change only inside the grant's row scope (430408), masked", async () => {
    const r = await changes(await asAgency('civil-affairs', TEMPORARY_RELIEF));
    expect(r.errors).toBeUndefined();
    const nodes = mine(r);
    expect(nodes.map((n: any) => n.personId).sort()).toEqual([keys.B, keys.E].sort());
    expect(nodes.find((n: any) => n.personId === keys.B).values).toEqual({ phone: mask('13900000002', 'PHONE') });
    expect(JSON.stringify(r.data)).not.toContain(keys.A);
  });

  test('an agency without grants learns only of unconditional items (status): the others leave no trace', async () => {
    const r = await changes(await asAgency('finance-bank'));
    expect(r.errors).toBeUndefined();
    expect(mine(r).map((n: any) => n.personId)).toEqual([keys.E]);
    // Not even through paging: every page of one change holds the same, and nothing more.
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await changes(await asAgency('finance-bank'), 1, after);
      expect(page.errors).toBeUndefined();
      seen.push(...mine(page).map((n: any) => n.personId));
      if (!page.data.personChangesSince.pageInfo.hasNextPage) break;
      after = page.data.personChangesSince.pageInfo.endCursor;
    }
    expect(seen).toEqual([keys.E]);
  });

  test('who made a change and the old values are not served to a consumer without a grant for them', async () => {
    const r = await gql(
      `query($since: String!) { personChangesSince(since: $since, first: 100) { edges { node { personId operator agency oldValues } } } }`,
      { since },
      await asAgency('human-resources', SOCIAL_INSURANCE),
    );
    expect(JSON.stringify(r.data)).not.toContain('ps-clerk-7');
    const items = new Set((r.errors ?? []).map((e: any) => e.extensions?.item));
    expect(items).toEqual(new Set(['PersonChange.operator', 'PersonChange.agency', 'PersonChange.oldValues']));
  });

  test('the record key is an item: person { idNumber } is served as Person.idNumber is to the reader', async () => {
    const q = `query($since: String!) { personChangesSince(since: $since, first: 100) { edges { node { personId person { idNumber } } } } }`;
    const bank = await gql(q, { since }, await asAgency('finance-bank'));
    const e = bank.data.personChangesSince.edges.find((x: any) => x.node.personId === keys.E);
    expect(e.node.person?.idNumber ?? null).toBeNull();
    expect(bank.errors?.some((x: any) => x.extensions?.item === 'Person.idNumber')).toBe(true);
    const civil = await gql(q, { since }, await asAgency('civil-affairs', MINIMUM_LIVING));
    const c = civil.data.personChangesSince.edges.find((x: any) => x.node.personId === keys.E);
    expect(c.node.person.idNumber).toBe(mask(rows.E.id_number, 'ID_NUMBER'));
  });
});

describe('householdChangesSince', () => {
  const Q = `query($since: String!) { householdChangesSince(since: $since, first: 100) { edges { node { householdId values } } } }`;
  const mineH = (r: any) => (r.data?.householdChangesSince?.edges ?? []).map((e: any) => e.node).filter((n: any) => n.householdId === household.id);

  test('an address change: civil-affairs (minimum living) sees it cut to the county; human-resources does not learn of it', async () => {
    const civil = await gql(Q, { since }, await asAgency('civil-affairs', MINIMUM_LIVING));
    expect(civil.errors).toBeUndefined();
    expect(mineH(civil)).toEqual([{ householdId: household.id, values: { address: mask(`${household.address}之一`, 'ADDRESS_DISTRICT') } }]);
    const hr = await gql(Q, { since }, await asAgency('human-resources', SOCIAL_INSURANCE));
    expect(hr.errors).toBeUndefined();
    expect(JSON.stringify(hr.data)).not.toContain(household.id);
  });
});

describe('personChangesSince: cursors, arguments, audit', () => {
  test("a cursor is sealed to the caller and the arguments: replayed by another agency or with another 'since' it is refused", async () => {
    const hr = await asAgency('human-resources', SOCIAL_INSURANCE);
    const page = await changes(hr, 1);
    const cursor = page.data.personChangesSince.pageInfo.endCursor;
    expect(cursor).toEqual(expect.any(String));
    expect((await changes(await asAgency('finance-bank'), 1, cursor)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const other = await gql(CHANGES, { since: '2020-01-01T00:00:00Z', first: 1, after: cursor }, hr);
    expect(other.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // A hand-made cursor (a change sequence number) is not one either.
    const forged = Buffer.from('k:1', 'utf8').toString('base64url');
    expect((await changes(hr, 1, forged)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('a malformed since is BAD_USER_INPUT, naming the argument', async () => {
    const r = await gql(CHANGES, { since: 'yesterday' }, await asAgency('finance-bank'));
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'since' });
  });

  test('the read is audited as PersonChange with the records it told of as subjects, and only those', async () => {
    const r = await changes(await asAgency('human-resources', SOCIAL_INSURANCE));
    const requestId = r.headers.get('x-request-id')!;
    const events = await withDb(
      'catalog',
      async (c) =>
        (
          await c.query(
            `SELECT e.resource, e.items_served, e.items_masked, ARRAY(SELECT s.subject_key FROM audit_event_subject s WHERE s.event_seq = e.seq) AS keys
             FROM audit_event e WHERE e.request_id = $1`,
            [requestId],
          )
        ).rows,
    );
    const change = events.find((e: any) => e.resource === 'PersonChange');
    expect(change).toBeDefined();
    expect(change.keys).toEqual(expect.arrayContaining([keys.D, keys.E]));
    for (const k of ['A', 'B', 'C'] as const) expect(change.keys).not.toContain(keys[k]);
    expect(change.items_served).toEqual(expect.arrayContaining(['PersonChange.values', 'Person.name', 'Person.status']));
  });
});
