/** Queries of 社会信用库, the computed fields of a record, and the credit fields of Person and
 *  LegalPerson. Every per-subject field goes through `recordsBySubject`: one SELECT a page. */
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { FieldPolicy, PARAMETER, Sharing, filterBy, lookupBy } from '../../platform/policy/metadata';
import { renderCarriedName } from '../../platform/policy/carried';
import { decodeCursor, toConnection, validateFirst } from '../../platform/graphql/connection';
import { assertNonEmpty } from '../../platform/graphql/args';
import { assertUscc } from '../../platform/ids/uscc';
import { legalPersonKey } from '../../platform/keys';
import { CreditRecordEntity } from './entities';
import type { CreditLoaders } from './loaders';
import { assertKey, categoryArg, dateArg, normalizeDecisionNumber } from './args';
import { CreditCategoryName, isInPublicity, rateCredit, recordStatus } from './rating';
import {
  CreditAgency,
  CreditProfile,
  CreditRecord,
  CreditRecordConnection,
  CreditRecordStatus,
  CreditSubjectKind,
  LegalPersonRef,
  PersonRef,
  PROVIDER,
  PUBLIC_FACT,
} from './types';
import { forbidden } from '../../platform/errors';
import { findRows, PLAIN } from '../../platform/db/loaders';

type Ctx = SubgraphContext<CreditLoaders>;

/** A person's link to a record, and a person's profile and records: personal credit data. */
const PERSONAL: FieldPolicy = { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', provider: PROVIDER };
/** Black-list membership of a person: public by law (失信被执行人), shared with every agency for
 *  joint punishment, but not republished as open data by this platform. */
const PERSON_BLACKLIST: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER };

/** The filters of a list of records: category, and publicity on a date (computed from the open
 *  publicity dates, as CreditRecord.status is). */
const RECORD_FILTERS = { category: filterBy('CreditRecord.category'), inPublicityOn: filterBy('CreditRecord.status') };

const CATEGORY_DESCRIPTION =
  'Category: RED_LIST, BLACK_LIST, ADMINISTRATIVE_LICENSING, ADMINISTRATIVE_PENALTY, CREDIT_RATING, or 红名单/黑名单/行政许可/行政处罚/信用评价';
const AS_OF_DESCRIPTION = 'Date to compute for, YYYY-MM-DD; default today (China time)';

/** SQL form of rating.ts isInPublicity, for the publicity listing. */
function inPublicityWhere(date: string): FilterQuery<CreditRecordEntity> {
  return {
    decisionDate: { $lte: date },
    publicityStart: { $lte: date },
    $and: [{ $or: [{ publicityEnd: null }, { publicityEnd: { $gte: date } }] }, { $or: [{ repairedDate: null }, { repairedDate: { $gt: date } }] }],
  };
}

type SubjectKind = CreditRecordEntity['subjectKind'];

/**
 * A subject's records of its own kind only: a key reaches the credit subgraph as a Person or a
 * LegalPerson (from _entities or another subgraph), and a person's key sent as a LegalPerson must
 * find nothing (issue 8: key confusion). Keys of the two kinds never collide (platform/keys.ts).
 */
async function recordsOfKind(ctx: Ctx, subjectId: string, kind: SubjectKind): Promise<CreditRecordEntity[]> {
  return (await ctx.loaders.recordsBySubject.load(subjectId)).filter((r) => r.subjectKind === kind);
}

/**
 * A natural person's record is personal data (a penalty, a permit, a rating: 未公开的违法记录 are
 * sensitive personal information, GB/T 35273-2020 附录B), except a court's 失信被执行人 entry, which
 * the law publishes. Its facts are served by record-level queries only to readers who may read
 * Person.creditRecords; for others the record does not exist in listings and a lookup is refused
 * (issue 8, class 15; docs/classification-review.md).
 */
const PERSONAL_RECORD_ITEM = 'Person.creditRecords';
export const isPublishedRecord = (r: Pick<CreditRecordEntity, 'subjectKind' | 'category'>) => r.subjectKind === 'LEGAL_PERSON' || r.category === 'BLACK_LIST';

export function mayReadPersonalRecords(ctx: Ctx): boolean {
  const who = ctx.policy.identity;
  if (who.kind === 'agency' && who.agency === PROVIDER) return true;
  const d = ctx.policy.decision(PERSONAL_RECORD_ITEM, PERSONAL);
  return d.allowed && !d.scopes;
}

/** The record if this reader may see it; a FORBIDDEN error naming the item otherwise (null stays null). */
function visibleRecord(ctx: Ctx, r: CreditRecordEntity | null | undefined): CreditRecordEntity | null {
  if (!r) return null;
  if (isPublishedRecord(r) || mayReadPersonalRecords(ctx)) return r;
  ctx.policy.audit.record('CreditRecord', PERSONAL_RECORD_ITEM, 'refused', null);
  const reason = `This credit record is a natural person's (${PERSONAL_RECORD_ITEM}, conditional): it needs a live grant for that item and the purpose`;
  throw forbidden(reason, { item: PERSONAL_RECORD_ITEM, sharingType: PERSONAL.type, provider: PROVIDER, reason });
}

async function profileOf(ctx: Ctx, subjectId: string, kind: SubjectKind, asOf: string | null | undefined): Promise<CreditProfile> {
  const date = dateArg(asOf, 'asOf');
  const records = await recordsOfKind(ctx, subjectId, kind);
  return { ...(rateCredit(records, date) as Omit<CreditProfile, 'subjectId'>), subjectId };
}

async function recordsOf(ctx: Ctx, subjectId: string, kind: SubjectKind, category: string | null | undefined, inPublicityOn: string | null | undefined) {
  const wanted: CreditCategoryName | undefined = categoryArg(category);
  const on = inPublicityOn == null ? undefined : dateArg(inPublicityOn, 'inPublicityOn');
  const records = await recordsOfKind(ctx, subjectId, kind);
  return records.filter((r) => (!wanted || r.category === wanted) && (!on || isInPublicity(r, on)));
}

@Resolver(() => CreditRecord)
export class CreditRecordResolver {
  @Query(() => CreditRecord, { nullable: true, description: 'A credit record by key' })
  @Sharing({ ...PUBLIC_FACT, args: { id: filterBy('CreditRecord.id') } })
  async creditRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return visibleRecord(ctx, await ctx.loaders.recordById.load(assertKey(id, 'id')));
  }

  @Query(() => CreditRecord, {
    nullable: true,
    description: 'A credit record by document number (文书号 / 案号); any bracket style: 衡市监处罚〔2024〕123号, (2024)湘0408执123号',
  })
  @Sharing({ ...PUBLIC_FACT, args: { decisionNumber: lookupBy('CreditRecord.decisionNumber') } })
  async creditRecordByDecisionNumber(@Arg('decisionNumber', () => String) decisionNumber: string, @Ctx() ctx: Ctx) {
    return visibleRecord(ctx, await ctx.loaders.recordByDecisionNumber.load(normalizeDecisionNumber(decisionNumber)));
  }

  @Query(() => CreditRecordConnection, {
    description: 'Credit records in key order, by category, subject kind, list name, and publicity on a date (双公示 and list publicity)',
  })
  @Sharing({ ...PUBLIC_FACT, args: { ...RECORD_FILTERS, subjectKind: filterBy('CreditRecord.subjectKind'), listName: filterBy('CreditRecord.listName') } })
  async creditRecords(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('category', () => String, { nullable: true, description: CATEGORY_DESCRIPTION }) category?: string,
    @Arg('subjectKind', () => CreditSubjectKind, { nullable: true }) subjectKind?: CreditSubjectKind,
    @Arg('listName', () => String, { nullable: true, description: 'Exact list / item / penalty name, e.g. 失信被执行人' }) listName?: string,
    @Arg('inPublicityOn', () => String, { nullable: true, description: 'Only records in publicity on this date, YYYY-MM-DD' }) inPublicityOn?: string,
  ) {
    const size = validateFirst(first);
    const cursor = decodeCursor(after);
    const conditions: FilterQuery<CreditRecordEntity>[] = [];
    const wanted = categoryArg(category);
    if (wanted) conditions.push({ category: wanted });
    if (subjectKind) conditions.push({ subjectKind });
    if (listName != null) conditions.push({ listName: assertNonEmpty(listName, 'listName') });
    if (inPublicityOn != null) conditions.push(inPublicityWhere(dateArg(inPublicityOn, 'inPublicityOn')));
    // A person's unpublished records are not listed (nor counted) for readers without Person.creditRecords.
    if (!mayReadPersonalRecords(ctx)) conditions.push({ $or: [{ subjectKind: 'LEGAL_PERSON' }, { category: 'BLACK_LIST' }] });
    const where: FilterQuery<CreditRecordEntity> = conditions.length ? { $and: conditions } : {};
    const page: FilterQuery<CreditRecordEntity> = cursor ? { $and: [...conditions, { id: { $gt: cursor } }] } : where;
    const rows = await findRows(ctx.em, CreditRecordEntity, page, { orderBy: { id: 'asc' }, limit: size + 1 }, PLAIN);
    return toConnection(
      rows,
      size,
      (r) => r.id,
      () => ctx.em.count(CreditRecordEntity, where),
    );
  }

  @Query(() => CreditProfile, { description: 'The public credit profile of a legal person, by USCC (validated, GB 32100)' })
  @Sharing({ ...PUBLIC_FACT, args: { uscc: lookupBy('LegalPerson.uscc'), asOf: PARAMETER } })
  creditProfileByUscc(
    @Arg('uscc', () => String) uscc: string,
    @Ctx() ctx: Ctx,
    @Arg('asOf', () => String, { nullable: true, description: AS_OF_DESCRIPTION }) asOf?: string,
  ) {
    return profileOf(ctx, legalPersonKey(assertUscc(uscc, 'uscc')), 'LEGAL_PERSON', asOf);
  }

  @FieldResolver(() => CreditAgency, { description: '作出决定的机关' })
  @Sharing(PUBLIC_FACT)
  issuingAgency(@Root() r: CreditRecordEntity): CreditAgency {
    return { name: r.agencyName, code: r.agencyCode };
  }

  @FieldResolver(() => CreditRecordStatus, { description: 'State on a date: 公示中 / 公示期满 / 已修复 / 不予公示' })
  @Sharing({ ...PUBLIC_FACT, args: { asOf: PARAMETER } })
  status(@Root() r: CreditRecordEntity, @Arg('asOf', () => String, { nullable: true, description: AS_OF_DESCRIPTION }) asOf?: string) {
    return recordStatus(r, dateArg(asOf, 'asOf'));
  }

  @FieldResolver(() => LegalPersonRef, {
    nullable: true,
    description: 'The subject, when a legal person (行政相对人); null on a person’s record',
  })
  @Sharing({ ...PUBLIC_FACT, inverse: 'LegalPerson.creditRecords' })
  legalPerson(@Root() r: CreditRecordEntity): LegalPersonRef | null {
    return r.subjectKind === 'LEGAL_PERSON' ? { id: r.subjectId } : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Summary of a legal person’s decision (双公示 content); null on a person’s record (see personalContent)',
  })
  @Sharing(PUBLIC_FACT)
  content(@Root() r: CreditRecordEntity, @Ctx() ctx: Ctx): string | null {
    // An operator's name inside the text ({经营者}) is shown as this reader may see Person.name.
    return r.subjectKind === 'LEGAL_PERSON' ? renderCarriedName(ctx.policy, PROVIDER, r.content, r.operatorName, null) : null;
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'The subject, when a natural person; null on a legal person’s record' })
  @Sharing({ ...PERSONAL, inverse: 'Person.creditRecords' })
  person(@Root() r: CreditRecordEntity): PersonRef | null {
    return r.subjectKind === 'PERSON' ? { id: r.subjectId } : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Summary of a person’s decision; by default only its four-character type (拒不履行：…) is shown',
  })
  @Sharing({ ...PERSONAL, mask: 'KEEP(5,0)' })
  personalContent(@Root() r: CreditRecordEntity): string | null {
    return r.subjectKind === 'PERSON' ? r.content : null;
  }
}

@Resolver(() => LegalPersonRef)
export class LegalPersonCreditResolver {
  @FieldResolver(() => CreditProfile, { description: 'Credit profile (信用画像) computed from the records on asOf' })
  @Sharing({ ...PUBLIC_FACT, args: { asOf: PARAMETER } })
  creditProfile(@Root() lp: LegalPersonRef, @Ctx() ctx: Ctx, @Arg('asOf', () => String, { nullable: true, description: AS_OF_DESCRIPTION }) asOf?: string) {
    return profileOf(ctx, lp.id, 'LEGAL_PERSON', asOf);
  }

  @FieldResolver(() => [CreditRecord], { description: 'Credit records, newest first (双公示, lists, ratings)' })
  @Sharing({ ...PUBLIC_FACT, args: RECORD_FILTERS, inverse: 'CreditRecord.legalPerson' })
  creditRecords(
    @Root() lp: LegalPersonRef,
    @Ctx() ctx: Ctx,
    @Arg('category', () => String, { nullable: true, description: CATEGORY_DESCRIPTION }) category?: string,
    @Arg('inPublicityOn', () => String, { nullable: true, description: 'Only records in publicity on this date, YYYY-MM-DD' }) inPublicityOn?: string,
  ) {
    return recordsOf(ctx, lp.id, 'LEGAL_PERSON', category, inPublicityOn);
  }
}

@Resolver(() => PersonRef)
export class PersonCreditResolver {
  @FieldResolver(() => CreditProfile, { description: 'Credit profile computed from the person’s records on asOf (personal: conditional)' })
  @Sharing({ ...PERSONAL, args: { asOf: PARAMETER } })
  creditProfile(@Root() person: PersonRef, @Ctx() ctx: Ctx, @Arg('asOf', () => String, { nullable: true, description: AS_OF_DESCRIPTION }) asOf?: string) {
    return profileOf(ctx, person.id, 'PERSON', asOf);
  }

  @FieldResolver(() => [CreditRecord], { description: 'The person’s credit records, newest first (personal: conditional)' })
  @Sharing({ ...PERSONAL, args: RECORD_FILTERS, inverse: 'CreditRecord.person' })
  creditRecords(
    @Root() person: PersonRef,
    @Ctx() ctx: Ctx,
    @Arg('category', () => String, { nullable: true, description: CATEGORY_DESCRIPTION }) category?: string,
    @Arg('inPublicityOn', () => String, { nullable: true, description: 'Only records in publicity on this date, YYYY-MM-DD' }) inPublicityOn?: string,
  ) {
    return recordsOf(ctx, person.id, 'PERSON', category, inPublicityOn);
  }

  @FieldResolver(() => [String], { description: 'Black lists (失信被执行人) the person is on today: public by law, for joint punishment' })
  @Sharing(PERSON_BLACKLIST)
  async creditBlacklists(@Root() person: PersonRef, @Ctx() ctx: Ctx) {
    return (await profileOf(ctx, person.id, 'PERSON', undefined)).blacklists;
  }
}

export const creditReferenceResolvers = {
  CreditRecord: { __resolveReference: async (ref: { id: string }, ctx: Ctx) => visibleRecord(ctx, await ctx.loaders.recordById.load(ref.id)) },
  // Any key resolves: a subject without records has an empty profile (rating B) and no records;
  // the field resolvers read only records of the reference's own kind (recordsOfKind).
  Person: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  LegalPerson: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};
