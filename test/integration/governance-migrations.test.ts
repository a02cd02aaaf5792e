/**
 * Issue 9 moved the governance tables' migrations to migrations/governance/ and took the
 * governance statements out of the catalog's first workflow migration. A database migrated before
 * (names recorded in the old order, the workflow migration with its old body) must re-run nothing,
 * and end with the same schema as a database built fresh from the new list.
 */
import { Client } from 'pg';
import { migrate, openOrm } from '../../platform/db/orm';
import { dropDatabase, ensureDatabase, withDatabase } from '../../platform/db/databases';
import { subgraph as catalog } from '../../subgraphs/catalog';
import { governanceMigrations } from '../../migrations/governance';
import { catalogFeatureMigrations } from '../../migrations/catalog';
import { Migration20261125010000_workflow } from '../../migrations/catalog/Migration20261125010000_workflow';

/** The workflow migration as the first release shipped it: the catalog's tables, then the governance statements. */
class FirstReleaseWorkflow extends Migration20261125010000_workflow {
  async up(): Promise<void> {
    await super.up();
    this.addSql(`CREATE TABLE resource_refresh (
      id bigserial PRIMARY KEY,
      subgraph text NOT NULL,
      table_name text NOT NULL,
      type_name text NOT NULL,
      records bigint NOT NULL,
      refreshed_at timestamptz NOT NULL DEFAULT now(),
      source text NOT NULL
    )`);
    this.addSql(`CREATE INDEX resource_refresh_latest_idx ON resource_refresh (subgraph, table_name, refreshed_at DESC)`);
    this.addSql(`ALTER TABLE sharing_grant ADD COLUMN revoked_by text`);
    this.addSql(`CREATE INDEX audit_event_subgraph_seq_idx ON audit_event (subgraph, seq)`);
  }
}

const byName = (name: string) => [...governanceMigrations, ...catalogFeatureMigrations].find((m) => m.name === name)!;
/** The catalog's list before issue 9, in its order. */
const FIRST_RELEASE = [
  byName('Migration20261125000000_governance'),
  { name: 'Migration20261125010000_workflow', class: FirstReleaseWorkflow },
  byName('Migration20261130010000_agency_notify'),
  byName('Migration20261130020000_audit_uncapped'),
  byName('Migration20261130030000_grant_item_revocation'),
  byName('Migration20261130040000_lookup_budget'),
];

const SCHEMA_QUERIES = [
  `SELECT table_name, column_name, data_type, column_default, is_nullable FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`,
  `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`,
  `SELECT proname, md5(prosrc) AS src FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY proname`,
  `SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`,
  `SELECT count(*)::int AS calendar_days FROM calendar_day`,
  `SELECT last_seq, last_hash FROM audit_chain_head`,
];

async function schemaOf(url: string): Promise<unknown[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const out: unknown[] = [];
    for (const q of SCHEMA_QUERIES) out.push((await c.query(q)).rows);
    return out;
  } finally {
    await c.end();
  }
}

describe('governance migrations (issue 9)', () => {
  const server = process.env.TEST_DATABASE_URL!;
  const existing = `${process.env.DATABASE_PREFIX}_gov_existing`;
  const fresh = `${process.env.DATABASE_PREFIX}_gov_fresh`;

  afterAll(async () => {
    await dropDatabase(server, existing);
    await dropDatabase(server, fresh);
  });

  test('an existing database re-runs nothing and ends with the schema a fresh one gets', async () => {
    for (const db of [existing, fresh]) {
      await dropDatabase(server, db);
      await ensureDatabase(server, db);
    }
    let orm = await openOrm({ ...catalog, migrations: FIRST_RELEASE }, withDatabase(server, existing));
    expect(await migrate(orm)).toHaveLength(6);
    await orm.close();

    orm = await openOrm(catalog, withDatabase(server, existing));
    // The refresh log (issue 9), then every migration added after the first release (issue 10: catalogue kinds, …).
    const later = catalog.migrations.map((m) => m.name).filter((n) => n > 'Migration20261130040000_lookup_budget');
    expect(await migrate(orm)).toEqual(['Migration20261125005000_refresh_log', ...later]);
    await orm.close();

    orm = await openOrm(catalog, withDatabase(server, fresh));
    expect(await migrate(orm)).toEqual(catalog.migrations.map((m) => m.name));
    await orm.close();

    expect(await schemaOf(withDatabase(server, existing))).toEqual(await schemaOf(withDatabase(server, fresh)));
  });
});
