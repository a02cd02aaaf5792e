/**
 * Serves a subgraph schema over HTTP with Apollo Server, through Node's own http module (no
 * framework): POST/GET GraphQL on `/`, `/health` for liveness, `/ready` for readiness (its database
 * and the grant store reachable), `/metrics` (Prometheus: platform/observability/, loopback or the
 * metrics token only), whose SQL statement counter tests and the benchmark read.
 *
 * GraphQL on `/` answers only the router: a request without a valid router signature
 * (platform/identity/subgraph-signature.ts) is refused with 401 before anything is parsed, and
 * the operation limits are checked again here as a second line.
 */
import * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { serveMetrics } from '../observability/metrics-endpoint';
import { metricsPlugin } from '../observability/subgraph-metrics';
import { codeLabel, refusals } from '../observability/metrics';
import type { SubgraphContext, SubgraphDefinition } from './definition';
import { formatError } from './format-error';
import { identify, unauthenticated } from '../identity/tokens';
import { NonceCache, verify as verifySignature } from '../identity/subgraph-signature';
import { createOperationLimitCheck, subgraphLimitsFromEnv } from '../graphql/operation-limits';
import { decodePurpose, PURPOSE_HEADER } from '../identity/purpose';
import { RequestPolicy } from '../policy/request';
import { AgencyRole } from '../identity/identity';
import { governanceSubgraph } from './registry';
import type { GrantStore } from '../policy/grants';
import type { RegisterStore } from '../policy/register';
import { AuditCollector } from '../audit/collector';
import type { AuditWriter } from '../audit/writer';
import { auditPlugin } from '../audit/plugin';
import { LookupBudget, lookupBudgetPlugin } from '../policy/lookup-budget';
import { ErrorCode, errorBody } from '../errors';
import { contextFrom, inSpan, REQUEST_ID_ATTRIBUTE, SpanKind } from '../observability/tracing';

export interface Governance {
  grants: GrantStore;
  /** The catalogue register: each item's effective policy (issue 10). */
  register?: RegisterStore;
  audit: AuditWriter;
  /** The per-agency daily lookup budget (natural-key lookups), shared through the catalog DB. */
  lookups?: LookupBudget;
  /** The benchmark's policy-off measurement only (BENCH_POLICY_OFF, refused in production): no audit plugin. */
  auditOff?: boolean;
}

export interface RunningServer {
  url: string;
  /** From now on /ready answers 503 "draining" (the first step of a shutdown), while requests are still served. */
  drain(): void;
  /** Stops accepting, lets requests in flight finish within `graceMs`, then closes. */
  close(graceMs?: number): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The exact body bytes: the router's signature covers their SHA-256. */
function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headerValue(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,100}$/.test(v) ? v : null;
}

/** The router's x-operation-hash (signed): a SHA-256 in hex, or nothing. */
function operationHash(req: http.IncomingMessage): string | null {
  const v = req.headers['x-operation-hash'];
  return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? v : null;
}

function headerString(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Resolves false after `ms` instead of hanging a readiness probe on a dead connection. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | false> {
  return Promise.race([promise, new Promise<false>((r) => setTimeout(() => r(false), ms).unref())]);
}

/** The client's own request id as the router forwards it: a plain token or nothing (it reaches audit rows). */
function correlationId(req: http.IncomingMessage): string | null {
  const v = req.headers['x-correlation-id'];
  return typeof v === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(v) ? v : null;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A request that met an unreachable database answers 503 (after formatError), data or not: the
 *  answer is incomplete, and the status tells a caller (or a probe) to retry. */
const unavailableIs503: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        // Answers are per caller and purpose: never cacheable (what Apollo's cache-control plugin,
        // disabled below, said for every answer without cache hints, which this schema never sets).
        response.http.headers.set('cache-control', 'no-store');
        if (response.body.kind !== 'single') return;
        if (response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) response.http.status = 503;
      },
    };
  },
};

export async function serveSubgraph(
  def: SubgraphDefinition,
  schema: GraphQLSchema,
  orm: MikroORM,
  port: number,
  host: string,
  governance: Governance,
): Promise<RunningServer> {
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    // Traces go to Apollo's cloud, which an intranet platform does not use; they only cost time.
    // Cache hints: no answer may be cached, and the plugin wrapped every field's resolution to
    // compute them (about 1 % of a subgraph's CPU, docs/PERFORMANCE.md).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      metricsPlugin(def.name),
      ...(governance.auditOff ? [] : [auditPlugin(def.name, governance.audit)]),
      unavailableIs503,
      ...(governance.lookups ? [lookupBudgetPlugin<SubgraphContext>(governance.lookups)] : []),
    ],
  });
  await apollo.start();
  const nonces = new NonceCache();
  const checkLimits = createOperationLimitCheck(subgraphLimitsFromEnv(), (message, code) => new GraphQLError(message, { extensions: { code } }));

  let draining = false;
  /** Once closing, every answer says `connection: close`, so that no kept-alive socket outlives it. */
  let closing = false;
  /** Readiness: not draining, the subgraph's own database answers and the grant store is loaded and
   *  live (its channel up: a store that lost it refuses every grant after a second). The body says
   *  only which check failed: it answers unsigned callers (issue 12). */
  const readiness = async () => {
    if (draining) return { ready: false, body: { status: 'unavailable', reason: 'draining' } };
    const database = await within(
      orm.em
        .getConnection()
        .execute('SELECT 1')
        .then(
          () => true,
          () => false,
        ),
      2000,
    );
    const grants = governance.grants.isConnected;
    const reason = !database ? 'database' : !grants ? 'grants' : undefined;
    return {
      ready: !reason,
      body: {
        status: reason ? 'unavailable' : 'ready',
        ...(reason ? { reason } : {}),
        database: database ? 'ok' : 'unreachable',
        grants: grants ? 'ok' : 'unreachable',
      },
    };
  };

  // Every subgraph verifies the token itself: a call that goes around the router gets nothing
  // it could not get through it. A bad token or purpose header rejects the whole request.
  // Queries of the base databases are the operator's (issue 10, Art. 8); the governance subgraph's
  // records are read by every post and its steps are checked by post in its resolvers.
  const readingPost = def.name === governanceSubgraph() ? undefined : AgencyRole.OPERATOR;
  const contextFor = (req: http.IncomingMessage) => async (): Promise<SubgraphContext> => {
    const identity = await identify(req.headers.authorization);
    // A correctly signed token is not enough: its agency must be in the register (issue 8: tokens).
    if (identity.kind === 'agency' && !governance.grants.isRegisteredAgency(identity.agency ?? '')) {
      throw unauthenticated(`the token's agency "${identity.agency}" is not registered (or not active) in the catalog's agency register`);
    }
    const purpose = decodePurpose(req.headers[PURPOSE_HEADER] as string | undefined);
    const em = orm.em.fork();
    return {
      em,
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- each subgraph types its own loaders (SubgraphDefinition<L>)
      loaders: def.loaders(em),
      requestId: String(req.headers['x-request-id'] ?? randomUUID()),
      correlationId: correlationId(req),
      policy: new RequestPolicy(
        identity,
        purpose,
        governance.grants,
        // A batch export's reads say so in the trail, whatever operation name the job sent.
        new AuditCollector(identity.batchExport ? `batch-export:${identity.batchExport}` : headerValue(req, 'x-operation-name'), operationHash(req)),
        readingPost,
        governance.register,
      ),
    };
  };

  // node:http ignores the returned promise; the handler answers its own errors (try/catch below).
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  const server = http.createServer(async (req, res) => {
    if (closing) res.setHeader('connection', 'close');
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    try {
      // Liveness: the process is up (a probe restarts it otherwise); nothing else is said to an unsigned caller.
      if (url.pathname === '/health') {
        sendJson(res, 200, { status: 'ok' });
        return;
      }
      if (url.pathname === '/ready') {
        const { ready, body } = await readiness();
        sendJson(res, ready ? 200 : 503, body);
        return;
      }
      if (url.pathname === '/metrics') {
        await serveMetrics(req, res);
        return;
      }
      if (url.pathname !== '/') {
        sendJson(res, 404, errorBody(ErrorCode.NOT_FOUND, 'not found'));
        return;
      }
      const raw = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
      // Only the router reaches a subgraph: _entities, introspection and _service included.
      const signed = verifySignature({ method: req.method ?? 'GET', path: req.url ?? '/', body: raw, header: (n) => headerString(req, n) }, nonces);
      if (!signed.ok) {
        refusals.inc({ process: def.name, code: codeLabel(signed.code) });
        sendJson(res, 401, { errors: [{ message: `Unauthenticated: ${signed.reason}`, extensions: { code: signed.code } }] });
        return;
      }
      let body: unknown = undefined;
      if (raw.length) {
        try {
          // Strict UTF-8 (issue 13): a lenient decode would execute U+FFFD where other bytes were sent.
          body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
        } catch {
          sendJson(res, 400, errorBody(ErrorCode.BAD_REQUEST, 'request body is not valid UTF-8 JSON'));
          return;
        }
      }
      // Second line behind the router's limits (same definitions, same defaults as router.yaml).
      const params = (req.method === 'POST' ? body : Object.fromEntries(url.searchParams)) as { query?: unknown; operationName?: unknown } | undefined;
      if (typeof params?.query === 'string') {
        try {
          checkLimits(params.query, typeof params.operationName === 'string' ? params.operationName : undefined);
        } catch (e) {
          const error = e as GraphQLError;
          sendJson(res, 400, { errors: [{ message: error.message, extensions: { code: error.extensions.code } }] });
          return;
        }
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      // The router's traceparent (signed with the rest) makes this span its child; the request id
      // ties the trace to this request's audit rows.
      await inSpan(
        `subgraph ${def.name}`,
        { [REQUEST_ID_ATTRIBUTE]: headerString(req, 'x-request-id') ?? '', 'hengyang.subgraph': def.name },
        async (span) => {
          const result = await apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
            context: contextFor(req),
          });
          for (const [name, value] of result.headers) res.setHeader(name, value);
          res.statusCode = result.status ?? 200;
          span.setAttribute('http.response.status_code', res.statusCode);
          if (result.body.kind === 'complete') return void res.end(result.body.string);
          for await (const chunk of result.body.asyncIterator) res.write(chunk);
          res.end();
        },
        { parent: contextFrom(req.headers), kind: SpanKind.SERVER },
      );
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500;
      if (!res.headersSent)
        sendJson(
          res,
          status,
          status === 413 ? errorBody(ErrorCode.BAD_REQUEST, 'request body too large') : errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'internal error'),
        );
      else res.end();
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${port}/`,
    drain() {
      draining = true;
    },
    async close(graceMs = 30_000) {
      draining = true;
      closing = true;
      // Stop accepting; requests in flight finish (their audit written before their answer leaves)
      // and their connections close after them; only what outlives the grace period is cut.
      await new Promise<void>((resolve) => {
        const grace = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(grace);
          resolve();
        });
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
