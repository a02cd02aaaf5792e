/**
 * Class 10 of issue 8 — tokens. A correctly signed token without `exp` was accepted forever, and a
 * token naming an agency that is not registered read all unconditional data. Now: `exp` is
 * required, the lifetime is bounded (TOKEN_MAX_LIFETIME, default 12 h), and the token's agency
 * must be in the catalog's agency register (reloaded on NOTIFY), at the router and every subgraph.
 */
import { SignJWT } from 'jose';
import { asAgency, gql, subgraphUrl } from '../support/client';
import { withDb } from '../support/db';
import { devSigningKey, audience, issuer } from '../../platform/identity/keys';
import { issueDevToken } from '../../platform/identity/tokens';
import { syntheticPerson } from '../../seed/synthetic/people';
import { personKey } from '../../platform/keys';

const person = syntheticPerson(3);
/** `gender` is unconditional: any registered agency with a valid token reads it. */
const QUERY = `query($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;

async function token(claims: Record<string, unknown>, times: { iat?: number; exp?: number }): Promise<string> {
  const { key, kid } = await devSigningKey();
  let jwt = new SignJWT({ operator: 'op', roles: ['operator'], ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setIssuer(issuer())
    .setAudience(audience())
    .setSubject('op');
  if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp);
  return jwt.sign(key);
}

const now = () => Math.floor(Date.now() / 1000);

/** Nothing of the person is in the answer, and it says UNAUTHENTICATED. */
function refused(r: { status: number; data?: any; errors?: { extensions?: Record<string, any> }[] }, reason: RegExp) {
  expect(JSON.stringify(r.data ?? null)).not.toContain(person.gender);
  expect(r.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
  // The reason is in extensions.reason (Hive engine), or in the subgraph's body that the
  // apollo-gateway engine (the benchmark peer) attaches to its HTTP error.
  expect(JSON.stringify(r.errors)).toMatch(reason);
}

describe('tokens (issue 8, class 10)', () => {
  test('a registered agency with a normal token reads unconditional data (control)', async () => {
    const r = await gql(QUERY, { n: person.idNumber }, await asAgency('development-reform'));
    expect(r.errors).toBeUndefined();
    expect(r.data.personByIdNumber.gender).toBe(person.gender);
  });

  test('a correctly signed token without exp is refused with 401, at the router and at a subgraph', async () => {
    const t = await token({ agency: 'development-reform' }, { iat: now() });
    const headers = { authorization: `Bearer ${t}` };
    const routed = await gql(QUERY, { n: person.idNumber }, headers);
    expect(routed.status).toBe(401);
    refused(routed, /exp/);
    const direct = await gql(QUERY, { n: person.idNumber }, headers, subgraphUrl('population'));
    expect(direct.status).toBe(401);
    refused(direct, /exp/);
  });

  test('a token living longer than 12 hours is refused', async () => {
    const t = await token({ agency: 'development-reform' }, { iat: now(), exp: now() + 13 * 3600 });
    const r = await gql(QUERY, { n: person.idNumber }, { authorization: `Bearer ${t}` });
    expect(r.status).toBe(401);
    refused(r, /longer than/);
  });

  test('variant: an iat set in the future cannot stretch the lifetime; no iat counts from now', async () => {
    const late = await token({ agency: 'development-reform' }, { iat: now() + 30 * 86_400, exp: now() + 30 * 86_400 + 3600 });
    refused(await gql(QUERY, { n: person.idNumber }, { authorization: `Bearer ${late}` }), /longer than|iat/);
    const noIat = await token({ agency: 'development-reform' }, { exp: now() + 24 * 3600 });
    refused(await gql(QUERY, { n: person.idNumber }, { authorization: `Bearer ${noIat}` }), /longer than/);
    const shortNoIat = await token({ agency: 'development-reform' }, { exp: now() + 600 });
    expect((await gql(QUERY, { n: person.idNumber }, { authorization: `Bearer ${shortNoIat}` })).data?.personByIdNumber?.gender).toBe(person.gender);
  });

  test('a token for an agency that is not registered reads nothing (UNAUTHENTICATED)', async () => {
    const headers = await asAgency('shadow-agency');
    const routed = await gql(QUERY, { n: person.idNumber }, headers);
    refused(routed, /not registered/);
    const direct = await gql(QUERY, { n: person.idNumber }, headers, subgraphUrl('population'));
    expect(direct.status).toBe(401);
    refused(direct, /not registered/);
  });

  test('variant: registering an agency takes effect at once (NOTIFY), and so does removing it', async () => {
    const code = `temp-agency-${Date.now().toString(36)}`;
    const headers = await asAgency(code);
    refused(await gql(QUERY, { n: person.idNumber }, headers), /not registered/);
    await withDb('catalog', (c) => c.query(`INSERT INTO agency (code, name, kind) VALUES ($1, '临时部门', 'CONSUMER')`, [code]));
    try {
      let r = await gql(QUERY, { n: person.idNumber }, headers);
      for (let i = 0; i < 20 && r.errors; i++) {
        await new Promise((res) => setTimeout(res, 100));
        r = await gql(QUERY, { n: person.idNumber }, headers);
      }
      expect(r.errors).toBeUndefined();
      expect(r.data.personByIdNumber.gender).toBe(person.gender);
    } finally {
      await withDb('catalog', (c) => c.query(`DELETE FROM agency WHERE code = $1`, [code]));
    }
    let after = await gql(QUERY, { n: person.idNumber }, headers);
    for (let i = 0; i < 20 && !after.errors; i++) {
      await new Promise((res) => setTimeout(res, 100));
      after = await gql(QUERY, { n: person.idNumber }, headers);
    }
    refused(after, /not registered/);
  });

  test('variant: a data subject token (no agency) still reads its own access history', async () => {
    const t = await issueDevToken({ subjectKey: personKey(person.idNumber), subjectKind: 'PERSON', ttl: '10m' });
    const r = await gql(`{ myAccessHistory(first: 1) { totalCount } }`, {}, { authorization: `Bearer ${t}` });
    expect(r.errors).toBeUndefined();
    expect(typeof r.data.myAccessHistory.totalCount).toBe('number');
  });
});
