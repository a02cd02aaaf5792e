/**
 * A span per SQL statement a subgraph's ORM runs (issue 12), from knex's own events: 'query' is
 * emitted in the caller's async context (so the span is a child of the resolver batch that asked),
 * 'query-response' / 'query-error' end it. Only the statement text with its placeholders is
 * recorded, never the bound values (they are ID numbers and names).
 */
import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { tracer, tracingEnabled } from './tracing';

interface QueryEvent {
  __knexQueryUid?: string;
  sql?: string;
  method?: string;
}
interface KnexEvents {
  on(event: 'query', fn: (q: QueryEvent) => void): unknown;
  on(event: 'query-response', fn: (r: unknown, q: QueryEvent) => void): unknown;
  on(event: 'query-error', fn: (e: Error, q: QueryEvent) => void): unknown;
}

/** Longest statement text kept on a span (OTLP collectors cap attributes anyway). */
const MAX_STATEMENT = 2000;

export function traceSql(knex: KnexEvents, subgraph: string): void {
  if (!tracingEnabled()) return;
  const open = new Map<string, Span>();
  knex.on('query', (q) => {
    if (!q.__knexQueryUid) return;
    const sql = (q.sql ?? '').slice(0, MAX_STATEMENT);
    const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
    const span = tracer().startSpan(`${operation} ${subgraph}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system': 'postgresql', 'db.operation.name': operation, 'db.query.text': sql, 'hengyang.subgraph': subgraph },
    });
    open.set(q.__knexQueryUid, span);
  });
  const end = (q: QueryEvent, error?: Error) => {
    const span = q.__knexQueryUid ? open.get(q.__knexQueryUid) : undefined;
    if (!span) return;
    open.delete(q.__knexQueryUid!);
    // Not the message: PostgreSQL quotes the offending values ("Key (id_number)=(…)").
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as { code?: string }).code ?? 'error' });
    span.end();
  };
  knex.on('query-response', (_r, q) => end(q));
  knex.on('query-error', (e, q) => end(q, e));
}
