/**
 * One file on purpose (over 300 lines): the request's steps in order, read top to bottom; each step's logic lives in its own module (http.ts, auth.ts, limits.ts, refusal-audit.ts).
 *
 * The router process. One request goes through these steps, in this order:
 *
 *   config → CORS → request id → CSRF → body → authenticate (hook) → trusted documents → limits
 *     → argument checks → cost → rate → engine
 *
 * Trusted documents (trusted-documents.ts) turn a persisted query's id into its text and hold an
 * enforcing agency to its approved documents; the rate step (rate-limit.ts) spends the caller's
 * requests and the cost step's estimate from its per-second allowance, shared by every replica.
 *
 * A refusal (4xx) on the way is audited (router/refusal-audit.ts) before it is answered.
 *
 * `/health` (liveness) and `/ready` (readiness: the audit database answers, not draining) answer
 * probes before any of them, unsigned and saying nothing but a reason code. Each step either passes or throws a
 * GraphQLError carrying `extensions.http.status`, which becomes the response; nothing here knows
 * which engine runs (see engine.ts).
 *
 * Run: `node dist/router/main.js` from the repository root. Environment (platform/settings):
 * ROUTER_CONFIG, SUPERGRAPH_PATH, ROUTER_ENGINE, ROUTER_ENGINE_LOG, the keys, the governance
 * database, plus whatever router.yaml expands with ${env.*}.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { GraphQLError } from 'graphql';
import { Pool } from 'pg';
import { loadRouterConfig, type RouterConfig } from './config';
import { applyCors } from './cors';
import { createEngine, type EngineKind, type RouterEngine } from './engine';
import { compileHeaderRules, flattenHeaders } from './headers';
import { answerClientError, checkCsrf, checkGetIsQuery, httpError, readGraphQLRequest, sendError, sendJson, type GraphQLParams } from './http';
import { createLimitCheck } from './limits';
import { createCostCheck } from './demand-control';
import { createRateLimiter, clientAddress, type RateLimiter } from './rate-limit';
import { createTrustedDocumentCheck, documentId } from './trusted-documents';
import { NOT_WORKFLOW, workflowDocuments } from './workflow-documents';
import { AgencyControls } from './agency-controls';
import { checkArguments } from './arguments';
import { homePage, publicEndpoint, sandboxPage } from './sandbox';
import { serveWebPage } from './web-pages';
import { serveDevSignIn } from './dev-sign-in';
import { liveSupergraph } from './live-supergraph';
import { RegisterStore } from '../platform/policy/register';

/** The offline explorer (web/explorer/, served by router/web-pages.ts). */
const EXPLORER_PATH = '/explorer/';
import { createAuthenticator } from './auth';
import { createPortalAuth, PORTAL_AUTH_PATH } from './portal-auth';
import { usingDevKeys } from '../platform/identity/keys';
import { signingSecret, usingDevSigningSecret } from '../platform/identity/subgraph-signature';
import { RefusalAuditor, type RouterRefusal } from './refusal-audit';
import { AuditWriter } from '../platform/audit/writer';
import { governanceDatabaseUrl } from '../platform/governance';
import { ownDatabaseUrl } from '../platform/settings/per-subgraph';
import { listenDatabaseUrl } from '../platform/db/databases';
import { governanceSubgraph } from '../platform/subgraph/registry';
import { subgraphUrls } from './subgraph-urls';
import { EXPORTS_PATH, exportDownloads, type ServeExport } from './exports';
import { ErrorCode, errorBody } from '../platform/errors';
import { setting } from '../platform/settings/read';
import { checkSettingsOrExit } from '../platform/settings/check';
import {
  agencyLabel,
  codeLabel,
  observePool,
  operationLabel,
  outcomeOf,
  refusals as refusalCounter,
  requests,
  requestSeconds,
} from '../platform/observability/metrics';
import { serveMetrics } from '../platform/observability/metrics-endpoint';
import { logger, purposeDigest } from '../platform/observability/log';
import { REQUEST_ID_ATTRIBUTE, SpanKind, startTracing, stopTracing, traceHeaders, tracer, TRACEPARENT, TRACESTATE } from '../platform/observability/tracing';
import { ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * The seam for token verification at the router (a later issue). Receives the client headers
 * (lower-case) and the operation text (already read and shape-checked, not yet limit-checked or
 * planned, so a check that depends on which fields are asked for can see them), and throws a
 * GraphQLError with `extensions.http.status`, e.g. `httpError(401, 'invalid token',
 * 'UNAUTHENTICATED')`, to refuse the request. Whatever it resolves to is ignored.
 */
export type Authenticate = (headers: Readonly<Record<string, string>>, query: string) => Promise<unknown>;

/** What the access log and the metrics take from an authenticator's answer: only fields a verified token set. */
function verifiedCaller(identity: unknown): { agency?: string; operator?: string; purpose?: string } {
  const i = (identity ?? {}) as { authenticated?: boolean; agency?: unknown; operator?: unknown; purpose?: unknown };
  if (i.authenticated !== true) return {};
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { agency: text(i.agency), operator: text(i.operator), purpose: text(i.purpose) };
}

export interface RouterOptions {
  config: RouterConfig;
  supergraphSdl: string;
  /** The supergraph following the catalogue register (router/live-supergraph.ts), when there is one. */
  liveSupergraph?: () => string;
  engine?: EngineKind;
  authenticate?: Authenticate;
  /** Where unexpected errors go (default stderr). */
  log?: (message: string) => void;
  /** Records a request refused here (router/refusal-audit.ts); absent in tests without a database. */
  auditRefusal?: (refusal: RouterRefusal) => Promise<void>;
  /** Readiness beyond "not draining": resolves to the failing check's reason code, or undefined when ready. */
  readiness?: () => Promise<string | undefined>;
  /** GET /exports/<id> (router/exports.ts); absent without a governance database. */
  serveExport?: ServeExport;
  /** The agency register's rate overrides, enforce flags and trusted documents (absent: none). */
  agencyControls?: AgencyControls;
  /** The shared rate limiter (absent: router.yaml's rate_limit, counted in this process only). */
  rateLimiter?: RateLimiter;
}

export interface RunningRouter {
  /** e.g. http://127.0.0.1:4000/ (the GraphQL path on the bound port). */
  url: string;
  server: Server;
  engine: RouterEngine;
  /** /ready answers 503 "draining" from now on; requests are still served (the first step of a shutdown). */
  drain(): void;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then drops every connection. */
  close(graceMs?: number): Promise<void>;
}

const REQUEST_ID = 'x-request-id';
/** The client's own request id, kept beside ours: forwarded to subgraphs and returned. */
const CORRELATION_ID = 'x-correlation-id';

/** Whether a response's errors carry the lookup-budget refusal (parsed only when the text names it). */
function budgetExhausted(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
    return parsed.errors?.some((e) => e.extensions?.code === ErrorCode.LOOKUP_BUDGET_EXHAUSTED) ?? false;
  } catch {
    return false;
  }
}
/** The governance database's refusals (fail closed): the audit could not be written, or the lookup
 *  budget could not be read. Either one among the errors and no root field with data: nothing was
 *  served, and the answer is the subgraph's 503. */
const GOVERNANCE_UNAVAILABLE: readonly string[] = [ErrorCode.AUDIT_UNAVAILABLE, ErrorCode.LOOKUP_BUDGET_UNAVAILABLE];
function withheldForGovernance(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
    const served = Object.values(parsed.data ?? {}).some((v) => v !== null && v !== undefined);
    return !served && (parsed.errors?.some((e) => GOVERNANCE_UNAVAILABLE.includes(e.extensions?.code ?? '')) ?? false);
  } catch {
    return false;
  }
}
const OPERATION_HEADER = 'x-operation-name';
/** The SHA-256 of the executed document (trusted-documents.ts), for the subgraphs' audit rows. */
const OPERATION_HASH_HEADER = 'x-operation-hash';
const OPERATION_NAME = /^\s*(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/m;
/** A client-supplied id is kept (as the correlation id) only if it is a plain token: it ends up in logs and audit rows. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const { config } = options;
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const ise = config.includeSubgraphErrors;
  const ts = config.trafficShaping;
  const engine = await createEngine(options.engine ?? 'hive', {
    supergraphSdl: options.supergraphSdl,
    liveSupergraph: options.liveSupergraph,
    path: config.path,
    subgraphUrlOverrides: config.overrideSubgraphUrl,
    // Forced through whatever the rules say; every subgraph-trusted header is covered by the
    // router's signature (platform/identity/subgraph-signature.ts SIGNED_HEADERS).
    subgraphHeaders: compileHeaderRules(config.headers, [REQUEST_ID, CORRELATION_ID, OPERATION_HEADER, OPERATION_HASH_HEADER, TRACEPARENT]),
    subgraphTimeoutMs: (name) => ts.subgraphs[name] ?? ts.subgraphTimeoutMs,
    includeSubgraphErrors: (name) => ise.subgraphs[name] ?? ise.all,
    introspection: config.introspection,
  });
  // Warm the engine's request path (parsing, validation, planner, response encoding) so the first
  // agency after a deploy does not pay a few hundred ms for it. No subgraph is called.
  await engine
    .execute({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      params: { query: '{ __typename }' },
      signal: AbortSignal.timeout(ts.routerTimeoutMs),
    })
    .catch(() => undefined);
  const portalAuth = createPortalAuth(log);
  const checkLimits = createLimitCheck(config.limits);
  const checkCost = createCostCheck(config.demandControl, options.supergraphSdl, log);
  const controls = options.agencyControls;
  const workflow = workflowDocuments(options.supergraphSdl, governanceSubgraph());
  for (const { name, reason } of workflow.excluded)
    if (!(name in NOT_WORKFLOW))
      log(`router: warning: the portal's ${name} is not a workflow document (${reason}); enforcing agencies need it as a trusted document`);
  const checkTrustedDocument = createTrustedDocumentCheck(config.persistedQueries, controls, workflow.allowed);
  const rateLimiter = options.rateLimiter ?? createRateLimiter(config.rateLimit, (agency) => controls?.rateOverride(agency));
  const access = logger('router').child({ kind: 'access' });
  let closing = false;
  let draining = false;

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // Request id: always ours (a fresh UUID), so that no client can make two requests, or two
    // agencies' requests, one trace. The client's own id (x-request-id, or x-correlation-id) is
    // kept beside it as the correlation id. Both are forwarded to every subgraph by the header
    // rules (forced in compileHeaderRules) and returned on every response, refusals included.
    const headers = flattenHeaders(req.headers);
    const requestId = randomUUID();
    const clientId = [headers[REQUEST_ID], headers[CORRELATION_ID]].find((v) => v && VALID_REQUEST_ID.test(v)) ?? null;
    headers[REQUEST_ID] = requestId;
    res.setHeader(REQUEST_ID, requestId);
    if (clientId) {
      headers[CORRELATION_ID] = clientId;
      res.setHeader(CORRELATION_ID, clientId);
    } else delete headers[CORRELATION_ID];
    // Trace: the router is the root (a client's traceparent is not trusted to name our trace, as
    // with request ids); its span's traceparent is forwarded to every subgraph (forced, signed).
    delete headers[TRACEPARENT];
    delete headers[TRACESTATE];
    delete headers[OPERATION_HASH_HEADER]; // ours alone, set by the trusted-document step
    const span = tracer().startSpan('router graphql', { kind: SpanKind.SERVER, attributes: { [REQUEST_ID_ATTRIBUTE]: requestId } }, ROOT_CONTEXT);
    Object.assign(headers, traceHeaders(trace.setSpan(ROOT_CONTEXT, span)));
    let operationName: string | undefined;
    const started = process.hrtime.bigint();
    let caller: ReturnType<typeof verifiedCaller> = {};
    let hasErrors = false;
    let refusalCode: unknown;
    let estimatedCost: number | undefined;
    let operationHash: string | undefined;
    let params: GraphQLParams | undefined;
    try {
      if (req.method !== 'GET' && req.method !== 'POST') {
        throw httpError(405, `Method ${req.method} is not allowed; use GET or POST`, ErrorCode.METHOD_NOT_ALLOWED, {}, { allow: 'GET, POST, OPTIONS' });
      }
      // A POST that is not application/json is refused (415) before the CSRF rule looks at it.
      if (req.method === 'GET') checkCsrf(headers);
      // One parse: these params are what is authenticated, limited, audited and executed.
      params = await readGraphQLRequest(req, url, config.limits.httpMaxRequestBytes);
      // The client's operation name reaches every subgraph's audit rows (the engine renames the
      // subgraph operations), and a refusal's; always set by the router, never taken from the client.
      operationName = params.operationName ?? OPERATION_NAME.exec(params.query ?? '')?.[2];
      // A request by persisted id has no text yet: the authenticator sees none, and a caller
      // without an agency has no documents, so the trusted-document step refuses it next.
      caller = verifiedCaller(await options.authenticate?.(headers, params.query));
      const byId = !params.query;
      operationHash = checkTrustedDocument(params, caller.agency);
      headers[OPERATION_HASH_HEADER] = operationHash;
      if (byId) {
        operationName = params.operationName ?? OPERATION_NAME.exec(params.query)?.[2];
        if (req.method === 'GET') checkGetIsQuery(params);
      }
      if (operationName) headers[OPERATION_HEADER] = operationName;
      else delete headers[OPERATION_HEADER];
      checkLimits(params.query, params.operationName);
      // Page sizes and literal strings first (a bad `first` is the caller's error, not a cost).
      checkArguments(params);
      estimatedCost = checkCost(params.query, params.operationName, params.variables);
      // The caller's allowance last: a request refused above spends none of it.
      await rateLimiter.check(
        { agency: caller.agency, address: clientAddress(req.socket.remoteAddress, headers['x-forwarded-for'], config.rateLimit.trustedProxies) },
        estimatedCost,
      );

      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(httpError(504, 'Your request has been timed out', ErrorCode.GATEWAY_TIMEOUT));
        }, ts.routerTimeoutMs);
      });
      const response = await Promise.race([engine.execute({ method: req.method, headers, params, signal: abort.signal }), timeout]).finally(() =>
        clearTimeout(timer),
      );

      // A subgraph that refused the request for an exhausted lookup budget answers 429; the engine
      // folds subgraph statuses into 200, so the router restores it (issue 8: budgets are HTTP 429).
      // Likewise an answer withheld because its audit could not be written (and nothing else
      // answered), or refused because the lookup budget could not be read, is the subgraph's 503, not a 200 (issue 13).
      res.statusCode =
        response.status === 200 && response.body.includes(ErrorCode.LOOKUP_BUDGET_EXHAUSTED) && budgetExhausted(response.body)
          ? 429
          : response.status === 200 && response.body.includes('_UNAVAILABLE') && withheldForGovernance(response.body)
            ? 503
            : response.status;
      for (const [name, value] of Object.entries(response.headers)) if (!HOP_BY_HOP.has(name)) res.setHeader(name, value);
      hasErrors = response.body.includes('"errors":');
      res.setHeader('content-length', Buffer.byteLength(response.body));
      res.end(response.body);
    } catch (error) {
      if (!(error instanceof GraphQLError)) log(`router: request ${requestId} failed: ${(error as Error)?.stack ?? String(error)}`);
      const status = (error instanceof GraphQLError ? error.extensions.http?.status : undefined) ?? 500;
      refusalCode = error instanceof GraphQLError ? error.extensions.code : undefined;
      // A refused document is named by its hash too (not the text: it may carry an ID number).
      operationHash ??= params?.query ? documentId(params.query) : undefined;
      if (options.auditRefusal && status >= 400 && status < 500) {
        // A refusal is a decision: audited before it is answered (anonymous ones are aggregated).
        await options
          .auditRefusal({ requestId, correlationId: clientId, headers, address: req.socket.remoteAddress ?? null, error, operationName, operationHash })
          .catch((e: unknown) => log(`router: refusal of ${requestId} not audited: ${e instanceof Error ? e.message : String(e)}`));
      }
      if (!res.headersSent) sendError(res, error);
      else res.destroy();
    } finally {
      if (operationName) span.setAttribute('graphql.operation.name', operationLabel(operationName));
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      observeRequest(requestId, operationName, caller, res.statusCode, hasErrors, refusalCode, started, estimatedCost);
    }
  }

  /** One access line and the request metrics, for every GraphQL request, refusals included. */
  function observeRequest(
    requestId: string,
    operationName: string | undefined,
    caller: ReturnType<typeof verifiedCaller>,
    status: number,
    hasErrors: boolean,
    refusalCode: unknown,
    started: bigint,
    estimatedCost: number | undefined,
  ) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const outcome = outcomeOf(status, hasErrors);
    const operation = operationLabel(operationName);
    requests.inc({ process: 'router', operation, agency: agencyLabel(caller.agency), outcome });
    requestSeconds.observe({ process: 'router', operation, outcome }, seconds);
    if (status >= 400 && status < 500)
      refusalCounter.inc({ process: 'router', code: status === 429 && !refusalCode ? 'LOOKUP_BUDGET_EXHAUSTED' : codeLabel(refusalCode) });
    // The operation is the bounded label, not the client's text (it could carry an ID number).
    access.info(
      {
        requestId,
        agency: caller.agency,
        operator: caller.operator,
        purpose: purposeDigest(caller.purpose),
        operation,
        status,
        outcome,
        durationMs: Math.round(seconds * 1000),
        ...(estimatedCost !== undefined ? { estimatedCost } : {}),
      },
      'access',
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (closing) res.setHeader('connection', 'close');
    const url = new URL(req.url ?? '/', 'http://router');
    if (url.pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      sendJson(res, 200, { status: 'ok' }); // liveness: the process is up, even while draining
      return;
    }
    if (url.pathname === '/ready' && (req.method === 'GET' || req.method === 'HEAD')) {
      const reason = closing || draining ? 'draining' : await options.readiness?.().catch(() => 'error');
      sendJson(res, reason ? 503 : 200, reason ? { status: 'unavailable', reason } : { status: 'ready' });
      return;
    }
    if (url.pathname === '/metrics') {
      await serveMetrics(req, res);
      return;
    }
    const exportId = options.serveExport && EXPORTS_PATH.exec(url.pathname)?.[1];
    if (options.serveExport && exportId !== undefined && exportId !== null) {
      res.setHeader(REQUEST_ID, randomUUID());
      await options.serveExport(req, res, exportId);
      return;
    }
    // Sign-in (router/portal-auth.ts) before CORS: no other origin may read these answers.
    if (url.pathname.startsWith(PORTAL_AUTH_PATH)) {
      await portalAuth(req, res, url);
      return;
    }
    if (applyCors(config.cors, req, res)) return;
    if (url.pathname !== config.path && (await serveDevSignIn(req, res, url.pathname))) return;
    if (url.pathname !== config.path && serveWebPage(req, res, url.pathname, config.path)) return;
    if (url.pathname !== config.path) {
      sendJson(res, 404, errorBody(ErrorCode.NOT_FOUND, `Not found; GraphQL is served at ${config.path}`));
      return;
    }
    // A browser opening the endpoint gets Sandbox (falling back to the offline explorer when
    // Apollo's CDN cannot be reached), the home page, or else the offline explorer; an operation
    // in ?query= runs.
    if (req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html')) {
      if (!config.sandbox && !config.homepage) {
        res.statusCode = 302;
        res.setHeader('location', EXPLORER_PATH);
        res.end();
        return;
      }
      const endpoint = publicEndpoint(req, config);
      const html = config.sandbox ? sandboxPage(endpoint, EXPLORER_PATH) : homePage(endpoint, EXPLORER_PATH);
      res.statusCode = 200;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(html);
      return;
    }
    await graphql(req, res, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`router: unhandled ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) sendError(res, error);
    });
  });
  // Keep idle client connections longer than clients do (undici: 4 s, load balancers: 60 s), so
  // the server never closes a socket at the moment a client reuses it ("other side closed").
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('clientError', answerClientError);
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
    drain() {
      draining = true;
    },
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

/** The audit of refusals writes to the governance (catalog) database, as the subgraphs' audit does
 *  (DATABASE_URL and DATABASE_PREFIX as the launcher passes them). Without DATABASE_URL the router
 *  runs unaudited, with a warning (a router run on its own for development). */
function refusalAuditor(): { auditor: RefusalAuditor; pool: Pool } | undefined {
  if (!setting('DATABASE_URL') && !ownDatabaseUrl(governanceSubgraph())) {
    process.stderr.write('router: warning: DATABASE_URL is not set; refusals at the router are not audited\n');
    return undefined;
  }
  const pool = new Pool({ connectionString: governanceDatabaseUrl(), max: 2 });
  pool.on('error', (e) => process.stderr.write(`router: audit database connection lost: ${e.message}\n`));
  observePool('audit', () => ({ used: pool.totalCount - pool.idleCount, free: pool.idleCount, pending: pool.waitingCount }));
  return { auditor: new RefusalAuditor(new AuditWriter(pool)), pool };
}

/** The router is ready when its audit database answers within two seconds (refusals are audited before they are answered). */
function auditDatabaseReadiness(pool: Pool): () => Promise<string | undefined> {
  return async () => {
    const ok = await Promise.race([
      pool.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref()),
    ]);
    return ok ? undefined : 'database';
  };
}

const liveView = (view: { current(): string }) => () => view.current();

/** The catalogue register, so that the schema's sharing lines follow it (router/live-supergraph.ts).
 *  Without a database, or while it cannot be reached at start-up, the release's lines are shown. */
async function catalogueRegister(): Promise<RegisterStore | undefined> {
  if (!setting('DATABASE_URL') && !ownDatabaseUrl(governanceSubgraph())) return undefined;
  const store = new RegisterStore(listenDatabaseUrl());
  try {
    await store.start();
    return store;
  } catch (e) {
    process.stderr.write(`router: warning: catalogue register not reachable (${(e as Error).message}); the schema shows the release's sharing classes\n`);
    await store.close();
    return undefined;
  }
}

/**
 * The agency register's overrides, enforce flags and trusted documents (live), and the rate
 * limiter's counters in the governance database, shared with every other replica. Without a
 * database: none, and limits counted in this process (a router run on its own for development).
 */
async function governedTraffic(config: RouterConfig): Promise<{ controls: AgencyControls; rateLimiter: RateLimiter; close(): Promise<void> } | undefined> {
  if (!setting('DATABASE_URL') && !ownDatabaseUrl(governanceSubgraph())) return undefined;
  const controls = new AgencyControls(listenDatabaseUrl());
  try {
    await controls.start();
  } catch (e) {
    process.stderr.write(`router: warning: agency register not reachable (${(e as Error).message}); no rate overrides or trusted documents until it is\n`);
  }
  // Small and quick to give up: a counter the database cannot answer in time is counted in memory.
  const pool = new Pool({ connectionString: governanceDatabaseUrl(), max: 4, connectionTimeoutMillis: 1000 });
  pool.on('error', (e) => process.stderr.write(`router: rate-limit database connection lost: ${e.message}\n`));
  const rateLimiter = createRateLimiter(config.rateLimit, (agency) => controls.rateOverride(agency), pool);
  return {
    controls,
    rateLimiter,
    async close() {
      await controls.close();
      await pool.end().catch(() => undefined);
    },
  };
}

async function main(): Promise<void> {
  checkSettingsOrExit({ kind: 'router' });
  startTracing('router');
  const engineKind: EngineKind = setting('ROUTER_ENGINE');
  const loaded = loadRouterConfig(repoFile(setting('ROUTER_CONFIG')));
  // Subgraph URLs come from the one list of subgraphs; router.yaml may only override them.
  const config = { ...loaded, overrideSubgraphUrl: subgraphUrls(loaded.overrideSubgraphUrl) };
  const supergraphSdl = readFileSync(repoFile(setting('SUPERGRAPH_PATH')), 'utf8');
  if (usingDevKeys()) process.stderr.write('router: warning: verifying tokens with the generated development keys (set PLATFORM_JWKS or PLATFORM_JWKS_URL)\n');
  if (usingDevSigningSecret())
    process.stderr.write('router: warning: signing subgraph requests with the generated development secret (set SUBGRAPH_SIGNING_SECRET)\n');
  signingSecret(); // read (or create) it now: a missing secret fails start-up, not the first request
  const refusals = refusalAuditor();
  const register = await catalogueRegister();
  const governed = await governedTraffic(config);
  const router = await startRouter({
    config,
    supergraphSdl,
    liveSupergraph: register ? liveView(liveSupergraph(supergraphSdl, register)) : undefined,
    engine: engineKind,
    authenticate: createAuthenticator(supergraphSdl),
    auditRefusal: refusals ? (r) => refusals.auditor.refused(r) : undefined,
    readiness: refusals ? auditDatabaseReadiness(refusals.pool) : undefined,
    serveExport: refusals ? exportDownloads(refusals.pool, new AuditWriter(refusals.pool)) : undefined,
    agencyControls: governed?.controls,
    rateLimiter: governed?.rateLimiter,
  });
  process.stdout.write(`router listening on ${router.url}\n`);

  // Prompt shutdown: stop accepting, drop idle keep-alive connections, give in-flight requests a
  // moment, exit 0. The hard timer covers an engine that will not let go. This handler is needed:
  // the Hive runtime registers its own SIGTERM/SIGINT listeners (to dispose itself), which replace
  // Node's default "exit on signal", so without ours the process would not stop.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return; // a second signal while closing changes nothing
    stopping = true;
    process.stdout.write(`router: ${signal}, shutting down\n`);
    // Draining first (SHUTDOWN_DRAIN_MS, 0 by default): /ready says 503 while a load balancer stops
    // sending requests here, and requests are still served meanwhile.
    const drainMs = setting('SHUTDOWN_DRAIN_MS');
    // Requests in flight finish (each within the router's own timeout) before connections are cut.
    const graceMs = setting('SHUTDOWN_GRACE_MS');
    router.drain();
    setTimeout(() => process.exit(0), drainMs + graceMs + 2000).unref();
    new Promise((r) => setTimeout(r, drainMs))
      .then(() => router.close(graceMs))
      .then(() => refusals?.auditor.close())
      .then(() => register?.close())
      .then(() => governed?.close())
      .then(() => stopTracing())
      .then(
        () => process.exit(0),
        () => process.exit(0),
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`router failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
