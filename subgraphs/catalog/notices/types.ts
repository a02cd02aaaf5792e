/** Rectification notices (通知整改, Art. 26) as GraphQL. */
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Resource, Sharing } from '../../../platform/policy/metadata';
import { Connection } from '../../../platform/graphql/connection';
import { PROVIDER, WORKFLOW } from '../shared/policy';

export enum RectificationStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  CLOSED = 'CLOSED',
}
registerEnumType(RectificationStatus, {
  name: 'RectificationStatus',
  description: 'OPEN (awaiting the agency’s fix), ACKNOWLEDGED (fix reported, awaiting the bureau), CLOSED',
});

@ObjectType({
  description: 'A rectification notice (通知整改, Art. 26): a rule fired on evidence the platform holds; the agency reports its fix by a deadline',
})
@Resource({
  code: 'HY-PT-022',
  name: '整改通知',
  summary: '平台依据已有证据向政务部门发出的整改通知及其答复、结案与逾期督办',
  updateCycle: 'REAL_TIME',
  provider: PROVIDER,
})
export class RectificationNotice {
  @Field(() => ID) @Sharing(WORKFLOW) id: string;
  @Field(() => String, { description: 'The agency the notice is raised to' }) @Sharing(WORKFLOW) agency: string;
  @Field(() => String, {
    description: 'The rule that fired: PROVISIONING_OVERDUE, DEMAND_UNANSWERED, RESOURCE_STALE, OUT_OF_PURPOSE_REFUSALS, DATA_OBJECTION_OVERDUE',
  })
  @Sharing(WORKFLOW)
  rule: string;
  @Field(() => String, { description: 'The evidence record’s type (SharingApplication, DataDemand, CatalogResource, AuditEvent, DataObjection)' })
  @Sharing(WORKFLOW)
  evidenceType: string;
  @Field(() => String, { description: 'The evidence record’s id' }) @Sharing(WORKFLOW) evidenceId: string;
  @Field(() => String, { description: 'What the rule found' }) @Sharing(WORKFLOW) finding: string;
  @Field(() => [ID], {
    description:
      'The audit events the finding rests on (their `seq`, OUT_OF_PURPOSE_REFUSALS): the noticed agency’s own requests, which its security admin sees in `auditEvents`',
  })
  @Sharing(WORKFLOW)
  evidenceEvents: string[];
  @Field(() => RectificationStatus) @Sharing(WORKFLOW) status: RectificationStatus;
  @Field(() => String) @Sharing(WORKFLOW) raisedAt: string;
  @Field(() => String, { description: 'The last working day (China, YYYY-MM-DD) to report the fix' }) @Sharing(WORKFLOW) dueDay: string;
  @Field(() => String, { description: 'The instant that day ends' }) @Sharing(WORKFLOW) dueAt: string;
  @Field(() => Boolean, { description: 'The deadline passed unclosed (the bureau was notified)' }) @Sharing(WORKFLOW) escalated: boolean;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) escalatedAt: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) acknowledgedBy: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) acknowledgedAt: string | null;
  @Field(() => String, { nullable: true, description: 'The fix the agency reported' }) @Sharing(WORKFLOW) fix: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) closedBy: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) closedAt: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) closingNote: string | null;
}

export const RectificationNoticeConnection = Connection(RectificationNotice, 'RectificationNotice');
