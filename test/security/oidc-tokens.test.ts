/**
 * Issue 14 — the identity provider's access tokens. With OIDC_ISSUER set, a JWT from the city's
 * identity provider is accepted as a caller's token, at the router and again at every subgraph.
 * What an attacker could try with it, each refused (HTTP 401, UNAUTHENTICATED, nothing served):
 * another issuer, another audience, an expired token, `alg: none`, an HS256 token "signed" with the
 * provider's public key (algorithm confusion), a key the provider does not publish (same kid or a
 * new one), no agency claim, an agency absent from the register or suspended. And the roles claim
 * carries posts, nothing more: a value that is not a post is dropped, and a post never stands in
 * for what the register says of the agency (only the bureau keeps the register). Tokens are signed
 * here with the test provider's own key (test/support/oidc-issuer.ts) to set any claim.
 */
import { createPublicKey, randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { gql, routerUrl, subgraphUrl } from '../support/client';
import { withDb } from '../support/db';
import { issuerKeys, issuerToken, startTestIssuer, type RunningIssuer } from '../support/oidc-issuer';
import { ok, refused as refusedWith, sleep } from '../integration/catalog-support';
import { syntheticPerson } from '../../seed/synthetic/people';

const person = syntheticPerson(11);
/** `gender` is unconditional: any registered agency's operator reads it. */
const QUERY = `query($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;
const REGISTER = `mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { code status } }`;
const SUSPEND = `mutation($code: String!, $reason: String!) { suspendAgency(code: $code, reason: $reason) { status } }`;

/** The claims the test platform reads (test/support/env.ts): agency at hengyang.agency, operator, posts. */
const claims = (agency: string | undefined, posts: string[] = ['operator']) => ({
  ...(agency ? { hengyang: { agency } } : {}),
  preferred_username: 'op-7',
  posts,
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Nothing of the person, HTTP 401, UNAUTHENTICATED, and the reason matches. */
function refused(r: Awaited<ReturnType<typeof gql>>, reason: RegExp) {
  expect(JSON.stringify(r.data ?? null)).not.toContain(person.gender);
  expect(r.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
  expect(JSON.stringify(r.errors)).toMatch(reason);
}

/**
 * Refused through the router and at a subgraph directly (each verifies the token): HTTP 401, except
 * that the register is the subgraphs' to check (the router answers their refusal with 200, as for
 * the platform's own tokens: test/security/tokens.test.ts).
 */
async function refusedEverywhere(token: string, reason: RegExp, routerStatus = 401) {
  const routed = await gql(QUERY, { n: person.idNumber }, bearer(token));
  expect(routed.status).toBe(routerStatus);
  refused(routed, reason);
  const direct = await gql(QUERY, { n: person.idNumber }, bearer(token), subgraphUrl('population'));
  expect(direct.status).toBe(401);
  refused(direct, reason);
}

const reads = async (token: string) => {
  const r = await gql(QUERY, { n: person.idNumber }, bearer(token));
  return !r.errors && r.data?.personByIdNumber?.gender === person.gender;
};

let issuer: RunningIssuer;
beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer?.stop();
  // Agencies this file registers leave the register afterwards: other tests count its records.
  await withDb('catalog', (c) => c.query(`DELETE FROM agency WHERE code LIKE 'oidc-%'`));
});

describe("the identity provider's access tokens", () => {
  test('control: a token from the provider naming a registered agency reads, through the router and at a subgraph', async () => {
    const token = await issuerToken(claims('development-reform'));
    expect(await reads(token)).toBe(true);
    const direct = await gql(QUERY, { n: person.idNumber }, bearer(token), subgraphUrl('population'));
    expect(direct.errors).toBeUndefined();
    expect(direct.data.personByIdNumber.gender).toBe(person.gender);
  });

  test("another issuer, even with the provider's key, is refused (a lookalike issuer URL too)", async () => {
    await refusedEverywhere(await issuerToken(claims('development-reform'), { issuer: 'https://idp.example.org' }), /iss.{0,4} claim is not accepted/);
    await refusedEverywhere(await issuerToken(claims('development-reform'), { issuer: `${issuer.url}/` }), /iss.{0,4} claim is not accepted/);
  });

  test('another audience is refused (an ID token for the portal client is not an access token)', async () => {
    await refusedEverywhere(await issuerToken(claims('development-reform'), { audience: 'hengyang-portal' }), /aud.{0,4} claim is not accepted/);
  });

  test('an expired token is refused', async () => {
    await refusedEverywhere(await issuerToken(claims('development-reform'), { expiresIn: -60 }), /expired/);
  });

  test('alg none is refused', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims('development-reform'), iss: issuer.url, aud: 'hengyang-platform-api', iat: now, exp: now + 600 })}.`;
    await refusedEverywhere(token, /accepted algorithm|malformed/);
  });

  test("HS256 with the provider's public key as the secret (algorithm confusion) is refused", async () => {
    const { privateJwk } = await issuerKeys();
    const { kty, n, e, kid } = privateJwk;
    const publicPem = createPublicKey({ key: { kty: kty!, n: n!, e: e! }, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const now = Math.floor(Date.now() / 1000);
    for (const secret of [publicPem, n ?? '']) {
      const token = await new SignJWT(claims('development-reform'))
        .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
        .setIssuer(issuer.url)
        .setAudience('hengyang-platform-api')
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(new TextEncoder().encode(secret));
      await refusedEverywhere(token, /accepted algorithm/);
    }
  });

  test('a key the provider does not publish is refused, under its kid or a new one', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await refusedEverywhere(await issuerToken(claims('development-reform'), { key: privateKey }), /does not verify/);
    await refusedEverywhere(await issuerToken(claims('development-reform'), { key: privateKey, kid: `rogue-${randomUUID()}` }), /does not verify/);
  });

  test('a token without the agency claim is refused (the platform names no default agency)', async () => {
    await refusedEverywhere(await issuerToken(claims(undefined)), /names no agency/);
    // The agency under the default claim name does not count: only the configured claim does.
    await refusedEverywhere(await issuerToken({ ...claims(undefined), agency: 'development-reform' }), /names no agency/);
  });

  test('an agency absent from the register reads nothing', async () => {
    await refusedEverywhere(await issuerToken(claims('no-such-bureau')), /not registered/, 200);
  });

  test("a suspended agency's provider tokens read nothing", async () => {
    // The bureau's approver, signed in through the provider with its own role name (OIDC_ROLE_MAP hy-data-approver → approver).
    const bureau = bearer(await issuerToken(claims('data-bureau', ['hy-data-approver'])));
    const code = `oidc-${randomUUID().slice(0, 8)}`;
    ok(await gql(REGISTER, { input: { code, name: '衡阳市登录测试局', kind: 'CONSUMER', description: '统一身份认证测试' } }, bureau));
    const token = await issuerToken(claims(code));
    const until = Date.now() + 5000;
    while (!(await reads(token)) && Date.now() < until) await sleep(100);
    expect(await reads(token)).toBe(true);
    ok(await gql(SUSPEND, { code, reason: '安全测试' }, bureau));
    const after = Date.now() + 5000;
    while ((await reads(token)) && Date.now() < after) await sleep(100);
    await refusedEverywhere(token, /not registered/, 200);
  });

  test('the roles claim carries posts only: other values are dropped, and no post stands in for the register', async () => {
    const input = () => ({ input: { code: `oidc-${randomUUID().slice(0, 8)}`, name: '某局', kind: 'CONSUMER' } });
    // Every post and then some, for an agency that is not the bureau: the register is still the bureau's.
    const everything = bearer(await issuerToken(claims('development-reform', ['operator', 'approver', 'security-admin', 'admin', 'data-bureau', 'BUREAU'])));
    expect(refusedWith(await gql(REGISTER, input(), everything), 'FORBIDDEN').extensions?.requiredRole).toBe('BUREAU');
    // The bureau itself, with role names that are not posts: no post at all.
    const notPosts = bearer(await issuerToken(claims('data-bureau', ['admin', 'superuser', 'approver ', 'APPROVER'])));
    expect(refusedWith(await gql(REGISTER, input(), notPosts), 'FORBIDDEN').extensions?.requiredRole).toBe('approver');
    // An approver's token is not an operator's: the base databases' closed items stay closed to it.
    const approver = bearer(await issuerToken(claims('human-resources', ['approver'])));
    const r = await gql(
      `query($n: String!) { personByIdNumber(idNumber: $n) { name } }`,
      { n: person.idNumber },
      { ...approver, 'x-purpose': encodeURIComponent('社会保险待遇资格认证') },
    );
    expect(JSON.stringify(r.data ?? null)).not.toContain(person.name);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'operator' });
  });

  test('the portal session is not readable from another site, and carries no CORS grant', async () => {
    const other = await fetch(new URL('/portal/auth/session', routerUrl()), { headers: { 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:1' } });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const local = await fetch(new URL('/portal/auth/session', routerUrl()), { headers: { origin: 'http://127.0.0.1:1' } });
    expect(local.status).toBe(401);
    expect(local.headers.get('access-control-allow-origin')).toBeNull();
    expect(local.headers.get('cache-control')).toBe('no-store');
  });
});
