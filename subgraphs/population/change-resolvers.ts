/**
 * The provider's updates of 人口基础库 and what consumers learn of changes (issue 11), in the shape
 * every base database shares (platform/history/resource.ts).
 * `updatePersons` / `updateHouseholds`: only the providing agency's operator; the same rules as a
 * file (subgraphs/population/ingest.ts); all or nothing; each change recorded by the history
 * triggers under the caller's agency and operator. `…ChangesSince`: platform/history/changes.ts.
 */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { changeResource } from '../../platform/history/resource';
import { foundRows, providerUpdate } from '../../platform/history/update';
import type { IngestSpec } from '../../platform/ingest/spec';
import type { PopulationLoaders } from './loaders';
import { Household, Person, PROVIDER } from './types';
import { HouseholdUpdateInput, PersonUpdateInput } from './change-types';
import { HOUSEHOLD_INGEST, PERSON_INGEST } from './ingest';

type Ctx = SubgraphContext<PopulationLoaders>;

export const personChanges = changeResource({
  spec: PERSON_INGEST,
  provider: PROVIDER,
  resource: {
    code: 'HY-RK-003',
    name: '人口信息变更记录',
    summary: '人口基本信息每条记录的变更：时间、变更项与新值（按项共享与脱敏）',
    computedFrom: '人口基本信息 (HY-RK-001) 的变更历史',
  },
  keyField: 'personId',
  keyDescription: "The person's pseudonymous key (Person.id)",
  recordField: 'person',
  recordType: () => Person,
  recordDescription: 'The person record as it is now (each field under its own policy)',
  queryName: 'personChangesSince',
  queryDescription:
    'Changes to person records since a time, oldest first: only changes to items the caller may read for its purpose (a change touching none of them is not listed), each value as a read of its item',
  valuesDescription: 'The changed items the reader may read, by Person field, with their new values, each served as that Person item (masked as it is)',
  load: (ctx, ids) => (ctx as Ctx).loaders.personById.loadMany(ids),
});

export const householdChanges = changeResource({
  spec: HOUSEHOLD_INGEST,
  provider: PROVIDER,
  resource: {
    code: 'HY-RK-004',
    name: '户信息变更记录',
    summary: '每户登记信息的变更：时间、变更项与新值（按项共享与脱敏）',
    computedFrom: 'HY-RK-002 的变更历史',
  },
  keyField: 'householdId',
  keyDescription: "The household's pseudonymous key (Household.id)",
  recordField: 'household',
  recordType: () => Household,
  recordDescription: 'The household register as it is now (each field under its own policy)',
  queryName: 'householdChangesSince',
  queryDescription: 'Changes to household registers since a time, oldest first, under the same rules as personChangesSince',
  valuesDescription: 'The changed items the reader may read, by Household field (head: the head’s person key), each served as that Household item',
  load: (ctx, ids) => (ctx as Ctx).loaders.householdById.loadMany(ids),
});

const update = (ctx: Ctx, mutation: string, spec: IngestSpec, input: object[]) =>
  providerUpdate(ctx, { subgraph: 'population', provider: PROVIDER, database: '人口基础库', mutation, spec, input });

@Resolver()
export class PopulationUpdateResolver {
  @Mutation(() => [Person], {
    description:
      "The provider's operator corrects person records (all or nothing, at most 100): same rules as an ingest file; every change kept in the history",
  })
  async updatePersons(@Arg('input', () => [PersonUpdateInput]) input: PersonUpdateInput[], @Ctx() ctx: Ctx) {
    return foundRows(await ctx.loaders.personById.loadMany(await update(ctx, 'updatePersons', PERSON_INGEST, input)));
  }

  @Mutation(() => [Household], {
    description: "The provider's operator corrects household registers (all or nothing, at most 100); the head must be a registered person",
  })
  async updateHouseholds(@Arg('input', () => [HouseholdUpdateInput]) input: HouseholdUpdateInput[], @Ctx() ctx: Ctx) {
    return foundRows(await ctx.loaders.householdById.loadMany(await update(ctx, 'updateHouseholds', HOUSEHOLD_INGEST, input)));
  }
}
