/**
 * Migrations, once (issue 12). `npm run migrate` (a Kubernetes Job) and, in development, each
 * process at start-up apply a database's pending migrations while holding a PostgreSQL advisory
 * lock on that database: a second runner waits for the first, then finds nothing pending, so no
 * migration is applied twice however many replicas start at once. In production a process never
 * migrates: it checks that nothing is pending and refuses to start otherwise.
 *
 * The lock is a session lock held on a connection of its own, so the URL must be a direct one, not
 * a transaction pooler's (docs/DECISIONS.md, issue 12).
 */
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphDefinition } from '../subgraph/definition';
import { databaseName, databaseUrl, ensureDatabase, hasOwnDatabaseUrl } from './databases';
import { migrate, openOrm } from './orm';
import { databaseUrlVariable } from '../settings/per-subgraph';
import { governanceSubgraph, loadSubgraph, subgraphEntries } from '../subgraph/registry';

/** pg_advisory_lock key of "migrating this database": any constant no other code uses. */
export const MIGRATION_LOCK_KEY = 0x4859_6d69_6772; // "HYmigr"

export class PendingMigrationsError extends Error {
  constructor(subgraph: string, pending: string[]) {
    super(
      `${subgraph}: the database has ${pending.length} pending migration(s) (${pending.join(', ')}); NODE_ENV=production never migrates at start-up: run \`npm run migrate\` first`,
    );
    this.name = 'PendingMigrationsError';
  }
}

/** Runs `fn` while holding the migration lock of the database at `url`; `onWait` is told if another holds it. */
export async function withMigrationLock<T>(url: string, fn: () => Promise<T>, onWait?: () => void): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [MIGRATION_LOCK_KEY]);
    if (!got.rows[0].ok) {
      onWait?.();
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** Creates the database when it is ours to create: derived from DATABASE_URL, not a URL of its own. */
export async function ensureOwnDatabase(subgraph: string, server?: string): Promise<void> {
  if (hasOwnDatabaseUrl(subgraph) || !server) return;
  try {
    await ensureDatabase(server, databaseName(subgraph));
  } catch (e) {
    // Two runners creating it at once: the loser's CREATE fails (42P04, or 23505 on pg_database).
    const code = (e as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw e;
  }
}

/** Applies the subgraph database's pending migrations under the lock; returns the names applied. */
export async function migrateDatabase(def: SubgraphDefinition, server: string | undefined, log: (line: string) => void = () => {}): Promise<string[]> {
  await ensureOwnDatabase(def.name, server);
  const url = databaseUrl(def.name, server);
  const orm = await openOrm(def, url, 2);
  try {
    return await withMigrationLock(
      url,
      () => migrate(orm),
      () => log(`${def.name}: another runner is migrating this database; waiting for it`),
    );
  } finally {
    await orm.close();
  }
}

/** Production start-up: the database must exist and have nothing pending. Read-only: a process
 *  that must not migrate does not create the migrations table either. */
export async function assertMigrated(def: SubgraphDefinition, orm: MikroORM): Promise<void> {
  let applied: Set<string>;
  try {
    const rows = await orm.em.getConnection().execute<{ name: string }[]>('SELECT name FROM mikro_orm_migrations');
    applied = new Set(rows.map((r) => r.name));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== '42P01') {
      throw new Error(
        `${def.name}: cannot read its database (${databaseUrlVariable(def.name)} or DATABASE_URL): ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
    applied = new Set(); // no migrations table: nothing was ever applied
  }
  const pending = (def.migrations ?? []).map((m) => m.name).filter((name) => !applied.has(name));
  if (pending.length) throw new PendingMigrationsError(def.name, pending);
}

/** Every database of schema/subgraphs.json, the governance one first (the others report to it). */
export async function migrateAll(server: string | undefined, log: (line: string) => void = () => {}): Promise<Record<string, string[]>> {
  const governance = governanceSubgraph();
  const entries = [...subgraphEntries()].sort((a, b) => Number(b.name === governance) - Number(a.name === governance));
  const applied: Record<string, string[]> = {};
  for (const entry of entries) {
    applied[entry.name] = await migrateDatabase(loadSubgraph(entry), server, log);
    log(`${entry.name}: ${applied[entry.name].length ? `applied ${applied[entry.name].join(', ')}` : 'up to date'}`);
  }
  return applied;
}
