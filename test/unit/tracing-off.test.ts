/** Traces are off when no collector is configured (issue 12): no provider, no traceparent sent. */
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { startTracing, traceHeaders, tracer, tracingEnabled } from '../../platform/observability/tracing';

test('without OTEL_EXPORTER_OTLP_ENDPOINT nothing is traced and no traceparent is produced', () => {
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  expect(startTracing('router')).toBe(false);
  expect(tracingEnabled()).toBe(false);
  const span = tracer().startSpan('router graphql');
  expect(span.isRecording()).toBe(false);
  expect(traceHeaders(trace.setSpan(ROOT_CONTEXT, span))).toEqual({});
  span.end();
});
