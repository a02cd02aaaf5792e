/**
 * Appends audit events with group commit: requests that finish while a write is in flight are
 * queued and written together by the next single INSERT, so the trail adds one round trip per
 * batch, not per request. Each request awaits its own batch's commit; if it fails, the caller
 * fails the request (fail closed: no record, no data).
 */
import { Pool } from 'pg';
import type { AuditEvent } from './collector';
import { pgPreparedSql, type Sql } from '../db/sql';
import { appendAuditEvents } from '../governance';
import { auditBatchEvents, auditBatchSeconds } from '../observability/metrics';

export { AUDIT_FORMAT } from '../governance';

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

  /** Prepared statements: the append's text is the same for every batch (platform/governance/audit-trail.ts). */
  private readonly sql: Sql;

  constructor(private readonly pool: Pool) {
    this.sql = pgPreparedSql(pool);
  }

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
      const timer = auditBatchSeconds.startTimer();
      auditBatchEvents.observe(rows.length);
      try {
        await this.insert(rows);
        timer({ outcome: 'ok' });
        this.batches += 1;
        batch.forEach((p) => p.resolve());
      } catch (e) {
        timer({ outcome: 'failed' });
        batch.forEach((p) => p.reject(e));
      }
    }
    this.flushing = false;
  }

  /** One statement per batch (platform/governance/audit-trail.ts). */
  private insert(rows: AuditEvent[]): Promise<void> {
    return appendAuditEvents(this.sql, rows);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
