/**
 * The provider's updates of 社会信用库 and what consumers learn of changes (issue 11), in the shape
 * every base database shares (platform/history/resource.ts). A change to a natural person's record
 * that the law does not publish is listed only to readers who may read Person.creditRecords, as the
 * record itself is (resolvers.ts visibleRecord); its content is served as
 * CreditRecord.personalContent, the stricter of the two content items; the subject's key is never
 * in a change (it is reached through `creditRecord { person | legalPerson }`).
 */
import { Arg, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { changeResource } from '../../platform/history/resource';
import { foundRows, providerUpdate } from '../../platform/history/update';
import type { CreditLoaders } from './loaders';
import type { CreditRecordEntity } from './entities';
import { CreditCategory, CreditPenaltySeverity, CreditRecord, CreditSubjectKind, PROVIDER } from './types';
import { CREDIT_RECORD_INGEST } from './ingest';
import { isPublishedRecord, mayReadPersonalRecords } from './resolvers';

type Ctx = SubgraphContext<CreditLoaders>;

export const creditRecordChanges = changeResource({
  spec: CREDIT_RECORD_INGEST,
  provider: PROVIDER,
  resource: {
    code: 'HY-XY-005',
    name: '社会信用记录变更记录',
    summary: '社会信用记录每条记录的变更：时间、变更项与新值（按项共享与脱敏）',
    computedFrom: '社会信用记录 (HY-XY-001) 的变更历史',
  },
  keyField: 'creditRecordId',
  keyDescription: "The credit record's pseudonymous key (CreditRecord.id)",
  recordField: 'creditRecord',
  recordType: () => CreditRecord,
  recordDescription: 'The credit record as it is now (each field under its own policy)',
  queryName: 'creditRecordChangesSince',
  queryDescription:
    'Changes to credit records since a time, oldest first: only changes to items the caller may read, on records it may know of, each value as a read of its item',
  valuesDescription: 'The changed items the reader may read, by CreditRecord field (content served as CreditRecord.personalContent), each served as that item',
  items: { content: 'CreditRecord.personalContent', agencyName: 'CreditAgency.name', agencyCode: 'CreditAgency.code' },
  load: (ctx, ids) => (ctx as Ctx).loaders.recordById.loadMany(ids),
  visible: (ctx, record) => {
    const r = record as CreditRecordEntity | undefined;
    return (r != null && isPublishedRecord(r)) || mayReadPersonalRecords(ctx as Ctx);
  },
});

@InputType({ description: 'A correction to one credit record by its provider: the document number names it; fields left out are kept.' })
export class CreditRecordUpdateInput {
  @Field(() => String) decisionNumber: string;
  @Field(() => CreditSubjectKind, { nullable: true }) subjectKind?: CreditSubjectKind;
  @Field(() => String, { nullable: true, description: 'The subject: a citizen ID number (PERSON) or a USCC (LEGAL_PERSON), with subjectKind' })
  subject?: string;
  @Field(() => CreditCategory, { nullable: true }) category?: CreditCategory;
  @Field(() => String, { nullable: true }) listName?: string;
  @Field(() => CreditPenaltySeverity, { nullable: true }) severity?: CreditPenaltySeverity | null;
  @Field(() => String, { nullable: true }) agencyName?: string;
  @Field(() => String, { nullable: true }) agencyCode?: string;
  @Field(() => String, { nullable: true }) decisionDate?: string;
  @Field(() => String, { nullable: true }) validFrom?: string | null;
  @Field(() => String, { nullable: true }) validTo?: string | null;
  @Field(() => String, { nullable: true }) publicityStart?: string | null;
  @Field(() => String, { nullable: true }) publicityEnd?: string | null;
  @Field(() => String, { nullable: true }) repairedDate?: string | null;
  @Field(() => String, { nullable: true }) content?: string;
  @Field(() => String, { nullable: true }) caseFile?: string | null;
}

@Resolver()
export class CreditUpdateResolver {
  @Mutation(() => [CreditRecord], {
    description:
      "The provider's operator corrects credit records (all or nothing, at most 100): same rules as an ingest file; every change kept in the history",
  })
  async updateCreditRecords(@Arg('input', () => [CreditRecordUpdateInput]) input: CreditRecordUpdateInput[], @Ctx() ctx: Ctx) {
    const keys = await providerUpdate(ctx, {
      subgraph: 'credit',
      provider: PROVIDER,
      database: '社会信用库',
      mutation: 'updateCreditRecords',
      spec: CREDIT_RECORD_INGEST,
      input,
    });
    return foundRows(await ctx.loaders.recordById.loadMany(keys));
  }
}
