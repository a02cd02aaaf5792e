/**
 * The platform's own records (administered by 市行政审批服务局, Art. 8): agencies, grants, and the
 * audit trail. Every subgraph reads grants and appends audit events here (platform/policy,
 * platform/audit); the catalog subgraph serves them to people.
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'agency' })
export class AgencyEntity {
  @PrimaryKey({ type: 'text' }) code: string;
  @Property({ type: 'text' }) name: string;
  /** ADMINISTERING (the bureau), PROVIDER (owns a base database) or CONSUMER. */
  @Property({ type: 'text' }) kind: string;
  /** Subgraph whose base database this agency provides, if any. */
  @Property({ type: 'text', nullable: true }) provides: string | null;
  @Property({ type: 'text' }) description: string;
}

@Entity({ tableName: 'sharing_grant' })
export class GrantEntity {
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'text' }) agencyCode: string;
  /** Items as `Type.field`, as in the supergraph. */
  @Property({ type: 'text[]' }) items: string[];
  @Property({ type: 'text[]' }) purposes: string[];
  /** Item → masking spec (`FULL` or a mask); items absent here get the item's default mask. */
  @Property({ type: 'json' }) masks: Record<string, string>;
  /** Optional row scope: only rows whose `field` has one of `values` (e.g. one county's records). */
  @Property({ type: 'json', nullable: true }) rowScope: { field: string; values: string[] } | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) validFrom: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) validTo: Date | null;
  @Property({ type: 'uuid', nullable: true }) applicationId: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Property({ type: 'text', nullable: true }) revokedReason: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt: Date;
}

@Entity({ tableName: 'audit_event' })
export class AuditEventEntity {
  @PrimaryKey({ type: 'bigint' }) seq: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) at: Date;
  @Property({ type: 'text' }) requestId: string;
  @Property({ type: 'text' }) subgraph: string;
  @Property({ type: 'text', nullable: true }) agency: string | null;
  @Property({ type: 'text', nullable: true }) operator: string | null;
  /** The data subject's key when a citizen or an enterprise reads their own history. */
  @Property({ type: 'text', nullable: true }) actorSubject: string | null;
  @Property({ type: 'text', nullable: true }) purpose: string | null;
  @Property({ type: 'text', nullable: true }) operation: string | null;
  @Property({ type: 'text' }) resource: string;
  @Property({ type: 'text[]' }) itemsServed: string[];
  @Property({ type: 'text[]' }) itemsMasked: string[];
  @Property({ type: 'text[]' }) itemsRefused: string[];
  @Property({ type: 'text[]' }) subjectKeys: string[];
  @Property({ type: 'text' }) decision: string;
  @Property({ type: 'text' }) prevHash: string;
  @Property({ type: 'text' }) hash: string;
}
