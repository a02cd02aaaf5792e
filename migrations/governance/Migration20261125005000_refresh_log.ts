import { Migration } from '@mikro-orm/migrations';

/**
 * The governance part of the first workflow release: the refresh log the departments' subgraphs
 * append to after loading their data (records held, freshness), who revoked a grant, and the audit
 * index for a providing agency's search by subgraph.
 *
 * Until issue 9 these statements were part of the catalog's `Migration20261125010000_workflow`.
 * Databases migrated before then have already run them under that name, so every statement here is
 * written to be a no-op when its object exists (IF NOT EXISTS): an existing governance database
 * records this migration and changes nothing; a new one gets the same schema as before.
 */
export class Migration20261125005000_refresh_log extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE IF NOT EXISTS resource_refresh (
      id bigserial PRIMARY KEY,
      subgraph text NOT NULL,
      table_name text NOT NULL,
      type_name text NOT NULL,
      records bigint NOT NULL,
      refreshed_at timestamptz NOT NULL DEFAULT now(),
      source text NOT NULL
    )`);
    this.addSql(`CREATE INDEX IF NOT EXISTS resource_refresh_latest_idx ON resource_refresh (subgraph, table_name, refreshed_at DESC)`);

    // Who revoked a grant (the bureau or a provider); the policy's grant store does not read it.
    this.addSql(`ALTER TABLE sharing_grant ADD COLUMN IF NOT EXISTS revoked_by text`);

    // Audit search by a providing agency (its subgraph's events) and by time.
    this.addSql(`CREATE INDEX IF NOT EXISTS audit_event_subgraph_seq_idx ON audit_event (subgraph, seq)`);
  }

  async down(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS audit_event_subgraph_seq_idx');
    this.addSql('ALTER TABLE sharing_grant DROP COLUMN IF EXISTS revoked_by');
    this.addSql('DROP TABLE IF EXISTS resource_refresh');
  }
}
