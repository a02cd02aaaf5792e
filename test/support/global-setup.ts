/**
 * Starts the whole platform once for the integration tests, exactly as `npm start` does but on
 * ports 4100-4106, with fresh `hytest_*` databases and a small deterministic seed. It uses
 * DATABASE_URL when set (CI: the machine's PostgreSQL), or a throw-away embedded server.
 * It first brings dist/ up to date with the sources (incremental tsc), so no test runs stale code.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { launchPlatform } from '../../scripts/launcher';
import { databaseName, dropDatabase } from '../../platform/db/databases';
import { subgraphEntries } from '../../platform/subgraph/registry';
import { TEST_ENV } from './env';
import { buildDist } from './build-dist';

export default async function globalSetup(): Promise<void> {
  buildDist(path.resolve(__dirname, '..', '..'), (l) => process.stderr.write(`\n${l}\n`));
  Object.assign(process.env, TEST_ENV);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl) {
    for (const e of subgraphEntries()) await dropDatabase(databaseUrl, databaseName(e.name));
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hytest-pg-'));
    fs.chmodSync(dir, 0o755);
    process.env.TEST_EMBEDDED_DIR = dir;
    process.env.EMBEDDED_PG_DIR = path.join(dir, 'data');
    process.env.EMBEDDED_PG_PORT = '5498';
  }
  // Every process's output is kept (test/security/logs.test.ts reads it for personal data).
  process.env.LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), `${process.env.DATABASE_PREFIX}-logs-`));
  const started = Date.now();
  const platform = await launchPlatform({
    databaseUrl,
    portBase: Number(process.env.TEST_PORT_BASE || 4100),
    only: process.env.TEST_SUBGRAPHS ? process.env.TEST_SUBGRAPHS.split(',') : undefined,
    seedScale: Number(process.env.TEST_SEED_SCALE),
    databasePrefix: process.env.DATABASE_PREFIX,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  process.env.TEST_ROUTER_URL = platform.routerUrl;
  process.env.TEST_DATABASE_URL = platform.databaseUrl;
  process.env.TEST_SUBGRAPH_URLS = JSON.stringify(platform.subgraphUrls);
  (globalThis as any).__PLATFORM__ = platform;
  process.stderr.write(`\nplatform up for tests in ${((Date.now() - started) / 1000).toFixed(1)} s at ${platform.routerUrl}\n`);
}
