/**
 * The `batch_export` claim switches a request to the agency's BATCH grants and marks its audit rows
 * as the export's (platform/policy/request.ts): only the exporter may mint it. Before, any key of
 * the platform JWKS (an operator tool's, a second issuer's) could sign a token carrying it. Now the
 * verifier that the router and every subgraph share (platform/identity/tokens.ts `identify`)
 * accepts the claim only on a token whose kid is the export signing key's, and refuses it where no
 * export key is known. Run in-process with a JWKS of two keys, since the test platform's processes
 * only have the development key (for which the claim is the dev key's own).
 */
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { identify } from '../../platform/identity/tokens';
import { audience, issuer } from '../../platform/identity/keys';

const EXPORT_ID = '8b0c6a52-3f7e-4c55-9a51-0d3f1e2a7b64';
let keys: Record<'export' | 'other', { priv: JWK; pub: JWK; key: CryptoKey }>;

async function pair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return {
    priv: { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' },
    pub: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' },
    key: privateKey,
  };
}

const sign = (k: { key: CryptoKey; pub: JWK }, claims: Record<string, unknown>) =>
  new SignJWT({ agency: 'taxation', operator: 'tax-op', roles: ['operator'], ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: k.pub.kid!, typ: 'JWT' })
    .setIssuer(issuer())
    .setAudience(audience())
    .setSubject('tax-op')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(k.key);

const saved = { ...process.env };

beforeAll(async () => {
  keys = { export: await pair('export-2026'), other: await pair('ops-2026') };
  // Both public keys are in the platform JWKS: the other key signs ordinary tokens that verify.
  process.env.PLATFORM_JWKS = JSON.stringify({ keys: [keys.export.pub, keys.other.pub] });
});

afterEach(() => {
  delete process.env.EXPORT_SIGNING_KEY;
  delete process.env.EXPORT_SIGNING_KID;
});

afterAll(() => {
  process.env = saved;
});

const refusal = async (token: string) => {
  try {
    await identify(`Bearer ${token}`);
  } catch (e: any) {
    return { code: e.extensions?.code, reason: e.extensions?.reason as string };
  }
  return undefined;
};

describe('a batch_export claim', () => {
  it('is accepted on a token signed with the export signing key (EXPORT_SIGNING_KEY in the process)', async () => {
    process.env.EXPORT_SIGNING_KEY = JSON.stringify(keys.export.priv);
    const identity = await identify(`Bearer ${await sign(keys.export, { batch_export: EXPORT_ID })}`);
    expect(identity).toMatchObject({ kind: 'agency', agency: 'taxation', batchExport: EXPORT_ID });
  });

  it('is accepted by a process that knows only the kid (EXPORT_SIGNING_KID: the router holds no private key)', async () => {
    process.env.EXPORT_SIGNING_KID = 'export-2026';
    const identity = await identify(`Bearer ${await sign(keys.export, { batch_export: EXPORT_ID, operator: 'tax-op-2' })}`);
    expect(identity).toMatchObject({ batchExport: EXPORT_ID });
  });

  it('is refused (401) on a token signed by another key of the JWKS, though that key verifies ordinary tokens', async () => {
    process.env.EXPORT_SIGNING_KID = 'export-2026';
    // The same key's ordinary token is fine: only the claim is refused.
    expect(await identify(`Bearer ${await sign(keys.other, {})}`)).toMatchObject({ agency: 'taxation' });
    expect(await identify(`Bearer ${await sign(keys.other, {})}`)).not.toHaveProperty('batchExport');
    const r = await refusal(await sign(keys.other, { batch_export: EXPORT_ID }));
    expect(r).toEqual({ code: 'UNAUTHENTICATED', reason: expect.stringMatching(/batch_export.*export signing key/) });
  });

  it('is refused on every token where no export key is known (JWKS configured, neither EXPORT_SIGNING_KEY nor _KID)', async () => {
    const r = await refusal(await sign(keys.export, { batch_export: EXPORT_ID, operator: 'tax-op-3' }));
    expect(r?.code).toBe('UNAUTHENTICATED');
  });

  it('cannot borrow the export kid in the header with another key (the signature is checked against the kid)', async () => {
    process.env.EXPORT_SIGNING_KID = 'export-2026';
    const forged = await new SignJWT({ agency: 'taxation', operator: 'x', roles: ['operator'], batch_export: EXPORT_ID })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'export-2026', typ: 'JWT' })
      .setIssuer(issuer())
      .setAudience(audience())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(keys.other.key);
    expect((await refusal(forged))?.reason).toMatch(/signature does not verify/);
  });
});
