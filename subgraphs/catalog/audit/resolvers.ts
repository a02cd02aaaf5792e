/**
 * The audit trail as something people can search (Art. 21, 24): the administering bureau searches
 * everything; a providing agency sees the accesses to its own data (the events of the subgraph it
 * provides) and its own requests; any other agency sees its own requests. A data subject sees who
 * read their records (myAccessHistory). Newest first, keyset-paginated on the chain position; the
 * queries are platform/governance's (audit-search.ts), the scoping is decided in viewer.ts.
 */
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { forbidden } from '../../../platform/errors';
import { mapConnection, validateFirst } from '../../../platform/graphql/connection';
import { verifyAuditTrail } from '../../../platform/audit/verify';
import { checkpointFilePath } from '../../../platform/audit/checkpoint';
import {
  auditPartitions,
  auditTrace,
  auditTraceByCorrelation,
  lastAuditVerification,
  recentAuditCheckpoints,
  type CheckpointRecord,
  governanceDatabaseUrl,
  searchAuditEvents,
  subjectAccessHistory,
  type AuditEventRow,
} from '../../../platform/governance';
import type { CatalogLoaders } from '../loaders';
import { Agency } from '../agencies/types';
import { AccessRecord, AccessRecordConnection, AuditChainStatus, AuditDecision, AuditEvent, AuditEventConnection, AuditEventFilter } from './types';
import { AUDIT, SELF_SERVICE } from '../shared/policy';
import { BUREAU, Role, roleActor } from '../shared/actors';
import { iso, query } from '../shared/sql';
import { auditSearch, auditViewer, text } from './viewer';

type Ctx = SubgraphContext<CatalogLoaders>;
type AuditRow = AuditEventRow;

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Query(() => AuditEventConnection, {
    description:
      'Searches the audit trail, newest first. The administering bureau sees every event; a providing agency the accesses to its own ' +
      'data and its own requests; any other agency its own requests. The search itself is audited.',
  })
  @Sharing(AUDIT)
  async auditEvents(
    @Ctx() ctx: Ctx,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const actor = roleActor(ctx.policy.identity, Role.SECURITY_ADMIN, 'Searching the audit trail');
    const size = validateFirst(first);
    const viewer = await auditViewer(ctx.loaders, actor);
    return searchAuditEvents(query(ctx.em), viewer, auditSearch(filter), size, after);
  }

  @Query(() => [AuditEvent], { description: 'The trace of one request across subgraphs, in chain order (scoped as auditEvents)' })
  @Sharing(AUDIT)
  async auditTrace(@Arg('requestId', () => String) requestId: string, @Ctx() ctx: Ctx) {
    const actor = roleActor(ctx.policy.identity, Role.SECURITY_ADMIN, 'Tracing a request');
    const id = text(requestId, 'requestId')!;
    return auditTrace(query(ctx.em), await auditViewer(ctx.loaders, actor), id);
  }

  @Query(() => [AuditEvent], {
    description:
      "The events of the caller's own agency's requests that carried this client request id (x-request-id as sent), " +
      'in chain order. Never another agency’s: a client-chosen id is not a key.',
  })
  @Sharing(AUDIT)
  async auditTraceByCorrelationId(@Arg('correlationId', () => String) correlationId: string, @Ctx() ctx: Ctx) {
    const actor = roleActor(ctx.policy.identity, Role.SECURITY_ADMIN, 'Tracing a request');
    const id = text(correlationId, 'correlationId', 128)!;
    return auditTraceByCorrelation(query(ctx.em), await auditViewer(ctx.loaders, actor), actor.agency, id);
  }

  @Query(() => AuditChainStatus, {
    description:
      'Verifies the audit trail now (administering bureau): every signed checkpoint against its row, then the rows after the last good ' +
      'checkpoint; with the recent checkpoints, the last full verification and the monthly partitions',
  })
  @Sharing(AUDIT)
  async auditChainStatus(@Ctx() ctx: Ctx): Promise<AuditChainStatus> {
    const actor = roleActor(ctx.policy.identity, Role.SECURITY_ADMIN, 'Verifying the audit chain');
    if (actor.agency !== BUREAU)
      throw forbidden(`Verifying the audit chain is the administering bureau's (${BUREAU}) role`, { reason: 'role', requiredRole: 'BUREAU' });
    const sql = query(ctx.em);
    const lastFull = await lastAuditVerification(sql, 'FULL');
    const status = await verifyAuditTrail(governanceDatabaseUrl(), {
      mode: 'FROM_CHECKPOINT',
      checkpointFile: checkpointFilePath,
      recordAs: `auditChainStatus:${actor.operator ?? actor.agency}`,
    });
    const checkpoint = (c: CheckpointRecord) => ({
      seq: String(c.seq),
      hash: c.hash,
      signedAt: iso(c.signedAt)!,
      keyId: c.keyId,
      pushedAt: iso(c.pushedAt),
      pushError: c.pushError,
    });
    const last = status.checkpoints.lastGood;
    return {
      intact: status.intact,
      events: status.events,
      headHash: status.headHash,
      brokenAtSeq: status.brokenAtSeq === null ? null : String(status.brokenAtSeq),
      reason: status.reason,
      checkedAt: new Date().toISOString(),
      mode: last ? 'FROM_CHECKPOINT' : 'FULL',
      fromSeq: String(status.fromSeq),
      checkpointsMatched: status.checkpoints.matched,
      lastCheckpoint: last ? { seq: String(last.sequence), hash: last.hash, signedAt: last.time, keyId: last.keyId, pushedAt: null, pushError: null } : null,
      recentCheckpoints: (await recentAuditCheckpoints(sql, 20)).map(checkpoint),
      lastFullVerification: lastFull && {
        finishedAt: iso(lastFull.finishedAt)!,
        mode: lastFull.mode,
        fromSeq: String(lastFull.fromSeq),
        throughSeq: String(lastFull.throughSeq),
        intact: lastFull.intact,
        reason: lastFull.reason,
        byWhom: lastFull.byWhom,
      },
      partitions: (await auditPartitions(sql)).map((p) => ({ name: p.name, month: p.month, estimatedEvents: p.events })),
    };
  }

  @FieldResolver(() => String) @Sharing(AUDIT) at(@Root() r: AuditRow) {
    return iso(r.at);
  }
  @FieldResolver(() => String) @Sharing(AUDIT) requestId(@Root() r: AuditRow) {
    return r.request_id;
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(AUDIT) agencyCode(@Root() r: AuditRow) {
    return r.agency;
  }
  @FieldResolver(() => Agency, { nullable: true }) @Sharing(AUDIT) agency(@Root() r: AuditRow, @Ctx() ctx: Ctx) {
    return r.agency ? ctx.loaders.agencyByCode.load(r.agency) : null;
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(AUDIT) actorSubject(@Root() r: AuditRow) {
    return r.actor_subject;
  }
  @FieldResolver(() => [String]) @Sharing(AUDIT) itemsServed(@Root() r: AuditRow) {
    return r.items_served;
  }
  @FieldResolver(() => [String]) @Sharing(AUDIT) itemsMasked(@Root() r: AuditRow) {
    return r.items_masked;
  }
  @FieldResolver(() => [String]) @Sharing(AUDIT) itemsRefused(@Root() r: AuditRow) {
    return r.items_refused;
  }
  @FieldResolver(() => [String]) @Sharing(AUDIT) subjectKeys(@Root() r: AuditRow) {
    return r.visible_subject_keys;
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(AUDIT) correlationId(@Root() r: AuditRow) {
    return r.correlation_id;
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(AUDIT) refusalReason(@Root() r: AuditRow) {
    return r.refusal_reason;
  }
  @FieldResolver(() => Boolean, { nullable: true }) @Sharing(AUDIT) agencyVerified(@Root() r: AuditRow) {
    return r.agency_verified;
  }
  @FieldResolver(() => Int) @Sharing(AUDIT) refusalCount(@Root() r: AuditRow) {
    return r.refusal_count ?? 1;
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(AUDIT) sourceAddress(@Root() r: AuditRow) {
    return r.source_address;
  }
  @FieldResolver(() => AuditDecision) @Sharing(AUDIT) decision(@Root() r: AuditRow) {
    return r.decision;
  }
  @FieldResolver(() => String) @Sharing(AUDIT) prevHash(@Root() r: AuditRow) {
    return r.prev_hash;
  }
}

@Resolver(() => AccessRecord)
export class AccessHistoryResolver {
  @Query(() => AccessRecordConnection, {
    description:
      'For a data subject (a token whose subject is their own ID number or USCC): which agencies read their records, when, which items ' +
      'and for which purpose, newest first. Their own records only; any other caller is refused.',
  })
  @Sharing(SELF_SERVICE)
  async myAccessHistory(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const { identity } = ctx.policy;
    if (identity.kind !== 'subject' || !identity.subjectKey) {
      throw forbidden('The access history is shown to the data subject only: authenticate with a token issued for your own ID number or USCC', {
        reason: 'data subject token required',
      });
    }
    const size = validateFirst(first);
    // Every event naming the subject, disclosed to the reader or not: it is their data.
    const events = await subjectAccessHistory(query(ctx.em), identity.subjectKey, size, after);
    return mapConnection(
      events,
      (r) =>
        ({
          seq: r.seq,
          at: iso(r.at)!,
          agencyCode: r.agency!,
          purpose: r.purpose,
          operation: r.operation,
          resource: r.resource,
          subgraph: r.subgraph,
          items: [...r.items_served, ...r.items_masked].sort(),
          maskedItems: r.items_masked,
          refusedItems: r.items_refused,
          decision: r.decision as AuditDecision,
          reference: r.request_id,
        }) as unknown as AccessRecord,
    );
  }

  @FieldResolver(() => Agency, { nullable: true })
  @Sharing(SELF_SERVICE)
  agency(@Root() r: AccessRecord, @Ctx() ctx: Ctx) {
    return ctx.loaders.agencyByCode.load(r.agencyCode);
  }
}
