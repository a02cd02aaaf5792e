/** The workflow's tables: applications, their reviews and provisions, objections to NONE items. */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

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
  @Property({ type: 'text[]' }) methods: string[];
  @Property({ type: 'integer', nullable: true }) batchMaxRows: number | null;
  @Property({ type: 'integer', nullable: true }) batchExportsPerDay: number | null;
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
  @Property({ type: 'boolean', nullable: true }) approveBatch: boolean | null;
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
