/**
 * `npm run seed -- --scale N [--jobs J] [--only <subgraph>]`: replaces every subgraph's data with
 * the deterministic synthetic city of N persons (same N, same data). Databases are created and
 * migrated first if needed.
 *
 * At city scale (6.6 million persons) the seed is built to finish in minutes on two cores: each
 * database is seeded by a process of its own, J at a time (default: one per core), longest first;
 * rows are streamed with COPY (bounded memory), licences are signed in worker threads
 * (seed/load/worker-rows.ts), and indexes and keys are built after the load
 * (seed/load/deferred-indexes.ts). It ends with each database's size on disk.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import { Client } from 'pg';
import { governanceSubgraph, loadSeeder, loadSubgraph, subgraphEntries } from '../platform/subgraph/registry';
import { reportRefresh } from '../platform/subgraph/refresh';
import { databaseName, ensureDatabase, withDatabase } from '../platform/db/databases';
import { migrate, openOrm } from '../platform/db/orm';
import { argValue, withDatabaseServer } from './cli';
import { isProduction } from '../platform/settings/read';
import { withIndexesAfterLoad } from '../seed/load/deferred-indexes';

/** Longest first (measured at 1,000,000 persons), so that the last job to start is a short one. */
const EXPECTED_ORDER = ['e-license', 'geospatial', 'population', 'credit', 'legal-person'];

/** Seeds one subgraph's database in this process. */
async function seedOne(server: string, name: string, scale: number): Promise<void> {
  const entry = subgraphEntries().find((e) => e.name === name);
  if (!entry) throw new Error(`--only: no subgraph named ${name}`);
  const def = loadSubgraph(entry);
  const seeder = loadSeeder(entry, def);
  if (!seeder) return; // no demo data for this subgraph
  const database = databaseName(def.name);
  await ensureDatabase(server, database);
  const orm = await openOrm(def, withDatabase(server, database));
  const log = (l: string) => console.log(`${def.name}: ${l}`);
  try {
    await migrate(orm);
    const preserved = new Set(def.preserveOnReseed ?? []);
    const tables = Object.values(orm.getMetadata().getAll())
      .map((m) => m.tableName)
      .filter((t) => !preserved.has(t));
    const t0 = Date.now();
    const load = async () => {
      if (tables.length) await orm.em.getConnection().execute(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} CASCADE`);
      await seeder.seed(orm.em.fork(), { scale, log });
    };
    // The governance database's demo register is small, and its audit trail has its own triggers: loaded as it is.
    if (name === governanceSubgraph()) await load();
    else await withIndexesAfterLoad(orm.em.fork(), tables, log, load);
    const rss = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(`${def.name}: seeded at scale ${scale} in ${((Date.now() - t0) / 1000).toFixed(1)} s (peak RSS ${rss} MB)`);
    await reportRefresh(def, orm, server, 'seed');
  } finally {
    await orm.close();
  }
}

/** The subgraphs that have demo data. */
const seededSubgraphs = () => subgraphEntries().filter((e) => loadSeeder(e, loadSubgraph(e)) !== undefined);

/** Runs `node <this script> --scale N --only <name>` for every seeded subgraph: the governance
 *  database first (the others report their refreshes to it), then the others `jobs` at a time. */
async function seedAll(server: string, scale: number, jobs: number): Promise<void> {
  const governance = governanceSubgraph();
  const seeded = seededSubgraphs().map((e) => e.name);
  if (seeded.includes(governance)) await seedOne(server, governance, scale);
  const names = seeded.filter((n) => n !== governance).sort((a, b) => rank(a) - rank(b));
  let failed: Error | undefined;
  const queue = [...names];
  // One failure fails the seed: the others are stopped at once rather than left loading for
  // many minutes into databases that will have to be seeded again anyway.
  const running = new Set<ReturnType<typeof spawn>>();
  const runOne = (name: string) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [__filename, '--scale', String(scale), '--only', name], { stdio: 'inherit', env: process.env });
      running.add(child);
      const forward = () => child.kill('SIGTERM');
      process.once('SIGINT', forward);
      process.once('SIGTERM', forward);
      child.on('exit', (code) => {
        running.delete(child);
        process.off('SIGINT', forward);
        process.off('SIGTERM', forward);
        if (code === 0) resolve();
        else reject(new Error(`seeding ${name} failed (exit code ${code})`));
      });
    });
  const lane = async () => {
    for (let name = queue.shift(); name && !failed; name = queue.shift())
      await runOne(name).catch((e: unknown) => {
        failed ??= e as Error;
        for (const other of running) other.kill('SIGTERM');
      });
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, names.length)) }, lane));
  if (failed) throw failed;
}

const rank = (name: string) => (EXPECTED_ORDER.includes(name) ? EXPECTED_ORDER.indexOf(name) : EXPECTED_ORDER.length);

/** Each seeded database's size on disk, and the total. */
async function reportSizes(server: string): Promise<void> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    const names = seededSubgraphs().map((e) => databaseName(e.name));
    const { rows } = await client.query<{ datname: string; bytes: string }>(
      'SELECT datname, pg_database_size(datname)::bigint AS bytes FROM pg_database WHERE datname = ANY($1) ORDER BY 2 DESC',
      [names],
    );
    const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;
    let total = 0;
    for (const r of rows) {
      total += Number(r.bytes);
      console.log(`size on disk: ${r.datname} ${gib(Number(r.bytes))}`);
    }
    console.log(`size on disk: total ${gib(total)}`);
  } finally {
    await client.end();
  }
}

async function main() {
  // It truncates the agency register and grants: never on a production database.
  if (isProduction()) throw new Error("NODE_ENV=production: `npm run seed` replaces every subgraph's data with demo data and is refused");
  const scale = Number(argValue('--scale') ?? 2000);
  if (!Number.isInteger(scale) || scale < 10) throw new Error('--scale must be an integer of at least 10');
  const only = argValue('--only');
  const jobs = Number(argValue('--jobs') ?? os.availableParallelism());
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error('--jobs must be a positive integer');
  const started = Date.now();
  await withDatabaseServer(async (server) => {
    if (only) return seedOne(server, only, scale);
    // The child processes must find the same server (an embedded one started here included).
    process.env.DATABASE_URL = server;
    await seedAll(server, scale, jobs);
    console.log(`seed done in ${((Date.now() - started) / 1000).toFixed(1)} s (${jobs} at a time)`);
    await reportSizes(server);
  }, console.log);
}

main().catch((e: unknown) => {
  console.error('seed failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
