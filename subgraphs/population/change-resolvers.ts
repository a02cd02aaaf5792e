/**
 * The provider's updates of 人口基础库 and what consumers learn of changes (issue 11).
 * `updatePersons`: only the providing agency's operator; the same rules as a file
 * (subgraphs/population/ingest.ts); all or nothing; each change recorded by the history triggers
 * under the caller's agency and operator. `personChangesSince`: platform/history/changes.ts.
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
import type { PopulationLoaders } from './loaders';
import { Person, PROVIDER } from './types';
import { PersonChange, PersonChangeConnection, PersonUpdateInput } from './change-types';
import { PERSON_COLUMNS, PERSON_INGEST } from './ingest';

type Ctx = SubgraphContext<PopulationLoaders>;

/** What a change row becomes in GraphQL. */
const toChange = (r: ChangeRow): PersonChange => ({
  personId: r.recordId,
  changedAt: r.changedAt.toISOString(),
  kind: r.kind as PersonChange['kind'],
  values: r.values,
  oldValues: r.oldValues,
  agency: r.agency,
  operator: r.operator,
});

@Resolver(() => PersonChange)
export class PersonChangeResolver {
  @Query(() => PersonChangeConnection, {
    description:
      'Changes to person records since a time, oldest first: only changes to items the caller may read for its purpose (a change touching none of them is not listed), each value as a read of its item',
  })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, args: { since: PARAMETER } })
  async personChangesSince(
    @Arg('since', () => String, { description: 'ISO 8601 instant: changes committed at or after it' }) since: string,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const size = validateFirst(first);
    const at = parseSince(since);
    const personFields = (info.schema.getType('Person') as GraphQLObjectType).getFields();
    const page = await changesSince(emSql(ctx.em), {
      table: 'person',
      columns: PERSON_COLUMNS,
      decide: (field) => ctx.policy.decision(`Person.${field}`, readFieldPolicy(info.schema, personFields[field])!),
      rowsOf: async (ids) => {
        const rows = await ctx.loaders.personById.loadMany(ids);
        return new Map(ids.map((id, i) => [id, rows[i] instanceof Error ? undefined : rows[i]]));
      },
      since: at,
      after: after ?? undefined,
      first: size,
    });
    return { edges: page.edges.map((e) => ({ cursor: e.cursor, node: toChange(e.node) })), pageInfo: page.pageInfo };
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person record as it is now (each field under its own policy)' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, inverse: 'none: a change names its record; a record lists no changes' })
  person(@Root() change: PersonChange, @Ctx() ctx: Ctx) {
    return ctx.loaders.personById.load(change.personId);
  }
}

@Resolver()
export class PersonUpdateResolver {
  @Mutation(() => [Person], {
    description:
      "The provider's operator corrects person records (all or nothing, at most 100): same rules as an ingest file; every change kept in the history",
  })
  async updatePersons(@Arg('input', () => [PersonUpdateInput]) input: PersonUpdateInput[], @Ctx() ctx: Ctx) {
    const who = ctx.policy.identity;
    // 谁提供、谁负责 (Art. 11): only the providing agency's operator writes its base database.
    if (who.kind !== 'agency' || who.agency !== PROVIDER || !who.roles.includes(AgencyRole.OPERATOR)) {
      ctx.policy.audit.record('Person', 'Mutation.updatePersons', 'refused');
      throw forbidden(`Only the provider of 人口基础库 (${PROVIDER}) may update its records, with the role "operator"`, {
        item: 'Mutation.updatePersons',
        provider: PROVIDER,
      });
    }
    const keys = await updateRecords(ctx.em, PERSON_INGEST, input as unknown as Record<string, unknown>[], {
      agency: who.agency,
      operator: who.operator ?? null,
      source: 'mutation',
    });
    ctx.policy.audit.record('Person', 'Mutation.updatePersons', 'served', keys);
    await reportChangedTables('population', emSql(ctx.em), [{ tableName: 'person', typeName: 'Person' }]);
    const rows = await ctx.loaders.personById.loadMany(keys);
    return rows.filter((r) => r && !(r instanceof Error));
  }
}
