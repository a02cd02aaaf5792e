import { Migration } from '@mikro-orm/migrations';

/**
 * The catalogue register (issue 10, item 3): the effective policy of every item and the metadata of
 * every resource, kept by the bureau in the governance database and seeded from the code's
 * declarations. `register_item` / `register_resource` hold the current entry (with the code's
 * declaration last seen, `declared`, so that a release that changes nothing re-tightens nothing a
 * review loosened); `register_item_version` / `register_resource_version` are the append-only
 * history (every change: version, author agency and operator, reason, time, and the objection whose
 * review decided a loosening). A change to either current table notifies `catalogue_register_changed`,
 * on which every subgraph reloads the register (platform/policy/register.ts).
 */
export class Migration20261202050000_catalogue_register extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE register_item (
      item text PRIMARY KEY,
      provider text NOT NULL,
      sharing_type text NOT NULL CHECK (sharing_type IN ('UNCONDITIONAL', 'CONDITIONAL', 'NONE')),
      open_type text NOT NULL CHECK (open_type IN ('OPEN', 'CONDITIONAL', 'CLOSED')),
      level text NOT NULL CHECK (level IN ('L1', 'L2', 'L3', 'L4')),
      mask text NOT NULL,
      basis text,
      conditions text,
      declared jsonb NOT NULL,
      version integer NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      CHECK (sharing_type <> 'NONE' OR (basis IS NOT NULL AND open_type = 'CLOSED'))
    )`);
    this.addSql(`CREATE TABLE register_item_version (
      item text NOT NULL REFERENCES register_item(item),
      version integer NOT NULL,
      sharing_type text NOT NULL,
      open_type text NOT NULL,
      level text NOT NULL,
      mask text NOT NULL,
      basis text,
      conditions text,
      author_agency text NOT NULL,
      author_operator text,
      reason text NOT NULL,
      objection_id uuid,
      changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (item, version)
    )`);
    this.addSql(`CREATE TABLE register_resource (
      code text PRIMARY KEY,
      provider text NOT NULL,
      name text NOT NULL,
      summary text NOT NULL,
      update_cycle text NOT NULL,
      declared jsonb NOT NULL,
      version integer NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    this.addSql(`CREATE TABLE register_resource_version (
      code text NOT NULL REFERENCES register_resource(code),
      version integer NOT NULL,
      name text NOT NULL,
      summary text NOT NULL,
      update_cycle text NOT NULL,
      author_agency text NOT NULL,
      author_operator text,
      reason text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (code, version)
    )`);
    this.addSql(`CREATE FUNCTION register_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
      END $$`);
    for (const table of ['register_item_version', 'register_resource_version']) {
      this.addSql(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION register_history_append_only()`);
      this.addSql(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION register_history_append_only()`);
    }
    this.addSql(`CREATE FUNCTION notify_register_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('catalogue_register_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ['register_item', 'register_resource']) {
      this.addSql(`CREATE TRIGGER ${table}_notify AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_register_changed()`);
    }
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE register_item_version, register_item, register_resource_version, register_resource');
    this.addSql('DROP FUNCTION register_history_append_only, notify_register_changed');
  }
}
