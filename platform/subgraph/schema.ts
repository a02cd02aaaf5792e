/**
 * type-graphql classes → SDL with directives → `buildSubgraphSchema` (Federation 2).
 * The SDL links federation v2.7 and our `@sharing` directive, which `@composeDirective` keeps in
 * the supergraph. The policy check runs on the result: a field without policy fails the build.
 */
import { parse, GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { SHARING_SPEC_URL, collectPolicies, sharingDirectiveSdl } from '../policy/directive';
import type { FieldPolicy } from '../policy/metadata';
import type { SubgraphDefinition } from './definition';

const FEDERATION_IMPORTS = ['@key', '@shareable', '@external', '@requires', '@provides', '@composeDirective'];

export function linkHeader(): string {
  return [
    `extend schema`,
    `  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ${JSON.stringify(FEDERATION_IMPORTS)})`,
    `  @link(url: "${SHARING_SPEC_URL}", import: ["@sharing"])`,
    `  @composeDirective(name: "@sharing")`,
    '',
    sharingDirectiveSdl,
    '',
  ].join('\n');
}

export interface BuiltSubgraphSchema {
  schema: GraphQLSchema;
  /** The subgraph's SDL as composition consumes it. */
  sdl: string;
  /** `Type.field` → policy, read back from the schema. */
  policies: Map<string, FieldPolicy>;
}

export async function buildFederatedSchema(def: SubgraphDefinition): Promise<BuiltSubgraphSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    // type-graphql cannot validate federation directives it does not know; buildSubgraphSchema does.
    skipCheck: true,
    validate: false,
  });
  const sdl = `${linkHeader()}\n${printSchemaWithDirectives(typeGraphqlSchema)}`;
  const resolvers: Record<string, any> = createResolversMap(typeGraphqlSchema);
  for (const [typeName, reference] of Object.entries(def.referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  const policies = collectPolicies(schema);
  return { schema, sdl, policies };
}
