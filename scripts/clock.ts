/**
 * `node dist/scripts/clock.js [--advance <n>d|<n>h | --reset]`: shows or moves the platform clock
 * (platform/governance/clock.ts) for every process of a development or test platform at once, e.g.
 * to see a data demand go overdue without waiting. Refused when NODE_ENV=production. Uses
 * DATABASE_URL (or the embedded server, as npm start does).
 */
import { Client } from 'pg';
import { pgSql } from '../platform/db/sql';
import { governanceDatabaseUrl, platformClockOffset, setPlatformClockOffset } from '../platform/governance';
import { withDatabaseServer } from './cli';

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000 };

function parseArgs(argv: string[]): number | undefined {
  if (argv[0] === '--reset') return 0;
  if (argv[0] === '--advance') {
    const m = /^(\d+)([dh])$/.exec(argv[1] ?? '');
    if (!m) throw new Error('--advance takes a duration like 30d or 12h');
    return Number(m[1]) * UNIT_MS[m[2]];
  }
  if (argv.length) throw new Error('usage: clock [--advance <n>d|<n>h | --reset]');
  return undefined;
}

async function main(): Promise<void> {
  const offset = parseArgs(process.argv.slice(2));
  await withDatabaseServer(async (server) => {
    const client = new Client({ connectionString: governanceDatabaseUrl(server) });
    await client.connect();
    try {
      const sql = pgSql(client);
      if (offset !== undefined) await setPlatformClockOffset(sql, offset, 'scripts/clock.ts');
      const now = await platformClockOffset(sql);
      console.log(`platform clock: ${new Date(Date.now() + now).toISOString()} (offset ${now / 3_600_000} h)`);
    } finally {
      await client.end();
    }
  });
}

main().catch((e: unknown) => {
  console.error('clock:', e instanceof Error ? e.message : e);
  process.exit(1);
});
