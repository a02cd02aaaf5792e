/**
 * Default engine: the Hive Gateway runtime with Hive Router's Rust query planner
 * (`unifiedGraphHandler` from @graphql-hive/router-runtime) and the HTTP transport given
 * explicitly (rather than left to the runtime's `import()` by package name at run time).
 *
 * Mapping of our options onto the runtime:
 * - subgraph URL overrides → `transportEntries: { <subgraph>: { location } }`, merged over the
 *   `join__graph(url:)` entries; a name absent from the supergraph matches nothing and is ignored.
 * - header propagation → `propagateHeaders.fromClientToSubgraphs`, calling the router's compiled
 *   rules with the client headers we pass in the server context.
 * - timeouts → `upstreamTimeout` per subgraph; include_subgraph_errors → a plugin that redacts.
 * - the router owns CORS, request ids, landing pages and health: all switched off here.
 * - every subgraph fetch is signed (platform/identity/subgraph-signature.ts) at the fetch level, so
 *   the signature covers the final URL, body bytes and headers after every other plugin ran.
 */
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { dropStacktraces, REDACTED_MESSAGE, type EngineOptions, type EngineRequest, type EngineResponse, type RouterEngine } from '../engine';
import { searchFromParams } from '../http';
import { subgraphFetch } from '../subgraph-fetch';
import { ErrorCode } from '../../platform/errors';
import { setting } from '../../platform/settings/read';

/** Added to the GraphQL context via the runtime's server context. */
interface RouterContext {
  routerHeaders: Readonly<Record<string, string>>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);
const GRAPHQL_RESPONSE = 'application/graphql-response+json';
/** Describe the client's connection or body, not the in-process request we build from it. */
const REQUEST_ONLY = new Set([...HOP_BY_HOP, 'host', 'content-encoding', 'expect', 'upgrade']);

function redact(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map((e) => new GraphQLError(REDACTED_MESSAGE, { path: e.path })) };
}

/** include_subgraph_errors: false → keep the error (and its path) but not what the subgraph said;
 *  true → pass it through, minus any stack trace. */
function subgraphErrorPolicy(include: (subgraph: string) => boolean): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName }) {
      const passThrough = include(subgraphName);
      // setResult is a closure over this execution, not a method that needs `this`.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      return ({ result, setResult }) => {
        if (Symbol.asyncIterator in result || !result.errors?.length) return; // no subscriptions/@defer here
        if (passThrough) dropStacktraces(result.errors);
        else setResult(redact(result));
      };
    },
  };
}

/** A subgraph that cannot be reached (its process down: connection refused or reset) answers, as
 *  far as the planner is concerned, with a coded error naming it (issue 13): its fields are null
 *  with SUBGRAPH_UNAVAILABLE and `serviceName`, the other subgraphs' fields are answered. A timeout
 *  or an abort is left to the runtime (its own coded answer). */
function unreachable(subgraph: string, error: unknown): Response {
  const name = (error as { name?: string })?.name;
  if (name === 'AbortError' || name === 'TimeoutError') throw error;
  const body = {
    data: null,
    errors: [{ message: `The ${subgraph} service is unavailable; retry shortly`, extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: subgraph } }],
  };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

/** Signs each subgraph request as it leaves: the fetch function itself is wrapped, so whatever
 *  other onFetch hooks changed (headers, URL, options) is what gets signed. */
function signSubgraphFetches(): GatewayPlugin {
  return {
    onFetch({ fetchFn, setFetchFn, executionRequest }) {
      const subgraph = executionRequest?.subgraphName ?? 'subgraph';
      setFetchFn((url, options, ...rest) =>
        subgraphFetch(subgraph, url, options as RequestInit, (init) => Promise.resolve(fetchFn(url, init as typeof options, ...rest))).catch((error: unknown) =>
          unreachable(subgraph, error),
        ),
      );
    },
  };
}

/** The runtime logs every supergraph load at info; the router's own output stays one line. */
function engineLogLevel(value: string | undefined): 'debug' | 'info' | 'warn' | 'error' {
  return value === 'debug' || value === 'info' || value === 'error' ? value : 'warn';
}

export async function createHiveEngine(options: EngineOptions): Promise<RouterEngine> {
  const transportEntries = {
    ...Object.fromEntries(Object.entries(options.subgraphUrlOverrides).map(([name, location]) => [name, { location }])),
    // No sharing of one subgraph answer between requests (Hive's in-flight deduplication, on by
    // default): an answer is masked and audited for one caller, and every signed subgraph request
    // is unique anyway (nonce), so deduplication only cost a key per fetch and a structuredClone of
    // every answer (about 4 % of the router's CPU in the benchmark's profile, docs/PERFORMANCE.md).
    '*.http': { options: { deduplicateInflightRequests: false } },
  };
  const before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
  const runtime = createGatewayRuntime<RouterContext>({
    // Polled at most once a second (on the next request); an unchanged text is not re-planned, and
    // requests in flight finish on the schema they started with.
    supergraph: options.liveSupergraph ?? options.supergraphSdl,
    ...(options.liveSupergraph ? { pollingInterval: 1000, gracefulSchemaReload: { drainTimeout: 30_000 } } : {}),
    unifiedGraphHandler,
    transports: { http: httpTransport },
    transportEntries,
    graphqlEndpoint: options.path,
    propagateHeaders: {
      fromClientToSubgraphs: ({ context, subgraphName }) => options.subgraphHeaders(subgraphName, context.routerHeaders ?? {}),
    },
    upstreamTimeout: ({ subgraphName }) => options.subgraphTimeoutMs(subgraphName ?? ''),
    // Keep the subgraph's own extensions.code; only errors without one get DOWNSTREAM_SERVICE_ERROR.
    subgraphErrors: { errorCode: ErrorCode.DOWNSTREAM_SERVICE_ERROR, subgraphNameProp: 'serviceName' },
    ...(options.introspection ? {} : { disableIntrospection: {} }),
    plugins: () => [subgraphErrorPolicy(options.includeSubgraphErrors), signSubgraphFetches()],
    requestId: false,
    cors: false,
    graphiql: false,
    landingPage: false,
    logging: engineLogLevel(setting('ROUTER_ENGINE_LOG')),
  });
  // The runtime disposes itself on SIGTERM/SIGINT (its server adapter's disposeOnProcessTerminate,
  // not an option here): that would abort the subgraph fetches of requests still in flight while the
  // router drains (issue 13). The router's own shutdown disposes it (close()) once they have finished.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    for (const listener of process.listeners(signal)) if (!before[signal].includes(listener)) process.off(signal, listener);
  }
  // Plan once up front so a broken supergraph fails start-up, not the first request.
  await runtime.getSchema();

  return {
    kind: 'hive',
    async execute(req: EngineRequest): Promise<EngineResponse> {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (!REQUEST_ONLY.has(name)) headers[name] = value;
      // Apollo Router (and the apollo-gateway engine) answer a request error (validation, variable
      // coercion) with 400; Yoga does so only for clients accepting application/graphql-response+json.
      // So ask for that, and label the body as the client asked.
      const clientWantsGraphQLResponse = (headers.accept ?? '').includes(GRAPHQL_RESPONSE);
      headers.accept = GRAPHQL_RESPONSE;
      // One parse: the runtime gets the router's checked params, as JSON or a rebuilt query string,
      // never the client's own body, query string or content type.
      delete headers['content-type'];
      if (req.method === 'POST') headers['content-type'] = 'application/json';
      const init: RequestInit = {
        method: req.method,
        headers,
        signal: req.signal,
        ...(req.method === 'POST' ? { body: JSON.stringify(req.params) } : {}),
      };
      const context: RouterContext = { routerHeaders: req.headers };
      const search = req.method === 'GET' ? searchFromParams(req.params) : '';
      const response = await runtime.fetch(`http://router${options.path}${search}`, init, context);
      const out: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        const name = key.toLowerCase(); // the runtime's Headers may keep the case it was given
        if (!HOP_BY_HOP.has(name)) out[name] = value;
      });
      if (!clientWantsGraphQLResponse && out['content-type']?.startsWith(GRAPHQL_RESPONSE)) out['content-type'] = 'application/json; charset=utf-8';
      return { status: response.status, headers: out, body: await response.text() };
    },
    async close() {
      await runtime.dispose();
    },
  };
}
