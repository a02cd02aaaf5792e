/**
 * Appends audit events with group commit: requests that finish while a write is in flight are
 * queued and written together by the next single INSERT, so the trail adds one round trip per
 * batch, not per request. Each request awaits its own batch's commit; if it fails, the caller
 * fails the request (fail closed: no record, no data).
 */
import { Pool } from 'pg';
import type { AuditEvent } from './collector';

const COLUMNS = [
  'at', 'request_id', 'subgraph', 'agency', 'operator', 'actor_subject', 'purpose', 'operation', 'resource',
  'items_served', 'items_masked', 'items_refused', 'subject_keys', 'decision',
];
/** seq, prev_hash and hash are set by the chain trigger. */
const PLACEHOLDER_HASH = '';

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

  private async insert(rows: AuditEvent[]): Promise<void> {
    const values: unknown[] = [];
    const tuples = rows.map((e) => {
      const row = [
        e.at, e.requestId, e.subgraph, e.agency, e.operator, e.actorSubject, e.purpose, e.operation, e.resource,
        e.itemsServed, e.itemsMasked, e.itemsRefused, e.subjectKeys, e.decision,
      ];
      const start = values.length;
      values.push(...row);
      return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')}, 0, '${PLACEHOLDER_HASH}', '${PLACEHOLDER_HASH}')`;
    });
    await this.pool.query(`INSERT INTO audit_event (${COLUMNS.join(', ')}, seq, prev_hash, hash) VALUES ${tuples.join(', ')}`, values);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
