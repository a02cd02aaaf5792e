/**
 * type-graphql classes → SDL with directives → `buildSubgraphSchema` (Federation 2).
 * The SDL links federation v2.7 and our `@sharing` directive, which `@composeDirective` keeps in
 * the supergraph. The policy check runs on the result: a field without policy fails the build.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, print, visit, GraphQLSchema, Kind, DocumentNode, FieldDefinitionNode, StringValueNode, ObjectTypeDefinitionNode } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { SHARING_SPEC_URL, collectPolicies, sharingDirectiveSdl, uncataloguedTypes } from '../policy/directive';
import { baseDatabaseNames } from './registry';
import type { FieldPolicy } from '../policy/metadata';
import { checkArgumentDeclarations } from '../policy/arguments';
import type { SubgraphDefinition } from './definition';
import { describeField, sharingLine } from '../policy/describe';
import { DEPARTMENT_NAMES } from '../../reference/departments';

const FEDERATION_IMPORTS = ['@key', '@shareable', '@external', '@requires', '@provides', '@composeDirective'];

export function linkHeader(): string {
  return [
    `extend schema`,
    `  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ${JSON.stringify(FEDERATION_IMPORTS)})`,
    `  @link(url: "${SHARING_SPEC_URL}", import: ["@sharing", "@resource"])`,
    `  @composeDirective(name: "@sharing")`,
    `  @composeDirective(name: "@resource")`,
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
  const sdl = print(describedSharedFields(refusableFieldsNullable(parse(`${linkHeader()}\n${printSchemaWithDirectives(typeGraphqlSchema)}`))));
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(def.referenceResolvers)) {
    // eslint-disable-next-line @typescript-eslint/no-misused-spread -- entity types' resolver objects are plain maps
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  const schema = buildSubgraphSchema({ typeDefs: refusableFieldsNullable(parse(sdl)), resolvers });
  const policies = collectPolicies(schema);
  checkArgumentDeclarations(schema, policies, def.name);
  // A base database's data is all in the catalogue (issue 10); the governance subgraph's own
  // registers (applications, audit views, reports) are the platform's, catalogued where listed.
  if (baseDatabaseNames().includes(def.name)) {
    const problems = uncataloguedTypes(schema, policies, def.provider);
    if (problems.length) throw new Error(`catalogue check failed in ${def.name}:\n  ${problems.join('\n  ')}`);
  }
  return { schema, sdl, policies };
}

function stringArg(node: { arguments?: readonly { name: { value: string }; value: unknown }[] }, name: string): string | undefined {
  const arg = node.arguments?.find((a) => a.name.value === name);
  return arg && (arg.value as StringValueNode).kind === Kind.STRING ? (arg.value as StringValueNode).value : undefined;
}

/**
 * Every field with `@sharing` gets its sharing class as the first line of its description, so that
 * the composed supergraph shows it in any explorer's docs (issue 14; platform/policy/describe.ts).
 * Provider names here are the build-time list (reference/departments.ts); the router rewrites the
 * lines from the live register.
 */
export function describedSharedFields(doc: DocumentNode): DocumentNode {
  return visit(doc, {
    FieldDefinition(field: FieldDefinitionNode) {
      const sharing = field.directives?.find((d) => d.name.value === 'sharing');
      if (!sharing) return undefined;
      const arg = (name: string) => stringArg(sharing, name);
      const line = sharingLine(
        {
          type: arg('type') as FieldPolicy['type'],
          open: arg('open') as FieldPolicy['open'],
          level: arg('level') as FieldPolicy['level'],
          mask: arg('mask'),
          provider: arg('provider') ?? '',
          basis: arg('basis'),
        },
        (code) => DEPARTMENT_NAMES[code] ?? code,
      );
      const value = describeField(field.description?.value, line);
      return { ...field, description: { kind: Kind.STRING, value, block: true } as StringValueNode };
    },
  });
}

/**
 * A field that policy may refuse must be nullable, so that a refusal nulls that field alone and
 * the rest of the query still answers. So every field whose @sharing is not OPEN loses its outer
 * non-null, except entity key fields, which federation needs.
 */
export function refusableFieldsNullable(doc: DocumentNode): DocumentNode {
  return visit(doc, {
    ObjectTypeDefinition(type: ObjectTypeDefinitionNode) {
      const keys = new Set((type.directives ?? []).filter((d) => d.name.value === 'key').flatMap((d) => (stringArg(d, 'fields') ?? '').split(/\s+/)));
      const fields = type.fields?.map((field: FieldDefinitionNode) => {
        const sharing = field.directives?.find((d) => d.name.value === 'sharing');
        if (!sharing || stringArg(sharing, 'open') === 'OPEN' || keys.has(field.name.value)) return field;
        return field.type.kind === Kind.NON_NULL_TYPE ? { ...field, type: field.type.type } : field;
      });
      return { ...type, fields };
    },
  });
}
