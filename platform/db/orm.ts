/**
 * MikroORM for one subgraph's database, with a counter of SQL statements so that tests and the
 * benchmark can show that statements per request do not grow with page size (no N+1).
 */
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { SubgraphDefinition } from '../subgraph/definition';
import { observePool, sqlStatements } from '../observability/metrics';
import { traceSql } from '../observability/sql-spans';

/** `statementTimeoutMs` (0: none) bounds every statement on the pool's connections (platform/db/statement-timeout.ts). */
export async function openOrm(def: SubgraphDefinition, clientUrl: string, poolMax = 10, statementTimeoutMs = 0): Promise<MikroORM> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl,
    entities: def.entities,
    extensions: [Migrator],
    migrations: {
      // Migrations are listed in code (migrations/<subgraph>/index.ts), so that the same list works
      // from sources and from dist/ without globbing.
      migrationsList: def.migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: poolMax },
    // node-postgres sends it as a startup parameter: the server cancels a statement (a lock wait
    // included) that runs longer, with SQLSTATE 57014.
    ...(statementTimeoutMs > 0 ? { driverOptions: { connection: { statement_timeout: statementTimeoutMs } } } : {}),
    // Never create a missing database behind our back: development and `npm run migrate` create
    // the ones derived from DATABASE_URL (platform/db/migrate.ts); production creates nothing.
    ensureDatabase: false,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    debug: false,
  });
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => {
      sqlStatements.inc({ subgraph: def.name });
    });
  traceSql(orm.em.getConnection().getKnex(), def.name);
  // knex's pool (tarn), read at scrape time (knex creates it lazily and replaces it on reconnect).
  type Tarn = { numUsed(): number; numFree(): number; numPendingAcquires(): number };
  const knexClient = orm.em.getConnection().getKnex().client as { pool?: Tarn };
  observePool(def.name, () => {
    const pool = knexClient.pool;
    return pool ? { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() } : { used: 0, free: 0, pending: 0 };
  });
  return orm;
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
