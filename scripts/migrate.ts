/**
 * `npm run migrate`: applies every database's pending migrations, each under a PostgreSQL advisory
 * lock (platform/db/migrate.ts), so two runs at once apply nothing twice: the second waits, then
 * finds nothing pending. In production this is the only way a database is migrated (a Kubernetes
 * Job before the Deployments roll); processes refuse to start while a migration is pending.
 */
import 'reflect-metadata';
import { migrateAll } from '../platform/db/migrate';
import { checkSettingsOrExit } from '../platform/settings/check';
import { withDatabaseServer } from './cli';

async function main() {
  checkSettingsOrExit({ kind: 'migrate' });
  const started = Date.now();
  await withDatabaseServer((server) => migrateAll(server || undefined, console.log), console.log);
  console.log(`migrate done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((e: unknown) => {
  console.error('migrate failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
