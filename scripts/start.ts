/**
 * `npm start`: the whole platform with demo data. Ctrl-C / SIGTERM stops every process it started,
 * PostgreSQL included.
 */
import { launchPlatform } from './launcher';
import { usingDevHmacKey } from '../platform/config';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  if (usingDevHmacKey()) console.warn('warning: PLATFORM_HMAC_KEY is not set; using the development pseudonym key');
  const platform = await launchPlatform({
    databaseUrl: process.env.DATABASE_URL || undefined,
    portBase: Number(argValue('--port') ?? process.env.PORT_BASE ?? 4000),
    seedScale: Number(argValue('--scale') ?? process.env.SEED_SCALE ?? 2000),
    verbose: true,
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the platform`);
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  console.log(`\nHengyang data-sharing platform ready: ${platform.routerUrl}\n`);
}

main().catch((e) => {
  console.error('start failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
