/** Sharing applications, their reviews and provisions as GraphQL, with the inputs that submit and filter them. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Resource, Sharing } from '../../../platform/policy/metadata';
import { Connection } from '../../../platform/graphql/connection';
import { PROVIDER, WORKFLOW } from '../shared/policy';
import { Agency } from '../agencies/types';
import { Grant, ItemMask } from './grant-types';
import { BatchLimitsInput, SharingMethod } from './methods';

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
  description:
    'UNDER_REVIEW (awaiting the bureau and the providers) → APPROVED (provider to provision within ten working days) → ' +
    'PARTIALLY_PROVISIONED → PROVISIONED (grant live); GRANTED (unconditional items only, at once); REJECTED; WITHDRAWN; ' +
    'REVOKED or EXPIRED (its grant ended)',
});

export enum ReviewRole {
  BUREAU = 'BUREAU',
  PROVIDER = 'PROVIDER',
}
registerEnumType(ReviewRole, {
  name: 'ReviewRole',
  description: 'BUREAU: the administering bureau (市行政审批服务局); PROVIDER: the providing agency of the items',
});

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

  @Field(() => Boolean, { nullable: true, description: 'For an application asking for BATCH: whether this reviewer approved the batch method too' })
  @Sharing(WORKFLOW)
  approveBatch: boolean | null;

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

  @Field(() => [SharingMethod], { description: 'The methods asked for (Art. 18); BATCH is approved by every reviewer on its own' })
  @Sharing(WORKFLOW)
  methods: SharingMethod[];

  @Field(() => Int, { nullable: true, description: 'BATCH: rows per export asked for' })
  @Sharing(WORKFLOW)
  batchMaxRows: number | null;

  @Field(() => Int, { nullable: true, description: 'BATCH: exports per day asked for' })
  @Sharing(WORKFLOW)
  batchExportsPerDay: number | null;

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

export const SharingApplicationConnection = Connection(SharingApplication, 'SharingApplication');

@InputType({ description: 'A masking requested for one conditional item' })
export class ItemMaskInput {
  @Field(() => String, { description: '`Type.field`, one of the application items' })
  item: string;

  @Field(() => String, {
    description:
      'FULL or a masking spec (KEEP(n,m), RANGE(x,y), SURNAME, ID_NUMBER, PHONE, LICENSE_NUMBER, REGISTER_NUMBER, EMAIL, ADDRESS_DISTRICT, HASH, YEAR, AGE_BAND)',
  })
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

  @Field(() => String, {
    nullable: true,
    description: 'End of validity: YYYY-MM-DD (end of that day, China Standard Time) or an ISO 8601 instant; default one year after granting',
  })
  validUntil?: string | null;

  @Field(() => [SharingMethod], {
    nullable: true,
    description: 'Methods asked for (Art. 18); default [ONLINE_QUERY]. BATCH needs batchLimits and every reviewer’s approveBatch',
  })
  methods?: SharingMethod[] | null;

  @Field(() => BatchLimitsInput, { nullable: true, description: 'The bounds of batch exports (with BATCH only)' })
  batchLimits?: BatchLimitsInput | null;
  @Field(() => [String], {
    nullable: true,
    description:
      'Trusted documents (issue 13): the GraphQL documents your system will send, each one operation, checked against the supergraph now and reviewed ' +
      'with the application. Once it is approved, each works by its id (SHA-256 of its exact text, hex) as an Apollo persisted query, for your agency only.',
  })
  operations?: string[] | null;
}

@InputType()
export class SharingApplicationFilter {
  @Field(() => ApplicationStatus, { nullable: true }) status?: ApplicationStatus | null;
  @Field(() => String, { nullable: true }) applicant?: string | null;
  @Field(() => String, { nullable: true, description: 'A providing agency of its conditional items' }) provider?: string | null;
}
