/**
 * Probes are a side door by design (issue 12): `/health` and `/ready` answer unsigned and without a
 * token on the router and every subgraph, because Kubernetes' kubelet calls them. What a caller
 * without any right can learn there must be "up", "ready" and a reason code: no subgraph name, no
 * database name or URL, no version, no error text, no count; and no GraphQL runs there, whatever
 * the query string, method or body says.
 */
import { routerUrl, subgraphUrl } from '../support/client';

const subgraphs = () => Object.keys(JSON.parse(process.env.TEST_SUBGRAPH_URLS!) as Record<string, string>);
const everyProcess = () => [routerUrl(), ...subgraphs().map(subgraphUrl)];

/** The whole vocabulary of a probe's answer. */
const ALLOWED: Record<string, string[]> = {
  status: ['ok', 'ready', 'unavailable'],
  reason: ['draining', 'database', 'grants'],
  database: ['ok', 'unreachable'],
  grants: ['ok', 'unreachable'],
};

function onlyCodes(body: Record<string, unknown>) {
  for (const [key, value] of Object.entries(body)) expect([key, ALLOWED[key]?.includes(String(value))]).toEqual([key, true]);
}

test('/health and /ready answer unsigned with codes only, on the router and every subgraph', async () => {
  for (const base of everyProcess()) {
    for (const path of ['/health', '/ready']) {
      const res = await fetch(new URL(path, base));
      expect([base, path, res.status]).toEqual([base, path, 200]);
      const text = await res.text();
      onlyCodes(JSON.parse(text) as Record<string, unknown>);
      for (const leak of [process.env.DATABASE_PREFIX!, 'postgres', ...subgraphs()]) expect([path, text.includes(leak)]).toEqual([path, false]);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('server')).toBeNull();
    }
  }
});

test('no GraphQL runs on a probe path: a query string, a POST body or a token change nothing', async () => {
  const query = encodeURIComponent('{ __schema { types { name } } }');
  for (const base of everyProcess()) {
    for (const path of ['/health', '/ready']) {
      const plain = await (await fetch(new URL(path, base))).text();
      const withQuery = await fetch(new URL(`${path}?query=${query}`, base));
      expect(await withQuery.text()).toBe(plain);
      const posted = await fetch(new URL(path, base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      const answer = await posted.text();
      expect(answer).not.toContain('__typename');
      expect(answer).not.toContain('"data"');
    }
  }
});

test('a probe-like path is not a prefix match: /readyz and /health/x answer no probe', async () => {
  for (const base of [subgraphUrl('population'), routerUrl()]) {
    for (const path of ['/readyz', '/health/x']) {
      const res = await fetch(new URL(path, base));
      expect([path, res.status]).toEqual([path, 404]);
    }
  }
});
