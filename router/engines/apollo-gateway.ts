/**
 * Benchmark peer: `@apollo/gateway` (JavaScript query planner) inside `@apollo/server`, driven
 * in-process through `executeHTTPGraphQLRequest` so the router's own HTTP steps stay identical.
 *
 * Mapping of our options: URL overrides → `buildService` picks the URL; headers and timeouts →
 * a `RemoteGraphQLDataSource` per subgraph; include_subgraph_errors → `didReceiveResponse` redacts;
 * subgraph signatures → the data source's fetcher signs the final request (as the Hive engine does).
 */
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { dropStacktraces, REDACTED_MESSAGE, type EngineOptions, type EngineRequest, type EngineResponse, type RouterEngine } from '../engine';
import { searchFromParams } from '../http';
import { subgraphFetch } from '../subgraph-fetch';

interface RouterContext {
  routerHeaders: Readonly<Record<string, string>>;
}

class RouterDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly options: EngineOptions,
  ) {
    super({ url });
    // make-fetch-happen (the default fetcher) takes a per-request `timeout` in ms.
    const fetcher = this.fetcher;
    const timeout = options.subgraphTimeoutMs(subgraph);
    this.fetcher = (input, init) => subgraphFetch(subgraph, input, init as RequestInit, (signed) => fetcher(input, { ...signed, timeout } as typeof init));
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = this.options.subgraphHeaders(this.subgraph, (context as Partial<RouterContext>).routerHeaders ?? {});
    for (const [name, value] of Object.entries(headers)) request.http?.headers.set(name, value);
  }

  override didReceiveResponse: RemoteGraphQLDataSource<RouterContext>['didReceiveResponse'] = ({ response }) => {
    if (!response.errors?.length) return response;
    if (this.options.includeSubgraphErrors(this.subgraph)) {
      dropStacktraces(response.errors);
      return response;
    }
    return { ...response, errors: response.errors.map((e) => ({ message: REDACTED_MESSAGE, path: e.path })) };
  };
}

export async function createApolloGatewayEngine(options: EngineOptions): Promise<RouterEngine> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new RouterDataSource(name, options.subgraphUrlOverrides[name] ?? url ?? '', options),
  });
  const server = new ApolloServer<RouterContext>({
    gateway,
    introspection: options.introspection,
    // The router does CSRF/CORS/landing pages itself; Apollo Server must not answer differently.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    // Apollo Server would stop itself on SIGTERM and re-raise the signal, killing the process with
    // 143 before the router's own prompt shutdown can exit 0. The router owns shutdown.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await server.start();

  return {
    kind: 'apollo-gateway',
    async execute(req: EngineRequest): Promise<EngineResponse> {
      // One parse: Apollo Server gets the router's checked params, never the client's own body.
      const headers = new HeaderMap(Object.entries(req.headers));
      headers.delete('content-type');
      if (req.method === 'POST') headers.set('content-type', 'application/json');
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method,
          headers,
          search: req.method === 'GET' ? searchFromParams(req.params) : '',
          body: req.method === 'POST' ? req.params : undefined,
        },
        context: async () => ({ routerHeaders: req.headers }),
      });
      let body = '';
      if (response.body.kind === 'complete') body = response.body.string;
      else for await (const chunk of response.body.asyncIterator) body += chunk;
      return { status: response.status ?? 200, headers: Object.fromEntries(response.headers), body };
    },
    async close() {
      await server.stop(); // also stops the gateway
    },
  };
}
