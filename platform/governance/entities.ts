/**
 * The governance tables as MikroORM entities, for the ORM of the database that holds them (the
 * catalog subgraph lists them among its entities, so that its refresh counts and `npm run seed`
 * see them). Reads and writes go through the functions of this module (agencies.ts, grants.ts,
 * audit-*.ts, refresh.ts), not through these classes.
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
  /** ACTIVE or SUSPENDED (its tokens then read nothing). */
  @Property({ type: 'text' }) status: string;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) suspendedAt: Date | null;
  @Property({ type: 'text', nullable: true }) suspendedReason: string | null;
  @Property({ type: 'text', nullable: true }) suspendedBy: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) registeredAt: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt: Date;
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

/** In the order the catalog listed them before issue 9 (the seed truncates in this order). */
export const governanceEntities = [AgencyEntity, GrantEntity, AuditEventEntity, ResourceRefreshEntity];

/** Tables that outlive a reseed of demo data: the trail and the refresh log. */
export const governancePreservedOnReseed = ['audit_event', 'resource_refresh'];
