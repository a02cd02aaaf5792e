/**
 * Two tiny Federation-2 subgraphs for the router tests, in-process on free ports. `Thing` is an
 * entity split across both; one subgraph name has a hyphen, like `legal-person`, to catch any
 * confusion between `join__graph(name:)` and the enum value. Every request's headers are recorded
 * so the tests can see exactly what the router forwarded.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

const alphaSdl = `${LINK}
  type Query {
    thing(id: ID!): Thing
    things: [Thing!]!
    echo: Echo!
    node: Node
  }
  type Thing @key(fields: "id") {
    id: ID!
    name: String
    "Refused by policy: nullable, so the rest of the answer survives."
    secret: String
  }
  type Echo { authorization: String, purpose: String, requestId: String }
  type Node { value: Int, child: Node }
`;

const betaSdl = `${LINK}
  type Thing @key(fields: "id") {
    id: ID!
    score: Int
    "Fails in the subgraph; used to test include_subgraph_errors per subgraph."
    flaky: String
  }
`;

const things = [
  { id: '1', name: 'one' },
  { id: '2', name: 'two' },
];

export interface Subgraph {
  name: string;
  url: string;
  seen: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

/** Resolver maps are loosely typed here; buildSubgraphSchema checks them against the SDL. */
type Resolvers = Record<string, Record<string, unknown>>;

async function start(name: string, sdl: string, resolvers: Resolvers): Promise<Subgraph> {
  const seen: IncomingHttpHeaders[] = [];
  const server = new ApolloServer<{ headers: IncomingHttpHeaders }>({
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      seen.push(req.headers);
      return { headers: req.headers };
    },
  });
  return { name, url, seen, stop: () => server.stop() };
}

export async function startSubgraphs(): Promise<{ alpha: Subgraph; beta: Subgraph }> {
  const alpha = await start('alpha', alphaSdl, {
    Query: {
      thing: (_: unknown, { id }: { id: string }) => things.find((t) => t.id === id) ?? null,
      things: () => things,
      echo: (_: unknown, __: unknown, ctx: { headers: IncomingHttpHeaders }) => ({
        authorization: ctx.headers.authorization ?? null,
        purpose: ctx.headers['x-purpose'] ?? null,
        requestId: ctx.headers['x-request-id'] ?? null,
      }),
      node: () => ({ value: 1 }),
    },
    Thing: {
      __resolveReference: (ref: { id: string }) => things.find((t) => t.id === ref.id) ?? null,
      secret: () => {
        throw new GraphQLError('secret is not shared with your agency', { extensions: { code: 'FORBIDDEN', basis: 'x', item: 'Thing.secret' } });
      },
    },
    Node: { child: (n: { value: number }) => ({ value: n.value + 1 }) },
  });
  const beta = await start('beta-two', betaSdl, {
    Thing: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id, score: Number(ref.id) * 10 }),
      flaky: () => {
        throw new GraphQLError('beta internal detail', { extensions: { code: 'BAD_USER_INPUT', detail: 'leaky' } });
      },
    },
  });
  return { alpha, beta };
}

/** Composes with URLs that do not answer, so the tests prove override_subgraph_url is applied. */
export function composeSupergraph(): string {
  const result = composeServices([
    { name: 'alpha', typeDefs: parse(alphaSdl), url: 'http://127.0.0.1:9/alpha' },
    { name: 'beta-two', typeDefs: parse(betaSdl), url: 'http://127.0.0.1:9/beta' },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}
