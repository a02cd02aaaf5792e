/**
 * The catalog subgraph's GraphQL types (provider: the administering bureau, data-bureau).
 *
 * Policy classes used here (every field declares one):
 *  - PUBLIC_REGISTER: the agency register, the catalogue, the working calendar and the yearly
 *    evaluation are published (Art. 12, 23, 25 "评估并公布结果"): OPEN, no token needed.
 *  - WORKFLOW: applications, reviews, grants and objections reach any agency token at the shield;
 *    the resolvers scope them (applicant, providers, the bureau) and refuse others FORBIDDEN.
 *  - AUDIT: the audit trail, scoped by the resolvers (bureau: all; provider: its data; others:
 *    their own requests).
 *  - SELF_SERVICE: a data subject's own access history, declared `subject: true` (readable with a
 *    subject token); the resolver serves a subject token its own events only and refuses every
 *    other caller (anonymous or agency) FORBIDDEN.
 */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FieldPolicy, Resource, Sharing } from '../../platform/policy/metadata';
import { Connection } from '../../platform/graphql/connection';

export const PROVIDER = 'data-bureau';
export const PUBLIC_REGISTER: FieldPolicy = { type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: PROVIDER };
export const WORKFLOW: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER };
export const AUDIT: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L3', provider: PROVIDER };
export const SELF_SERVICE: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L3', provider: PROVIDER, subject: true };

// ─── enums ───────────────────────────────────────────────────────────────────────────────────

export enum SharingTypeEnum { UNCONDITIONAL = 'UNCONDITIONAL', CONDITIONAL = 'CONDITIONAL', NONE = 'NONE' }
registerEnumType(SharingTypeEnum, { name: 'SharingType', description: '共享类型 (Art. 15): 无条件共享 / 有条件共享 / 不予共享' });

export enum OpenTypeEnum { OPEN = 'OPEN', CONDITIONAL = 'CONDITIONAL', CLOSED = 'CLOSED' }
registerEnumType(OpenTypeEnum, { name: 'OpenType', description: '开放类型 (Art. 22): 无条件开放 / 有条件开放 / 不予开放' });

export enum SensitivityLevelEnum { L1 = 'L1', L2 = 'L2', L3 = 'L3', L4 = 'L4' }
registerEnumType(SensitivityLevelEnum, { name: 'SensitivityLevel', description: '安全等级 (Art. 24 (7)): L1 public … L4 most sensitive' });

export enum UpdateCycleEnum { REAL_TIME = 'REAL_TIME', DAILY = 'DAILY', WEEKLY = 'WEEKLY', MONTHLY = 'MONTHLY', QUARTERLY = 'QUARTERLY', YEARLY = 'YEARLY' }
registerEnumType(UpdateCycleEnum, { name: 'UpdateCycle', description: '更新周期 (Art. 14 更新时限)' });

export enum ApplicationStatus {
  UNDER_REVIEW = 'UNDER_REVIEW',
  APPROVED = 'APPROVED',
  PARTIALLY_PROVISIONED = 'PARTIALLY_PROVISIONED',
  PROVISIONED = 'PROVISIONED',
  GRANTED = 'GRANTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'UNDER_REVIEW (awaiting the bureau and the providers) → APPROVED (provider to provision within ten working days) → '
    + 'PARTIALLY_PROVISIONED → PROVISIONED (grant live); GRANTED (unconditional items only, at once); REJECTED; WITHDRAWN; '
    + 'REVOKED or EXPIRED (its grant ended)',
});

export enum ReviewRole { BUREAU = 'BUREAU', PROVIDER = 'PROVIDER' }
registerEnumType(ReviewRole, { name: 'ReviewRole', description: 'BUREAU: the administering bureau (市行政审批服务局); PROVIDER: the providing agency of the items' });

export enum GrantStatus { LIVE = 'LIVE', PENDING = 'PENDING', REVOKED = 'REVOKED', EXPIRED = 'EXPIRED' }
registerEnumType(GrantStatus, { name: 'GrantStatus', description: 'LIVE (enforced now), PENDING (valid from a later time), REVOKED, EXPIRED' });

export enum ObjectionStatus { PENDING = 'PENDING', UPHELD = 'UPHELD', RECLASSIFIED = 'RECLASSIFIED' }
registerEnumType(ObjectionStatus, {
  name: 'ObjectionStatus',
  description: 'PENDING argumentation review; UPHELD (stays NONE, its basis published); RECLASSIFIED (decided shareable: the provider changes its declaration)',
});

export enum ObjectionOutcome { KEEP_NONE = 'KEEP_NONE', RECLASSIFY = 'RECLASSIFY' }
registerEnumType(ObjectionOutcome, { name: 'ObjectionOutcome', description: 'Outcome of the argumentation review (论证审核, Art. 16)' });

export enum AuditDecision { SERVED = 'SERVED', MASKED = 'MASKED', REFUSED = 'REFUSED', PARTIAL = 'PARTIAL' }
registerEnumType(AuditDecision, { name: 'AuditDecision', description: 'What an audit event records for its resource: all served, served masked, all refused, or part refused' });

export enum CalendarDayKindEnum { HOLIDAY = 'HOLIDAY', WORKDAY = 'WORKDAY' }
registerEnumType(CalendarDayKindEnum, { name: 'CalendarDayKind', description: 'HOLIDAY (法定节假日 and bridging days) or WORKDAY (调休上班: a weekend day worked)' });

// ─── agencies ────────────────────────────────────────────────────────────────────────────────

@ObjectType({ description: 'A government department or authorised body (政务部门)' })
@Resource({ code: 'HY-PT-001', name: '政务部门名录', summary: '共享平台上的政务部门及其角色', updateCycle: 'MONTHLY', provider: PROVIDER })
export class Agency {
  @Field(() => String, { description: 'Agency code, as named in tokens and grants' })
  @Sharing(PUBLIC_REGISTER)
  code: string;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  name: string;

  @Field(() => String, { description: 'ADMINISTERING, PROVIDER or CONSUMER' })
  @Sharing(PUBLIC_REGISTER)
  kind: string;

  @Field(() => String, { nullable: true, description: 'The base database (subgraph) this agency provides' })
  @Sharing(PUBLIC_REGISTER)
  provides: string | null;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  description: string;
}

// ─── the catalogue ───────────────────────────────────────────────────────────────────────────

@ObjectType({ description: 'A data item (信息项) of the sharing catalogue: one field of the supergraph with its policy metadata' })
export class CatalogItem {
  @Field(() => String, { description: 'Item name `Type.field`, as in the supergraph' })
  @Sharing(PUBLIC_REGISTER)
  name: string;

  @Field(() => String, { description: 'Code of the resource the item belongs to' })
  @Sharing(PUBLIC_REGISTER)
  resourceCode: string;

  @Field(() => String, { description: 'The GraphQL field name' })
  @Sharing(PUBLIC_REGISTER)
  field: string;

  @Field(() => String, { nullable: true, description: 'The field description from the schema' })
  @Sharing(PUBLIC_REGISTER)
  description: string | null;

  @Field(() => String, { description: 'Data type: the GraphQL type of the field, e.g. String, [Person!]' })
  @Sharing(PUBLIC_REGISTER)
  dataType: string;

  @Field(() => String, { description: 'SCALAR, ENUM (a code list) or OBJECT (a link to another resource)' })
  @Sharing(PUBLIC_REGISTER)
  valueKind: string;

  @Field(() => SharingTypeEnum, { description: '共享类型' })
  @Sharing(PUBLIC_REGISTER)
  sharingType: SharingTypeEnum;

  @Field(() => String, { description: '共享条件: what an agency needs to read the item' })
  @Sharing(PUBLIC_REGISTER)
  sharingCondition: string;

  @Field(() => String, { description: '共享方式 (Art. 18)' })
  @Sharing(PUBLIC_REGISTER)
  sharingMethod: string;

  @Field(() => OpenTypeEnum, { description: '开放类型' })
  @Sharing(PUBLIC_REGISTER)
  openType: OpenTypeEnum;

  @Field(() => String, { description: '开放条件' })
  @Sharing(PUBLIC_REGISTER)
  openCondition: string;

  @Field(() => SensitivityLevelEnum, { description: '安全等级' })
  @Sharing(PUBLIC_REGISTER)
  level: SensitivityLevelEnum;

  @Field(() => String, { description: 'Default masking (脱敏) applied when no grant says otherwise; FULL = none' })
  @Sharing(PUBLIC_REGISTER)
  mask: string;

  @Field(() => String, { description: 'Providing agency code (提供部门)' })
  @Sharing(PUBLIC_REGISTER)
  provider: string;

  @Field(() => String, { nullable: true, description: 'Legal basis of a NONE item (不予共享依据)' })
  @Sharing(PUBLIC_REGISTER)
  basis: string | null;

  @Field(() => UpdateCycleEnum, { description: "更新周期, the resource's" })
  @Sharing(PUBLIC_REGISTER)
  updateCycle: UpdateCycleEnum;

  @Field(() => String, { nullable: true, description: '发布日期: when the item first appeared in the catalogue (ISO 8601)' })
  @Sharing(PUBLIC_REGISTER)
  publishedAt: string | null;

  @Field(() => String, { nullable: true, description: 'When its metadata last changed (ISO 8601)' })
  @Sharing(PUBLIC_REGISTER)
  changedAt: string | null;

  @Field(() => String, { description: 'The subgraph that serves the field' })
  @Sharing(PUBLIC_REGISTER)
  subgraph: string;

  @Field(() => String, { description: 'Schema coordinate of the field in the supergraph' })
  @Sharing(PUBLIC_REGISTER)
  schemaCoordinate: string;

  @Field(() => String, { description: "Apollo Sandbox's schema reference page of the field's type on the platform endpoint" })
  @Sharing(PUBLIC_REGISTER)
  sandboxUrl: string;
}

@ObjectType({ description: 'A resource (信息资源) of the sharing catalogue: one entity type with its items' })
export class CatalogResource {
  @Field(() => String, { description: '资源代码' })
  @Sharing(PUBLIC_REGISTER)
  code: string;

  @Field(() => String, { description: '资源名称' })
  @Sharing(PUBLIC_REGISTER)
  name: string;

  @Field(() => String, { description: '资源摘要' })
  @Sharing(PUBLIC_REGISTER)
  summary: string;

  @Field(() => String, { description: 'Providing agency code (资源提供方)' })
  @Sharing(PUBLIC_REGISTER)
  provider: string;

  @Field(() => UpdateCycleEnum, { description: '更新周期' })
  @Sharing(PUBLIC_REGISTER)
  updateCycle: UpdateCycleEnum;

  @Field(() => String, { description: '资源格式' })
  @Sharing(PUBLIC_REGISTER)
  format: string;

  @Field(() => SharingTypeEnum, { description: 'Resource sharing type: UNCONDITIONAL or NONE only when every item is; otherwise CONDITIONAL' })
  @Sharing(PUBLIC_REGISTER)
  sharingType: SharingTypeEnum;

  @Field(() => OpenTypeEnum, { description: 'Resource open type: OPEN or CLOSED only when every item is; otherwise CONDITIONAL' })
  @Sharing(PUBLIC_REGISTER)
  openType: OpenTypeEnum;

  @Field(() => String, { description: 'The entity type in the supergraph' })
  @Sharing(PUBLIC_REGISTER)
  typeName: string;

  @Field(() => String, { nullable: true, description: 'The type description from the schema' })
  @Sharing(PUBLIC_REGISTER)
  description: string | null;

  @Field(() => String, { description: 'The subgraph that owns the entity' })
  @Sharing(PUBLIC_REGISTER)
  subgraph: string;

  @Field(() => String, { nullable: true, description: '发布日期: earliest publication of its items (ISO 8601)' })
  @Sharing(PUBLIC_REGISTER)
  publishedAt: string | null;

  @Field(() => Int, { description: 'Number of items in the resource (before filtering)' })
  @Sharing(PUBLIC_REGISTER)
  itemCount: number;

  @Field(() => [CatalogItem], { description: 'Its items (信息项), filtered by the query arguments' })
  @Sharing(PUBLIC_REGISTER)
  items: CatalogItem[];

  @Field(() => String, { description: "Apollo Sandbox's schema reference page of the type" })
  @Sharing(PUBLIC_REGISTER)
  sandboxUrl: string;
}

// ─── applications and grants ─────────────────────────────────────────────────────────────────

@ObjectType({ description: 'A masking requested or granted for one item' })
export class ItemMask {
  @Field(() => String)
  @Sharing(WORKFLOW)
  item: string;

  @Field(() => String, { description: 'FULL or a masking spec, e.g. KEEP(3,4)' })
  @Sharing(WORKFLOW)
  mask: string;
}

@ObjectType({ description: "A reviewer's decision on an application" })
export class ApplicationReview {
  @Field(() => String, { description: 'Reviewing agency code' })
  @Sharing(WORKFLOW)
  reviewer: string;

  @Field(() => ReviewRole)
  @Sharing(WORKFLOW)
  role: ReviewRole;

  @Field(() => Boolean)
  @Sharing(WORKFLOW)
  approve: boolean;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  reason: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  operator: string | null;

  @Field(() => String)
  @Sharing(WORKFLOW)
  at: string;
}

@ObjectType({ description: "A providing agency's provisioning of its items" })
export class ApplicationProvision {
  @Field(() => String)
  @Sharing(WORKFLOW)
  provider: string;

  @Field(() => [String])
  @Sharing(WORKFLOW)
  items: string[];

  @Field(() => String)
  @Sharing(WORKFLOW)
  at: string;

  @Field(() => Int, { description: 'Working days after the deadline (0: on time)' })
  @Sharing(WORKFLOW)
  delayWorkingDays: number;
}

@ObjectType({ description: 'What a grant allows: agency × items × purposes × masking × validity (授权)' })
@Resource({ code: 'HY-PT-003', name: '共享授权', summary: '政务部门对有条件共享信息项的授权：用途、脱敏、有效期与撤销', updateCycle: 'REAL_TIME', provider: PROVIDER })
export class Grant {
  @Field(() => ID)
  @Sharing(WORKFLOW)
  id: string;

  @Field(() => String, { description: 'Code of the agency the grant is for' })
  @Sharing(WORKFLOW)
  agencyCode: string;

  @Field(() => Agency, { nullable: true })
  @Sharing(WORKFLOW)
  agency: Agency;

  @Field(() => [String], { description: 'Items as `Type.field`' })
  @Sharing(WORKFLOW)
  items: string[];

  @Field(() => [String], { description: 'Purposes the items may be used for (Art. 19)' })
  @Sharing(WORKFLOW)
  purposes: string[];

  @Field(() => [ItemMask], { description: "Masking per item; items absent here get the item's default masking" })
  @Sharing(WORKFLOW)
  masks: ItemMask[];

  @Field(() => String, { nullable: true, description: 'Row scope as JSON, e.g. {"field":"householdDivisionCode","values":["430408"]}' })
  @Sharing(WORKFLOW)
  rowScope: string | null;

  @Field(() => String)
  @Sharing(WORKFLOW)
  validFrom: string;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  validTo: string | null;

  @Field(() => GrantStatus)
  @Sharing(WORKFLOW)
  status: GrantStatus;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  revokedAt: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  revokedReason: string | null;

  @Field(() => String, { nullable: true, description: 'Agency that revoked it' })
  @Sharing(WORKFLOW)
  revokedBy: string | null;

  @Field(() => String, { nullable: true, description: 'The application it was created from (seeded grants have none)' })
  @Sharing(WORKFLOW)
  applicationId: string | null;

  @Field(() => String)
  @Sharing(WORKFLOW)
  createdAt: string;
}

@ObjectType({ description: "An agency's application for catalogue items (共享申请, Art. 16-17, 19)" })
@Resource({ code: 'HY-PT-002', name: '共享申请', summary: '政务部门的共享申请及其审核、开通与期限', updateCycle: 'REAL_TIME', provider: PROVIDER })
export class SharingApplication {
  @Field(() => ID)
  @Sharing(WORKFLOW)
  id: string;

  @Field(() => String, { description: 'Applying agency code' })
  @Sharing(WORKFLOW)
  applicantCode: string;

  @Field(() => Agency, { nullable: true })
  @Sharing(WORKFLOW)
  applicant: Agency;

  @Field(() => String, { nullable: true, description: 'Operator who submitted it' })
  @Sharing(WORKFLOW)
  operator: string | null;

  @Field(() => [String], { description: 'Items applied for, as `Type.field`' })
  @Sharing(WORKFLOW)
  items: string[];

  @Field(() => [String], { description: 'Its CONDITIONAL items (reviewed, then provisioned)' })
  @Sharing(WORKFLOW)
  conditionalItems: string[];

  @Field(() => [String], { description: 'Its UNCONDITIONAL items (granted at once)' })
  @Sharing(WORKFLOW)
  unconditionalItems: string[];

  @Field(() => [String], { description: 'Providing agencies of the conditional items: each reviews and provisions its own' })
  @Sharing(WORKFLOW)
  providers: string[];

  @Field(() => String, { description: 'The purpose (Art. 19); the grant binds to it' })
  @Sharing(WORKFLOW)
  purpose: string;

  @Field(() => String)
  @Sharing(WORKFLOW)
  justification: string;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  legalBasis: string | null;

  @Field(() => [ItemMask])
  @Sharing(WORKFLOW)
  requestedMasks: ItemMask[];

  @Field(() => String, { nullable: true, description: 'Requested end of validity (ISO 8601)' })
  @Sharing(WORKFLOW)
  validUntil: string | null;

  @Field(() => ApplicationStatus)
  @Sharing(WORKFLOW)
  status: ApplicationStatus;

  @Field(() => String)
  @Sharing(WORKFLOW)
  submittedAt: string;

  @Field(() => String, { nullable: true, description: 'When it was approved by all reviewers, or rejected' })
  @Sharing(WORKFLOW)
  decidedAt: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  rejectionReason: string | null;

  @Field(() => [ApplicationReview])
  @Sharing(WORKFLOW)
  reviews: ApplicationReview[];

  @Field(() => [String], { description: 'Reviewers (agency codes) whose decision is still awaited' })
  @Sharing(WORKFLOW)
  pendingReviewers: string[];

  @Field(() => [ApplicationProvision])
  @Sharing(WORKFLOW)
  provisions: ApplicationProvision[];

  @Field(() => [String], { description: 'Providers that still have to provision' })
  @Sharing(WORKFLOW)
  pendingProvisioners: string[];

  @Field(() => String, { nullable: true, description: 'Last day (local date) to provision: ten working days after approval (Art. 17)' })
  @Sharing(WORKFLOW)
  provisioningDeadline: string | null;

  @Field(() => String, { nullable: true, description: 'The instant the deadline ends (23:59:59.999 China Standard Time)' })
  @Sharing(WORKFLOW)
  provisioningDeadlineAt: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  provisionedAt: string | null;

  @Field(() => Boolean, { description: 'Approved, not fully provisioned, deadline passed' })
  @Sharing(WORKFLOW)
  overdue: boolean;

  @Field(() => Int, { description: 'Working days past the deadline: of the last provisioning, or until now while pending' })
  @Sharing(WORKFLOW)
  provisioningDelayWorkingDays: number;

  @Field(() => Grant, { nullable: true, description: 'The grant the policy enforces' })
  @Sharing(WORKFLOW)
  grant: Grant | null;
}

@ObjectType({ description: 'An objection to a NONE item and its argumentation review (论证审核, Art. 16)' })
@Resource({ code: 'HY-PT-005', name: '不予共享异议与论证审核', summary: '对不予共享信息项的异议、论证审核结论与公示', updateCycle: 'REAL_TIME', provider: PROVIDER })
export class NonSharingObjection {
  @Field(() => ID)
  @Sharing(WORKFLOW)
  id: string;

  @Field(() => String, { description: 'The NONE item objected to, `Type.field`' })
  @Sharing(WORKFLOW)
  item: string;

  @Field(() => String, { description: 'Its providing agency' })
  @Sharing(WORKFLOW)
  provider: string;

  @Field(() => String, { description: 'Objecting agency code' })
  @Sharing(WORKFLOW)
  objector: string;

  @Field(() => String)
  @Sharing(WORKFLOW)
  purpose: string;

  @Field(() => String)
  @Sharing(WORKFLOW)
  justification: string;

  @Field(() => String, { description: 'The legal basis published for the item when the objection was made' })
  @Sharing(WORKFLOW)
  publishedBasis: string;

  @Field(() => ObjectionStatus)
  @Sharing(WORKFLOW)
  status: ObjectionStatus;

  @Field(() => SharingTypeEnum, { nullable: true, description: 'For RECLASSIFIED: the sharing type decided' })
  @Sharing(WORKFLOW)
  reclassifyTo: SharingTypeEnum | null;

  @Field(() => String, { nullable: true, description: 'The reasoning of the review (published: 公示告知)' })
  @Sharing(WORKFLOW)
  decisionReason: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  decidedBy: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  decidedAt: string | null;

  @Field(() => String)
  @Sharing(WORKFLOW)
  submittedAt: string;

  @Field(() => SharingTypeEnum, { nullable: true, description: "The item's sharing type in the catalogue now" })
  @Sharing(WORKFLOW)
  currentSharingType: SharingTypeEnum | null;

  @Field(() => Boolean, {
    description: 'For RECLASSIFIED: whether the provider has changed its declaration so that the catalogue (and the policy) now show the decided type',
  })
  @Sharing(WORKFLOW)
  implemented: boolean;
}

@ObjectType({ description: 'A public holiday or an adjusted working day (调休上班)' })
export class CalendarDay {
  @Field(() => String, { description: 'YYYY-MM-DD (China Standard Time)' })
  @Sharing(PUBLIC_REGISTER)
  date: string;

  @Field(() => CalendarDayKindEnum)
  @Sharing(PUBLIC_REGISTER)
  kind: CalendarDayKindEnum;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  name: string;
}

// ─── the audit trail ─────────────────────────────────────────────────────────────────────────

@ObjectType({ description: 'One audit event: what one request of one agency was served, masked or refused of one resource' })
@Resource({ code: 'HY-PT-004', name: '数据访问日志', summary: '谁在何时为何种用途读取了哪些信息项（防篡改哈希链）', updateCycle: 'REAL_TIME', provider: PROVIDER })
export class AuditEvent {
  @Field(() => ID, { description: 'Position in the hash chain' })
  @Sharing(AUDIT)
  seq: string;

  @Field(() => String)
  @Sharing(AUDIT)
  at: string;

  @Field(() => String)
  @Sharing(AUDIT)
  requestId: string;

  @Field(() => String, { description: 'The subgraph that served it' })
  @Sharing(AUDIT)
  subgraph: string;

  @Field(() => String, { nullable: true, description: 'Requesting agency code' })
  @Sharing(AUDIT)
  agencyCode: string | null;

  @Field(() => Agency, { nullable: true })
  @Sharing(AUDIT)
  agency: Agency | null;

  @Field(() => String, { nullable: true })
  @Sharing(AUDIT)
  operator: string | null;

  @Field(() => String, { nullable: true, description: 'Pseudonymous key of a data subject reading their own history' })
  @Sharing(AUDIT)
  actorSubject: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(AUDIT)
  purpose: string | null;

  @Field(() => String, { nullable: true, description: 'GraphQL operation name' })
  @Sharing(AUDIT)
  operation: string | null;

  @Field(() => String, { description: 'Resource (type name)' })
  @Sharing(AUDIT)
  resource: string;

  @Field(() => [String])
  @Sharing(AUDIT)
  itemsServed: string[];

  @Field(() => [String])
  @Sharing(AUDIT)
  itemsMasked: string[];

  @Field(() => [String])
  @Sharing(AUDIT)
  itemsRefused: string[];

  @Field(() => [String], {
    description: 'Pseudonymous keys of the data subjects (never ID numbers). The requesting agency sees only the keys it was served; '
      + 'every key recorded (the parent of a refused link, a household’s members…) is shown to the administering bureau and the provider.',
  })
  @Sharing(AUDIT)
  subjectKeys: string[];

  @Field(() => String, { nullable: true, description: "The client's own request id (x-request-id as sent), kept beside the router's request id" })
  @Sharing(AUDIT)
  correlationId: string | null;

  @Field(() => String, { nullable: true, description: 'For a refusal at the router: its code (UNAUTHENTICATED, CSRF_REJECTED, PAYLOAD_TOO_LARGE…)' })
  @Sharing(AUDIT)
  refusalReason: string | null;

  @Field(() => Boolean, { nullable: true, description: 'False when the agency was only claimed by a token that did not verify' })
  @Sharing(AUDIT)
  agencyVerified: boolean | null;

  @Field(() => Int, { description: 'Refusals this event stands for: anonymous refusals at the router are counted per source address, reason and minute' })
  @Sharing(AUDIT)
  refusalCount: number;

  @Field(() => String, { nullable: true, description: 'Source address of aggregated anonymous refusals' })
  @Sharing(AUDIT)
  sourceAddress: string | null;

  @Field(() => AuditDecision)
  @Sharing(AUDIT)
  decision: AuditDecision;

  @Field(() => String)
  @Sharing(AUDIT)
  prevHash: string;

  @Field(() => String)
  @Sharing(AUDIT)
  hash: string;
}

@ObjectType({ description: 'The result of verifying the whole audit hash chain' })
export class AuditChainStatus {
  @Field(() => Boolean)
  @Sharing(AUDIT)
  intact: boolean;

  @Field(() => Int, { description: 'Events verified (before the break, if broken)' })
  @Sharing(AUDIT)
  events: number;

  @Field(() => String, { nullable: true })
  @Sharing(AUDIT)
  headHash: string | null;

  @Field(() => String, { nullable: true, description: 'First broken row' })
  @Sharing(AUDIT)
  brokenAtSeq: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(AUDIT)
  reason: string | null;

  @Field(() => String)
  @Sharing(AUDIT)
  checkedAt: string;
}

@ObjectType({ description: "An agency's access to the data subject's own records (their access history)" })
export class AccessRecord {
  @Field(() => String)
  @Sharing(SELF_SERVICE)
  at: string;

  @Field(() => String, { description: 'The agency that read the record' })
  @Sharing(SELF_SERVICE)
  agencyCode: string;

  @Field(() => Agency, { nullable: true })
  @Sharing(SELF_SERVICE)
  agency: Agency | null;

  @Field(() => String, { nullable: true, description: 'The purpose it stated' })
  @Sharing(SELF_SERVICE)
  purpose: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(SELF_SERVICE)
  operation: string | null;

  @Field(() => String, { description: 'The kind of record read (resource)' })
  @Sharing(SELF_SERVICE)
  resource: string;

  @Field(() => String, { description: 'The base database (subgraph)' })
  @Sharing(SELF_SERVICE)
  subgraph: string;

  @Field(() => [String], { description: 'Items it was served (in full or masked)' })
  @Sharing(SELF_SERVICE)
  items: string[];

  @Field(() => [String], { description: 'Of those, the items served masked' })
  @Sharing(SELF_SERVICE)
  maskedItems: string[];

  @Field(() => [String], { description: 'Items it asked for and was refused' })
  @Sharing(SELF_SERVICE)
  refusedItems: string[];

  @Field(() => AuditDecision)
  @Sharing(SELF_SERVICE)
  decision: AuditDecision;

  @Field(() => String, { description: 'Request id, to cite in an enquiry or complaint' })
  @Sharing(SELF_SERVICE)
  reference: string;
}

// ─── evaluation (Art. 25) ────────────────────────────────────────────────────────────────────

@ObjectType({ description: 'Records held and freshness of one resource against its update cycle' })
export class ResourceFreshness {
  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  code: string;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  name: string;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  typeName: string;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  subgraph: string;

  @Field(() => UpdateCycleEnum)
  @Sharing(PUBLIC_REGISTER)
  updateCycle: UpdateCycleEnum;

  @Field(() => Float, { nullable: true, description: 'Records held at the last refresh (null: never reported)' })
  @Sharing(PUBLIC_REGISTER)
  records: number | null;

  @Field(() => String, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  lastRefreshedAt: string | null;

  @Field(() => Int, { nullable: true, description: 'Refreshes reported during the year (null: written by the platform as it happens)' })
  @Sharing(PUBLIC_REGISTER)
  refreshesInYear: number | null;

  @Field(() => Float, { description: 'Longest allowed age of the data for its cycle, in hours' })
  @Sharing(PUBLIC_REGISTER)
  allowedAgeHours: number;

  @Field(() => Boolean, { description: 'No refresh within the allowed age at the report date' })
  @Sharing(PUBLIC_REGISTER)
  overdue: boolean;
}

@ObjectType({ description: "A providing agency's figures for the year" })
export class ProviderEvaluation {
  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  agencyCode: string;

  @Field(() => Agency, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  agency: Agency | null;

  @Field(() => Int, { description: 'Catalogue items it provides, published by the end of the year' })
  @Sharing(PUBLIC_REGISTER)
  itemsPublished: number;

  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  unconditionalItems: number;

  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  conditionalItems: number;

  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  noneItems: number;

  @Field(() => Float, { description: 'Records held across its resources' })
  @Sharing(PUBLIC_REGISTER)
  recordsHeld: number;

  @Field(() => [ResourceFreshness])
  @Sharing(PUBLIC_REGISTER)
  resources: ResourceFreshness[];

  @Field(() => [ResourceFreshness], { description: 'Resources not refreshed within their update cycle' })
  @Sharing(PUBLIC_REGISTER)
  overdueResources: ResourceFreshness[];

  @Field(() => Int, { description: 'Applications for its conditional items submitted in the year' })
  @Sharing(PUBLIC_REGISTER)
  applicationsReceived: number;

  @Field(() => Int, { description: 'Of those, approved by it' })
  @Sharing(PUBLIC_REGISTER)
  applicationsApproved: number;

  @Field(() => Int, { description: 'Of those, rejected by it' })
  @Sharing(PUBLIC_REGISTER)
  applicationsRejected: number;

  @Field(() => Int, { description: 'Of those, still awaiting its review' })
  @Sharing(PUBLIC_REGISTER)
  applicationsAwaitingReview: number;

  @Field(() => Int, { description: 'Provisionings it made' })
  @Sharing(PUBLIC_REGISTER)
  provisioned: number;

  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  provisionedOnTime: number;

  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  provisionedLate: number;

  @Field(() => Int, { description: 'Approved applications still not provisioned after the deadline' })
  @Sharing(PUBLIC_REGISTER)
  provisioningOverdue: number;

  @Field(() => Float, { nullable: true, description: 'Mean working days from approval to provisioning' })
  @Sharing(PUBLIC_REGISTER)
  averageProvisioningWorkingDays: number | null;

  @Field(() => Int, { description: 'Largest delay past a deadline, in working days (provisioned or still pending)' })
  @Sharing(PUBLIC_REGISTER)
  maxProvisioningDelayWorkingDays: number;
}

@ObjectType({ description: "A consuming agency's figures for the year (from the audit trail of the base databases)" })
export class ConsumerEvaluation {
  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  agencyCode: string;

  @Field(() => Agency, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  agency: Agency | null;

  @Field(() => Float, { description: 'Distinct requests' })
  @Sharing(PUBLIC_REGISTER)
  requests: number;

  @Field(() => Float, { description: 'Items served (in full or masked), summed over events' })
  @Sharing(PUBLIC_REGISTER)
  itemsServed: number;

  @Field(() => Float, { description: 'Of those, served masked' })
  @Sharing(PUBLIC_REGISTER)
  itemsMasked: number;

  @Field(() => Float, { description: 'Items refused, summed over events' })
  @Sharing(PUBLIC_REGISTER)
  refusals: number;

  @Field(() => Float, { description: 'Requests with at least one refused item' })
  @Sharing(PUBLIC_REGISTER)
  refusedRequests: number;

  @Field(() => Int, { description: 'Sharing applications it submitted' })
  @Sharing(PUBLIC_REGISTER)
  applicationsSubmitted: number;
}

@ObjectType({ description: 'The yearly evaluation of data sharing (Art. 25): quality, quantity, timeliness and use' })
export class EvaluationReport {
  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  year: number;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  generatedAt: string;

  @Field(() => String, { description: 'The instant the freshness figures are measured at: the end of the year, or now for the current year' })
  @Sharing(PUBLIC_REGISTER)
  asOf: string;

  @Field(() => [ProviderEvaluation])
  @Sharing(PUBLIC_REGISTER)
  providers: ProviderEvaluation[];

  @Field(() => [ConsumerEvaluation])
  @Sharing(PUBLIC_REGISTER)
  consumers: ConsumerEvaluation[];

  @Field(() => String, { description: 'The same report as CSV (one row per agency and role)' })
  @Sharing(PUBLIC_REGISTER)
  csv: string;
}

// ─── connections ─────────────────────────────────────────────────────────────────────────────

export const AuditEventConnection = Connection(AuditEvent, 'AuditEvent');
export const AccessRecordConnection = Connection(AccessRecord, 'AccessRecord');
export const SharingApplicationConnection = Connection(SharingApplication, 'SharingApplication');
export const GrantConnection = Connection(Grant, 'Grant');

// ─── inputs ──────────────────────────────────────────────────────────────────────────────────

@InputType({ description: 'A masking requested for one conditional item' })
export class ItemMaskInput {
  @Field(() => String, { description: '`Type.field`, one of the application items' })
  item: string;

  @Field(() => String, { description: 'FULL or a masking spec (KEEP(n,m), RANGE(x,y), SURNAME, ID_NUMBER, PHONE, LICENSE_NUMBER, REGISTER_NUMBER, EMAIL, ADDRESS_DISTRICT, HASH, YEAR, AGE_BAND)' })
  mask: string;
}

@InputType()
export class SharingApplicationInput {
  @Field(() => [String], { description: 'Items as `Type.field`, from the catalogue' })
  items: string[];

  @Field(() => String, { description: 'The purpose the data will be used for (Art. 19); requests must state it in x-purpose' })
  purpose: string;

  @Field(() => String, { description: 'Why the agency needs the items for its duties' })
  justification: string;

  @Field(() => String, { nullable: true, description: 'Legal basis of the need, if any' })
  legalBasis?: string | null;

  @Field(() => [ItemMaskInput], { nullable: true, description: "Masking requested per conditional item (default: the item's default masking)" })
  requestedMasks?: ItemMaskInput[] | null;

  @Field(() => String, { nullable: true, description: 'End of validity: YYYY-MM-DD (end of that day, China Standard Time) or an ISO 8601 instant; default one year after granting' })
  validUntil?: string | null;
}

@InputType()
export class NonSharingObjectionInput {
  @Field(() => String, { description: 'The NONE item, `Type.field`' })
  item: string;

  @Field(() => String)
  purpose: string;

  @Field(() => String, { description: 'Why the agency needs it despite its NONE classification' })
  justification: string;
}

@InputType({ description: 'Audit search; every condition is optional and they combine with AND' })
export class AuditEventFilter {
  @Field(() => String, { nullable: true }) agency?: string | null;
  @Field(() => String, { nullable: true }) operator?: string | null;
  @Field(() => String, { nullable: true, description: 'Resource (type name), e.g. Person' }) resource?: string | null;
  @Field(() => String, { nullable: true, description: 'An item `Type.field` served, masked or refused' }) item?: string | null;
  @Field(() => String, { nullable: true }) purpose?: string | null;
  @Field(() => AuditDecision, { nullable: true }) decision?: AuditDecision | null;
  @Field(() => String, { nullable: true }) requestId?: string | null;
  @Field(() => String, { nullable: true, description: 'Subgraph that served the event' }) subgraph?: string | null;
  @Field(() => String, { nullable: true, description: 'A pseudonymous subject key (or an application id)' }) subjectKey?: string | null;
  @Field(() => String, { nullable: true, description: 'From (inclusive): YYYY-MM-DD or an ISO 8601 instant' }) from?: string | null;
  @Field(() => String, { nullable: true, description: 'To (exclusive): YYYY-MM-DD or an ISO 8601 instant' }) to?: string | null;
}

@InputType()
export class SharingApplicationFilter {
  @Field(() => ApplicationStatus, { nullable: true }) status?: ApplicationStatus | null;
  @Field(() => String, { nullable: true }) applicant?: string | null;
  @Field(() => String, { nullable: true, description: 'A providing agency of its conditional items' }) provider?: string | null;
}
