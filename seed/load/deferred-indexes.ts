/**
 * Indexes after load: a bulk load into tables without indexes or keys, then one sorted build of
 * each, is several times faster than maintaining them row by row (random pseudonymous keys make
 * every B-tree insert a random page). Before the load, every index, primary key, unique and
 * foreign-key constraint of the database's tables is written down in `seed_deferred_ddl` and
 * dropped; after it they are rebuilt from that list and the list is dropped. A seed that dies in
 * between leaves the list, and the next seed rebuilds from it: a database never stays without its
 * indexes because of an interrupted seed.
 *
 * The change-history INSERT triggers (platform/db/change-history.ts) are switched off the same way
 * and on again after the load: an INSERT without an actor is an initial load and records nothing,
 * but a statement-level trigger with a transition table still copies every inserted row into a
 * tuplestore (spilled to disk past work_mem), which doubled what a 12-million-licence load wrote.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PoolClient } from 'pg';

const LIST = 'seed_deferred_ddl';

type Execute = (sql: string) => Promise<Record<string, unknown>[]>;

/** Drops the indexes and keys of `tables` (schema public), remembering how to rebuild them. */
async function dropAndRemember(execute: Execute, tables: string[]): Promise<boolean> {
  await execute(`CREATE TABLE IF NOT EXISTS ${LIST} (ord int NOT NULL, name text NOT NULL, ddl text NOT NULL)`);
  const remembered = Number((await execute(`SELECT count(*)::int AS n FROM ${LIST}`))[0].n);
  if (remembered > 0) return true; // an interrupted seed already dropped them: rebuild from its list
  const list = tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ');
  // Rebuild order: keys and unique constraints, then plain indexes, then foreign keys (they need the keys).
  await execute(`
    INSERT INTO ${LIST} (ord, name, ddl)
    SELECT CASE c.contype WHEN 'f' THEN 3 ELSE 1 END, c.conname,
           format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid))
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f', 'x') AND t.relname IN (${list})
    UNION ALL
    SELECT 2, i.relname, pg_get_indexdef(i.oid)
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND t.relname IN (${list})
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
    UNION ALL
    SELECT 4, g.tgname, format('ALTER TABLE %I ENABLE TRIGGER %I', t.relname, g.tgname)
      FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND t.relname IN (${list}) AND NOT g.tgisinternal AND g.tgname LIKE '%\\_changes\\_insert'`);
  // Foreign keys first (also those of other tables that reference these keys: they are in the list
  // only when their table is seeded too, so refuse to drop a key another table still needs).
  const outside = await execute(`
    SELECT c.conname FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid JOIN pg_class t ON t.oid = c.conrelid
     WHERE c.contype = 'f' AND r.relname IN (${list}) AND t.relname NOT IN (${list})`);
  if (outside.length) {
    await execute(`DELETE FROM ${LIST}`);
    return false;
  }
  for (const r of await execute(`SELECT name, ddl FROM ${LIST} ORDER BY ord DESC`)) {
    const ddl = String(r.ddl);
    const table = /^ALTER TABLE (\S+) ADD CONSTRAINT/.exec(ddl)?.[1];
    if (/ ENABLE TRIGGER /.test(ddl)) await execute(ddl.replace(' ENABLE TRIGGER ', ' DISABLE TRIGGER '));
    else if (table) await execute(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS "${String(r.name).replace(/"/g, '""')}"`);
    else await execute(`DROP INDEX IF EXISTS "${String(r.name).replace(/"/g, '""')}"`);
  }
  return true;
}

/** Rebuilds what dropAndRemember dropped, with memory enough for one sorted pass, then forgets the list. */
async function rebuild(execute: Execute, log: (line: string) => void): Promise<void> {
  await execute(`SET maintenance_work_mem = '512MB'`);
  const rows = await execute(`SELECT name, ddl FROM ${LIST} ORDER BY ord, name`);
  const t0 = Date.now();
  for (const r of rows) await execute(String(r.ddl));
  await execute(`DROP TABLE ${LIST}`);
  await execute('RESET maintenance_work_mem');
  log(`${rows.length} indexes and keys built after load in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** knex's connection pool, as far as this file uses it. */
interface KnexPool {
  acquireConnection(): Promise<PoolClient>;
  releaseConnection(client: PoolClient): Promise<void>;
}

/** Runs `load` with the tables' indexes and keys dropped, rebuilds them, and ANALYZEs the tables.
 *  When a table outside `tables` references one of them, nothing is deferred (logged). */
export async function withIndexesAfterLoad(em: EntityManager, tables: string[], log: (line: string) => void, load: () => Promise<void>): Promise<void> {
  // One connection of its own, for the session setting (maintenance_work_mem) and the DDL.
  const pool = em.getConnection().getKnex().client as KnexPool;
  const client = await pool.acquireConnection();
  const execute: Execute = async (sql) => (await client.query(sql)).rows as Record<string, unknown>[];
  try {
    const deferred = await dropAndRemember(execute, tables);
    if (!deferred) log('indexes kept during the load: a table not reseeded references the seeded ones');
    await load();
    if (deferred) await rebuild(execute, log);
    else await execute(`DROP TABLE IF EXISTS ${LIST}`);
    await execute(`ANALYZE ${tables.map((t) => `"${t}"`).join(', ')}`);
  } finally {
    await pool.releaseConnection(client);
  }
}
