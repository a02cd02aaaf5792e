/**
 * `/metrics` on the router and every subgraph. Not a probe: the numbers say who asks how much
 * (agencies, operations, refusal reasons), so an unsigned caller off the machine gets 401. A scrape
 * is answered when it comes from loopback (a sidecar, the tests, the benchmark; METRICS_LOOPBACK=deny
 * turns that off behind a same-host reverse proxy) or carries `Authorization: Bearer <METRICS_TOKEN>`
 * (Prometheus in the cluster). Nothing else is served here:
 * a subgraph's /metrics is no side door to its GraphQL.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { metricsRegistry } from './metrics';
import { setting } from '../settings/read';
import { ErrorCode, errorBody } from '../errors';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

const digest = (v: string) => createHash('sha256').update(v).digest();

/** Whether this request may read the metrics (exported for the security test's off-machine cases). */
export function mayReadMetrics(
  remoteAddress: string | undefined,
  authorization: string | undefined,
  token = setting('METRICS_TOKEN'),
  loopback = setting('METRICS_LOOPBACK') === 'allow',
): boolean {
  if (loopback && remoteAddress && LOOPBACK.test(remoteAddress)) return true;
  if (!token || !authorization?.startsWith('Bearer ')) return false;
  // Compared as digests: equal length, constant time, whatever the caller sent.
  return timingSafeEqual(digest(authorization.slice('Bearer '.length)), digest(token));
}

export async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'content-type': 'application/json; charset=utf-8', allow: 'GET, HEAD' });
    res.end(JSON.stringify(errorBody(ErrorCode.METHOD_NOT_ALLOWED, 'use GET')));
    return;
  }
  if (!mayReadMetrics(req.socket.remoteAddress, req.headers.authorization)) {
    res.writeHead(401, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(errorBody(ErrorCode.UNAUTHENTICATED, 'metrics are served to loopback or with the metrics token')));
    return;
  }
  const text = await metricsRegistry.metrics();
  res.writeHead(200, { 'content-type': metricsRegistry.contentType });
  res.end(req.method === 'HEAD' ? undefined : text);
}
