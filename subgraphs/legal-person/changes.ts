/**
 * The provider's updates of 法人基础库 and what consumers learn of changes (issue 11), in the
 * shape every base database shares (platform/history/resource.ts). A registered address that is a
 * home is served in a change as the record serves it: as Person.householdAddress would be
 * (platform/policy/carried.ts); an individual business's name keeps its placeholder (the operator's
 * name is an internal column, never in a consumer's view of a change).
 */
import { Arg, Ctx, Field, Float, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { changeResource } from '../../platform/history/resource';
import { foundRows, providerUpdate } from '../../platform/history/update';
import { carriedView, HOUSEHOLD_ADDRESS } from '../../platform/policy/carried';
import type { LegalPersonLoaders } from './loaders';
import type { LegalPersonEntity } from './entities';
import { LegalPerson, LegalPersonKind, LegalPersonStatus, PROVIDER } from './types';
import { LEGAL_PERSON_INGEST } from './ingest';

type Ctx = SubgraphContext<LegalPersonLoaders>;

export const legalPersonChanges = changeResource({
  spec: LEGAL_PERSON_INGEST,
  provider: PROVIDER,
  resource: {
    code: 'HY-FR-002',
    name: '法人信息变更记录',
    summary: '法人基本信息每条记录的变更：时间、变更项与新值（按项共享与脱敏）',
    computedFrom: '法人基本信息 (HY-FR-001) 的变更历史',
  },
  keyField: 'legalPersonId',
  keyDescription: "The legal person's pseudonymous key (LegalPerson.id)",
  recordField: 'legalPerson',
  recordType: () => LegalPerson,
  recordDescription: 'The legal person as it is now (each field under its own policy)',
  queryName: 'legalPersonChangesSince',
  queryDescription:
    'Changes to legal-person records since a time, oldest first: only changes to items the caller may read for its purpose, each value as a read of its item',
  valuesDescription:
    'The changed items the reader may read, by LegalPerson field (legalRepresentative: the person’s key), each served as that item; a home address as Person.householdAddress',
  load: (ctx, ids) => (ctx as Ctx).loaders.legalPersonById.loadMany(ids),
  present: (ctx, change, record) => {
    if (!change.values || !('registeredAddress' in change.values)) return;
    const row = record as LegalPersonEntity | undefined;
    // At home now, or declared at home by this change: a household's address (fails closed when the record is gone).
    const atHome = !row || row.registeredAtHome || change.rawNew?.registered_at_home === true;
    if (!atHome || typeof change.values.registeredAddress !== 'string') return;
    const view = carriedView(ctx.policy, PROVIDER, HOUSEHOLD_ADDRESS, change.values.registeredAddress);
    ctx.policy.audit.record(HOUSEHOLD_ADDRESS.resource, HOUSEHOLD_ADDRESS.item, view.outcome, row?.legalRepresentativeId);
    change.values.registeredAddress = view.text;
    if (change.oldValues && typeof change.oldValues.registeredAddress === 'string') {
      change.oldValues.registeredAddress = carriedView(ctx.policy, PROVIDER, HOUSEHOLD_ADDRESS, change.oldValues.registeredAddress).text;
    }
  },
});

@InputType({ description: 'A correction to one legal person by its provider: the USCC names it; fields left out are kept, null clears an optional one.' })
export class LegalPersonUpdateInput {
  @Field(() => String) uscc: string;
  @Field(() => String, { nullable: true, description: '个体工商户（经营者姓名） is split as on ingestion' }) name?: string;
  @Field(() => LegalPersonKind, { nullable: true }) kind?: LegalPersonKind;
  @Field(() => String, { nullable: true, description: "The legal representative's citizen ID number" }) legalRepresentative?: string;
  @Field(() => Float, { nullable: true }) registeredCapital?: number | null;
  @Field(() => String, { nullable: true }) establishedDate?: string;
  @Field(() => String, { nullable: true }) businessScope?: string;
  @Field(() => LegalPersonStatus, { nullable: true }) status?: LegalPersonStatus;
  @Field(() => String, { nullable: true }) registrationAuthority?: string;
  @Field(() => String, { nullable: true }) registeredDivisionCode?: string;
  @Field(() => String, { nullable: true }) registeredAddress?: string;
  @Field(() => Boolean, { nullable: true, description: "The provider's declaration that the registered address is a home (null: at home)" })
  registeredAtHome?: boolean | null;
  @Field(() => String, { nullable: true }) contactPhone?: string | null;
  @Field(() => Int, { nullable: true }) employeeCount?: number | null;
  @Field(() => Float, { nullable: true }) totalAssets?: number | null;
}

@Resolver()
export class LegalPersonUpdateResolver {
  @Mutation(() => [LegalPerson], {
    description:
      "The provider's operator corrects legal-person records (all or nothing, at most 100): same rules as an ingest file; every change kept in the history",
  })
  async updateLegalPersons(@Arg('input', () => [LegalPersonUpdateInput]) input: LegalPersonUpdateInput[], @Ctx() ctx: Ctx) {
    const keys = await providerUpdate(ctx, {
      subgraph: 'legal-person',
      provider: PROVIDER,
      database: '法人基础库',
      mutation: 'updateLegalPersons',
      spec: LEGAL_PERSON_INGEST,
      input,
    });
    return foundRows(await ctx.loaders.legalPersonById.loadMany(keys));
  }
}
