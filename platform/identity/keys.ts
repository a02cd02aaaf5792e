/**
 * The platform issuer's keys. Production: PLATFORM_JWKS (a JSON Web Key Set of public keys) or
 * PLATFORM_JWKS_URL (the identity provider's JWKS endpoint). Development: an Ed25519 pair generated
 * once into .data/dev-keys.json (git-ignored), shared by the router, every subgraph and
 * `npm run token`; start-up warns when it is used.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, type JWTVerifyGetKey } from 'jose';
import { repoRoot } from '../config';

export const TOKEN_ALGORITHMS = ['EdDSA', 'ES256'];

export const issuer = () => process.env.TOKEN_ISSUER || 'https://auth.hengyang.gov.cn';
export const audience = () => process.env.TOKEN_AUDIENCE || 'hengyang-data-sharing';

export const devKeysPath = () => process.env.DEV_KEYS_PATH || path.join(repoRoot, '.data', 'dev-keys.json');

export const usingDevKeys = () => !process.env.PLATFORM_JWKS && !process.env.PLATFORM_JWKS_URL;

interface DevKeys {
  privateJwk: JWK;
  publicJwks: { keys: JWK[] };
}

/** Creates the development key pair if missing (atomically, so concurrent starters agree). */
export async function ensureDevKeys(): Promise<DevKeys> {
  const file = devKeysPath();
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DevKeys;
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const keys: DevKeys = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA', use: 'sig' },
    publicJwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(keys, null, 2), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file); // fails if another process won the race: then use theirs
  } catch {
    /* keep the existing file */
  }
  fs.unlinkSync(tmp);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DevKeys;
}

let verifier: Promise<JWTVerifyGetKey> | undefined;

/** The key set tokens are verified against. */
export function verificationKeys(): Promise<JWTVerifyGetKey> {
  verifier ??= (async () => {
    if (process.env.PLATFORM_JWKS_URL) return createRemoteJWKSet(new URL(process.env.PLATFORM_JWKS_URL));
    if (process.env.PLATFORM_JWKS) return createLocalJWKSet(JSON.parse(process.env.PLATFORM_JWKS));
    return createLocalJWKSet((await ensureDevKeys()).publicJwks);
  })();
  return verifier;
}

/** The development signing key (only `npm run token` and the tests sign). */
export async function devSigningKey() {
  const { privateJwk } = await ensureDevKeys();
  return { key: await importJWK(privateJwk, 'EdDSA'), kid: privateJwk.kid! };
}
