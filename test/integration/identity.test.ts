/** Identity at the router (Art. 24 (1)): every bad token is HTTP 401 UNAUTHENTICATED. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import { gql } from '../support/client';
import { devSigningKey, issuer, audience } from '../../platform/identity/keys';
import { syntheticPerson } from '../../seed/synthetic/people';

const QUERY = `query($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;
const vars = { n: syntheticPerson(1).idNumber };
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function signed(claims: Record<string, unknown>, opts: { exp?: number; aud?: string; key?: 'dev' | 'foreign' } = {}) {
  const { key, kid } =
    opts.key === 'foreign' ? { key: (await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey, kid: (await devSigningKey()).kid } : await devSigningKey();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setIssuer(issuer())
    .setAudience(opts.aud ?? audience())
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 300)
    .sign(key);
}

describe('tokens at the router', () => {
  const cases: [string, () => Promise<string | undefined>, RegExp][] = [
    ['missing (for data that is not open)', async () => undefined, /not open data/],
    ['not a Bearer token', async () => 'Basic dXNlcjpwdw==', /Bearer/],
    ['malformed', async () => 'Bearer not.a.jwt', /malformed/],
    ['expired', async () => `Bearer ${await signed({ agency: 'taxation' }, { exp: Math.floor(Date.now() / 1000) - 120 })}`, /expired/],
    ['wrongly signed', async () => `Bearer ${await signed({ agency: 'taxation' }, { key: 'foreign' })}`, /signature/],
    [
      'alg: none',
      async () =>
        `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ agency: 'public-security', iss: issuer(), aud: audience(), exp: Math.floor(Date.now() / 1000) + 300 })}.`,
      /algorithm|malformed/,
    ],
    ['wrong audience', async () => `Bearer ${await signed({ agency: 'taxation' }, { aud: 'another-platform' })}`, /aud/],
    ['naming no agency', async () => `Bearer ${await signed({ operator: 'x' })}`, /agency/],
  ];

  test.each(cases)('a token %s is refused with 401 UNAUTHENTICATED', async (_label, make, reason) => {
    const authorization = await make();
    const r = await gql(QUERY, vars, authorization ? { authorization } : {});
    expect(r.status).toBe(401);
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0].message).toMatch(reason);
  });

  test('a valid token passes and the request id comes back', async () => {
    // The operator post reads base data (issue 10: a token without `roles` holds no post).
    const r = await gql(QUERY, vars, { authorization: `Bearer ${await signed({ agency: 'taxation', roles: ['operator'] })}`, 'x-request-id': 'trace-123' });
    expect(r.status).toBe(200);
    expect(r.data.personByIdNumber.gender).toBe(syntheticPerson(1).gender);
    // The request id is the router's own; the client's comes back as the correlation id (issue 8).
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('x-correlation-id')).toBe('trace-123');
  });

  test('a bad x-purpose is BAD_USER_INPUT at the router', async () => {
    const r = await gql(QUERY, vars, { authorization: `Bearer ${await signed({ agency: 'taxation' })}`, 'x-purpose': '%ZZ' });
    expect(r.status).toBe(400);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('`npm run -s token` prints a token and nothing else, and the router accepts it', () => {
    const root = path.resolve(__dirname, '..', '..');
    const out = execFileSync(process.execPath, [path.join(root, 'dist/scripts/token.js'), '--agency', 'taxation', '--ttl', '5m'], { encoding: 'utf8' });
    expect(out).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/);
    return gql(QUERY, vars, { authorization: `Bearer ${out.trim()}` }).then((r) => expect(r.data.personByIdNumber.gender).toBeTruthy());
  });
});
