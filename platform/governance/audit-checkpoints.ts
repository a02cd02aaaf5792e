/**
 * The audit trail's upkeep tables (migrations/governance/…_audit_partitions): monthly partitions
 * made ahead of time, the signed checkpoints (a copy for the portal: the anchor is the file and
 * the endpoint, platform/audit/checkpoint.ts) and each verification's outcome.
 */
import type { Sql } from '../db/sql';

/** Months created ahead of the current one, so that an insert never waits for its partition. */
export const AUDIT_MONTHS_AHEAD = 3;

/**
 * Creates the monthly partitions from `from`'s month through `through`'s month plus
 * AUDIT_MONTHS_AHEAD (Asia/Shanghai months), skipping those that exist; the number created.
 */
export async function ensureAuditPartitions(sql: Sql, from: Date, through: Date = from): Promise<number> {
  const [row] = await sql<{ created: number }>(
    `SELECT audit_ensure_partitions(?::timestamptz, ?::timestamptz + make_interval(months => ${AUDIT_MONTHS_AHEAD})) AS created`,
    [from, through],
  );
  return row.created;
}

export interface AuditPartition {
  name: string;
  /** 'YYYY-MM', or null for the DEFAULT partition. */
  month: string | null;
  events: number;
}

/** The partitions of audit_event, oldest first, with their row counts (estimates from the planner's statistics). */
export async function auditPartitions(sql: Sql): Promise<AuditPartition[]> {
  const rows = await sql<{ name: string; events: string }>(
    `SELECT c.relname AS name, greatest(c.reltuples, 0)::bigint::text AS events
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'audit_event'::regclass ORDER BY c.relname`,
  );
  return rows.map((r) => {
    const m = /^audit_event_(\d{4})_(\d{2})$/.exec(r.name);
    return { name: r.name, month: m ? `${m[1]}-${m[2]}` : null, events: Number(r.events) };
  });
}

export interface ChainHead {
  trailId: string;
  seq: number;
  hash: string;
}

/** The committed chain head: the last row's position and hash, and the trail's identity. */
export async function auditChainHead(sql: Sql): Promise<ChainHead> {
  const [row] = await sql<{ trail_id: string; last_seq: string; last_hash: string }>(
    `SELECT trail_id::text AS trail_id, last_seq::text AS last_seq, last_hash FROM audit_chain_head WHERE id = 1`,
  );
  return { trailId: row.trail_id, seq: Number(row.last_seq), hash: row.last_hash };
}

export interface CheckpointRecord {
  seq: number;
  hash: string;
  signedAt: Date;
  keyId: string;
  signature: string;
  pushedAt: Date | null;
  pushError: string | null;
}

export async function recordAuditCheckpoint(sql: Sql, c: { sequence: number; hash: string; time: string; keyId: string; signature: string }): Promise<void> {
  await sql(`INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING`, [
    c.sequence,
    c.hash,
    c.time,
    c.keyId,
    c.signature,
  ]);
}

export async function markAuditCheckpointPushed(sql: Sql, seq: number, error: string | null): Promise<void> {
  await sql(`UPDATE audit_checkpoint SET pushed_at = CASE WHEN ?::text IS NULL THEN now() END, push_error = ? WHERE seq = ?`, [error, error, seq]);
}

/** The newest checkpoints recorded in the database, newest first. */
export async function recentAuditCheckpoints(sql: Sql, limit: number): Promise<CheckpointRecord[]> {
  const rows = await sql<{ seq: string; hash: string; signed_at: Date; key_id: string; signature: string; pushed_at: Date | null; push_error: string | null }>(
    `SELECT seq::text AS seq, hash, signed_at, key_id, signature, pushed_at, push_error FROM audit_checkpoint ORDER BY seq DESC LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    hash: r.hash,
    signedAt: r.signed_at,
    keyId: r.key_id,
    signature: r.signature,
    pushedAt: r.pushed_at,
    pushError: r.push_error,
  }));
}

export type VerificationMode = 'FULL' | 'FROM_CHECKPOINT';

export interface VerificationRecord {
  finishedAt: Date;
  mode: VerificationMode;
  fromSeq: number;
  throughSeq: number;
  events: number;
  checkpoints: number;
  intact: boolean;
  reason: string | null;
  byWhom: string;
}

export async function recordAuditVerification(sql: Sql, v: Omit<VerificationRecord, 'finishedAt'>): Promise<void> {
  await sql(`INSERT INTO audit_verification (mode, from_seq, through_seq, events, checkpoints, intact, reason, by_whom) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
    v.mode,
    v.fromSeq,
    v.throughSeq,
    v.events,
    v.checkpoints,
    v.intact,
    v.reason,
    v.byWhom,
  ]);
}

/** The latest verification, or the latest of one mode. */
export async function lastAuditVerification(sql: Sql, mode?: VerificationMode): Promise<VerificationRecord | null> {
  const [r] = await sql<{
    finished_at: Date;
    mode: VerificationMode;
    from_seq: string;
    through_seq: string;
    events: string;
    checkpoints: number;
    intact: boolean;
    reason: string | null;
    by_whom: string;
  }>(
    `SELECT finished_at, mode, from_seq::text AS from_seq, through_seq::text AS through_seq, events::text AS events, checkpoints, intact, reason, by_whom
       FROM audit_verification ${mode ? 'WHERE mode = ?' : ''} ORDER BY id DESC LIMIT 1`,
    mode ? [mode] : [],
  );
  return r
    ? {
        finishedAt: r.finished_at,
        mode: r.mode,
        fromSeq: Number(r.from_seq),
        throughSeq: Number(r.through_seq),
        events: Number(r.events),
        checkpoints: r.checkpoints,
        intact: r.intact,
        reason: r.reason,
        byWhom: r.by_whom,
      }
    : null;
}
