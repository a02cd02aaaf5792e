import { Migration } from '@mikro-orm/migrations';

/**
 * Batch exports (批量下载, issue 11 item 6, Art. 18).
 *
 * A grant states its sharing methods: `ONLINE_QUERY` (联机查询, one request at a time) and/or
 * `BATCH` (批量下载), and for BATCH its bounds: rows per export and exports per day. Every grant
 * that exists today was approved for online queries only, so the default is `{ONLINE_QUERY}`.
 *
 * An export job (`batch_export`) and its file, kept in the governance database as ordered chunks
 * (`batch_export_chunk`) so that every router replica can serve it (docs/DECISIONS.md). The chunks
 * are deleted when the file expires; the job row stays as the record of what was exported.
 */
export class Migration20261210000000_batch_exports extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE sharing_grant
      ADD COLUMN methods text[] NOT NULL DEFAULT '{ONLINE_QUERY}'
        CHECK (cardinality(methods) > 0 AND methods <@ ARRAY['ONLINE_QUERY', 'BATCH']),
      ADD COLUMN batch_max_rows integer CHECK (batch_max_rows > 0),
      ADD COLUMN batch_exports_per_day integer CHECK (batch_exports_per_day > 0),
      ADD CONSTRAINT sharing_grant_batch_bounds
        CHECK (NOT ('BATCH' = ANY (methods)) OR (batch_max_rows IS NOT NULL AND batch_exports_per_day IS NOT NULL))`);

    this.addSql(`CREATE TABLE batch_export (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_code text NOT NULL REFERENCES agency (code),
      operator text NOT NULL,
      grant_id uuid NOT NULL REFERENCES sharing_grant (id),
      resource text NOT NULL,
      items text[] NOT NULL,
      filter jsonb NOT NULL DEFAULT '{}',
      purpose text NOT NULL,
      format text NOT NULL CHECK (format IN ('CSV', 'NDJSON')),
      max_rows integer NOT NULL,
      max_bytes bigint NOT NULL,
      status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'EXPIRED')),
      rows_written bigint NOT NULL DEFAULT 0,
      bytes_written bigint NOT NULL DEFAULT 0,
      values_refused bigint NOT NULL DEFAULT 0,
      truncated boolean NOT NULL DEFAULT false,
      error_code text,
      error text,
      requested_at timestamptz NOT NULL,
      started_at timestamptz,
      heartbeat_at timestamptz,
      completed_at timestamptz,
      expires_at timestamptz
    )`);
    this.addSql(`CREATE INDEX batch_export_agency_idx ON batch_export (agency_code, requested_at DESC)`);
    this.addSql(`CREATE INDEX batch_export_grant_day_idx ON batch_export (grant_id, requested_at)`);
    this.addSql(`CREATE INDEX batch_export_queued_idx ON batch_export (requested_at) WHERE status IN ('QUEUED', 'RUNNING')`);
    this.addSql(`CREATE TABLE batch_export_chunk (
      export_id uuid NOT NULL REFERENCES batch_export (id) ON DELETE CASCADE,
      seq integer NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (export_id, seq)
    )`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE batch_export_chunk, batch_export');
    this.addSql(
      'ALTER TABLE sharing_grant DROP CONSTRAINT sharing_grant_batch_bounds, DROP COLUMN batch_exports_per_day, DROP COLUMN batch_max_rows, DROP COLUMN methods',
    );
  }
}
