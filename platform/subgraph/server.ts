/**
 * Serves a subgraph schema over HTTP with Apollo Server, through Node's own http module (no
 * framework): POST/GET GraphQL on `/`, `/health` for readiness, `/metrics` for the SQL statement
 * counter (Prometheus text) that tests and the benchmark read.
 */
import * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sqlStatementCounter } from '../db/orm';
import type { SubgraphContext, SubgraphDefinition } from './definition';
import { formatError } from './format-error';
import { identify } from '../identity/tokens';
import { decodePurpose, PURPOSE_HEADER } from '../identity/purpose';
import { RequestPolicy } from '../policy/request';
import type { GrantStore } from '../policy/grants';
import { AuditCollector } from '../audit/collector';
import type { AuditWriter } from '../audit/writer';
import { auditPlugin } from '../audit/plugin';
import { LookupBudget, lookupBudgetPlugin } from '../policy/lookup-budget';

export interface Governance {
  grants: GrantStore;
  audit: AuditWriter;
  /** The per-agency daily lookup budget (natural-key lookups), shared through the catalog DB. */
  lookups?: LookupBudget;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
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
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headerValue(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,100}$/.test(v) ? v : null;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

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
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      auditPlugin(def.name, governance.audit),
      ...(governance.lookups ? [lookupBudgetPlugin<SubgraphContext>(governance.lookups)] : []),
    ],
  });
  await apollo.start();

  // Every subgraph verifies the token itself: a call that goes around the router gets nothing
  // it could not get through it. A bad token or purpose header rejects the whole request.
  const contextFor = (req: http.IncomingMessage) => async (): Promise<SubgraphContext> => {
    const identity = await identify(req.headers.authorization);
    const purpose = decodePurpose(req.headers[PURPOSE_HEADER] as string | undefined);
    const em = orm.em.fork();
    return {
      em,
      loaders: def.loaders(em),
      requestId: String(req.headers['x-request-id'] ?? randomUUID()),
      policy: new RequestPolicy(identity, purpose, governance.grants, new AuditCollector(headerValue(req, 'x-operation-name'))),
    };
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    try {
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok', subgraph: def.name });
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        return res.end(`# TYPE sql_statements_total counter\nsql_statements_total{subgraph="${def.name}"} ${sqlStatementCounter.total}\n`);
      }
      if (url.pathname !== '/') return sendJson(res, 404, { errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] });
      const raw = req.method === 'POST' ? await readBody(req) : '';
      let body: unknown = undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: contextFor(req),
      });
      for (const [name, value] of result.headers) res.setHeader(name, value);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') return res.end(result.body.string);
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500;
      if (!res.headersSent) sendJson(res, status, { errors: [{ message: status === 413 ? 'request body too large' : 'internal error', extensions: { code: status === 413 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
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
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}
