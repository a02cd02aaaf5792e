/** The audit trail as GraphQL: events, the chain's status, a data subject's access history, the search filter. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Resource, Sharing } from '../../../platform/policy/metadata';
import { Connection } from '../../../platform/graphql/connection';
import { AUDIT, PROVIDER, SELF_SERVICE } from '../shared/policy';
import { Agency } from '../agencies/types';

export enum AuditDecision {
  SERVED = 'SERVED',
  MASKED = 'MASKED',
  REFUSED = 'REFUSED',
  PARTIAL = 'PARTIAL',
}
registerEnumType(AuditDecision, {
  name: 'AuditDecision',
  description: 'What an audit event records for its resource: all served, served masked, all refused, or part refused',
});

@ObjectType({ description: 'One audit event: what one request of one agency was served, masked or refused of one resource' })
@Resource({
  code: 'HY-PT-004',
  name: '数据访问日志',
  summary: '谁在何时为何种用途读取了哪些信息项（防篡改哈希链）',
  updateCycle: 'REAL_TIME',
  provider: PROVIDER,
})
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
    description:
      'Pseudonymous keys of the data subjects (never ID numbers). The requesting agency sees only the keys it was served; ' +
      'every key recorded (the parent of a refused link, a household’s members…) is shown to the administering bureau and the provider.',
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

@ObjectType({ description: 'A signed checkpoint of the audit chain head, as the database recorded it (the anchor is the checkpoint file outside it)' })
export class AuditCheckpoint {
  @Field(() => String, { description: 'The chain position signed' })
  @Sharing(AUDIT)
  seq: string;

  @Field(() => String)
  @Sharing(AUDIT)
  hash: string;

  @Field(() => String)
  @Sharing(AUDIT)
  signedAt: string;

  @Field(() => String, { description: 'RFC 7638 thumbprint of the Ed25519 key that signed it' })
  @Sharing(AUDIT)
  keyId: string;

  @Field(() => String, { nullable: true, description: 'When the external endpoint (AUDIT_CHECKPOINT_URL) accepted it' })
  @Sharing(AUDIT)
  pushedAt: string | null;

  @Field(() => String, { nullable: true, description: 'Why the external endpoint did not accept it' })
  @Sharing(AUDIT)
  pushError: string | null;
}

@ObjectType({ description: 'One verification of the audit trail (npm run audit:verify or auditChainStatus)' })
export class AuditVerification {
  @Field(() => String)
  @Sharing(AUDIT)
  finishedAt: string;

  @Field(() => String, { description: 'FULL (every row) or FROM_CHECKPOINT (the rows after the last good checkpoint)' })
  @Sharing(AUDIT)
  mode: string;

  @Field(() => String)
  @Sharing(AUDIT)
  fromSeq: string;

  @Field(() => String)
  @Sharing(AUDIT)
  throughSeq: string;

  @Field(() => Boolean)
  @Sharing(AUDIT)
  intact: boolean;

  @Field(() => String, { nullable: true })
  @Sharing(AUDIT)
  reason: string | null;

  @Field(() => String, { description: 'audit:verify, or auditChainStatus and the operator who asked' })
  @Sharing(AUDIT)
  byWhom: string;
}

@ObjectType({ description: 'One monthly partition of the audit trail' })
export class AuditPartition {
  @Field(() => String)
  @Sharing(AUDIT)
  name: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM (Asia/Shanghai); null for the DEFAULT partition' })
  @Sharing(AUDIT)
  month: string | null;

  @Field(() => Float, { description: "Rows, as PostgreSQL's statistics estimate them" })
  @Sharing(AUDIT)
  estimatedEvents: number;
}

@ObjectType({ description: 'The result of verifying the audit trail now: from the last good checkpoint forward, against the signed checkpoints' })
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

  @Field(() => String, { description: 'FULL when there is no checkpoint yet, else FROM_CHECKPOINT' })
  @Sharing(AUDIT)
  mode: string;

  @Field(() => String, { description: 'The first row verified now (the one after the last good checkpoint)' })
  @Sharing(AUDIT)
  fromSeq: string;

  @Field(() => Int, { description: 'Checkpoints of the checkpoint file whose rows still hold the signed hash' })
  @Sharing(AUDIT)
  checkpointsMatched: number;

  @Field(() => AuditCheckpoint, { nullable: true, description: 'The last good checkpoint' })
  @Sharing(AUDIT)
  lastCheckpoint: AuditCheckpoint | null;

  @Field(() => [AuditCheckpoint], { description: 'The newest checkpoints recorded (at most 20), newest first' })
  @Sharing(AUDIT)
  recentCheckpoints: AuditCheckpoint[];

  @Field(() => AuditVerification, { nullable: true, description: 'The last full verification (npm run audit:verify -- --full) before this one' })
  @Sharing(AUDIT)
  lastFullVerification: AuditVerification | null;

  @Field(() => [AuditPartition], { description: 'The monthly partitions, oldest first' })
  @Sharing(AUDIT)
  partitions: AuditPartition[];
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

export const AuditEventConnection = Connection(AuditEvent, 'AuditEvent');
export const AccessRecordConnection = Connection(AccessRecord, 'AccessRecord');

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
