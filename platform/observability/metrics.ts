/**
 * Prometheus metrics (prom-client) for every process (issue 12): requests by operation, agency and
 * outcome, latency, refusals by reason code, audit batches, grant store age, database pool use and
 * Node's process defaults, served at `/metrics` (./metrics-endpoint.ts).
 *
 * Labels are bounded on purpose: a label value is a series in the scraper forever, and a label is
 * readable by whoever reads the dashboards. So an operation name is kept only if it looks like an
 * identifier and carries no long digit run (a client could name an operation after an ID number),
 * an agency only when the caller's token was verified, a code only if it looks like a code, and each
 * label keeps at most MAX_DISTINCT values per process; the rest are counted as "other".
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

export const OTHER = 'other';
export const NONE = 'none';
const MAX_DISTINCT = 200;

/** One bounded vocabulary per label: the first MAX_DISTINCT acceptable values, then "other". */
class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(private readonly acceptable: RegExp) {}

  value(raw: string | null | undefined): string {
    if (!raw) return NONE;
    if (!this.acceptable.test(raw) || /\d{6}/.test(raw)) return OTHER;
    if (this.seen.has(raw)) return raw;
    if (this.seen.size >= MAX_DISTINCT) return OTHER;
    this.seen.add(raw);
    return raw;
  }
}

const operations = new BoundedLabel(/^[_A-Za-z][_0-9A-Za-z]{0,63}$/);
const agencies = new BoundedLabel(/^[a-z0-9][a-z0-9-]{0,63}$/);
const codes = new BoundedLabel(/^[A-Z][A-Z0-9_]{0,63}$/);

export const operationLabel = (name: string | null | undefined) => operations.value(name);
/** Only for an agency taken from a verified token. */
export const agencyLabel = (agency: string | null | undefined) => agencies.value(agency);
export const codeLabel = (code: unknown) => codes.value(typeof code === 'string' ? code : undefined);

/** The outcome of one request, from its HTTP status and whether its body carried errors. */
export function outcomeOf(status: number, hasErrors = false): 'ok' | 'partial' | 'refused' | 'error' {
  if (status >= 500) return 'error';
  if (status >= 400) return 'refused';
  return hasErrors ? 'partial' : 'ok';
}

export const requests = new Counter({
  name: 'hy_requests_total',
  help: 'GraphQL requests by process, operation name, verified agency and outcome (ok, partial, refused, error).',
  labelNames: ['process', 'operation', 'agency', 'outcome'] as const,
});

export const requestSeconds = new Histogram({
  name: 'hy_request_duration_seconds',
  help: 'GraphQL request latency by process, operation name and outcome.',
  labelNames: ['process', 'operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export const refusals = new Counter({
  name: 'hy_refusals_total',
  help: 'Refusals by process and reason (extensions.code): router 4xx answers, subgraph errors such as FORBIDDEN.',
  labelNames: ['process', 'code'] as const,
});

export const auditBatchSeconds = new Histogram({
  name: 'hy_audit_batch_duration_seconds',
  help: 'Time to write one audit batch (one INSERT with group commit).',
  labelNames: ['outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

export const auditBatchEvents = new Histogram({
  name: 'hy_audit_batch_events',
  help: 'Audit events written per batch.',
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
});

export const sqlStatements = new Counter({
  name: 'sql_statements_total',
  help: 'SQL statements sent by this subgraph (tests and the benchmark show they do not grow with page size).',
  labelNames: ['subgraph'] as const,
});

/** Sources for the gauges below, read at scrape time (one per process; the last registered wins). */
const sources: { grantsReloadedAt?: () => number | undefined; pools: Map<string, () => { used: number; free: number; pending: number }> } = {
  pools: new Map(),
};

/** Seconds since the grant store last reloaded from the catalog (it reloads on every change notification). */
export function observeGrantStore(reloadedAt: () => number | undefined): void {
  sources.grantsReloadedAt = reloadedAt;
}

/** A connection pool's use (used, free, waiting for a connection), by pool name. */
export function observePool(name: string, read: () => { used: number; free: number; pending: number }): void {
  sources.pools.set(name, read);
}

new Gauge({
  name: 'hy_grant_store_age_seconds',
  help: 'Seconds since the grant store last reloaded live grants (absent on a process without one).',
  collect() {
    const at = sources.grantsReloadedAt?.();
    if (at !== undefined) this.set((Date.now() - at) / 1000);
  },
});

new Gauge({
  name: 'hy_db_pool_connections',
  help: 'Database pool connections by pool and state (used, free, pending acquisitions).',
  labelNames: ['pool', 'state'] as const,
  collect() {
    for (const [pool, read] of sources.pools) {
      try {
        const use = read();
        this.set({ pool, state: 'used' }, use.used);
        this.set({ pool, state: 'free' }, use.free);
        this.set({ pool, state: 'pending' }, use.pending);
      } catch {
        /* a pool being torn down: skipped in this scrape */
      }
    }
  },
});

collectDefaultMetrics();

export const metricsRegistry = register;
