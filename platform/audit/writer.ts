/**
 * Appends audit events with group commit: requests that finish while a write is in flight are
 * queued and written together by the next single INSERT, so the trail adds one round trip per
 * batch, not per request. Each request awaits its own batch's commit; if it fails, the caller
 * fails the request (fail closed: no record, no data).
 */
import { Pool } from 'pg';
import type { AuditEvent } from './collector';

/** The event columns the writer sets, with their SQL types; seq, prev_hash and hash are set by the chain trigger. */
const COLUMNS: [string, string, (e: AuditEvent) => unknown][] = [
  ['at', 'timestamptz', (e) => e.at],
  ['request_id', 'text', (e) => e.requestId],
  ['correlation_id', 'text', (e) => e.correlationId ?? null],
  ['subgraph', 'text', (e) => e.subgraph],
  ['agency', 'text', (e) => e.agency],
  ['agency_verified', 'boolean', (e) => e.agencyVerified ?? (e.agency ? true : null)],
  ['operator', 'text', (e) => e.operator],
  ['actor_subject', 'text', (e) => e.actorSubject],
  ['purpose', 'text', (e) => e.purpose],
  ['operation', 'text', (e) => e.operation],
  ['resource', 'text', (e) => e.resource],
  ['items_served', 'text[]', (e) => e.itemsServed],
  ['items_masked', 'text[]', (e) => e.itemsMasked],
  ['items_refused', 'text[]', (e) => e.itemsRefused],
  ['decision', 'text', (e) => e.decision],
  ['refusal_reason', 'text', (e) => e.refusalReason ?? null],
  ['source_address', 'text', (e) => e.sourceAddress ?? null],
  ['refusal_count', 'integer', (e) => e.refusalCount ?? 1],
];
/** Rows written by this writer use the second digest formula (migrations/catalog/…_audit_uncapped). */
export const AUDIT_FORMAT = 2;

interface Pending {
  events: AuditEvent[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class AuditWriter {
  private queue: Pending[] = [];
  private flushing = false;
  /** Statements written, for the benchmark's and tests' accounting. */
  batches = 0;

  constructor(private readonly pool: Pool) {}

  write(events: AuditEvent[]): Promise<void> {
    if (!events.length) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.queue.length);
      const rows = batch.flatMap((p) => p.events);
      try {
        await this.insert(rows);
        this.batches += 1;
        batch.forEach((p) => p.resolve());
      } catch (e) {
        batch.forEach((p) => p.reject(e));
      }
    }
    this.flushing = false;
  }

  /**
   * One statement per batch: the events (in order, so the chain trigger numbers them in order and
   * the i-th new seq is the i-th event) and every one of their subjects, with the subjects' digest
   * computed in PostgreSQL by the same function that verification uses.
   */
  private async insert(rows: AuditEvent[]): Promise<void> {
    const values: unknown[] = [];
    const param = (v: unknown, type: string) => {
      values.push(v);
      return `$${values.length}::${type}`;
    };
    const tuples = rows.map((e, i) => `(${[param(i + 1, 'int'), ...COLUMNS.map(([, type, get]) => param(get(e), type))].join(', ')})`);
    const ords: number[] = [];
    const keys: string[] = [];
    const disclosed: boolean[] = [];
    rows.forEach((e, i) => e.subjects.forEach((s) => { ords.push(i + 1); keys.push(s.key); disclosed.push(s.disclosed); }));
    const names = COLUMNS.map(([name]) => name);
    await this.pool.query(
      `WITH input (ord, ${names.join(', ')}) AS (VALUES ${tuples.join(', ')}),
            subj (ord, subject_key, disclosed) AS (SELECT * FROM unnest(${param(ords, 'int[]')}, ${param(keys, 'text[]')}, ${param(disclosed, 'boolean[]')})),
            dig AS (SELECT ord, count(*)::int AS n, audit_subjects_digest(array_agg(subject_key), array_agg(disclosed)) AS digest FROM subj GROUP BY ord),
            ev AS (
              INSERT INTO audit_event (${names.join(', ')}, format, subject_count, subjects_digest, seq, prev_hash, hash)
              SELECT ${names.map((n) => `i.${n}`).join(', ')}, ${AUDIT_FORMAT},
                     coalesce(d.n, 0), coalesce(d.digest, audit_subjects_digest('{}', '{}')), 0, '', ''
                FROM input i LEFT JOIN dig d ON d.ord = i.ord ORDER BY i.ord
              RETURNING seq, subjects_digest),
            numbered AS (SELECT seq, subjects_digest, row_number() OVER (ORDER BY seq) AS ord FROM ev)
       -- The i-th new seq is the i-th event (inserted in order under the chain head's lock); should
       -- that ever not hold, the digests differ, event_seq is NULL and the whole batch fails (closed).
       INSERT INTO audit_event_subject (event_seq, subject_key, disclosed)
       SELECT CASE WHEN n.subjects_digest = d.digest THEN n.seq END, s.subject_key, s.disclosed
         FROM numbered n JOIN dig d ON d.ord = n.ord JOIN subj s ON s.ord = n.ord`,
      values,
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
