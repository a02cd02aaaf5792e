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
  /** Agency that revoked it (the bureau or a provider of its items). */
  @Property({ type: 'text', nullable: true }) revokedBy: string | null;
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

/** An agency's application for catalogue items (共享申请, Art. 16-17, 19). */
@Entity({ tableName: 'sharing_application' })
export class SharingApplicationEntity {
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'text' }) applicant: string;
  @Property({ type: 'text', nullable: true }) operator: string | null;
  @Property({ type: 'text[]' }) items: string[];
  @Property({ type: 'text[]' }) conditionalItems: string[];
  @Property({ type: 'text[]' }) unconditionalItems: string[];
  /** Providing agencies of the conditional items: each reviews and provisions its own. */
  @Property({ type: 'text[]' }) providers: string[];
  @Property({ type: 'text' }) purpose: string;
  @Property({ type: 'text' }) justification: string;
  @Property({ type: 'text', nullable: true }) legalBasis: string | null;
  @Property({ type: 'json' }) requestedMasks: Record<string, string>;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) validUntil: Date | null;
  @Property({ type: 'text' }) status: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) submittedAt: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Property({ type: 'text', nullable: true }) rejectionReason: string | null;
  @Property({ type: 'string', columnType: 'date', nullable: true }) provisioningDeadline: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) provisioningDeadlineAt: Date | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) provisionedAt: Date | null;
  @Property({ type: 'uuid', nullable: true }) grantId: string | null;
}

/** One reviewer's decision on an application: the bureau's or a providing agency's. */
@Entity({ tableName: 'application_review' })
export class ApplicationReviewEntity {
  @PrimaryKey({ type: 'bigint' }) id: string;
  @Property({ type: 'uuid' }) applicationId: string;
  @Property({ type: 'text' }) reviewer: string;
  /** BUREAU or PROVIDER. */
  @Property({ type: 'text' }) role: string;
  @Property({ type: 'boolean' }) approve: boolean;
  @Property({ type: 'text', nullable: true }) reason: string | null;
  @Property({ type: 'text', nullable: true }) operator: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) at: Date;
}

/** A providing agency's provisioning of its items of an approved application. */
@Entity({ tableName: 'application_provision' })
export class ApplicationProvisionEntity {
  @PrimaryKey({ type: 'bigint' }) id: string;
  @Property({ type: 'uuid' }) applicationId: string;
  @Property({ type: 'text' }) provider: string;
  @Property({ type: 'text[]' }) items: string[];
  @Property({ type: 'text', nullable: true }) operator: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) at: Date;
}

/** An objection to a NONE item and the bureau's argumentation review of it (论证审核, Art. 16). */
@Entity({ tableName: 'non_sharing_objection' })
export class NonSharingObjectionEntity {
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'text' }) item: string;
  @Property({ type: 'text' }) provider: string;
  @Property({ type: 'text' }) objector: string;
  @Property({ type: 'text', nullable: true }) operator: string | null;
  @Property({ type: 'text' }) purpose: string;
  @Property({ type: 'text' }) justification: string;
  @Property({ type: 'text' }) publishedBasis: string;
  /** PENDING, UPHELD (stays NONE, basis published) or RECLASSIFIED (the provider must change it). */
  @Property({ type: 'text' }) status: string;
  @Property({ type: 'text', nullable: true }) reclassifyTo: string | null;
  @Property({ type: 'text', nullable: true }) decisionReason: string | null;
  @Property({ type: 'text', nullable: true }) decidedBy: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) submittedAt: Date;
}

/** A public holiday or an adjusted working day (调休上班); other days follow the week. */
@Entity({ tableName: 'calendar_day' })
export class CalendarDayEntity {
  @PrimaryKey({ type: 'string', columnType: 'date' }) day: string;
  @Property({ type: 'text' }) kind: string;
  @Property({ type: 'text' }) name: string;
}

/** When each catalogue item was first published, and when its metadata last changed. */
@Entity({ tableName: 'catalog_publication' })
export class CatalogPublicationEntity {
  @PrimaryKey({ type: 'text' }) item: string;
  @Property({ type: 'text' }) resourceCode: string;
  @Property({ type: 'text' }) provider: string;
  @Property({ type: 'text' }) fingerprint: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) firstPublishedAt: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) changedAt: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
}

/** A department's data load, reported by its subgraph (platform/subgraph/refresh.ts). */
@Entity({ tableName: 'resource_refresh' })
export class ResourceRefreshEntity {
  @PrimaryKey({ type: 'bigint' }) id: string;
  @Property({ type: 'text' }) subgraph: string;
  @Property({ type: 'text' }) tableName: string;
  @Property({ type: 'text' }) typeName: string;
  @Property({ type: 'bigint' }) records: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) refreshedAt: Date;
  @Property({ type: 'text' }) source: string;
}
