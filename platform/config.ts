/**
 * Process-wide configuration read from the environment, with development defaults.
 * Everything a subgraph, the router or a script needs to agree on lives here. Every variable is
 * declared and validated in platform/settings (issue 12); these are its most used accessors.
 */
import * as path from 'node:path';
import { refuseInProduction, setting } from './settings/read';

export { setting, isProduction } from './settings/read';

/** Repository root, whether we run from sources (ts-jest) or from dist/. */
export const repoRoot = (() => {
  const here = __dirname;
  const inDist = here.split(path.sep).includes('dist');
  return inDist ? path.resolve(here, '..', '..') : path.resolve(here, '..');
})();

/** Key of the pseudonymous federation keys (HMAC-SHA256). Development default if unset. */
export const DEV_HMAC_KEY = 'hengyang-dev-only-pseudonym-key-change-me';

export function hmacKey(): string {
  const key = setting('PLATFORM_HMAC_KEY');
  if (key) return key;
  refuseInProduction('the development pseudonym key', 'PLATFORM_HMAC_KEY');
  return DEV_HMAC_KEY;
}

export function usingDevHmacKey(): boolean {
  return !setting('PLATFORM_HMAC_KEY');
}

/** Prefix of the per-subgraph database names: `${prefix}_${subgraph}` (tests use their own). */
export function databasePrefix(): string {
  return setting('DATABASE_PREFIX');
}

/** Where the embedded PostgreSQL keeps its data when no DATABASE_URL is given. */
export function embeddedDataDir(): string {
  refuseInProduction('the embedded PostgreSQL', 'DATABASE_URL');
  return setting('EMBEDDED_PG_DIR') ?? path.join(repoRoot, '.data', 'pg');
}

export function embeddedPort(): number {
  return setting('EMBEDDED_PG_PORT');
}
