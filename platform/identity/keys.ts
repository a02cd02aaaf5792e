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
import { refuseInProduction, setting } from '../settings/read';

export const TOKEN_ALGORITHMS = ['EdDSA', 'ES256'];

/** How long a fetched remote JWKS (and a verified token) may be trusted without looking again. */
export const JWKS_MAX_AGE_MS = 5 * 60_000;

/**
 * The longest lifetime (exp − iat) a token may have, in seconds: TOKEN_MAX_LIFETIME as seconds or
 * a duration such as "12h" or "90m"; default 12 h (one working day plus overtime: an operator signs
 * in once a day, and a stolen token is useless by the next morning).
 */
export function tokenMaxLifetimeSeconds(): number {
  return setting('TOKEN_MAX_LIFETIME');
}

export const issuer = () => setting('TOKEN_ISSUER');
export const audience = () => setting('TOKEN_AUDIENCE');

export const devKeysPath = () => setting('DEV_KEYS_PATH') ?? path.join(repoRoot, '.data', 'dev-keys.json');

export const usingDevKeys = () => !setting('PLATFORM_JWKS') && !setting('PLATFORM_JWKS_URL');

interface DevKeys {
  privateJwk: JWK;
  publicJwks: { keys: JWK[] };
}

/** Creates the development key pair if missing (atomically, so concurrent starters agree). */
export async function ensureDevKeys(): Promise<DevKeys> {
  refuseInProduction('generated development token keys', 'PLATFORM_JWKS');
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
    // Refetched at least every 5 minutes, so a key removed from the identity provider's JWKS
    // stops verifying within that time (issue 8: tokens); an unknown kid refetches sooner.
    const url = setting('PLATFORM_JWKS_URL');
    if (url) return createRemoteJWKSet(new URL(url), { cacheMaxAge: JWKS_MAX_AGE_MS, cooldownDuration: 30_000 });
    const jwks = setting('PLATFORM_JWKS');
    if (jwks) return createLocalJWKSet(jwks);
    return createLocalJWKSet((await ensureDevKeys()).publicJwks);
  })();
  return verifier;
}

/** The development signing key (only `npm run token` and the tests sign). */
export async function devSigningKey() {
  const { privateJwk } = await ensureDevKeys();
  return { key: await importJWK(privateJwk, 'EdDSA'), kid: privateJwk.kid! };
}
