/**
 * One file on purpose (over 300 lines): every router.yaml key this router accepts, validated in one place, so an unknown key is refused with its path.
 *
 * Reads `router.yaml`, written in Apollo Router's own configuration keys, for the subset this
 * router implements. The same file must start the Apollo Router (or Hive Router) binary when the
 * city outgrows one Node process, so we never invent keys: anything we do not implement fails
 * start-up naming its path, rather than being silently ignored (an ignored `limits` or `headers`
 * key would be a security hole that only shows in production).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** One header rule, in Apollo Router's order-sensitive `headers.*.request` list. */
export type HeaderRule =
  | { propagate: { named: string; rename?: string; default?: string } }
  | { propagate: { matching: RegExp } }
  | { insert: { name: string; value: string } }
  | { remove: { named: string } }
  | { remove: { matching: RegExp } };

export interface CorsConfig {
  allowAnyOrigin: boolean;
  allowCredentials: boolean;
  /** Empty means: mirror the preflight's Access-Control-Request-Headers (Apollo Router's default). */
  allowHeaders: string[];
  exposeHeaders: string[];
  origins: string[];
  matchOrigins: RegExp[];
  methods: string[];
  maxAgeSeconds?: number;
}

export interface RouterConfig {
  listen: { host: string; port: number };
  /** The one URL path that serves GraphQL (and Sandbox on GET text/html). */
  path: string;
  introspection: boolean;
  homepage: boolean;
  sandbox: boolean;
  headers: { all: HeaderRule[]; subgraphs: Record<string, HeaderRule[]> };
  cors: CorsConfig;
  includeSubgraphErrors: { all: boolean; subgraphs: Record<string, boolean> };
  limits: { maxDepth?: number; maxAliases?: number; maxRootFields?: number; httpMaxRequestBytes: number };
  trafficShaping: { routerTimeoutMs: number; subgraphTimeoutMs: number; subgraphs: Record<string, number> };
  /** Subgraph name (as in `join__graph(name:)`) → URL; names absent from the supergraph are ignored. */
  overrideSubgraphUrl: Record<string, string>;
  /** Apollo Router's `demand_control` with its `static_estimated` strategy (router/demand-control.ts). */
  demandControl: DemandControlConfig;
  /** Per-caller rate limits (router/rate-limit.ts); our extension, not an Apollo Router key. */
  rateLimit: RateLimitConfig;
  /** Apollo Router's `persisted_queries` with its `safelist` (router/trusted-documents.ts). */
  persistedQueries: PersistedQueriesConfig;
}

export interface RateRule {
  requestsPerSecond: number;
  costPerSecond: number;
}

export interface RateLimitConfig {
  enabled: boolean;
  /** The window each caller's allowance is counted over: rate × interval per window. */
  intervalMs: number;
  /** Each agency's, unless the agency register overrides it. */
  agency: RateRule;
  /** Each source address's, for callers without an agency token. */
  anonymous: RateRule;
  /** Peers whose X-Forwarded-For is believed (a load balancer in front of the router); none by default. */
  trustedProxies: string[];
}

export interface PersistedQueriesConfig {
  enabled: boolean;
  /** Whether agencies whose register entry enforces trusted documents are held to them. */
  safelist: { enabled: boolean; requireId: boolean };
}

export interface DemandControlConfig {
  enabled: boolean;
  /** measure: estimate and record only; enforce: refuse an operation over `max`. */
  mode: 'measure' | 'enforce';
  listSize: number;
  max: number;
}

export class RouterConfigError extends Error {
  override name = 'RouterConfigError';
}

/** Apollo Router keys we know of but do not implement, per section, so the message can say so. */
const APOLLO_ONLY: Record<string, string[]> = {
  '': [
    'apq',
    'authentication',
    'authorization',
    'batching',
    'connectors',
    'coprocessor',
    'csrf',
    'fleet_detector',
    'forbid_mutations',
    'health_check',
    'license_enforcement',
    'plugins',
    'preview_entity_cache',
    'preview_file_uploads',
    'progressive_override',
    'rhai',
    'subscription',
    'telemetry',
    'tls',
    'experimental_chaos',
    'experimental_type_conditioned_fetching',
    'preview_response_cache',
    'response_cache',
  ],
  supergraph: [
    'query_planning',
    'defer_support',
    'generate_query_fragments',
    'early_cancel',
    'experimental_log_on_broken_pipe',
    'connection_shutdown_timeout',
    'enable_query_planner_jit',
  ],
  homepage: ['graph_ref'],
  limits: [
    'max_height',
    'warn_only',
    'parser_max_tokens',
    'parser_max_recursion',
    'http1_max_request_headers',
    'http1_max_request_buf_size',
    'http2_max_headers_list_bytes',
    'introspection_max_depth',
    'max_recursive_selections',
    'router',
    'subgraph',
    'connector',
  ],
  cors: ['policies'],
  traffic_shaping: ['connector', 'deduplicate_variables'],
  demand_control: [],
  'demand_control.strategy': ['actual'],
  'demand_control.strategy.static_estimated': ['actual_cost_mode'],
  persisted_queries: ['log_unknown', 'local_manifests', 'hot_reload', 'experimental_prewarm_query_plan_cache'],
  'traffic_shaping.router': ['global_rate_limit', 'concurrency_limit'],
  'traffic_shaping.subgraph': [
    'deduplicate_query',
    'compression',
    'global_rate_limit',
    'experimental_http2',
    'dns_resolution_strategy',
    'experimental_retry',
    'http2',
    'retry',
  ],
  'headers.rule': ['from_context', 'path', 'expression'],
  include_subgraph_errors: ['redact_message', 'allow_extensions_keys', 'deny_extensions_keys', 'exclude_global_keys'],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

// --- ${env.NAME} / ${env.NAME:-default} expansion (Apollo Router's syntax), before validation ---

const EXPANSION = /\$\{([^}]*)\}/g;
const ENV_REF = /^env\.([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

export function expandString(value: string, env: NodeJS.ProcessEnv, path: string): string {
  return value.replace(EXPANSION, (_whole, inner: string) => {
    const m = ENV_REF.exec(inner);
    if (!m) {
      throw new RouterConfigError(`${path}: cannot expand \${${inner}}; only \${env.NAME} and \${env.NAME:-default} are supported`);
    }
    const [, name, fallback] = m;
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    throw new RouterConfigError(`${path}: environment variable ${name} is not set and \${env.${name}} has no default`);
  });
}

/** Expands every string value; a value that was only an expansion and now reads as a number or
 *  boolean becomes one, as Apollo Router coerces `max_depth: ${env.DEPTH:-15}`. */
export function expandEnv(node: Json, env: NodeJS.ProcessEnv, path = ''): Json {
  if (typeof node === 'string') {
    if (!node.includes('${')) return node;
    const out = expandString(node, env, path || '(root)');
    if (/^\$\{[^}]*\}$/.test(node.trim())) {
      if (/^-?\d+(\.\d+)?$/.test(out)) return Number(out);
      if (out === 'true' || out === 'false') return out === 'true';
    }
    return out;
  }
  if (Array.isArray(node)) return node.map((v, i) => expandEnv(v, env, `${path}[${i}]`));
  if (node && typeof node === 'object') {
    const out: Obj = {};
    for (const [k, v] of Object.entries(node)) out[k] = expandEnv(v, env, path ? `${path}.${k}` : k);
    return out;
  }
  return node;
}

// --- durations: Apollo Router uses humantime strings such as `30s`, `500ms`, `1m 30s` ---

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

export function parseDuration(value: unknown, path: string): number {
  if (typeof value !== 'string' || !/\S/.test(value)) {
    throw new RouterConfigError(`${path}: expected a duration such as "30s" or "500ms", got ${JSON.stringify(value)}`);
  }
  let total = 0;
  let rest = value.trim();
  while (rest) {
    const m = /^(\d+)\s*(ms|sec|min|s|m|h)\s*/.exec(rest);
    if (!m) throw new RouterConfigError(`${path}: "${value}" is not a duration (use units ms, s, m, h: "30s", "500ms", "1m 30s")`);
    total += Number(m[1]) * UNIT_MS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

// --- small typed readers that name the key path in every error ---

function describe(path: string, section: string, key: string): string {
  const known = APOLLO_ONLY[section] ?? [];
  const full = path ? `${path}.${key}` : key;
  return known.includes(key)
    ? `${full} is an Apollo Router key that this router does not support; remove it or run the Apollo Router binary`
    : `${full} is not an Apollo Router key this router knows (check the spelling against Apollo Router's configuration reference)`;
}

function obj(value: Json | undefined, path: string, allowed: string[], section = path): Obj {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new RouterConfigError(`${path || '(root)'}: expected a mapping`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new RouterConfigError(describe(path, section, key));
  }
  return value;
}

function bool(value: Json | undefined, path: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new RouterConfigError(`${path}: expected true or false`);
  return value;
}

function posInt(value: Json | undefined, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new RouterConfigError(`${path}: expected a positive integer`);
  return value;
}

function str(value: Json | undefined, path: string): string {
  if (typeof value !== 'string' || value === '') throw new RouterConfigError(`${path}: expected a non-empty string`);
  return value;
}

function strList(value: Json | undefined, path: string, fallback: string[]): string[] {
  if (value === undefined || value === null) return fallback;
  if (!Array.isArray(value)) throw new RouterConfigError(`${path}: expected a list of strings`);
  return value.map((v, i) => str(v, `${path}[${i}]`));
}

function regex(value: Json | undefined, path: string): RegExp {
  const source = str(value, path);
  try {
    return new RegExp(source);
  } catch (e) {
    throw new RouterConfigError(`${path}: invalid regular expression ${JSON.stringify(source)}: ${(e as Error).message}`);
  }
}

function headerName(value: Json | undefined, path: string): string {
  const name = str(value, path);
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new RouterConfigError(`${path}: "${name}" is not a valid header name`);
  return name.toLowerCase();
}

function url(value: Json | undefined, path: string): string {
  const text = str(value, path);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new RouterConfigError(`${path}: "${text}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new RouterConfigError(`${path}: only http(s) URLs are supported`);
  return text;
}

// --- sections ---

function headerRules(value: Json | undefined, path: string): HeaderRule[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RouterConfigError(`${path}: expected a list of rules`);
  return value.map((raw, i): HeaderRule => {
    const p = `${path}[${i}]`;
    const rule = obj(raw, p, ['propagate', 'insert', 'remove'], 'headers.rule');
    const kinds = Object.keys(rule);
    if (kinds.length !== 1) throw new RouterConfigError(`${p}: a rule has exactly one of propagate, insert, remove`);
    if (rule.propagate !== undefined) {
      const r = obj(rule.propagate, `${p}.propagate`, ['named', 'rename', 'default', 'matching'], 'headers.rule');
      if (r.matching !== undefined) {
        if (r.named !== undefined || r.rename !== undefined || r.default !== undefined) {
          throw new RouterConfigError(`${p}.propagate: use either matching or named (with rename/default), not both`);
        }
        return { propagate: { matching: regex(r.matching, `${p}.propagate.matching`) } };
      }
      return {
        propagate: {
          named: headerName(r.named, `${p}.propagate.named`),
          ...(r.rename !== undefined ? { rename: headerName(r.rename, `${p}.propagate.rename`) } : {}),
          ...(r.default !== undefined ? { default: String(r.default) } : {}),
        },
      };
    }
    if (rule.insert !== undefined) {
      const r = obj(rule.insert, `${p}.insert`, ['name', 'value'], 'headers.rule');
      if (r.value === undefined || r.value === null) throw new RouterConfigError(`${p}.insert.value: required`);
      return { insert: { name: headerName(r.name, `${p}.insert.name`), value: String(r.value) } };
    }
    const r = obj(rule.remove, `${p}.remove`, ['named', 'matching'], 'headers.rule');
    if (r.matching !== undefined) return { remove: { matching: regex(r.matching, `${p}.remove.matching`) } };
    return { remove: { named: headerName(r.named, `${p}.remove.named`) } };
  });
}

function listen(value: Json | undefined): { host: string; port: number } {
  const text = value === undefined || value === null ? '127.0.0.1:4000' : str(value, 'supergraph.listen');
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  if (!m || Number(m[2]) > 65535) {
    throw new RouterConfigError(`supergraph.listen: "${text}" must be host:port (unix sockets are not supported)`);
  }
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

/** Apollo Router's demand control. Without the section it is off; a section must name its
 *  strategy's figures (Apollo Router requires them too), so no budget is an unseen default. */
function readDemandControl(value: Json | undefined): DemandControlConfig {
  const dc = obj(value, 'demand_control', ['enabled', 'mode', 'strategy']);
  const enabled = bool(dc.enabled, 'demand_control.enabled', false);
  if (value === undefined || value === null) return { enabled: false, mode: 'measure', listSize: 1, max: Number.MAX_SAFE_INTEGER };
  const mode = str(dc.mode, 'demand_control.mode');
  if (mode !== 'measure' && mode !== 'enforce') throw new RouterConfigError(`demand_control.mode: expected measure or enforce, got "${mode}"`);
  const strategy = obj(dc.strategy, 'demand_control.strategy', ['static_estimated']);
  if (strategy.static_estimated === undefined) throw new RouterConfigError('demand_control.strategy.static_estimated: required (the one strategy)');
  const se = obj(strategy.static_estimated, 'demand_control.strategy.static_estimated', ['list_size', 'max']);
  const listSize = posInt(se.list_size, 'demand_control.strategy.static_estimated.list_size');
  if (listSize === undefined) throw new RouterConfigError('demand_control.strategy.static_estimated.list_size: required');
  const max = posInt(se.max, 'demand_control.strategy.static_estimated.max');
  if (max === undefined) throw new RouterConfigError('demand_control.strategy.static_estimated.max: required');
  return { enabled, mode, listSize, max };
}

function rateRule(value: Json | undefined, path: string, fallback: RateRule): RateRule {
  const r = obj(value, path, ['requests_per_second', 'estimated_cost_per_second']);
  return {
    requestsPerSecond: posInt(r.requests_per_second, `${path}.requests_per_second`) ?? fallback.requestsPerSecond,
    costPerSecond: posInt(r.estimated_cost_per_second, `${path}.estimated_cost_per_second`) ?? fallback.costPerSecond,
  };
}

/** Our per-caller rate limits (not an Apollo Router key: Apollo's traffic_shaping.router.global_rate_limit
 *  counts one router's requests, not each caller's). Without the section they are off. */
function readRateLimit(value: Json | undefined): RateLimitConfig {
  const rl = obj(value, 'rate_limit', ['enabled', 'interval', 'agency', 'anonymous', 'trusted_proxies']);
  return {
    enabled: value === undefined || value === null ? false : bool(rl.enabled, 'rate_limit.enabled', true),
    intervalMs: rl.interval !== undefined ? parseDuration(rl.interval, 'rate_limit.interval') : 1000,
    agency: rateRule(rl.agency, 'rate_limit.agency', { requestsPerSecond: 200, costPerSecond: 200_000 }),
    anonymous: rateRule(rl.anonymous, 'rate_limit.anonymous', { requestsPerSecond: 20, costPerSecond: 20_000 }),
    trustedProxies: strList(rl.trusted_proxies, 'rate_limit.trusted_proxies', []),
  };
}

/** Apollo Router's persisted_queries keys (the subset we implement); off without the section. */
function readPersistedQueries(value: Json | undefined): PersistedQueriesConfig {
  const pq = obj(value, 'persisted_queries', ['enabled', 'safelist']);
  const safelist = obj(pq.safelist, 'persisted_queries.safelist', ['enabled', 'require_id']);
  return {
    enabled: bool(pq.enabled, 'persisted_queries.enabled', false),
    safelist: {
      enabled: bool(safelist.enabled, 'persisted_queries.safelist.enabled', false),
      requireId: bool(safelist.require_id, 'persisted_queries.safelist.require_id', false),
    },
  };
}

/** Validates an already-parsed (and env-expanded) YAML document. */
export function readRouterConfig(doc: Json, production = false): RouterConfig {
  const root = obj(doc, '', [
    'supergraph',
    'headers',
    'cors',
    'include_subgraph_errors',
    'limits',
    'traffic_shaping',
    'override_subgraph_url',
    'homepage',
    'sandbox',
    'demand_control',
    'rate_limit',
    'persisted_queries',
  ]);

  const supergraph = obj(root.supergraph, 'supergraph', ['listen', 'path', 'introspection']);
  const path = supergraph.path === undefined ? '/' : str(supergraph.path, 'supergraph.path');
  if (!path.startsWith('/') || /[*:?#]/.test(path)) {
    throw new RouterConfigError(`supergraph.path: "${path}" must be a literal path starting with "/" (wildcards and parameters are not supported)`);
  }

  const headersCfg = obj(root.headers, 'headers', ['all', 'subgraphs']);
  const allHeaders = obj(headersCfg.all, 'headers.all', ['request']);
  const subgraphHeaders: Record<string, HeaderRule[]> = {};
  for (const [name, v] of Object.entries(obj(headersCfg.subgraphs, 'headers.subgraphs', Object.keys(headersCfg.subgraphs ?? {})))) {
    subgraphHeaders[name] = headerRules(obj(v, `headers.subgraphs.${name}`, ['request']).request, `headers.subgraphs.${name}.request`);
  }

  const cors = obj(root.cors, 'cors', [
    'allow_any_origin',
    'allow_credentials',
    'allow_headers',
    'expose_headers',
    'origins',
    'match_origins',
    'methods',
    'max_age',
  ]);
  const corsConfig: CorsConfig = {
    allowAnyOrigin: bool(cors.allow_any_origin, 'cors.allow_any_origin', false),
    allowCredentials: bool(cors.allow_credentials, 'cors.allow_credentials', false),
    allowHeaders: strList(cors.allow_headers, 'cors.allow_headers', []).map((h) => h.toLowerCase()),
    exposeHeaders: strList(cors.expose_headers, 'cors.expose_headers', []).map((h) => h.toLowerCase()),
    origins: strList(cors.origins, 'cors.origins', ['https://studio.apollographql.com']),
    matchOrigins: strList(cors.match_origins, 'cors.match_origins', []).map((r, i) => regex(r, `cors.match_origins[${i}]`)),
    methods: strList(cors.methods, 'cors.methods', ['GET', 'POST', 'OPTIONS']).map((m) => m.toUpperCase()),
    ...(cors.max_age !== undefined ? { maxAgeSeconds: Math.floor(parseDuration(cors.max_age, 'cors.max_age') / 1000) } : {}),
  };
  // The same combinations Apollo Router refuses at start-up.
  if (corsConfig.origins.includes('*')) throw new RouterConfigError('cors.origins: use allow_any_origin: true instead of "*"');
  if (corsConfig.allowCredentials && corsConfig.allowAnyOrigin) {
    throw new RouterConfigError('cors: allow_credentials cannot be combined with allow_any_origin');
  }

  const ise = obj(root.include_subgraph_errors, 'include_subgraph_errors', ['all', 'subgraphs']);
  const iseSubgraphs: Record<string, boolean> = {};
  for (const [name, v] of Object.entries(obj(ise.subgraphs, 'include_subgraph_errors.subgraphs', Object.keys(ise.subgraphs ?? {})))) {
    iseSubgraphs[name] = bool(v, `include_subgraph_errors.subgraphs.${name}`, false);
  }

  const limits = obj(root.limits, 'limits', ['max_depth', 'max_aliases', 'max_root_fields', 'http_max_request_bytes']);

  const ts = obj(root.traffic_shaping, 'traffic_shaping', ['router', 'all', 'subgraphs']);
  const tsRouter = obj(ts.router, 'traffic_shaping.router', ['timeout'], 'traffic_shaping.router');
  const tsAll = obj(ts.all, 'traffic_shaping.all', ['timeout'], 'traffic_shaping.subgraph');
  const tsSubgraphs: Record<string, number> = {};
  for (const [name, v] of Object.entries(obj(ts.subgraphs, 'traffic_shaping.subgraphs', Object.keys(ts.subgraphs ?? {})))) {
    const sub = obj(v, `traffic_shaping.subgraphs.${name}`, ['timeout'], 'traffic_shaping.subgraph');
    if (sub.timeout !== undefined) tsSubgraphs[name] = parseDuration(sub.timeout, `traffic_shaping.subgraphs.${name}.timeout`);
  }

  const overrides: Record<string, string> = {};
  for (const [name, v] of Object.entries(obj(root.override_subgraph_url, 'override_subgraph_url', Object.keys(root.override_subgraph_url ?? {})))) {
    overrides[name] = url(v, `override_subgraph_url.${name}`);
  }

  const demandControl = readDemandControl(root.demand_control);

  const homepage = obj(root.homepage, 'homepage', ['enabled']);
  const sandbox = obj(root.sandbox, 'sandbox', ['enabled']);
  const config: RouterConfig = {
    listen: listen(supergraph.listen),
    path,
    introspection: bool(supergraph.introspection, 'supergraph.introspection', false),
    homepage: bool(homepage.enabled, 'homepage.enabled', true),
    // Sandbox loads Apollo's script from the internet: never in production, whatever the file says
    // (the intranet has no internet, and a page that runs a CDN's script trusts that CDN with tokens).
    sandbox: production ? false : bool(sandbox.enabled, 'sandbox.enabled', false),
    headers: { all: headerRules(allHeaders.request, 'headers.all.request'), subgraphs: subgraphHeaders },
    cors: corsConfig,
    includeSubgraphErrors: { all: bool(ise.all, 'include_subgraph_errors.all', false), subgraphs: iseSubgraphs },
    limits: {
      maxDepth: posInt(limits.max_depth, 'limits.max_depth'),
      maxAliases: posInt(limits.max_aliases, 'limits.max_aliases'),
      maxRootFields: posInt(limits.max_root_fields, 'limits.max_root_fields'),
      httpMaxRequestBytes: posInt(limits.http_max_request_bytes, 'limits.http_max_request_bytes') ?? 2_000_000,
    },
    trafficShaping: {
      routerTimeoutMs: tsRouter.timeout !== undefined ? parseDuration(tsRouter.timeout, 'traffic_shaping.router.timeout') : 30_000,
      subgraphTimeoutMs: tsAll.timeout !== undefined ? parseDuration(tsAll.timeout, 'traffic_shaping.all.timeout') : 30_000,
      subgraphs: tsSubgraphs,
    },
    overrideSubgraphUrl: overrides,
    demandControl,
    rateLimit: readRateLimit(root.rate_limit),
    persistedQueries: readPersistedQueries(root.persisted_queries),
  };
  // Apollo Router refuses these too; keeping the rule here keeps the file portable.
  if (config.sandbox && config.homepage) throw new RouterConfigError('sandbox.enabled: true requires homepage.enabled: false');
  if (config.sandbox && !config.introspection) throw new RouterConfigError('sandbox.enabled: true requires supergraph.introspection: true');
  if (config.persistedQueries.safelist.enabled && !config.persistedQueries.enabled)
    throw new RouterConfigError('persisted_queries.safelist.enabled: true requires persisted_queries.enabled: true');
  return config;
}

/** Parses YAML text: expand `${env.*}` first, then validate, as Apollo Router does. */
export function parseRouterConfig(text: string, env: NodeJS.ProcessEnv = process.env, source = 'router.yaml'): RouterConfig {
  let doc: Json;
  try {
    doc = (parseYaml(text) ?? {}) as Json;
  } catch (e) {
    throw new RouterConfigError(`${source}: not valid YAML: ${(e as Error).message}`);
  }
  try {
    return readRouterConfig(expandEnv(doc, env), env.NODE_ENV === 'production');
  } catch (e) {
    if (e instanceof RouterConfigError) e.message = `${source}: ${e.message}`;
    throw e;
  }
}

export function loadRouterConfig(file: string, env: NodeJS.ProcessEnv = process.env): RouterConfig {
  return parseRouterConfig(readFileSync(file, 'utf8'), env, file);
}
