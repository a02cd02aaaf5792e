/**
 * Every router → subgraph fetch, as both engines send it: a CLIENT span per fetch (issue 12), its
 * traceparent set on the request, then the router's signature over the final headers (traceparent
 * included: platform/identity/subgraph-signature.ts SIGNED_HEADERS).
 *
 * The parent is the traceparent the router put in the forwarded headers (the router request's
 * span), read back from the request itself: it does not rely on an engine keeping the async
 * context across its planner and batching.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { signFetch } from '../platform/identity/subgraph-signature';
import { contextFrom, inSpan, REQUEST_ID_ATTRIBUTE, TRACEPARENT, traceHeaders, tracingEnabled } from '../platform/observability/tracing';

function plainHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)) {
    (headers as Headers).forEach((value, name) => (out[name.toLowerCase()] = value));
  } else {
    for (const [name, value] of Array.isArray(headers) ? (headers as [string, unknown][]) : Object.entries(headers as Record<string, unknown>))
      out[name.toLowerCase()] = String(value);
  }
  return out;
}

/** Signs (and, with tracing on, traces) one subgraph fetch; `send` makes it with the final init. */
export async function subgraphFetch<R extends { status?: number }>(
  subgraph: string,
  url: string | URL,
  init: RequestInit,
  send: (init: RequestInit) => Promise<R>,
): Promise<R> {
  if (!tracingEnabled()) return send(signFetch(url, init));
  const headers = plainHeaders(init.headers);
  return inSpan(
    `fetch ${subgraph}`,
    { 'hengyang.subgraph': subgraph, 'url.full': String(url), [REQUEST_ID_ATTRIBUTE]: headers['x-request-id'] ?? '' },
    async (span) => {
      const withTrace = { ...headers, [TRACEPARENT]: traceHeaders()[TRACEPARENT] ?? headers[TRACEPARENT] };
      const response = await send(signFetch(url, { ...init, headers: withTrace }));
      if (response.status !== undefined) {
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      return response;
    },
    { parent: contextFrom(headers), kind: SpanKind.CLIENT },
  );
}
