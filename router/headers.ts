/**
 * Turns Apollo Router `headers` rules into one function the engine calls per subgraph fetch:
 * (subgraph name, client headers) → headers to add to that fetch. The engine never sees the rules,
 * so both engines propagate exactly the same headers.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { HeaderRule, RouterConfig } from './config';

export type SubgraphHeaders = (subgraph: string, client: Readonly<Record<string, string>>) => Record<string, string>;

/** Hop-by-hop and body-describing headers are the router's own business; Apollo Router never
 *  propagates them either, even with `matching: .*`. */
const RESERVED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-encoding',
  'content-type',
  'host',
  'accept',
  'accept-encoding',
]);

function apply(rules: readonly HeaderRule[], client: Readonly<Record<string, string>>, out: Record<string, string>): void {
  for (const rule of rules) {
    if ('propagate' in rule) {
      const p = rule.propagate;
      if ('matching' in p) {
        for (const [name, value] of Object.entries(client)) if (!RESERVED.has(name) && p.matching.test(name)) out[name] = value;
      } else {
        const value = client[p.named] ?? p.default;
        if (value !== undefined && !RESERVED.has(p.named)) out[p.rename ?? p.named] = value;
      }
    } else if ('insert' in rule) {
      out[rule.insert.name] = rule.insert.value;
    } else if ('named' in rule.remove) {
      delete out[rule.remove.named];
    } else {
      const re = rule.remove.matching;
      for (const name of Object.keys(out)) if (re.test(name)) delete out[name];
    }
  }
}

/**
 * `all` rules run first, then the subgraph's own (Apollo Router's order). Headers named in `always`
 * (the request id) are forwarded whatever the rules say, so the subgraphs' audit trail can always
 * correlate with the router's.
 */
export function compileHeaderRules(headers: RouterConfig['headers'], always: readonly string[] = []): SubgraphHeaders {
  return (subgraph, client) => {
    const out: Record<string, string> = {};
    apply(headers.all, client, out);
    const own = headers.subgraphs[subgraph];
    if (own) apply(own, client, out);
    for (const name of always) if (client[name] !== undefined) out[name] = client[name];
    return out;
  };
}

/** Node's header object → lower-case name → single string (repeated headers joined, as HTTP allows). */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
