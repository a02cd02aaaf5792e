/**
 * The sharing policy through the router (Art. 15-19, 24): each sharing type × each kind of
 * caller, with exact outcomes; masking per grant; the _entities path; revocation within a second.
 */
import { randomUUID } from 'node:crypto';
import { asAgency, gql, subgraphUrl, type GraphQLResponse } from '../support/client';
import { graphql } from '../generated';
import { withDb } from '../support/db';
import { syntheticPerson } from '../../seed/synthetic/people';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { applyMask } from '../../platform/masking';
import { personKey } from '../../platform/keys';

const SOCIAL_INSURANCE = '社会保险待遇资格认证';
const MINIMUM_LIVING = '最低生活保障审核';
const TEMPORARY_RELIEF = '临时救助审核';

const person = syntheticPerson(3);
const PERSON_QUERY = graphql(`
  query PolicyPerson($n: String!) {
    personByIdNumber(idNumber: $n) {
      gender
      name
      ethnicity
    }
  }
`);

type Outcome = 'served' | 'forbidden' | 'unauthenticated';

function outcomeOf(r: GraphQLResponse, field: string): { outcome: Outcome; value?: unknown; error?: any } {
  if (r.status === 401) return { outcome: 'unauthenticated', error: r.errors?.[0] };
  const error = r.errors?.find((e) => e.path?.[e.path.length - 1] === field);
  if (error) {
    expect(error.extensions?.code).toBe('FORBIDDEN');
    return { outcome: 'forbidden', error };
  }
  return { outcome: 'served', value: r.data?.personByIdNumber?.[field] };
}

async function callerHeaders(caller: string): Promise<Record<string, string>> {
  switch (caller) {
    case 'no token':
      return {};
    case 'agency without grant':
      return asAgency('development-reform');
    case 'grant, other purpose':
      return asAgency('human-resources', MINIMUM_LIVING);
    case 'grant and purpose':
      return asAgency('human-resources', SOCIAL_INSURANCE);
    case 'providing agency':
      return asAgency('public-security');
    default:
      throw new Error(caller);
  }
}

describe('policy matrix through the router: Person items of each sharing type', () => {
  // [caller, UNCONDITIONAL Person.gender, CONDITIONAL Person.name, NONE Person.ethnicity]
  const matrix: [string, Outcome, Outcome, Outcome][] = [
    ['no token', 'unauthenticated', 'unauthenticated', 'unauthenticated'],
    ['agency without grant', 'served', 'forbidden', 'forbidden'],
    ['grant, other purpose', 'served', 'forbidden', 'forbidden'],
    ['grant and purpose', 'served', 'served', 'forbidden'],
    ['providing agency', 'served', 'served', 'served'],
  ];

  test.each(matrix)('%s → gender %s, name %s, ethnicity %s', async (caller, gender, name, ethnicity) => {
    const r = await gql(PERSON_QUERY, { n: person.idNumber }, await callerHeaders(caller));
    const got = { gender: outcomeOf(r, 'gender'), name: outcomeOf(r, 'name'), ethnicity: outcomeOf(r, 'ethnicity') };
    expect([got.gender.outcome, got.name.outcome, got.ethnicity.outcome]).toEqual([gender, name, ethnicity]);
    if (gender === 'served') expect(got.gender.value).toBe(person.gender);
    // human-resources' grant is FULL for names; the provider always reads in full.
    if (name === 'served') expect(got.name.value).toBe(person.name);
    if (ethnicity === 'served') expect(got.ethnicity.value).toBe(person.ethnicity);
    if (ethnicity === 'forbidden') {
      expect(got.ethnicity.error.extensions.basis).toMatch(/居民身份证法/);
      expect(got.ethnicity.error.extensions.item).toBe('Person.ethnicity');
    }
    if (name === 'forbidden') {
      expect(got.name.error.extensions).toMatchObject({ item: 'Person.name', sharingType: 'CONDITIONAL', provider: 'public-security' });
      expect(got.name.error.extensions.applyFor).toBeTruthy();
    }
  });

  test('OPEN items are served to every caller, even without a token', async () => {
    const lp = syntheticLegalPerson(5, Number(process.env.TEST_SEED_SCALE));
    for (const caller of ['no token', 'agency without grant', 'providing agency']) {
      const r = await gql(
        graphql(`
          query PolicyOpenItems($u: String!) {
            legalPersonByUscc(uscc: $u) {
              name
              uscc
              status
              registrationAuthority
            }
          }
        `),
        { u: lp.uscc },
        await callerHeaders(caller),
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.legalPersonByUscc).toMatchObject({ name: lp.name, uscc: lp.uscc, status: lp.status });
    }
  });

  test('a refused field is null with an error while the rest of the query answers', async () => {
    const r = await gql(PERSON_QUERY, { n: person.idNumber }, await asAgency('development-reform'));
    expect(r.data.personByIdNumber).toEqual({ gender: person.gender, name: null, ethnicity: null });
    expect(r.errors?.map((e) => e.path?.join('.')).sort()).toEqual(['personByIdNumber.ethnicity', 'personByIdNumber.name']);
  });
});

describe('masking per grant', () => {
  test("civil-affairs reads persons under the items' default masks", async () => {
    const r = await gql(
      graphql(`
        query PolicyMaskedPerson($n: String!) {
          personByIdNumber(idNumber: $n) {
            name
            idNumber
            birthDate
            householdAddress
          }
        }
      `),
      { n: person.idNumber },
      await asAgency('civil-affairs', MINIMUM_LIVING),
    );
    expect(r.errors).toBeUndefined();
    const hashKey = process.env.PLATFORM_HMAC_KEY!;
    expect(r.data.personByIdNumber).toEqual({
      name: applyMask(person.name, 'SURNAME', { hashKey }),
      idNumber: applyMask(person.idNumber, 'ID_NUMBER', { hashKey }),
      // AGE_BAND by default since issue 8 (class 14): a birth year beside a masked ID number left too few candidates.
      birthDate: applyMask(person.birthDate, 'AGE_BAND', { hashKey }),
      householdAddress: applyMask(person.householdAddress, 'ADDRESS_DISTRICT', { hashKey }),
    });
    // The region only since issue 8 (class 14): birth date, sequence and check digit are hidden.
    expect(r.data.personByIdNumber.idNumber).toBe(`${person.idNumber.slice(0, 6)}************`);
  });

  test('a row-scoped grant serves rows inside its scope only', async () => {
    let inside = -1;
    let outside = -1;
    for (let i = 0; (inside < 0 || outside < 0) && i < 500; i++) {
      if (syntheticPerson(i).householdDivisionCode === '430408') inside = inside < 0 ? i : inside;
      else outside = outside < 0 ? i : outside;
    }
    const headers = await asAgency('civil-affairs', TEMPORARY_RELIEF);
    const q = graphql(`
      query PolicyRowScopedPerson($n: String!) {
        personByIdNumber(idNumber: $n) {
          phone
          householdDivisionCode
        }
      }
    `);
    const a = await gql(q, { n: syntheticPerson(inside).idNumber }, headers);
    expect(a.errors).toBeUndefined();
    expect(a.data.personByIdNumber.phone).toBe(applyMask(syntheticPerson(inside).phone, 'PHONE', { hashKey: '' + process.env.PLATFORM_HMAC_KEY }));
    const b = await gql(q, { n: syntheticPerson(outside).idNumber }, headers);
    expect(b.data.personByIdNumber.phone).toBeNull();
    expect(b.errors?.[0].extensions?.reason).toMatch(/row scope/);
  });
});

describe('the _entities path and direct subgraph calls', () => {
  // Subgraph-only fields (_entities, _service) are not in the supergraph: these stay strings.
  const entitiesQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { gender name ethnicity } } }`;
  const representations = [{ __typename: 'Person', id: personKey(person.idNumber) }];

  test('entity fields reached through _entities are guarded field by field', async () => {
    const r = await gql(entitiesQuery, { r: representations }, await asAgency('development-reform'), subgraphUrl('population'));
    expect(r.data._entities[0]).toEqual({ gender: person.gender, name: null, ethnicity: null });
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  test('a direct subgraph call without a token gets nothing that is not open', async () => {
    const r = await gql(entitiesQuery, { r: representations }, {}, subgraphUrl('population'));
    expect(r.data._entities[0]).toEqual({ gender: null, name: null, ethnicity: null });
    const direct = await gql(PERSON_QUERY, { n: person.idNumber }, {}, subgraphUrl('population'));
    expect(direct.data.personByIdNumber).toBeNull();
    expect(direct.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const sdl = await gql(`{ _service { sdl } }`, {}, {}, subgraphUrl('population'));
    expect(sdl.data?._service ?? null).toBeNull();
  });

  test('a direct subgraph call with a forged token is UNAUTHENTICATED (401)', async () => {
    const headers = await asAgency('public-security');
    const [h, p, s] = headers.authorization.slice(7).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), agency: 'public-security', operator: 'mallory' })).toString('base64url')}.${s}`;
    const r = await gql(PERSON_QUERY, { n: person.idNumber }, { authorization: `Bearer ${forged}` }, subgraphUrl('population'));
    expect(r.status).toBe(401);
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a purpose that is not percent-encoding is BAD_USER_INPUT', async () => {
    const headers = { ...(await asAgency('human-resources')), 'x-purpose': '%E4%B8' };
    const r = await gql(PERSON_QUERY, { n: person.idNumber }, headers, subgraphUrl('population'));
    expect(r.status).toBe(400);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('grants change at once', () => {
  const PURPOSE = '信用修复核查';

  async function nameOutcome(): Promise<'served' | 'forbidden'> {
    const r = await gql(PERSON_QUERY, { n: person.idNumber }, await asAgency('development-reform', PURPOSE));
    return r.data?.personByIdNumber?.name ? 'served' : 'forbidden';
  }

  test('a new grant is honoured and a revoked one is refused within one second, with no restart', async () => {
    const id = randomUUID();
    await withDb('catalog', (c) =>
      c.query(
        `INSERT INTO sharing_grant (id, agency_code, items, purposes, masks, valid_from, valid_to) VALUES ($1, 'development-reform', $2, $3, '{}', now() - interval '1 minute', now() + interval '1 day')`,
        [id, ['Person.name'], [PURPOSE]],
      ),
    );
    const grantedBy = Date.now() + 1000;
    while ((await nameOutcome()) !== 'served') {
      expect(Date.now()).toBeLessThan(grantedBy);
      await new Promise((r) => setTimeout(r, 20));
    }
    await withDb('catalog', (c) => c.query(`UPDATE sharing_grant SET revoked_at = now(), revoked_reason = 'test' WHERE id = $1`, [id]));
    const revokedAt = Date.now();
    while ((await nameOutcome()) !== 'forbidden') {
      expect(Date.now() - revokedAt).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  test('an expiring grant stops at its end without any notification', async () => {
    await withDb('catalog', (c) =>
      c.query(
        `INSERT INTO sharing_grant (agency_code, items, purposes, masks, valid_from, valid_to) VALUES ('development-reform', $1, $2, '{}', now() - interval '1 minute', now() + interval '1500 milliseconds')`,
        [['Person.name'], [PURPOSE]],
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await nameOutcome()).toBe('served');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await nameOutcome()).toBe('forbidden');
  });
});
