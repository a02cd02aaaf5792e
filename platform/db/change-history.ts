/**
 * Change history of a base database (issue 11, Art. 11 谁提供、谁负责): every change to a record is
 * kept in the provider's own database, in `record_change`, by triggers on the base tables, so that
 * nothing that writes a table (the ingest CLI, the provider's mutations, a DBA's UPDATE) can skip
 * it. Who made the change comes from transaction-local settings (`SET LOCAL`, written by
 * `setChangeActor`); a change without them is recorded as the database user's, source `sql`.
 * An INSERT without an actor is an initial load (the seed, a restore) and is not a change.
 * The table is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE on it.
 *
 * The SQL below is what the migrations ran (20261202070000…): it is frozen; a change to it is a
 * new migration, not an edit here.
 */
import type { Sql } from './sql';

/** Who changes records in this transaction: the provider agency, its operator, and the channel. */
export interface ChangeActor {
  agency: string;
  operator: string | null;
  /** `ingest` (npm run ingest), `mutation` (the provider's GraphQL update), `correction` … */
  source: string;
}

/** Sets the actor for the rest of the current transaction (set_config(…, true) = SET LOCAL). */
export async function setChangeActor(q: Sql, actor: ChangeActor): Promise<void> {
  await q(
    `SELECT set_config('hengyang.change_agency', ?, true), set_config('hengyang.change_operator', ?, true), set_config('hengyang.change_source', ?, true)`,
    [actor.agency, actor.operator ?? '', actor.source],
  );
}

/** The history table, its append-only guard and the generic trigger function (once per database). */
export const CHANGE_HISTORY_V1 = [
  `CREATE TABLE record_change (
     id bigserial PRIMARY KEY,
     table_name text NOT NULL,
     record_id text NOT NULL,
     changed_at timestamptz NOT NULL DEFAULT now(),
     agency text NOT NULL,
     operator text,
     source text NOT NULL,
     kind text NOT NULL CHECK (kind IN ('INSERT', 'UPDATE', 'DELETE')),
     fields text[] NOT NULL,
     old_values jsonb,
     new_values jsonb
   )`,
  // changesSince walks one table's changes in id order from a time; the provider reads one record's.
  `CREATE INDEX record_change_table_time_idx ON record_change (table_name, changed_at, id)`,
  `CREATE INDEX record_change_record_idx ON record_change (table_name, record_id, id)`,
  `CREATE FUNCTION record_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'record_change is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
   END $$`,
  `CREATE TRIGGER record_change_no_update BEFORE UPDATE OR DELETE ON record_change FOR EACH ROW EXECUTE FUNCTION record_change_append_only()`,
  `CREATE TRIGGER record_change_no_truncate BEFORE TRUNCATE ON record_change FOR EACH STATEMENT EXECUTE FUNCTION record_change_append_only()`,
  // A record's last change time, kept by the database whoever writes the row.
  `CREATE FUNCTION record_touch() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF to_jsonb(NEW) - 'updated_at' IS DISTINCT FROM to_jsonb(OLD) - 'updated_at' THEN NEW.updated_at := now(); END IF;
     RETURN NEW;
   END $$`,
  // Statement-level with transition tables: one INSERT … SELECT per statement, not one per row,
  // so that a million-row ingest pays one set-based diff.
  `CREATE FUNCTION record_changes() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     actor_agency text := nullif(current_setting('hengyang.change_agency', true), '');
     actor_operator text := nullif(current_setting('hengyang.change_operator', true), '');
     actor_source text := coalesce(nullif(current_setting('hengyang.change_source', true), ''), 'sql');
     who text := coalesce(actor_agency, 'database:' || session_user);
   BEGIN
     IF TG_OP = 'INSERT' THEN
       IF actor_agency IS NULL THEN RETURN NULL; END IF; -- an initial load, not a change
       INSERT INTO record_change (table_name, record_id, agency, operator, source, kind, fields, old_values, new_values)
       SELECT TG_TABLE_NAME, n.id, who, actor_operator, actor_source, 'INSERT',
              ARRAY(SELECT k FROM jsonb_object_keys(jsonb_strip_nulls(to_jsonb(n) - 'updated_at' - 'id')) k ORDER BY k),
              NULL, jsonb_strip_nulls(to_jsonb(n) - 'updated_at' - 'id')
         FROM new_rows n;
     ELSIF TG_OP = 'UPDATE' THEN
       INSERT INTO record_change (table_name, record_id, agency, operator, source, kind, fields, old_values, new_values)
       SELECT TG_TABLE_NAME, n.id, who, actor_operator, actor_source, 'UPDATE',
              array_agg(e.key ORDER BY e.key), jsonb_object_agg(e.key, to_jsonb(o) -> e.key), jsonb_object_agg(e.key, e.value)
         FROM new_rows n JOIN old_rows o ON o.id = n.id, LATERAL jsonb_each(to_jsonb(n) - 'updated_at') e
        WHERE e.value IS DISTINCT FROM to_jsonb(o) -> e.key
        GROUP BY n.id;
     ELSE
       INSERT INTO record_change (table_name, record_id, agency, operator, source, kind, fields, old_values, new_values)
       SELECT TG_TABLE_NAME, o.id, who, actor_operator, actor_source, 'DELETE',
              ARRAY(SELECT k FROM jsonb_object_keys(to_jsonb(o) - 'updated_at' - 'id') k ORDER BY k), to_jsonb(o) - 'updated_at' - 'id', NULL
         FROM old_rows o;
     END IF;
     RETURN NULL;
   END $$`,
];

/** `updated_at` and the history triggers on one base table (its key column is `id`). */
export function trackChangesV1(table: string): string[] {
  return [
    `ALTER TABLE ${table} ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
    `CREATE INDEX ${table}_updated_at_idx ON ${table} (updated_at)`,
    `CREATE TRIGGER ${table}_touch BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION record_touch()`,
    `CREATE TRIGGER ${table}_changes_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_changes()`,
    `CREATE TRIGGER ${table}_changes_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_changes()`,
    `CREATE TRIGGER ${table}_changes_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION record_changes()`,
  ];
}
