/**
 * Process-wide configuration read from the environment, with development defaults.
 * Everything a subgraph, the router or a script needs to agree on lives here.
 */
import * as path from 'node:path';

/** Repository root, whether we run from sources (ts-jest) or from dist/. */
export const repoRoot = (() => {
  const here = __dirname;
  const inDist = here.split(path.sep).includes('dist');
  return inDist ? path.resolve(here, '..', '..') : path.resolve(here, '..');
})();

/** Key of the pseudonymous federation keys (HMAC-SHA256). Development default if unset. */
export const DEV_HMAC_KEY = 'hengyang-dev-only-pseudonym-key-change-me';

export function hmacKey(): string {
  return process.env.PLATFORM_HMAC_KEY || DEV_HMAC_KEY;
}

export function usingDevHmacKey(): boolean {
  return !process.env.PLATFORM_HMAC_KEY;
}

/** Prefix of the per-subgraph database names: `${prefix}_${subgraph}` (tests use their own). */
export function databasePrefix(): string {
  return process.env.DATABASE_PREFIX || 'hengyang';
}

/** Where the embedded PostgreSQL keeps its data when no DATABASE_URL is given. */
export function embeddedDataDir(): string {
  return process.env.EMBEDDED_PG_DIR || path.join(repoRoot, '.data', 'pg');
}

export function embeddedPort(): number {
  return Number(process.env.EMBEDDED_PG_PORT || 5499);
}
