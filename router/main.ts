/**
 * The router process. One request goes through these steps, in this order:
 *
 *   config → CORS → request id → authenticate (hook) → body + limits → engine
 *
 * `/health` answers readiness probes before any of them. Each step either passes or throws a
 * GraphQLError carrying `extensions.http.status`, which becomes the response; nothing here knows
 * which engine runs (see engine.ts).
 *
 * Run: `node dist/router/main.js` from the repository root. Environment: ROUTER_CONFIG (default
 * router.yaml), SUPERGRAPH_PATH (default schema/supergraph.graphql), ROUTER_ENGINE (hive |
 * apollo-gateway), plus whatever router.yaml expands with ${env.*}.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { GraphQLError } from 'graphql';
import { loadRouterConfig, type RouterConfig } from './config';
import { applyCors } from './cors';
import { createEngine, type EngineKind, type RouterEngine } from './engine';
import { compileHeaderRules, flattenHeaders } from './headers';
import { httpError, paramsFromBody, paramsFromSearch, readBody, sendError, sendJson, type GraphQLParams } from './http';
import { createLimitCheck } from './limits';
import { homePage, sandboxPage } from './sandbox';

/**
 * The seam for token verification at the router (a later issue). Receives the client headers
 * (lower-case) and throws a GraphQLError with `extensions.http.status`, e.g.
 * `httpError(401, 'invalid token', 'UNAUTHENTICATED')`, to refuse the request.
 */
export type Authenticate = (headers: Readonly<Record<string, string>>) => Promise<void>;

export interface RouterOptions {
  config: RouterConfig;
  supergraphSdl: string;
  engine?: EngineKind;
  authenticate?: Authenticate;
  /** Where unexpected errors go (default stderr). */
  log?: (message: string) => void;
}

export interface RunningRouter {
  /** e.g. http://127.0.0.1:4000/ (the GraphQL path on the bound port). */
  url: string;
  server: Server;
  engine: RouterEngine;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then drops every connection. */
  close(graceMs?: number): Promise<void>;
}

const REQUEST_ID = 'x-request-id';
/** A client-supplied id is kept only if it is a plain token: it ends up in logs and audit rows. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);
/** Apollo Router's default CSRF rule: a request a browser could send without a preflight must say
 *  so with a non-simple content type or one of these headers. */
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

function checkCsrf(headers: Readonly<Record<string, string>>): void {
  const type = headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (type && !SIMPLE_CONTENT_TYPES.has(type)) return;
  if (PREFLIGHT_HEADERS.some((h) => headers[h] !== undefined)) return;
  throw httpError(400, 'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Send a '
    + "'content-type' header such as application/json, or one of the headers x-apollo-operation-name, apollo-require-preflight.",
  'CSRF_ERROR');
}

/** Where this router is reachable, as the browser sees it (Host header), for Sandbox's endpoint. */
function publicEndpoint(req: IncomingMessage, config: RouterConfig): string {
  const host = req.headers.host && /^[A-Za-z0-9.\-:[\]]+$/.test(req.headers.host) ? req.headers.host : `${config.listen.host}:${config.listen.port}`;
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${host}${config.path}`;
}

export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const { config } = options;
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const ise = config.includeSubgraphErrors;
  const ts = config.trafficShaping;
  const engine = await createEngine(options.engine ?? 'hive', {
    supergraphSdl: options.supergraphSdl,
    path: config.path,
    subgraphUrlOverrides: config.overrideSubgraphUrl,
    subgraphHeaders: compileHeaderRules(config.headers, [REQUEST_ID]),
    subgraphTimeoutMs: (name) => ts.subgraphs[name] ?? ts.subgraphTimeoutMs,
    includeSubgraphErrors: (name) => ise.subgraphs[name] ?? ise.all,
    introspection: config.introspection,
  });
  const checkLimits = createLimitCheck(config.limits);
  let closing = false;

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // Request id: the client's if it sent a sane one, else ours; forwarded to every subgraph by the
    // header rules (forced in compileHeaderRules) and returned on every response, refusals included.
    const headers = flattenHeaders(req.headers);
    const requestId = headers[REQUEST_ID] && VALID_REQUEST_ID.test(headers[REQUEST_ID]) ? headers[REQUEST_ID] : randomUUID();
    headers[REQUEST_ID] = requestId;
    res.setHeader(REQUEST_ID, requestId);
    try {
      if (req.method !== 'GET' && req.method !== 'POST') {
        throw httpError(405, `Method ${req.method} is not allowed; use GET or POST`, 'METHOD_NOT_ALLOWED', {}, { allow: 'GET, POST, OPTIONS' });
      }
      checkCsrf(headers);
      await options.authenticate?.(headers);
      let params: GraphQLParams;
      let rawBody: string | undefined;
      if (req.method === 'POST') {
        rawBody = await readBody(req, config.limits.httpMaxRequestBytes);
        params = paramsFromBody(rawBody);
      } else {
        params = paramsFromSearch(url.searchParams);
      }
      checkLimits(params.query, params.operationName);

      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(httpError(504, 'Your request has been timed out', 'GATEWAY_TIMEOUT'));
        }, ts.routerTimeoutMs);
      });
      const response = await Promise.race([
        engine.execute({ method: req.method, search: url.search, headers, params, rawBody, signal: abort.signal }),
        timeout,
      ]).finally(() => clearTimeout(timer));

      res.statusCode = response.status;
      for (const [name, value] of Object.entries(response.headers)) if (!HOP_BY_HOP.has(name)) res.setHeader(name, value);
      res.setHeader('content-length', Buffer.byteLength(response.body));
      res.end(response.body);
    } catch (error) {
      if (!(error instanceof GraphQLError)) log(`router: request ${requestId} failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) sendError(res, error);
      else res.destroy();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (closing) res.setHeader('connection', 'close');
    const url = new URL(req.url ?? '/', 'http://router');
    if (url.pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      sendJson(res, closing ? 503 : 200, { status: closing ? 'closing' : 'ok' });
      return;
    }
    if (applyCors(config.cors, req, res)) return;
    if (url.pathname !== config.path) {
      sendJson(res, 404, { errors: [{ message: `Not found; GraphQL is served at ${config.path}`, extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    // A browser opening the endpoint gets Sandbox (or the home page); an operation in ?query= runs.
    if (req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html')
      && (config.sandbox || config.homepage)) {
      const endpoint = publicEndpoint(req, config);
      const html = config.sandbox ? sandboxPage(endpoint) : homePage(endpoint);
      res.statusCode = 200;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(html);
      return;
    }
    await graphql(req, res, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      log(`router: unhandled ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) sendError(res, error);
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;

  return {
    url: `http://${host}:${port}${config.path}`,
    server,
    engine,
    async close(graceMs = 500) {
      if (closing) return;
      closing = true;
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(grace);
      await engine.close();
    },
  };
}

/** Files are resolved against the working directory, falling back to the repository root
 *  (two levels above dist/router/main.js, one above router/main.ts under ts-node/jest). */
function repoFile(name: string): string {
  const fromCwd = resolve(process.cwd(), name);
  if (existsSync(fromCwd)) return fromCwd;
  const root = __dirname.split(sep).includes('dist') ? resolve(__dirname, '..', '..') : resolve(__dirname, '..');
  return resolve(root, name);
}

async function main(): Promise<void> {
  const engineKind = (process.env.ROUTER_ENGINE ?? 'hive') as EngineKind;
  if (engineKind !== 'hive' && engineKind !== 'apollo-gateway') {
    throw new Error(`ROUTER_ENGINE must be "hive" or "apollo-gateway", not "${engineKind}"`);
  }
  const config = loadRouterConfig(repoFile(process.env.ROUTER_CONFIG ?? 'router.yaml'));
  const supergraphSdl = readFileSync(repoFile(process.env.SUPERGRAPH_PATH ?? 'schema/supergraph.graphql'), 'utf8');
  const router = await startRouter({ config, supergraphSdl, engine: engineKind });
  process.stdout.write(`router listening on ${router.url}\n`);

  // Prompt shutdown: stop accepting, drop idle keep-alive connections, give in-flight requests a
  // moment, exit 0. The hard timer covers an engine that will not let go.
  const stop = (signal: string) => {
    process.stdout.write(`router: ${signal}, shutting down\n`);
    setTimeout(() => process.exit(0), 1000).unref();
    router.close(500).then(() => process.exit(0), () => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`router failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
