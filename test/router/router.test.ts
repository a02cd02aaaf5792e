/**
 * The router end to end: two Federation-2 subgraphs in-process, a composed supergraph whose
 * subgraph URLs are wrong on purpose (override_subgraph_url, filled from ${env.*}, must fix them),
 * and the real entry point `router/main.ts` run once with each engine in a child Node process
 * (see ts-register.js for why not in Jest's sandbox). The same assertions hold for both engines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRouterConfig } from '../../router/config';
import type { EngineKind } from '../../router/engine';
import { httpError } from '../../router/http';
import { startRouter } from '../../router/main';
import { sandboxPage } from '../../router/sandbox';
import { issueDevToken } from '../../platform/identity/tokens';
import { ensureDevKeys } from '../../platform/identity/keys';
import { signingSecret } from '../../platform/identity/subgraph-signature';
import { composeSupergraph, startSubgraphs, type Subgraph } from './fixtures';

const ROOT = resolve(__dirname, '..', '..');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ROUTER_YAML = `
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
cors:
  origins: [https://studio.apollographql.com]
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
`;

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

interface RouterProcess {
  url: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
  output: string[];
}

/** Starts `router/main.ts` as `npm start` would, and waits for its "router listening on" line. */
async function spawnRouter(engine: EngineKind, env: Record<string, string>): Promise<RouterProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'router-test-'));
  writeFileSync(join(dir, 'router.yaml'), ROUTER_YAML);
  writeFileSync(join(dir, 'supergraph.graphql'), composeSupergraph());
  const proc = spawn(process.execPath, ['-r', join(__dirname, 'ts-register.js'), join(ROOT, 'router', 'main.ts')], {
    cwd: ROOT,
    // NODE_ENV as in production: libraries behave differently under Jest's NODE_ENV=test. Production
    // needs its settings (issue 12): the development keys given as configuration, and an audit
    // database, unreachable here (refusals are logged as not audited; /ready says so).
    env: {
      ...process.env,
      PLATFORM_JWKS: JSON.stringify((await ensureDevKeys()).publicJwks),
      SUBGRAPH_SIGNING_SECRET: signingSecret(),
      GOVERNANCE_DATABASE_URL: 'postgres://127.0.0.1:9/unreachable',
      ...env,
      NODE_ENV: 'production',
      ROUTER_ENGINE: engine,
      ROUTER_CONFIG: join(dir, 'router.yaml'),
      SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`router did not start:\n${output.join('')}`)), 30_000);
    proc.stderr.on('data', (d) => output.push(String(d)));
    proc.stdout.on('data', (d) => {
      output.push(String(d));
      const m = /router listening on (\S+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    void exited.then((code) => reject(new Error(`router exited with ${code}:\n${output.join('')}`)));
  });
  return { url, proc, exited, output };
}

describe.each<EngineKind>(['hive', 'apollo-gateway'])('router with the %s engine', (engine) => {
  let alpha: Subgraph;
  let beta: Subgraph;
  let router: RouterProcess;

  beforeAll(async () => {
    ({ alpha, beta } = await startSubgraphs());
    router = await spawnRouter(engine, { ALPHA_URL: alpha.url, BETA_URL: beta.url });
  });

  afterAll(async () => {
    if (router?.proc.exitCode === null) {
      router.proc.kill('SIGKILL');
      await router.exited;
    }
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

  test("forwards authorization, x-purpose, its own x-request-id and the client's as x-correlation-id to every subgraph, and nothing else", async () => {
    const purpose = encodeURIComponent('综合治税');
    // The router verifies tokens (router/auth.ts): a real development token passes through as is.
    const bearer = `Bearer ${await issueDevToken({ agency: 'taxation', ttl: '5m' })}`;
    const { json, headers } = await post(
      router.url,
      { query: '{ echo { authorization purpose requestId } things { score } }' },
      {
        authorization: bearer,
        'x-purpose': purpose,
        'x-request-id': 'req-42',
        'x-private': 'no',
      },
    );
    // The request id is always the router's; the client's is kept as the correlation id (issue 8).
    const requestId = headers.get('x-request-id');
    expect(requestId).toMatch(UUID);
    expect(headers.get('x-correlation-id')).toBe('req-42');
    expect(json.data.echo).toEqual({ authorization: bearer, purpose, requestId });
    expect(beta.seen.length).toBeGreaterThan(0);
    for (const seen of [...alpha.seen, ...beta.seen]) {
      expect(seen).toMatchObject({ authorization: bearer, 'x-purpose': purpose, 'x-request-id': requestId, 'x-correlation-id': 'req-42' });
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
    expect(json.errors[0].extensions.stacktrace).toBeUndefined(); // the subgraph runs in dev mode; the router drops it
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
    ['depth', 'MAX_DEPTH_LIMIT', '{ node { child { child { child { value } } } } }'],
    ['aliases', 'MAX_ALIASES_LIMIT', '{ a: echo { requestId } b: echo { requestId } c: echo { purpose } }'],
    ['root fields', 'MAX_ROOT_FIELDS_LIMIT', '{ echo { purpose } things { id } node { value } thing(id: "1") { id } }'],
  ])('refuses an operation over the %s limit with 400 %s, before any subgraph call', async (_name, code, query) => {
    const { status, json, headers } = await post(router.url, { query });
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe(code);
    expect(headers.get('x-request-id')).toMatch(UUID);
    expect(alpha.seen).toHaveLength(0);
  });

  test('answers an invalid operation with 400, like Apollo Router', async () => {
    const { status, json, headers } = await post(router.url, { query: '{ nope }' });
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
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

  test('sends a browser on GET of the endpoint to the offline explorer in production, never to a CDN', async () => {
    // router.yaml says sandbox.enabled: true; NODE_ENV=production turns Sandbox off (issue 14).
    const res = await fetch(router.url, { headers: { accept: 'text/html,application/xhtml+xml' }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/explorer/');
    const page = await fetch(new URL('/explorer/', router.url));
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).not.toContain('cdn.apollographql.com');
  });

  test('the Sandbox page of development falls back to the offline explorer', () => {
    const html = sandboxPage(router.url, '/explorer/');
    expect(html).toContain('https://embeddable-sandbox.cdn.apollographql.com/_latest/embeddable-sandbox.umd.production.min.js');
    expect(html).toContain('new window.EmbeddedSandbox');
    expect(html).toContain(JSON.stringify(router.url));
    expect(html).toContain('onerror="offline()"');
    expect(html).toContain('window.location.replace("/explorer/")');
  });

  test('executes GET ?query= when the request says it is not a simple browser request', async () => {
    const url = `${router.url}?query=${encodeURIComponent('{ thing(id: "1") { name } }')}`;
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { thing: { name: 'one' } } });
    expect((await fetch(url)).status).toBe(400); // CSRF protection, as Apollo Router's default
  });

  test('/ready is 503 with a reason code while its audit database is unreachable; /health stays 200', async () => {
    const ready = await fetch(router.url.replace(/\/$/, '/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'database' });
    expect((await fetch(router.url.replace(/\/$/, '/health'))).status).toBe(200);
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

  test('SIGTERM: exits 0 within about a second with a keep-alive connection open, freeing the port', async () => {
    await post(router.url, { query: '{ echo { purpose } }' }); // leaves an idle keep-alive socket
    const started = Date.now();
    router.proc.kill('SIGTERM');
    expect(await router.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000); // ~1 s by design; slack for a loaded CI machine
    await expectPortFree(Number(new URL(router.url).port));
  });
});

async function expectPortFree(port: number): Promise<void> {
  await new Promise<void>((resolveProbe, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolveProbe()));
  });
}

/** In-process, through the startRouter API (the @apollo/gateway engine runs inside Jest). */
test('the authenticate hook refuses with its status and code; close() frees the port', async () => {
  const { alpha, beta } = await startSubgraphs();
  const config = parseRouterConfig(ROUTER_YAML, { ALPHA_URL: alpha.url, BETA_URL: beta.url }, 'test router.yaml');
  const router = await startRouter({
    config,
    supergraphSdl: composeSupergraph(),
    engine: 'apollo-gateway',
    authenticate: async (headers, query) => {
      if (headers.authorization !== 'Bearer good') throw httpError(401, 'invalid token', 'UNAUTHENTICATED');
      expect(query).toContain('echo');
      return { authenticated: true }; // a hook may return an identity; the router ignores it
    },
  });
  try {
    const refused = await post(router.url, { query: '{ echo { purpose } }' }, { authorization: 'Bearer bad' });
    expect(refused.status).toBe(401);
    expect(refused.json.errors[0]).toEqual({ message: 'invalid token', extensions: { code: 'UNAUTHENTICATED' } });
    expect(refused.headers.get('x-request-id')).toMatch(UUID);
    expect(alpha.seen).toHaveLength(0);
    const ok = await post(router.url, { query: '{ echo { authorization } }' }, { authorization: 'Bearer good' });
    expect(ok.json).toEqual({ data: { echo: { authorization: 'Bearer good' } } });
  } finally {
    const started = Date.now();
    await router.close();
    expect(Date.now() - started).toBeLessThan(1500);
    await expectPortFree(Number(new URL(router.url).port));
    await alpha.stop();
    await beta.stop();
  }
});
