/**
 * The `@sharing` directive as it appears in every subgraph's SDL, linked and composed
 * (`@composeDirective`) so that the supergraph — and Sandbox — show each field's policy.
 */
import { GraphQLField, GraphQLSchema, Kind, getNamedType, isObjectType, isIntrospectionType, isScalarType, GraphQLObjectType } from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { getMetadataStorage } from 'type-graphql';
import { FieldPolicy, structuralClasses, validatePolicy } from './metadata';

export const SHARING_SPEC_URL = 'https://hengyang.gov.cn/sharing/v1.0';

export const sharingDirectiveSdl = [
  `directive @sharing(type: String!, open: String!, level: String!, mask: String, provider: String!, basis: String, subject: Boolean, composite: String, args: [String!], inverse: String) on FIELD_DEFINITION`,
  `directive @resource(code: String!, name: String!, summary: String!, updateCycle: String!, provider: String!, computedFrom: String) on OBJECT`,
].join('\n');

export function readFieldPolicy(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): FieldPolicy | undefined {
  const found = getDirective(schema, field, 'sharing')?.[0];
  if (!found) return undefined;
  // `composite` travels as JSON text, `args` as ["argument=use", …] (a directive argument cannot be a map).
  const { args, composite, ...rest } = found as Omit<FieldPolicy, 'args' | 'composite'> & { args?: string[]; composite?: string };
  const policy = rest as FieldPolicy;
  if (typeof composite === 'string') policy.composite = JSON.parse(composite) as Record<string, string>;
  if (args) policy.args = Object.fromEntries(args.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  return policy;
}

/** GraphQL names of the types declared @Structural. */
export function structuralTypeNames(): Set<string> {
  const names = new Set<string>();
  for (const t of getMetadataStorage().objectTypes) if (structuralClasses.has(t.target)) names.add(t.name);
  return names;
}

/** Types the platform itself adds (federation plumbing) and types declared @Structural. */
function exemptTypeNames(): Set<string> {
  return new Set<string>(['_Service', ...structuralTypeNames()]);
}

const FEDERATION_ROOT_FIELDS = new Set(['_service', '_entities']);

/** A JSON scalar holds several values: it must say which item each of its keys is (issue 8, class 1). */
function compositeProblems(item: string, field: GraphQLField<unknown, unknown>, policy: FieldPolicy): string[] {
  const named = getNamedType(field.type);
  if (!isScalarType(named) || !/^JSON/i.test(named.name) || policy.composite) return [];
  return [
    `${item} is a ${named.name} value: declare it composite (@Sharing composite: its keys → items) or split it into typed fields with their own @Sharing`,
  ];
}

/** Every field a client can select must carry policy metadata: a missing one fails start-up and
 *  composition (default deny, at build time). Returns a map `Type.field` → policy. */
export function collectPolicies(schema: GraphQLSchema): Map<string, FieldPolicy> {
  const exempt = exemptTypeNames();
  const policies = new Map<string, FieldPolicy>();
  const problems: string[] = [];
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type) || exempt.has(type.name)) continue;
    if (type === mutationType) continue; // mutations are governed by workflow roles, not sharing classes
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      const item = `${type.name}.${field.name}`;
      if (type === schema.getQueryType() && FEDERATION_ROOT_FIELDS.has(field.name)) continue;
      const policy = readFieldPolicy(schema, field);
      if (!policy) {
        problems.push(`${item} has no @Sharing policy`);
        continue;
      }
      problems.push(...validatePolicy(policy, item));
      problems.push(...compositeProblems(item, field, policy));
      policies.set(item, policy);
    }
  }
  // A composite's inner values are served under items this subgraph declares (their policy must be known here).
  for (const [item, policy] of policies) {
    for (const [key, inner] of Object.entries(policy.composite ?? {})) {
      if (!policies.has(inner)) problems.push(`${item}: composite key ${JSON.stringify(key)} maps to ${inner}, which this subgraph does not declare`);
    }
  }
  if (problems.length) throw new Error(`policy metadata check failed:\n  ${problems.join('\n  ')}`);
  return policies;
}

/**
 * Issue 10, "the whole catalogue": in a base database every object type whose fields carry
 * @sharing is a catalogued resource (`@resource`), so each of those fields is an item an agency
 * can find, apply for or object to. Exempt: the root types (access paths, not data), @Structural
 * plumbing, and another subgraph's entity seen here as a stub (its key is provided by another
 * agency; the owner declares the resource). Returns one problem per uncatalogued type.
 */
export function uncataloguedTypes(schema: GraphQLSchema, policies: Map<string, FieldPolicy>, ownProvider: string): string[] {
  const exempt = exemptTypeNames();
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((t) => t!.name));
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type) || exempt.has(type.name) || roots.has(type.name)) continue;
    const fields = Object.keys(type.getFields()).filter((f) => policies.has(`${type.name}.${f}`));
    if (!fields.length || type.astNode?.directives?.some((d) => d.name.value === 'resource')) continue;
    const keyFields = (type.astNode?.directives ?? [])
      .filter((d) => d.name.value === 'key')
      .flatMap((d) => {
        const arg = d.arguments?.find((a) => a.name.value === 'fields');
        return arg && arg.value.kind === Kind.STRING ? arg.value.value.split(/\s+/) : [];
      });
    const foreignStub = keyFields.length > 0 && keyFields.every((k) => policies.get(`${type.name}.${k}`)?.provider !== ownProvider);
    if (foreignStub) continue;
    problems.push(
      `${type.name} carries @sharing items (${fields.join(', ')}) but is no catalogued resource: declare @Resource on it (or @Structural if it is plumbing)`,
    );
  }
  return problems;
}
