/**
 * The provider's updates of 人口基础库 and what consumers learn of changes (issue 11).
 * `updatePersons` / `updateHouseholds`: only the providing agency's operator; the same rules as a
 * file (subgraphs/population/ingest.ts); all or nothing; each change recorded by the history
 * triggers under the caller's agency and operator. `…ChangesSince`: platform/history/changes.ts.
 */
import { Arg, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { PARAMETER, Sharing } from '../../platform/policy/metadata';
import { readFieldPolicy } from '../../platform/policy/directive';
import { validateFirst } from '../../platform/graphql/connection';
import { changesSince, parseSince, type ChangeRow } from '../../platform/history/changes';
import { updateRecords } from '../../platform/history/update';
import { emSql } from '../../platform/db/sql';
import { forbidden } from '../../platform/errors';
import { AgencyRole } from '../../platform/identity/identity';
import { reportChangedTables } from '../../platform/subgraph/refresh';
import type { IngestSpec } from '../../platform/ingest/spec';
import type { PopulationLoaders } from './loaders';
import { Household, Person, PROVIDER } from './types';
import {
  HouseholdChange,
  HouseholdChangeConnection,
  HouseholdUpdateInput,
  PersonChange,
  PersonChangeConnection,
  PersonUpdateInput,
  type ChangeKind,
} from './change-types';
import { HOUSEHOLD_INGEST, PERSON_INGEST } from './ingest';

type Ctx = SubgraphContext<PopulationLoaders>;

const LISTING = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, args: { since: PARAMETER } } as const;

/** One page of a resource's changes for this caller, each item decided as `<typeName>.<field>`. */
async function page(
  ctx: Ctx,
  info: GraphQLResolveInfo,
  spec: IngestSpec,
  load: (ids: string[]) => Promise<unknown[]>,
  since: string,
  first: number | undefined,
  after: string | undefined,
) {
  const size = validateFirst(first);
  const at = parseSince(since);
  const fields = (info.schema.getType(spec.typeName) as GraphQLObjectType).getFields();
  return changesSince(emSql(ctx.em), {
    table: spec.table,
    columns: spec.columns,
    decide: (field) => ctx.policy.decision(`${spec.typeName}.${field}`, readFieldPolicy(info.schema, fields[field])!),
    rowsOf: async (ids) => {
      const rows = await load(ids);
      return new Map(ids.map((id, i) => [id, rows[i] instanceof Error ? undefined : rows[i]]));
    },
    since: at,
    after,
    first: size,
  });
}

const common = (r: ChangeRow) => ({
  changedAt: r.changedAt.toISOString(),
  kind: r.kind as ChangeKind,
  values: r.values,
  oldValues: r.oldValues,
  agency: r.agency,
  operator: r.operator,
});

/** Only the providing agency's operator writes its base database (谁提供、谁负责, Art. 11). */
function assertProviderOperator(ctx: Ctx, mutation: string, typeName: string): { agency: string; operator: string | null } {
  const who = ctx.policy.identity;
  if (who.kind !== 'agency' || who.agency !== PROVIDER || !who.roles.includes(AgencyRole.OPERATOR)) {
    ctx.policy.audit.record(typeName, `Mutation.${mutation}`, 'refused');
    throw forbidden(`Only the provider of 人口基础库 (${PROVIDER}) may update its records, with the role "operator"`, {
      item: `Mutation.${mutation}`,
      provider: PROVIDER,
    });
  }
  return { agency: who.agency, operator: who.operator ?? null };
}

async function update(ctx: Ctx, mutation: string, spec: IngestSpec, input: object[]): Promise<string[]> {
  const actor = assertProviderOperator(ctx, mutation, spec.typeName);
  const keys = await updateRecords(ctx.em, spec, input as Record<string, unknown>[], { ...actor, source: 'mutation' });
  ctx.policy.audit.record(spec.typeName, `Mutation.${mutation}`, 'served', keys);
  await reportChangedTables('population', emSql(ctx.em), [{ tableName: spec.table, typeName: spec.typeName }]);
  return keys;
}

const found = <T>(rows: (T | Error | null | undefined)[]) => rows.filter((r): r is T => r != null && !(r instanceof Error));

@Resolver(() => PersonChange)
export class PersonChangeResolver {
  @Query(() => PersonChangeConnection, {
    description:
      'Changes to person records since a time, oldest first: only changes to items the caller may read for its purpose (a change touching none of them is not listed), each value as a read of its item',
  })
  @Sharing(LISTING)
  async personChangesSince(
    @Arg('since', () => String, { description: 'ISO 8601 instant: changes committed at or after it' }) since: string,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const p = await page(ctx, info, PERSON_INGEST, (ids) => ctx.loaders.personById.loadMany(ids), since, first, after ?? undefined);
    return { edges: p.edges.map((e) => ({ cursor: e.cursor, node: { personId: e.node.recordId, ...common(e.node) } })), pageInfo: p.pageInfo };
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person record as it is now (each field under its own policy)' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, inverse: 'none: a change names its record; a record lists no changes' })
  person(@Root() change: PersonChange, @Ctx() ctx: Ctx) {
    return ctx.loaders.personById.load(change.personId);
  }
}

@Resolver(() => HouseholdChange)
export class HouseholdChangeResolver {
  @Query(() => HouseholdChangeConnection, {
    description: 'Changes to household registers since a time, oldest first, under the same rules as personChangesSince',
  })
  @Sharing(LISTING)
  async householdChangesSince(
    @Arg('since', () => String, { description: 'ISO 8601 instant: changes committed at or after it' }) since: string,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const p = await page(ctx, info, HOUSEHOLD_INGEST, (ids) => ctx.loaders.householdById.loadMany(ids), since, first, after ?? undefined);
    return { edges: p.edges.map((e) => ({ cursor: e.cursor, node: { householdId: e.node.recordId, ...common(e.node) } })), pageInfo: p.pageInfo };
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The household register as it is now (each field under its own policy)' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, inverse: 'none: a change names its record; a record lists no changes' })
  household(@Root() change: HouseholdChange, @Ctx() ctx: Ctx) {
    return ctx.loaders.householdById.load(change.householdId);
  }
}

@Resolver()
export class PopulationUpdateResolver {
  @Mutation(() => [Person], {
    description:
      "The provider's operator corrects person records (all or nothing, at most 100): same rules as an ingest file; every change kept in the history",
  })
  async updatePersons(@Arg('input', () => [PersonUpdateInput]) input: PersonUpdateInput[], @Ctx() ctx: Ctx) {
    return found(await ctx.loaders.personById.loadMany(await update(ctx, 'updatePersons', PERSON_INGEST, input)));
  }

  @Mutation(() => [Household], {
    description: "The provider's operator corrects household registers (all or nothing, at most 100); the head must be a registered person",
  })
  async updateHouseholds(@Arg('input', () => [HouseholdUpdateInput]) input: HouseholdUpdateInput[], @Ctx() ctx: Ctx) {
    return found(await ctx.loaders.householdById.loadMany(await update(ctx, 'updateHouseholds', HOUSEHOLD_INGEST, input)));
  }
}
