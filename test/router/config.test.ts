/** router.yaml reading: Apollo Router's keys, ${env.*} expansion, durations, and refusals that name the key. */
import { join } from 'node:path';
import { loadRouterConfig, parseDuration, parseRouterConfig } from '../../router/config';
import { subgraphUrls } from '../../router/subgraph-urls';

const parse = (yaml: string, env: NodeJS.ProcessEnv = {}) => parseRouterConfig(yaml, env, 'router.yaml');

describe('environment expansion', () => {
  test('uses the variable when set, else the default after :-', () => {
    const yaml = 'supergraph:\n  listen: ${env.LISTEN:-127.0.0.1:4000}\noverride_subgraph_url:\n  a: ${env.A_URL}\n';
    expect(parse(yaml, { A_URL: 'http://a:1/' })).toMatchObject({ listen: { host: '127.0.0.1', port: 4000 }, overrideSubgraphUrl: { a: 'http://a:1/' } });
    expect(parse(yaml, { A_URL: 'http://a:1/', LISTEN: '0.0.0.0:8080' }).listen).toEqual({ host: '0.0.0.0', port: 8080 });
  });

  test('expands inside a longer string and coerces a lone expansion to a number', () => {
    const cfg = parse('limits:\n  max_depth: ${env.DEPTH:-15}\noverride_subgraph_url:\n  a: http://${env.HOST:-localhost}:4001/\n', { HOST: 'pop' });
    expect(cfg.limits.maxDepth).toBe(15);
    expect(cfg.overrideSubgraphUrl.a).toBe('http://pop:4001/');
  });

  test('an unset variable without a default fails, naming the key and the variable', () => {
    expect(() => parse('override_subgraph_url:\n  a: ${env.NOPE}\n')).toThrow(/override_subgraph_url\.a: environment variable NOPE is not set/);
  });

  test('other expansions (Apollo Router ${file.*}) are refused clearly', () => {
    expect(() => parse('supergraph:\n  listen: ${file./tmp/x}\n')).toThrow(/supergraph\.listen: cannot expand \$\{file\.\/tmp\/x\}/);
  });
});

describe('unknown and unsupported keys fail start-up with their path', () => {
  test.each([
    ['limits:\n  max_height: 10\n', /limits\.max_height is an Apollo Router key that this router does not support/],
    ['telemetry:\n  exporters: {}\n', /telemetry is an Apollo Router key that this router does not support/],
    ['supergraph:\n  lisen: 127.0.0.1:4000\n', /supergraph\.lisen is not an Apollo Router key/],
    ['bogus: 1\n', /bogus is not an Apollo Router key/],
    [
      'headers:\n  all:\n    request:\n      - insert: { name: x-a, from_context: y }\n',
      /headers\.all\.request\[0\]\.insert\.from_context is an Apollo Router key/,
    ],
    ['traffic_shaping:\n  all:\n    compression: gzip\n', /traffic_shaping\.all\.compression is an Apollo Router key/],
  ])('%j', (yaml, message) => {
    expect(() => parse(yaml)).toThrow(message);
  });

  test('messages name the file', () => {
    expect(() => parse('bogus: 1\n')).toThrow(/^router\.yaml: /);
  });

  test('sandbox needs homepage off and introspection on, as Apollo Router requires', () => {
    expect(() => parse('sandbox:\n  enabled: true\nsupergraph:\n  introspection: true\n')).toThrow(/homepage\.enabled: false/);
    expect(() => parse('sandbox:\n  enabled: true\nhomepage:\n  enabled: false\n')).toThrow(/supergraph\.introspection: true/);
  });

  test('wrong value types are refused with the path', () => {
    expect(() => parse('limits:\n  max_depth: deep\n')).toThrow(/limits\.max_depth: expected a positive integer/);
    expect(() => parse('supergraph:\n  listen: /tmp/router.sock\n')).toThrow(/supergraph\.listen/);
    expect(() => parse('override_subgraph_url:\n  a: not a url\n')).toThrow(/override_subgraph_url\.a/);
    expect(() => parse('cors:\n  match_origins: ["("]\n')).toThrow(/cors\.match_origins\[0\]: invalid regular expression/);
  });
});

describe('durations', () => {
  test.each([
    ['30s', 30_000],
    ['500ms', 500],
    ['1m 30s', 90_000],
    ['2h', 7_200_000],
    ['1m30s', 90_000],
  ])('%s', (text, ms) => {
    expect(parseDuration(text, 'x')).toBe(ms);
  });

  test.each([['30'], ['10x'], [''], [30]])('%j is refused', (value) => {
    expect(() => parseDuration(value, 'traffic_shaping.all.timeout')).toThrow(/traffic_shaping\.all\.timeout/);
  });

  test('timeouts land in the config', () => {
    const cfg = parse('traffic_shaping:\n  router: { timeout: 20s }\n  all: { timeout: 500ms }\n  subgraphs: { credit: { timeout: 2s } }\n');
    expect(cfg.trafficShaping).toEqual({ routerTimeoutMs: 20_000, subgraphTimeoutMs: 500, subgraphs: { credit: 2000 } });
  });
});

test("defaults are Apollo Router's", () => {
  const cfg = parse('');
  expect(cfg).toMatchObject({
    listen: { host: '127.0.0.1', port: 4000 },
    path: '/',
    introspection: false,
    homepage: true,
    sandbox: false,
    includeSubgraphErrors: { all: false },
    limits: { httpMaxRequestBytes: 2_000_000 },
  });
  expect(cfg.cors.origins).toEqual(['https://studio.apollographql.com']);
  expect(cfg.cors.methods).toEqual(['GET', 'POST', 'OPTIONS']);
});

test('the repository router.yaml is valid and points at the six subgraphs', () => {
  const file = join(__dirname, '..', '..', 'router.yaml');
  const cfg = loadRouterConfig(file, { CREDIT_URL: 'http://credit.internal:8080/' });
  expect(cfg.listen).toEqual({ host: '127.0.0.1', port: 4000 });
  expect(cfg.sandbox).toBe(true);
  expect(cfg.includeSubgraphErrors.all).toBe(true);
  expect(cfg.headers.all.map((r) => ('propagate' in r && 'named' in r.propagate ? r.propagate.named : undefined))).toEqual([
    'authorization',
    'x-purpose',
    'x-request-id',
  ]);
  // The URLs come from schema/subgraphs.json (router.yaml may only override them): router/subgraph-urls.ts.
  expect(subgraphUrls(cfg.overrideSubgraphUrl, { CREDIT_URL: 'http://credit.internal:8080/' })).toEqual({
    population: 'http://127.0.0.1:4001/',
    'legal-person': 'http://127.0.0.1:4002/',
    geospatial: 'http://127.0.0.1:4003/',
    'e-license': 'http://127.0.0.1:4004/',
    credit: 'http://credit.internal:8080/',
    catalog: 'http://127.0.0.1:4006/',
  });
  expect(cfg.cors.matchOrigins.some((re) => re.test('http://localhost:3000'))).toBe(true);
  expect(cfg.cors.matchOrigins.some((re) => re.test('http://localhost.evil.example'))).toBe(false);
  expect(loadRouterConfig(file, { ROUTER_LISTEN: '0.0.0.0:4100' }).listen).toEqual({ host: '0.0.0.0', port: 4100 });
});

describe('Apollo Sandbox (issue 14: nothing from the internet in production)', () => {
  const yaml = 'supergraph:\n  introspection: true\nhomepage:\n  enabled: false\nsandbox:\n  enabled: true\n';
  it('is on as configured in development', () => {
    expect(parse(yaml).sandbox).toBe(true);
  });
  it('is off with NODE_ENV=production, whatever the file says', () => {
    expect(parse(yaml, { NODE_ENV: 'production' }).sandbox).toBe(false);
  });
});

describe('demand_control (Apollo Router keys, static_estimated strategy)', () => {
  const yaml = (body: string) => `demand_control:\n${body}`;
  const full = '  enabled: true\n  mode: enforce\n  strategy:\n    static_estimated:\n      list_size: 10\n      max: 1000\n';
  it('reads enabled, mode and the strategy figures', () => {
    expect(parse(yaml(full)).demandControl).toEqual({ enabled: true, mode: 'enforce', listSize: 10, max: 1000 });
    expect(parse(yaml(full.replace('enforce', 'measure'))).demandControl.mode).toBe('measure');
  });
  it('is off without the section', () => {
    expect(parse('limits:\n  max_depth: 3\n').demandControl.enabled).toBe(false);
  });
  it("router.yaml's mode follows DEMAND_CONTROL_MODE, enforce by default", () => {
    const file = join(__dirname, '..', '..', 'router.yaml');
    expect(loadRouterConfig(file, {}).demandControl.mode).toBe('enforce');
    expect(loadRouterConfig(file, { DEMAND_CONTROL_MODE: 'measure' }).demandControl.mode).toBe('measure');
  });
  test.each([
    [full.replace('enforce', 'block'), /demand_control\.mode: expected measure or enforce/],
    [full.replace('      max: 1000\n', ''), /static_estimated\.max: required/],
    [full.replace('      list_size: 10\n', ''), /static_estimated\.list_size: required/],
    [full.replace('max: 1000', 'max: -1'), /static_estimated\.max: expected a positive integer/],
    ['  enabled: true\n  mode: enforce\n  strategy: {}\n', /static_estimated: required/],
    [full + '      actual_cost_mode: by_subgraph\n', /actual_cost_mode is an Apollo Router key that this router does not support/],
    ['  enabled: true\n  mode: enforce\n  strategy:\n    actual: {}\n', /demand_control\.strategy\.actual is an Apollo Router key/],
    [full + '  bogus: 1\n', /demand_control\.bogus is not an Apollo Router key/],
  ])('refuses %j', (body, message) => {
    expect(() => parse(yaml(body))).toThrow(message);
  });
});

describe('rate_limit (our extension) and persisted_queries (Apollo Router keys)', () => {
  const file = join(__dirname, '..', '..', 'router.yaml');
  it("router.yaml's limits: on unless RATE_LIMIT_ENABLED=false, per second over 1 s windows, no trusted proxy", () => {
    const config = loadRouterConfig(file, {});
    expect(config.rateLimit).toEqual({
      enabled: true,
      intervalMs: 1000,
      agency: { requestsPerSecond: 200, costPerSecond: 200_000 },
      anonymous: { requestsPerSecond: 20, costPerSecond: 20_000 },
      trustedProxies: [],
    });
    expect(loadRouterConfig(file, { RATE_LIMIT_ENABLED: 'false' }).rateLimit.enabled).toBe(false);
    expect(config.persistedQueries).toEqual({ enabled: true, safelist: { enabled: true, requireId: false } });
  });
  it('both are off without their sections', () => {
    const config = parse('limits:\n  max_depth: 3\n');
    expect(config.rateLimit.enabled).toBe(false);
    expect(config.persistedQueries).toEqual({ enabled: false, safelist: { enabled: false, requireId: false } });
  });
  test.each([
    ['rate_limit:\n  agency:\n    requests_per_second: 0\n', /rate_limit\.agency\.requests_per_second: expected a positive integer/],
    ['rate_limit:\n  interval: soon\n', /rate_limit\.interval: "soon" is not a duration/],
    ['rate_limit:\n  capacity: 5\n', /rate_limit\.capacity is not an Apollo Router key/],
    ['persisted_queries:\n  enabled: false\n  safelist:\n    enabled: true\n', /safelist\.enabled: true requires persisted_queries\.enabled: true/],
    ['persisted_queries:\n  log_unknown: true\n', /persisted_queries\.log_unknown is an Apollo Router key that this router does not support/],
  ])('refuses %j', (body, message) => {
    expect(() => parse(body)).toThrow(message);
  });
});
