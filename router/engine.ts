/**
 * The one seam between the router and whatever plans and executes federated queries. Everything
 * else in router/ (config, CORS, request id, auth, limits, the HTTP server) is engine-agnostic;
 * swapping the engine, or running `@apollo/gateway` as the benchmark peer, changes only this file's
 * `createEngine` switch.
 *
 * The contract is fetch-like and in-process: the router has already read, size-checked, parsed
 * and limit-checked the request, so an engine receives a validated GraphQL request and returns a
 * finished response. No second HTTP hop, and no engine sees a raw socket.
 */
import type { GraphQLParams } from './http';
import type { SubgraphHeaders } from './headers';

export type EngineKind = 'hive' | 'apollo-gateway';

export interface EngineRequest {
  method: 'GET' | 'POST';
  /** Client headers, lower-case, after the router's own steps (e.g. the request id is set). The
   *  engine must not take the body's type from them: it executes `params`, serialised as JSON. */
  headers: Readonly<Record<string, string>>;
  /** The validated GraphQL parameters: the only description of the operation an engine gets (one
   *  parse: the client's raw body and query string never reach it). */
  params: GraphQLParams;
  /** Aborted when the router's own timeout (`traffic_shaping.router.timeout`) fires. */
  signal: AbortSignal;
}

export interface EngineResponse {
  status: number;
  /** Lower-case names; the router drops hop-by-hop headers before copying them. */
  headers: Record<string, string>;
  body: string;
}

export interface RouterEngine {
  readonly kind: EngineKind;
  execute(request: EngineRequest): Promise<EngineResponse>;
  /** Releases planners, connection pools and timers; the process can then exit. */
  close(): Promise<void>;
}

export interface EngineOptions {
  supergraphSdl: string;
  /** The supergraph as it is now (router/live-supergraph.ts): engines that can reload poll it. */
  liveSupergraph?: () => string;
  /** The GraphQL path the router serves (engines mount their handler on it). */
  path: string;
  /** Subgraph name (from `join__graph(name:)`) → URL; names not in the supergraph are ignored. */
  subgraphUrlOverrides: Readonly<Record<string, string>>;
  /** Headers to add to each subgraph fetch, from the client's (compiled `headers` rules). */
  subgraphHeaders: SubgraphHeaders;
  /** Per-subgraph fetch timeout in ms (`traffic_shaping.all` / `.subgraphs.<name>`). */
  subgraphTimeoutMs: (subgraph: string) => number;
  /** Whether a subgraph's errors reach the client as they are, or redacted (`include_subgraph_errors`). */
  includeSubgraphErrors: (subgraph: string) => boolean;
  introspection: boolean;
}

/** The message Apollo Router puts in place of a subgraph error when include_subgraph_errors is off. */
export const REDACTED_MESSAGE = 'Subgraph errors redacted';

/**
 * A subgraph left in development mode sends `extensions.stacktrace`; the router drops it so no
 * stack trace reaches a client, whatever the subgraph's settings. Every other extension (code,
 * basis, item…) passes through. Mutates: the errors are fresh objects parsed from the subgraph.
 */
export function dropStacktraces(errors: ReadonlyArray<{ readonly extensions?: { readonly [key: string]: unknown } | null }>): void {
  for (const error of errors) {
    if (error.extensions && 'stacktrace' in error.extensions) delete (error.extensions as Record<string, unknown>).stacktrace;
  }
}

export async function createEngine(kind: EngineKind, options: EngineOptions): Promise<RouterEngine> {
  // Loaded on demand, so the default engine never loads @apollo/gateway and its planner.
  switch (kind) {
    case 'hive': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (see above); dist/ is CommonJS
      const { createHiveEngine } = require('./engines/hive') as typeof import('./engines/hive');
      return createHiveEngine(options);
    }
    case 'apollo-gateway': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (see above); dist/ is CommonJS
      const { createApolloGatewayEngine } = require('./engines/apollo-gateway') as typeof import('./engines/apollo-gateway');
      return createApolloGatewayEngine(options);
    }
    default:
      throw new Error(`unknown router engine "${String(kind)}" (expected "hive" or "apollo-gateway")`);
  }
}
