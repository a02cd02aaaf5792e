/**
 * OpenTelemetry traces (issue 12): router → subgraphs → PostgreSQL, exported by OTLP/HTTP (JSON) to
 * OTEL_EXPORTER_OTLP_ENDPOINT. Off when it is unset: no provider is registered, so every span
 * below is the API's no-op and no traceparent is sent (the cost is a function call).
 *
 * Spans are made by hand at the four places that matter (router request, subgraph fetch, subgraph
 * request, DataLoader batch, SQL statement) rather than by auto-instrumentation: the platform's
 * fetch is signed and its SQL goes through knex's events, and patching modules at load time would
 * miss both (and needs the newest Node lines). Context flows through AsyncLocalStorage.
 */
import { context, propagation, trace, SpanKind, SpanStatusCode, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { setting } from '../settings/read';

/** The traceparent header (W3C Trace Context); forwarded router → subgraph and signed. */
export const TRACEPARENT = 'traceparent';
export const TRACESTATE = 'tracestate';
/** Span attribute holding the audit trail's request id (the router's x-request-id). */
export const REQUEST_ID_ATTRIBUTE = 'hengyang.request_id';

const TRACER = 'hengyang-data-sharing';
let provider: TracerProvider | undefined;

/** Starts exporting this process's spans if a collector is configured; returns whether it did. */
export function startTracing(serviceName: string): boolean {
  const endpoint = setting('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!endpoint || provider) return !!provider;
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, 'service.namespace': setting('OTEL_SERVICE_NAMESPACE') }),
    // Short delay: a request's spans reach the collector within a second, not five.
    spanProcessors: [
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }), scheduledDelayMillis: 500 }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  return true;
}

export const tracingEnabled = () => provider !== undefined;

/** Sends what is buffered (at shutdown). */
/** Spans are telemetry, not records: a collector that does not answer (the exporter retries with
 *  backoff for several seconds) must not hold up a shutdown, so the last flush gets a second. */
const SHUTDOWN_FLUSH_MS = 1000;

export async function stopTracing(): Promise<void> {
  if (!provider) return;
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_FLUSH_MS).unref()));
  await Promise.race([provider.shutdown().catch(() => undefined), giveUp]);
  clearTimeout(timer);
}

export const tracer = (): Tracer => trace.getTracer(TRACER);

/** The context carried by a traceparent header (the active one when there is none). */
export function contextFrom(headers: Readonly<Record<string, string | string[] | undefined>>): Context {
  const carrier: Record<string, string> = {};
  const tp = headers[TRACEPARENT];
  if (typeof tp === 'string') carrier[TRACEPARENT] = tp;
  return carrier[TRACEPARENT] ? propagation.extract(context.active(), carrier) : context.active();
}

/** traceparent for `ctx`'s span (empty when tracing is off or no span is recording). */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const out: Record<string, string> = {};
  propagation.inject(ctx, out);
  return TRACEPARENT in out ? { [TRACEPARENT]: out[TRACEPARENT] } : {};
}

/** Runs `fn` in a new span (child of `parent`), ending it when the promise settles; errors mark it. */
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  fn: (span: Span) => Promise<T>,
  options: { parent?: Context; kind?: SpanKind } = {},
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (e) {
    span.recordException(e as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw e;
  } finally {
    span.end();
  }
}

export { SpanKind };
