/**
 * 社会信用库 as GraphQL (provider 市发展和改革委员会, the city's credit administration).
 *
 * One field has one policy, and a credit record is public for a legal person (双公示, black and red
 * lists) but personal for a natural person. So the parts of a record that differ are separate
 * fields: `legalPerson` and `content` (OPEN) are set on a legal person's record, `person` and
 * `personalContent` (CONDITIONAL, masked by default) on a person's. The remaining facts (category,
 * list, agency, document number, dates, status) identify nobody without the subject link and are
 * open. Investigation material (`caseFile`) is never shared. See docs/subgraphs/credit.md.
 * Fields computed by resolvers (status, subject links, content) carry their policy in resolvers.ts.
 */
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { FieldPolicy, Resource, Sharing, keyPolicy } from '../../platform/policy/metadata';
import { entityStub } from '../../platform/subgraph/entity-stub';
import { PERSON_OWNER } from '../population/entity-keys';
import { LEGAL_PERSON_OWNER } from '../legal-person/entity-keys';

export const PROVIDER = 'development-reform';

/** Facts the law makes public: 双公示 decisions, black and red lists, ratings of legal persons. */
export const PUBLIC_FACT: FieldPolicy = { type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: PROVIDER };

export enum CreditCategory {
  RED_LIST = 'RED_LIST',
  BLACK_LIST = 'BLACK_LIST',
  ADMINISTRATIVE_LICENSING = 'ADMINISTRATIVE_LICENSING',
  ADMINISTRATIVE_PENALTY = 'ADMINISTRATIVE_PENALTY',
  CREDIT_RATING = 'CREDIT_RATING',
}
registerEnumType(CreditCategory, {
  name: 'CreditCategory',
  description: 'Category of a credit record',
  valuesConfig: {
    RED_LIST: { description: '守信激励对象名单（红名单）: A级纳税人, 守合同重信用企业' },
    BLACK_LIST: { description: '失信惩戒对象名单（黑名单）: 失信被执行人, 重大税收违法失信主体, 严重违法失信名单' },
    ADMINISTRATIVE_LICENSING: { description: '行政许可 (双公示)' },
    ADMINISTRATIVE_PENALTY: { description: '行政处罚 (双公示)' },
    CREDIT_RATING: { description: '信用评价结果 (e.g. 纳税信用B级)' },
  },
});

export enum CreditSubjectKind {
  PERSON = 'PERSON',
  LEGAL_PERSON = 'LEGAL_PERSON',
}
registerEnumType(CreditSubjectKind, { name: 'CreditSubjectKind', description: 'Whether the subject is a natural person or a legal person' });

export enum CreditRecordStatus {
  IN_PUBLICITY = 'IN_PUBLICITY',
  EXPIRED = 'EXPIRED',
  REPAIRED = 'REPAIRED',
  NOT_PUBLISHED = 'NOT_PUBLISHED',
}
registerEnumType(CreditRecordStatus, {
  name: 'CreditRecordStatus',
  description: 'State of a record on a date, computed from its publicity period',
  valuesConfig: {
    IN_PUBLICITY: { description: '公示中' },
    EXPIRED: { description: '公示期满，停止公示' },
    REPAIRED: { description: '已信用修复 / 移出名单 / 删除失信信息' },
    NOT_PUBLISHED: { description: '不予公示（如仅受警告、较低数额罚款的轻微行政处罚）' },
  },
});

export enum CreditPenaltySeverity {
  MINOR = 'MINOR',
  GENERAL = 'GENERAL',
  SERIOUS = 'SERIOUS',
}
registerEnumType(CreditPenaltySeverity, {
  name: 'CreditPenaltySeverity',
  description: 'Seriousness of the misconduct behind an administrative penalty, which fixes its publicity period',
  valuesConfig: {
    MINOR: { description: '轻微：不予公示' },
    GENERAL: { description: '一般失信行为：最短公示3个月，最长1年' },
    SERIOUS: { description: '严重失信行为：最短公示1年，最长3年' },
  },
});

export enum CreditRating {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(CreditRating, {
  name: 'CreditRating',
  description: 'Public credit rating computed from the records (rules in docs/subgraphs/credit.md)',
  valuesConfig: {
    A: { description: '守信：on a red list, no administrative penalty in publicity' },
    B: { description: '基本守信: none of the other rules applies' },
    C: { description: '失信风险: ≥ 2 administrative penalties in publicity from the last 3 years, or a serious one' },
    D: { description: '严重失信: on a black list now' },
  },
});

/** The population subgraph's Person: its key, plus credit fields resolved here. */
export const PersonRef = entityStub(PERSON_OWNER);
export type PersonRef = InstanceType<typeof PersonRef>;

/** The legal-person subgraph's LegalPerson: its key, plus credit fields resolved here. */
export const LegalPersonRef = entityStub(LEGAL_PERSON_OWNER);
export type LegalPersonRef = InstanceType<typeof LegalPersonRef>;

@ObjectType({ description: 'The agency that made a decision (处罚机关 / 许可机关 / 认定部门 / 执行法院).' })
@Resource({
  code: 'HY-XY-002',
  name: '信用信息决定机关',
  summary: '作出信用记录所载决定的机关的名称与统一社会信用代码',
  updateCycle: 'DAILY',
  provider: PROVIDER,
  computedFrom: 'CreditRecord',
})
export class CreditAgency {
  @Field(() => String, { description: '名称' })
  @Sharing(PUBLIC_FACT)
  name: string;

  @Field(() => String, { description: '统一社会信用代码 of the agency' })
  @Sharing(PUBLIC_FACT)
  code: string;
}

@ObjectType({ description: 'A credit record of a person or legal person (社会信用库).' })
@Directive('@key(fields: "id")')
@Resource({
  code: 'HY-XY-001',
  name: '社会信用记录',
  provider: PROVIDER,
  updateCycle: 'DAILY',
  summary: '自然人与法人的守信激励和失信惩戒名单、行政许可与行政处罚（双公示）、信用评价结果，含公示期与信用修复状态',
})
export class CreditRecord {
  @Field(() => ID, { description: 'Pseudonymous key of the decision number' })
  @Sharing(keyPolicy(PROVIDER, 'OPEN'))
  id: string;

  @Field(() => CreditSubjectKind, { description: 'Which of `person` / `legalPerson` the record is about' })
  @Sharing(PUBLIC_FACT)
  subjectKind: CreditSubjectKind;

  @Field(() => CreditCategory)
  @Sharing(PUBLIC_FACT)
  category: CreditCategory;

  @Field(() => String, { description: '名单名称 / 许可事项 / 处罚种类 / 评价结果, e.g. 失信被执行人, 食品经营许可, 罚款, 纳税信用B级' })
  @Sharing(PUBLIC_FACT)
  listName: string;

  @Field(() => CreditPenaltySeverity, { nullable: true, description: 'For administrative penalties: 轻微 / 一般 / 严重' })
  @Sharing(PUBLIC_FACT)
  severity: CreditPenaltySeverity | null;

  @Field(() => String, { description: '文书号: 决定书文号 (衡市监处罚〔2024〕123号) or 执行案号 ((2024)湘0408执123号)' })
  @Sharing(PUBLIC_FACT)
  decisionNumber: string;

  @Field(() => String, { description: '决定日期 / 列入日期 YYYY-MM-DD' })
  @Sharing(PUBLIC_FACT)
  decisionDate: string;

  @Field(() => String, { nullable: true, description: '有效期自 (licences, list entries, ratings)' })
  @Sharing(PUBLIC_FACT)
  validFrom: string | null;

  @Field(() => String, { nullable: true, description: '有效期至; null = no fixed term (e.g. 失信被执行人 until performance)' })
  @Sharing(PUBLIC_FACT)
  validTo: string | null;

  @Field(() => String, { nullable: true, description: '公示起始日; null = not published' })
  @Sharing(PUBLIC_FACT)
  publicityStart: string | null;

  @Field(() => String, { nullable: true, description: '公示截止日 (inclusive); null = until removed' })
  @Sharing(PUBLIC_FACT)
  publicityEnd: string | null;

  @Field(() => String, { nullable: true, description: '信用修复 / 移出 / 删除日期' })
  @Sharing(PUBLIC_FACT)
  repairedDate: string | null;

  @Field(() => String, {
    nullable: true,
    description: '案件来源、举报人信息与调查材料: kept by the deciding agency, never shared',
  })
  @Sharing({
    type: 'NONE',
    open: 'CLOSED',
    level: 'L4',
    provider: PROVIDER,
    basis:
      '《中华人民共和国行政处罚法》第五十条（行政机关及其工作人员对实施行政处罚过程中知悉的国家秘密、商业秘密或者个人隐私，应当依法予以保密）；' +
      '执行卷宗不属《最高人民法院关于公布失信被执行人名单信息的若干规定》第六条所列记载和公布的事项',
  })
  caseFile: string | null;
}

@ObjectType({ description: 'Number of records of one category' })
@Resource({
  code: 'HY-XY-004',
  name: '信用记录分类统计',
  summary: '信用概况中按类别统计的记录数与公示中记录数（按需计算，不存储）',
  updateCycle: 'DAILY',
  provider: PROVIDER,
  computedFrom: 'CreditRecord',
})
export class CreditCategoryCount {
  @Field(() => CreditCategory)
  @Sharing(PUBLIC_FACT)
  category: CreditCategory;

  @Field(() => Int, { description: 'Records decided on or before asOf' })
  @Sharing(PUBLIC_FACT)
  total: number;

  @Field(() => Int, { description: 'Of those, in publicity on asOf' })
  @Sharing(PUBLIC_FACT)
  inPublicity: number;
}

@ObjectType({
  description:
    'A subject’s credit profile, computed from its records on a date (never stored). A legal person’s profile is public; ' +
    'a person’s is reached only through the conditional Person.creditProfile.',
})
@Resource({
  code: 'HY-XY-003',
  name: '信用概况',
  summary: '自然人与法人在某一日期的信用评价、红黑名单与近三年行政处罚（按记录计算，不存储）',
  updateCycle: 'DAILY',
  provider: PROVIDER,
  computedFrom: 'CreditRecord',
})
export class CreditProfile {
  @Field(() => String, { description: 'The date the profile is computed for, YYYY-MM-DD' })
  @Sharing(PUBLIC_FACT)
  asOf: string;

  @Field(() => CreditRating)
  @Sharing(PUBLIC_FACT)
  rating: CreditRating;

  @Field(() => String, { description: 'Which rule decided the rating, in words' })
  @Sharing(PUBLIC_FACT)
  ratingReason: string;

  @Field(() => Boolean, { description: 'On any black list on asOf' })
  @Sharing(PUBLIC_FACT)
  onBlacklistNow: boolean;

  @Field(() => [String], { description: 'Black lists the subject is on at asOf' })
  @Sharing(PUBLIC_FACT)
  blacklists: string[];

  @Field(() => [String], { description: 'Red lists the subject is on at asOf' })
  @Sharing(PUBLIC_FACT)
  redLists: string[];

  @Field(() => Int, { description: 'Administrative penalties in publicity decided within the 3 years before asOf' })
  @Sharing(PUBLIC_FACT)
  recentPenalties: number;

  @Field(() => [CreditCategoryCount], { description: 'One entry per category' })
  @Sharing(PUBLIC_FACT)
  counts: CreditCategoryCount[];

  /** The subject's key, for the audit trail; not a GraphQL field. */
  subjectId: string;
}

export const CreditRecordConnection = Connection(CreditRecord, 'CreditRecord');
