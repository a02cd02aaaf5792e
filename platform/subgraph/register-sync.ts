/**
 * A subgraph's boot-time part of the catalogue register (issue 10, item 3): the items and resources
 * its code declares, synced into the register before it serves (platform/governance/register.ts,
 * `syncDeclarations`: new ones initialised, a stricter declaration wins, a looser one never loosens).
 * Each subgraph syncs its own declarations, so a release is in the register the moment it serves,
 * whatever the order in which subgraphs (and the catalog) restart.
 */
import { GraphQLSchema, Kind, isIntrospectionType, isObjectType, type ConstDirectiveNode } from 'graphql';
import { Client } from 'pg';
import { pgSql } from '../db/sql';
import { syncDeclarations, type DeclaredItem, type DeclaredResource, type SyncReport } from '../governance';
import type { FieldPolicy, UpdateCycle } from '../policy/metadata';
import { classificationOf } from '../policy/strictness';

function stringArg(d: ConstDirectiveNode, name: string): string | undefined {
  const a = d.arguments?.find((x) => x.name.value === name);
  return a && a.value.kind === Kind.STRING ? a.value.value : undefined;
}

/**
 * The catalogue items and resources a subgraph declares. Items: every policy of a non-root type
 * (a base database's fields on its own entities and on others' it extends, e.g. a credit profile
 * on Person). In the governance subgraph only the fields of its `@resource` types: its workflow
 * views are the platform's, not catalogue items (`governance`).
 */
export function declarationsOf(
  schema: GraphQLSchema,
  policies: Map<string, FieldPolicy>,
  governance: boolean,
): { items: DeclaredItem[]; resources: DeclaredResource[] } {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((t) => t!.name));
  const resources: DeclaredResource[] = [];
  const resourceTypes = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const d = type.astNode?.directives?.find((x) => x.name.value === 'resource');
    if (!d) continue;
    resourceTypes.add(type.name);
    resources.push({
      code: stringArg(d, 'code')!,
      provider: stringArg(d, 'provider')!,
      name: stringArg(d, 'name')!,
      summary: stringArg(d, 'summary') ?? '',
      updateCycle: stringArg(d, 'updateCycle') as UpdateCycle,
    });
  }
  const items: DeclaredItem[] = [];
  for (const [item, policy] of policies) {
    const typeName = item.slice(0, item.indexOf('.'));
    if (roots.has(typeName) || (governance && !resourceTypes.has(typeName))) continue;
    items.push({ item, provider: policy.provider, ...classificationOf(policy) });
  }
  return { items, resources };
}

/** Syncs the declarations in one transaction of the governance database. */
export async function syncRegister(
  databaseUrl: string,
  declarations: { items: DeclaredItem[]; resources: DeclaredResource[] },
  author: { agency: string; operator: string },
): Promise<SyncReport> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const report = await syncDeclarations(pgSql(client), declarations.items, declarations.resources, author);
    await client.query('COMMIT');
    return report;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}
