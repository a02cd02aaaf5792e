/**
 * The benchmark's "bare engine" (issue 15): the Hive Gateway runtime with Hive Router's Rust query
 * planner, as our router's engine builds it (router/engines/hive.ts: same runtime, transport and
 * signing of every subgraph request), behind a plain node:http server and nothing else of ours:
 * no CORS, CSRF, body checks, authentication, limits, demand control, refusal audit, metrics or
 * access log. It forwards the client's token and purpose and gives each request an id (the
 * subgraphs' audit rows need one), so the same subgraphs answer it as they answer our router.
 * Our router's throughput over this one's is the price of what our router adds.
 *
 * Run by bench/run.ts: `node dist/bench/bare-engine.js` with BARE_ENGINE_PORT, SUPERGRAPH_PATH and
 * the subgraphs' <NAME>_URL. Loopback only.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { subgraphFetch } from '../router/subgraph-fetch';
import { subgraphEntries, subgraphUrlEnv } from '../platform/subgraph/registry';

const FORWARDED = ['authorization', 'x-purpose', 'x-request-id'] as const;

interface BareContext {
  forwarded: Record<string, string>;
}

function signSubgraphFetches(): GatewayPlugin {
  return {
    onFetch({ fetchFn, setFetchFn, executionRequest }) {
      const subgraph = executionRequest?.subgraphName ?? 'subgraph';
      setFetchFn((url, options, ...rest) =>
        subgraphFetch(subgraph, url, options as RequestInit, (init) => Promise.resolve(fetchFn(url, init as typeof options, ...rest))),
      );
    },
  };
}

async function main() {
  const port = Number(process.env.BARE_ENGINE_PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('BARE_ENGINE_PORT must be a port');
  const transportEntries: Record<string, { location: string }> = {};
  for (const e of subgraphEntries()) {
    const url = process.env[subgraphUrlEnv(e.name)];
    if (url) transportEntries[e.name] = { location: url };
  }
  const runtime = createGatewayRuntime<BareContext>({
    supergraph: readFileSync(process.env.SUPERGRAPH_PATH ?? 'schema/supergraph.graphql', 'utf8'),
    unifiedGraphHandler,
    transports: { http: httpTransport },
    transportEntries,
    graphqlEndpoint: '/',
    propagateHeaders: { fromClientToSubgraphs: ({ context }) => context.forwarded },
    plugins: () => [signSubgraphFetches()],
    requestId: false,
    cors: false,
    graphiql: false,
    landingPage: false,
    logging: 'warn',
  });
  await runtime.getSchema();

  const server = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forwarded: Record<string, string> = { 'x-request-id': randomUUID() };
      for (const name of FORWARDED) {
        const v = req.headers[name];
        if (typeof v === 'string') forwarded[name] = v;
      }
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
      void Promise.resolve(
        runtime.fetch(
          `http://bare${req.url ?? '/'}`,
          { method: req.method, headers, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined },
          { forwarded },
        ),
      )
        .then(async (response) => {
          res.writeHead(response.status, { 'content-type': 'application/json' });
          res.end(await response.text());
        })
        .catch((e: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: e instanceof Error ? e.message : String(e) }] }));
        });
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  console.log(`bare engine ready at http://127.0.0.1:${port}/`);
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void Promise.resolve(runtime.dispose()).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error('bare engine failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
