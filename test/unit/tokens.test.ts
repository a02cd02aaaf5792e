/**
 * Class 10 of issue 8 (tokens), the parts an integration test cannot wait for: a key removed from
 * a remote JWKS stops verifying within 5 minutes, even for a token already verified and cached;
 * `exp` is required and the lifetime bounded (TOKEN_MAX_LIFETIME).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { identify } from '../../platform/identity/tokens';
import { audience, issuer } from '../../platform/identity/keys';

let server: Server;
let served: { keys: JWK[] } = { keys: [] };

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(served));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  process.env.PLATFORM_JWKS_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});

afterAll(async () => {
  delete process.env.PLATFORM_JWKS_URL;
  jest.restoreAllMocks();
  await new Promise((r) => server.close(r));
});

test('a key withdrawn from the remote JWKS stops working within 5 minutes; exp and lifetime are enforced', async () => {
  // PLATFORM_JWKS_URL is read on first verification, after beforeAll set it.
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  served = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' }] };
  const make = (iat: number | undefined, exp: number | undefined) => {
    let jwt = new SignJWT({ agency: 'development-reform', operator: 'op' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
      .setIssuer(issuer())
      .setAudience(audience());
    if (iat !== undefined) jwt = jwt.setIssuedAt(iat);
    if (exp !== undefined) jwt = jwt.setExpirationTime(exp);
    return jwt.sign(privateKey);
  };
  const start = Date.now();
  const s = Math.floor(start / 1000);
  const token = await make(s, s + 8 * 3600);
  expect((await identify(`Bearer ${token}`)).agency).toBe('development-reform');

  await expect(identify(`Bearer ${await make(s, undefined)}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  await expect(identify(`Bearer ${await make(s, s + 13 * 3600)}`)).rejects.toThrow(/longer than/);

  // The issuer withdraws the key. Four minutes later the cached verification still stands…
  served = { keys: [] };
  const now = jest.spyOn(Date, 'now').mockReturnValue(start + 4 * 60_000);
  expect((await identify(`Bearer ${token}`)).agency).toBe('development-reform');
  // …six minutes later both the token cache and the JWKS have expired: the token is refused.
  now.mockReturnValue(start + 6 * 60_000);
  await expect(identify(`Bearer ${token}`)).rejects.toThrow(/does not verify/);
});
