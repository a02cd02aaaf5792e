/**
 * `npm run seed -- --scale N`: replaces every subgraph's data with the deterministic synthetic
 * city of N persons (same N, same data). Databases are created and migrated first if needed.
 */
import 'reflect-metadata';
import { governanceSubgraph, loadSeeder, loadSubgraph, subgraphEntries } from '../platform/subgraph/registry';
import { reportRefresh } from '../platform/subgraph/refresh';
import { databaseName, ensureDatabase, withDatabase } from '../platform/db/databases';
import { migrate, openOrm } from '../platform/db/orm';
import { argValue, withDatabaseServer } from './cli';
import { isProduction } from '../platform/settings/read';

async function main() {
  // It truncates the agency register and grants: never on a production database.
  if (isProduction()) throw new Error("NODE_ENV=production: `npm run seed` replaces every subgraph's data with demo data and is refused");
  const scale = Number(argValue('--scale') ?? 2000);
  if (!Number.isInteger(scale) || scale < 10) throw new Error('--scale must be an integer of at least 10');
  const only = argValue('--only');
  const started = Date.now();
  await withDatabaseServer(async (server) => {
    // The governance database first: the others report their refreshes to it.
    const governance = governanceSubgraph();
    const entries = [...subgraphEntries()].sort((a, b) => Number(b.name === governance) - Number(a.name === governance));
    for (const entry of entries) {
      if (only && entry.name !== only) continue;
      const def = loadSubgraph(entry);
      const seeder = loadSeeder(entry, def);
      if (!seeder) continue; // no demo data for this subgraph
      const database = databaseName(def.name);
      await ensureDatabase(server, database);
      const orm = await openOrm(def, withDatabase(server, database));
      try {
        await migrate(orm);
        const tables = orm.getMetadata().getAll();
        const preserved = new Set(def.preserveOnReseed ?? []);
        const names = Object.values(tables)
          .filter((m) => !preserved.has(m.tableName))
          .map((m) => `"${m.tableName}"`);
        if (names.length) await orm.em.getConnection().execute(`TRUNCATE ${names.join(', ')} CASCADE`);
        const t0 = Date.now();
        await seeder.seed(orm.em.fork(), { scale, log: (l) => console.log(`${def.name}: ${l}`) });
        console.log(`${def.name}: seeded at scale ${scale} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        await reportRefresh(def, orm, server, 'seed');
      } finally {
        await orm.close();
      }
    }
    console.log(`seed done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, console.log);
}

main().catch((e: unknown) => {
  console.error('seed failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
