/**
 * Batch export jobs (`batch_export`) and their files (`batch_export_chunk`), in the governance
 * database (issue 11 item 6, Art. 18 批量下载). The catalog queues and runs the jobs
 * (subgraphs/catalog/exports/); the router serves a finished file at `GET /exports/<id>`
 * (router/exports.ts). A file is a sequence of chunks of at most a megabyte or so, written in order
 * as the job streams and read back one at a time, so neither side ever holds the whole file; every
 * router replica reaches the same database, so any replica serves any file.
 */
import { pgArray, type Sql } from '../db/sql';
import { keysetPage, TIMESTAMP_TEXT, UUID_TEXT, type Clause } from '../db/keyset';
import type { ConnectionShape } from '../graphql/connection';

export type ExportFormat = 'CSV' | 'NDJSON';
export type ExportStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'EXPIRED';

export interface ExportRecord {
  id: string;
  agencyCode: string;
  operator: string;
  grantId: string;
  resource: string;
  items: string[];
  filter: Record<string, string>;
  purpose: string;
  format: ExportFormat;
  maxRows: number;
  maxBytes: number;
  status: ExportStatus;
  rowsWritten: number;
  bytesWritten: number;
  /** Values the policy refused inside rows (outside a grant's row scope, or a grant withdrawn meanwhile): empty in the file, as online. */
  valuesRefused: number;
  truncated: boolean;
  errorCode: string | null;
  error: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  expiresAt: Date | null;
}

const EXPORT_COLUMNS = `id, agency_code AS "agencyCode", operator, grant_id AS "grantId", resource, items, filter, purpose, format,
  max_rows AS "maxRows", max_bytes::float8 AS "maxBytes", status, rows_written::float8 AS "rowsWritten", bytes_written::float8 AS "bytesWritten",
  values_refused::float8 AS "valuesRefused",
  truncated, error_code AS "errorCode", error, requested_at AS "requestedAt", started_at AS "startedAt", completed_at AS "completedAt",
  expires_at AS "expiresAt"`;

export interface NewExport {
  agency: string;
  operator: string;
  grantId: string;
  resource: string;
  items: readonly string[];
  filter: Record<string, string>;
  purpose: string;
  format: ExportFormat;
  maxRows: number;
  maxBytes: number;
  /** The platform clock's now (exports per day are counted on it). */
  requestedAt: Date;
}

export async function insertExport(sql: Sql, e: NewExport): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO batch_export (agency_code, operator, grant_id, resource, items, filter, purpose, format, max_rows, max_bytes, status, requested_at)
     VALUES (?, ?, ?, ?, ?::text[], ?::jsonb, ?, ?, ?, ?, 'QUEUED', ?) RETURNING id`,
    [e.agency, e.operator, e.grantId, e.resource, pgArray(e.items), JSON.stringify(e.filter), e.purpose, e.format, e.maxRows, e.maxBytes, e.requestedAt],
  );
  return row.id;
}

/** Exports requested under a grant since `since` (failed ones count too: a day's allowance is of requests). */
export async function countExportsSince(sql: Sql, grantId: string, since: Date): Promise<number> {
  const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM batch_export WHERE grant_id = ? AND requested_at >= ?`, [grantId, since]);
  return row.n;
}

export async function loadExport(sql: Sql, id: string): Promise<ExportRecord | null> {
  const [row] = await sql<ExportRecord>(`SELECT ${EXPORT_COLUMNS} FROM batch_export WHERE id = ?`, [id]);
  return row ?? null;
}

/**
 * Claims the oldest queued job for this runner (SKIP LOCKED: several catalog replicas share the
 * queue without taking the same job), and fails jobs whose runner stopped beating (a crashed
 * process): their partial file is deleted.
 */
export async function claimNextExport(sql: Sql, staleAfterMs: number): Promise<ExportRecord | null> {
  const stale = await sql<{ id: string }>(
    `UPDATE batch_export SET status = 'FAILED', error_code = 'EXPORT_INTERRUPTED', error = 'the job stopped (its process ended) before the file was complete',
       completed_at = now()
     WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?) RETURNING id`,
    [staleAfterMs / 1000],
  );
  for (const s of stale) await deleteChunks(sql, s.id);
  const [row] = await sql<ExportRecord>(
    `UPDATE batch_export SET status = 'RUNNING', started_at = now(), heartbeat_at = now()
      WHERE id = (SELECT id FROM batch_export WHERE status = 'QUEUED' ORDER BY requested_at FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING ${EXPORT_COLUMNS}`,
  );
  return row ?? null;
}

/** Appends the next chunk of a running job's file and its progress, in one statement pair. */
export interface ExportProgress {
  rows: number;
  bytes: number;
  valuesRefused: number;
}

/** Appends the next chunk of a running job's file and records its progress. */
export async function appendExportChunk(sql: Sql, id: string, seq: number, data: Buffer, p: ExportProgress): Promise<void> {
  await sql(`INSERT INTO batch_export_chunk (export_id, seq, data) VALUES (?, ?, ?)`, [id, seq, data]);
  await sql(`UPDATE batch_export SET rows_written = ?, bytes_written = ?, values_refused = ?, heartbeat_at = now() WHERE id = ?`, [
    p.rows,
    p.bytes,
    p.valuesRefused,
    id,
  ]);
}

export async function completeExport(sql: Sql, id: string, p: ExportProgress & { truncated: boolean; expiresAt: Date }): Promise<void> {
  await sql(
    `UPDATE batch_export SET status = 'COMPLETED', rows_written = ?, bytes_written = ?, values_refused = ?, truncated = ?, completed_at = now(), expires_at = ?
      WHERE id = ? AND status = 'RUNNING'`,
    [p.rows, p.bytes, p.valuesRefused, p.truncated, p.expiresAt, id],
  );
}

/** Fails a job with a stable code and deletes what it wrote (a partial file is never served). */
export async function failExport(sql: Sql, id: string, code: string, message: string): Promise<void> {
  await sql(`UPDATE batch_export SET status = 'FAILED', error_code = ?, error = ?, completed_at = now() WHERE id = ? AND status IN ('QUEUED', 'RUNNING')`, [
    code,
    message.slice(0, 2000),
    id,
  ]);
  await deleteChunks(sql, id);
}

async function deleteChunks(sql: Sql, id: string): Promise<void> {
  await sql(`DELETE FROM batch_export_chunk WHERE export_id = ?`, [id]);
}

/** Deletes the files of exports expired at `now` (the platform clock's) and marks them EXPIRED; returns how many. */
export async function expireExports(sql: Sql, now: Date): Promise<number> {
  const rows = await sql<{ id: string }>(`UPDATE batch_export SET status = 'EXPIRED' WHERE status = 'COMPLETED' AND expires_at <= ? RETURNING id`, [now]);
  if (rows.length) await sql(`DELETE FROM batch_export_chunk WHERE export_id = ANY(?::uuid[])`, [pgArray(rows.map((r) => r.id))]);
  return rows.length;
}

/** Chunk `seq` of a file, or null past its end. */
export async function readExportChunk(sql: Sql, id: string, seq: number): Promise<Buffer | null> {
  const [row] = await sql<{ data: Buffer }>(`SELECT data FROM batch_export_chunk WHERE export_id = ? AND seq = ?`, [id, seq]);
  return row?.data ?? null;
}

export interface ExportListing {
  /** Only this agency's jobs; absent: every agency's (the bureau). */
  agency?: string;
  status?: ExportStatus;
}

/** A page of jobs, newest first. */
export function pageExports(sql: Sql, listing: ExportListing, first: number, after: string | null | undefined): Promise<ConnectionShape<ExportRecord>> {
  const where: Clause[] = [];
  if (listing.agency) where.push({ sql: 'agency_code = ?', params: [listing.agency] });
  if (listing.status) where.push({ sql: 'status = ?', params: [listing.status] });
  return keysetPage<ExportRecord>(sql, {
    select: EXPORT_COLUMNS,
    from: 'batch_export',
    where,
    key: [
      { column: 'requested_at', type: 'timestamptz', pattern: TIMESTAMP_TEXT },
      { column: 'id', type: 'uuid', pattern: UUID_TEXT },
    ],
    direction: 'DESC',
    first,
    after,
  });
}
