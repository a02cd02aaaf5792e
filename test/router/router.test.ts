/**
 * The router end to end, in-process: two Federation-2 subgraphs, a composed supergraph whose
 * subgraph URLs are wrong on purpose (override_subgraph_url must fix them), and the router run
 * once with each engine. The same assertions hold for both: the engine is an implementation detail.
 */
import { createServer } from 'node:net';
import { parseRouterConfig } from '../../router/config';
import type { EngineKind } from '../../router/engine';
import { httpError } from '../../router/http';
import { startRouter, type RunningRouter } from '../../router/main';
import { composeSupergraph, startSubgraphs, type Subgraph } from './fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function routerYaml(alpha: string, beta: string): string {
  return `
supergraph:
  listen: 127.0.0.1:0
  path: /
  introspection: true
homepage: { enabled: false }
sandbox: { enabled: true }
headers:
  all:
    request:
      - propagate: { named: authorization }
      - propagate: { named: x-purpose }
      - propagate: { named: x-request-id }
include_subgraph_errors:
  all: true
  subgraphs:
    beta-two: false
limits: { max_depth: 4, max_aliases: 2, max_root_fields: 3, http_max_request_bytes: 20000 }
traffic_shaping: { router: { timeout: 5s }, all: { timeout: 2s } }
override_subgraph_url:
  alpha: \${env.ALPHA_URL}
  beta-two: \${env.BETA_URL:-http://127.0.0.1:9/}
  not-in-supergraph: http://127.0.0.1:9/
`.replace('${env.BETA_URL:-http://127.0.0.1:9/}', beta).replace('${env.ALPHA_URL}', alpha);
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as any };
}

describe.each<EngineKind>(['hive', 'apollo-gateway'])('router with the %s engine', (engine) => {
  let alpha: Subgraph;
  let beta: Subgraph;
  let router: RunningRouter;

  beforeAll(async () => {
    ({ alpha, beta } = await startSubgraphs());
    const config = parseRouterConfig(routerYaml(alpha.url, beta.url), {}, 'test router.yaml');
    router = await startRouter({
      config,
      supergraphSdl: composeSupergraph(),
      engine,
      authenticate: async (headers) => {
        if (headers.authorization === 'Bearer bad') throw httpError(401, 'invalid token', 'UNAUTHENTICATED');
      },
    });
  });

  afterAll(async () => {
    await router?.close();
    await alpha?.stop();
    await beta?.stop();
  });

  beforeEach(() => {
    alpha.seen.length = 0;
    beta.seen.length = 0;
  });

  test('answers a query that spans both subgraphs, at the overridden URLs', async () => {
    const { status, json } = await post(router.url, { query: '{ thing(id: "2") { id name score } }' });
    expect(status).toBe(200);
    expect(json).toEqual({ data: { thing: { id: '2', name: 'two', score: 20 } } });
  });

  test('forwards authorization, x-purpose and x-request-id to every subgraph, and nothing else', async () => {
    const purpose = encodeURIComponent('综合治税');
    const { json, headers } = await post(router.url, { query: '{ echo { authorization purpose requestId } things { score } }' }, {
      authorization: 'Bearer good', 'x-purpose': purpose, 'x-request-id': 'req-42', 'x-private': 'no',
    });
    expect(json.data.echo).toEqual({ authorization: 'Bearer good', purpose, requestId: 'req-42' });
    expect(headers.get('x-request-id')).toBe('req-42');
    expect(beta.seen.length).toBeGreaterThan(0);
    for (const seen of [...alpha.seen, ...beta.seen]) {
      expect(seen).toMatchObject({ authorization: 'Bearer good', 'x-purpose': purpose, 'x-request-id': 'req-42' });
      expect(seen['x-private']).toBeUndefined();
    }
  });

  test('generates a request id when the client sends none, and returns it', async () => {
    const { headers, json } = await post(router.url, { query: '{ echo { requestId } }' });
    const id = headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(json.data.echo.requestId).toBe(id);
  });

  test('passes a refused field through as null plus the subgraph error with its extensions', async () => {
    const { status, json } = await post(router.url, { query: '{ thing(id: "1") { id name secret } }' });
    expect(status).toBe(200);
    expect(json.data).toEqual({ thing: { id: '1', name: 'one', secret: null } });
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]).toMatchObject({
      message: 'secret is not shared with your agency',
      path: ['thing', 'secret'],
      extensions: { code: 'FORBIDDEN', basis: 'x', item: 'Thing.secret' },
    });
  });

  test('redacts errors of a subgraph with include_subgraph_errors off', async () => {
    const { json } = await post(router.url, { query: '{ thing(id: "1") { id flaky } }' });
    expect(json.data).toEqual({ thing: { id: '1', flaky: null } });
    expect(JSON.stringify(json.errors)).not.toMatch(/leaky|beta internal detail/);
    expect(json.errors[0].message).toBe('Subgraph errors redacted');
  });

  test.each([
    ['depth', '{ node { child { child { child { value } } } } }', 'MAX_DEPTH_LIMIT'],
    ['aliases', '{ a: echo { requestId } b: echo { requestId } c: echo { purpose } }', 'MAX_ALIASES_LIMIT'],
    ['root fields', '{ echo { purpose } things { id } node { value } thing(id: "1") { id } }', 'MAX_ROOT_FIELDS_LIMIT'],
  ])('refuses an operation over the %s limit with 400 %s', async (_name, query, code) => {
    const { status, json, headers } = await post(router.url, { query });
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe(code);
    expect(headers.get('x-request-id')).toMatch(UUID);
    expect(alpha.seen).toHaveLength(0); // refused before any planning or fetching
  });

  test('counts depth through fragments, as Apollo Router does', async () => {
    const query = '{ node { ...deep } } fragment deep on Node { child { child { child { value } } } }';
    expect((await post(router.url, { query })).json.errors[0].extensions.code).toBe('MAX_DEPTH_LIMIT');
    const ok = '{ node { ...f } } fragment f on Node { child { child { value } } }';
    expect((await post(router.url, { query: ok })).json.data.node.child.child.value).toBe(3);
  });

  test('answers malformed requests with 400 and a GraphQL error, never a 500', async () => {
    const bad = await post(router.url, '{"query": ');
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].extensions.code).toBe('INVALID_GRAPHQL_REQUEST');
    const missing = await post(router.url, { variables: {} });
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0].extensions.code).toBe('INVALID_GRAPHQL_REQUEST');
    const syntax = await post(router.url, { query: '{ thing(' });
    expect(syntax.status).toBe(400);
    expect(syntax.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const big = await post(router.url, { query: `{ echo { purpose } } # ${'x'.repeat(30000)}` });
    expect(big.status).toBe(413);
  });

  test('refuses a bad token through the authenticate hook with 401 UNAUTHENTICATED', async () => {
    const { status, json, headers } = await post(router.url, { query: '{ echo { purpose } }' }, { authorization: 'Bearer bad' });
    expect(status).toBe(401);
    expect(json.errors[0]).toEqual({ message: 'invalid token', extensions: { code: 'UNAUTHENTICATED' } });
    expect(headers.get('x-request-id')).toMatch(UUID);
  });

  test('serves Apollo Sandbox to a browser on GET of the endpoint', async () => {
    const res = await fetch(router.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('https://embeddable-sandbox.cdn.apollographql.com/_latest/embeddable-sandbox.umd.production.min.js');
    expect(html).toContain('new window.EmbeddedSandbox');
    expect(html).toContain(JSON.stringify(router.url));
  });

  test('executes GET ?query= when the request says it is not a simple browser request', async () => {
    const url = `${router.url}?query=${encodeURIComponent('{ thing(id: "1") { name } }')}`;
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { thing: { name: 'one' } } });
    expect((await fetch(url)).status).toBe(400); // CSRF protection, as Apollo Router's default
  });

  test('answers /health and CORS preflights from Apollo Sandbox', async () => {
    const health = await fetch(router.url.replace(/\/$/, '/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const pre = await fetch(router.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://studio.apollographql.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://studio.apollographql.com');
    const evil = await fetch(router.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

test('close() frees the port, even with an idle keep-alive connection', async () => {
  const subgraphs = await startSubgraphs();
  const config = parseRouterConfig(routerYaml(subgraphs.alpha.url, subgraphs.beta.url), {}, 'test');
  const router = await startRouter({ config, supergraphSdl: composeSupergraph() });
  await post(router.url, { query: '{ echo { purpose } }' }); // leaves a keep-alive socket open
  const port = Number(new URL(router.url).port);
  const started = Date.now();
  await router.close();
  expect(Date.now() - started).toBeLessThan(1500);
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
  await subgraphs.alpha.stop();
  await subgraphs.beta.stop();
});
