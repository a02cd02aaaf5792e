/**
 * CORS with Apollo Router's semantics (`cors` key): exact `origins` first, then `match_origins`
 * regexes, or `allow_any_origin` (`*`). Done here rather than in an engine so both engines answer
 * browsers identically.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsConfig } from './config';

function allowedOrigin(cfg: CorsConfig, origin: string): string | undefined {
  if (cfg.allowAnyOrigin) return '*';
  if (cfg.origins.includes(origin) || cfg.matchOrigins.some((re) => re.test(origin))) return origin;
  return undefined;
}

/**
 * Sets the CORS response headers. Returns true when the request was a preflight and has been
 * answered (204), so the caller stops there.
 */
export function applyCors(cfg: CorsConfig, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  const allowed = typeof origin === 'string' ? allowedOrigin(cfg, origin) : undefined;
  if (allowed) {
    res.setHeader('access-control-allow-origin', allowed);
    if (allowed !== '*') res.setHeader('vary', 'Origin');
    if (cfg.allowCredentials) res.setHeader('access-control-allow-credentials', 'true');
    if (cfg.exposeHeaders.length) res.setHeader('access-control-expose-headers', cfg.exposeHeaders.join(', '));
    if (preflight) {
      res.setHeader('access-control-allow-methods', cfg.methods.join(', '));
      const requested = req.headers['access-control-request-headers'];
      const headers = cfg.allowHeaders.length ? cfg.allowHeaders.join(', ') : requested;
      if (headers) res.setHeader('access-control-allow-headers', headers);
      if (cfg.maxAgeSeconds !== undefined) res.setHeader('access-control-max-age', String(cfg.maxAgeSeconds));
    }
  }
  if (req.method === 'OPTIONS') {
    // A disallowed origin still gets a 204, just without the allow headers: the browser blocks it.
    res.statusCode = 204;
    res.setHeader('content-length', '0');
    res.end();
    return true;
  }
  return false;
}
