/**
 * The city seed's bulk load (seed/load/deferred-indexes.ts): indexes and the change-history INSERT
 * trigger are off while the rows go in, and back afterwards — the index rebuilt, the trigger on, so
 * that the first change after the seed is recorded. On a throw-away database of its own.
 */
import { Client } from 'pg';
import { openOrm } from '../../platform/db/orm';
import { dropDatabase, ensureDatabase, withDatabase } from '../../platform/db/databases';
import { CHANGE_HISTORY_V1, trackChangesV1 } from '../../platform/db/change-history';
import { withIndexesAfterLoad } from '../../seed/load/deferred-indexes';
import { subgraph as geospatial } from '../../subgraphs/geospatial';

const server = () => process.env.TEST_DATABASE_URL!;
const database = () => `${process.env.DATABASE_PREFIX}_deferred_seed`;

async function withClient<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: withDatabase(server(), database()) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const state = (c: Client) =>
  c
    .query(
      `SELECT (SELECT tgenabled FROM pg_trigger WHERE tgname = 'thing_changes_insert') AS trigger,
              (SELECT count(*)::int FROM pg_indexes WHERE tablename = 'thing' AND indexname = 'thing_name_idx') AS indexes`,
    )
    .then((r) => r.rows[0]);

beforeAll(async () => {
  await dropDatabase(server(), database()).catch(() => undefined);
  await ensureDatabase(server(), database());
  await withClient(async (c) => {
    await c.query(`CREATE TABLE thing (id text PRIMARY KEY, name text NOT NULL)`);
    await c.query(`CREATE INDEX thing_name_idx ON thing (name)`);
    for (const sql of [...CHANGE_HISTORY_V1, ...trackChangesV1('thing')]) await c.query(sql);
  });
});

afterAll(async () => {
  await dropDatabase(server(), database());
});

test('during the load the index is gone and the insert trigger off; afterwards both are back and a change is recorded', async () => {
  const orm = await openOrm(geospatial, withDatabase(server(), database()));
  let during: { trigger: string; indexes: number } | undefined;
  try {
    await withIndexesAfterLoad(
      orm.em.fork(),
      ['thing'],
      () => undefined,
      async () => {
        await withClient(async (c) => {
          during = await state(c);
          await c.query(`INSERT INTO thing (id, name) SELECT 'k' || g, 'n' || g FROM generate_series(1, 1000) g`);
        });
      },
    );
  } finally {
    await orm.close();
  }
  expect(during).toEqual({ trigger: 'D', indexes: 0 });
  await withClient(async (c) => {
    expect(await state(c)).toEqual({ trigger: 'O', indexes: 1 });
    expect((await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'seed_deferred_ddl'`)).rows[0].n).toBe(0);
    // The load itself recorded nothing (no actor); a change by an actor afterwards is recorded.
    expect((await c.query(`SELECT count(*)::int AS n FROM record_change`)).rows[0].n).toBe(0);
    await c.query('BEGIN');
    await c.query(`SELECT set_config('hengyang.change_agency', 'natural-resources', true)`);
    await c.query(`INSERT INTO thing (id, name) VALUES ('after', 'x')`);
    await c.query('COMMIT');
    expect((await c.query(`SELECT record_id, kind FROM record_change`)).rows).toEqual([{ record_id: 'after', kind: 'INSERT' }]);
  });
});
