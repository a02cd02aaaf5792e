/**
 * Applications, grants and objections as GraphQL: the transitions of workflow.ts as mutations, each
 * recorded in the audit trail, and queries scoped to who may see what: the applicant, the
 * providing agencies of the conditional items and the administering bureau see an application;
 * a grant is seen by its agency, the providers of its items and the bureau; objections and their
 * outcomes are published to every agency (公示告知, Art. 16).
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { Sharing } from '../../platform/policy/metadata';
import { forbidden, badUserInput } from '../../platform/errors';
import { decodeCursor, toConnection, validateFirst } from '../../platform/graphql/connection';
import { GrantEntity, NonSharingObjectionEntity, SharingApplicationEntity } from './entities';
import type { CatalogLoaders } from './loaders';
import {
  Agency, ApplicationProvision, ApplicationReview, ApplicationStatus, Grant, GrantConnection, GrantStatus, ItemMask, NonSharingObjection,
  NonSharingObjectionInput, ObjectionOutcome, ObjectionStatus, SharingApplication, SharingApplicationConnection, SharingApplicationFilter,
  SharingApplicationInput, SharingTypeEnum, WORKFLOW,
} from './types';
import { currentCatalogue } from './catalogue';
import { Query as Sql, iso, isUuid, notFound, pgArray, query, transaction } from './sql';
import {
  Actor, BUREAU, agencyActor, assertId, objectToNonSharing, pendingReviewers, provisionApplication, revokeGrant, reviewApplication,
  reviewObjection, submitApplication, validateApplication, withdrawApplication,
} from './workflow';
import { recordTransition } from './audit-trail';

type Ctx = SubgraphContext<CatalogLoaders>;

function canSeeApplication(actor: Actor, app: SharingApplicationEntity): boolean {
  return actor.agency === BUREAU || app.applicant === actor.agency || app.providers.includes(actor.agency);
}

/** Items the agency provides, per the catalogue. */
function itemsProvidedBy(agency: string): string[] {
  return [...currentCatalogue().items.values()].filter((i) => i.provider === agency).map((i) => i.name);
}

function canSeeGrant(actor: Actor, grant: GrantEntity): boolean {
  if (actor.agency === BUREAU || grant.agencyCode === actor.agency) return true;
  const mine = new Set(itemsProvidedBy(actor.agency));
  return grant.items.some((i) => mine.has(i));
}

async function freshApplication(ctx: Ctx, id: string): Promise<SharingApplicationEntity> {
  return ctx.em.findOneOrFail(SharingApplicationEntity, { id }, { refresh: true });
}

function grantStatus(g: GrantEntity, now = Date.now()): GrantStatus {
  if (g.revokedAt) return GrantStatus.REVOKED;
  if (g.validTo && new Date(g.validTo).getTime() <= now) return GrantStatus.EXPIRED;
  if (new Date(g.validFrom).getTime() > now) return GrantStatus.PENDING;
  return GrantStatus.LIVE;
}

const PENDING_PROVISION = ['APPROVED', 'PARTIALLY_PROVISIONED'];
/** PostgreSQL's text of a timestamptz, as cursors carry it: 2026-11-26 08:00:00.123456+00. */
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

@Resolver(() => SharingApplication)
export class SharingApplicationResolver {
  // ─── queries ─────────────────────────────────────────────────────────────────────────────

  @Query(() => SharingApplication, { nullable: true, description: 'An application: seen by its applicant, its providers and the administering bureau' })
  @Sharing(WORKFLOW)
  async sharingApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    const actor = agencyActor(ctx.policy.identity, 'Reading an application');
    const app = await ctx.loaders.applicationById.load(assertId(id));
    if (!app) return null;
    if (!canSeeApplication(actor, app)) {
      throw forbidden(`Application ${id} is seen by its applicant, its providers and the administering bureau, not by ${actor.agency}`, { reason: 'role' });
    }
    return app;
  }

  @Query(() => SharingApplicationConnection, { description: 'Applications the caller may see (bureau: all; others: as applicant or provider), newest first' })
  @Sharing(WORKFLOW)
  async sharingApplications(
    @Ctx() ctx: Ctx,
    @Arg('filter', () => SharingApplicationFilter, { nullable: true }) filter?: SharingApplicationFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const actor = agencyActor(ctx.policy.identity, 'Listing applications');
    const size = validateFirst(first);
    const cursor = decodeCursor(after);
    const where: string[] = [];
    const params: unknown[] = [];
    if (actor.agency !== BUREAU) {
      where.push(`(applicant = ? OR ? = ANY(providers))`);
      params.push(actor.agency, actor.agency);
    }
    if (filter?.status) {
      if (filter.status === ApplicationStatus.EXPIRED) {
        where.push(`status IN ('GRANTED', 'PROVISIONED') AND EXISTS (SELECT 1 FROM sharing_grant g WHERE g.id = grant_id AND g.valid_to <= now() AND g.revoked_at IS NULL)`);
      } else {
        where.push(`status = ?`);
        params.push(filter.status);
      }
    }
    if (filter?.applicant) { where.push(`applicant = ?`); params.push(filter.applicant); }
    if (filter?.provider) { where.push(`? = ANY(providers)`); params.push(filter.provider); }
    const countWhere = [...where];
    const countParams = [...params];
    if (cursor) {
      const [ts, cid] = cursor.split('|');
      if (!ts || !cid || !isUuid(cid) || !TIMESTAMP_TEXT.test(ts)) throw badUserInput('Argument "after" is not a cursor of this list', { argument: 'after' });
      where.push(`(submitted_at, id) < (?::timestamptz, ?::uuid)`);
      params.push(ts, cid);
    }
    const sql = query(ctx.em);
    // The cursor keeps the timestamp's full (microsecond) text, so that no row is skipped.
    const rows = await sql<{ id: string; k: string }>(
      `SELECT id, submitted_at::text AS k FROM sharing_application ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY submitted_at DESC, id DESC LIMIT ${size + 1}`,
      params,
    );
    const apps = rows.length ? await ctx.em.find(SharingApplicationEntity, { id: { $in: rows.map((r) => r.id) } }) : [];
    const byId = new Map(apps.map((a) => [a.id, a]));
    const keys = new Map(rows.map((r) => [r.id, r.k]));
    const ordered = rows.map((r) => byId.get(r.id)!).filter(Boolean);
    return toConnection(ordered, size, (a) => `${keys.get(a.id)}|${a.id}`, async () => {
      const [c] = await sql<{ n: string }>(`SELECT count(*) AS n FROM sharing_application ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''}`, countParams);
      return Number(c.n);
    });
  }

  @Query(() => [SharingApplication], { description: 'Approved applications not provisioned by their deadline (bureau: all; a provider: its own; an applicant: its own)' })
  @Sharing(WORKFLOW)
  async overdueProvisioning(@Ctx() ctx: Ctx, @Arg('provider', () => String, { nullable: true }) provider?: string) {
    const actor = agencyActor(ctx.policy.identity, 'Listing overdue provisioning');
    const qb: Record<string, unknown> = { status: { $in: PENDING_PROVISION }, provisioningDeadlineAt: { $lt: new Date() } };
    const scoped = actor.agency === BUREAU ? qb : { ...qb, $or: [{ applicant: actor.agency }, { providers: { $overlap: [actor.agency] } }] };
    const apps = await ctx.em.find(SharingApplicationEntity, scoped as never, { orderBy: { provisioningDeadlineAt: 'asc', id: 'asc' }, limit: 500 });
    if (!provider) return apps;
    const pending = await Promise.all(apps.map((a) => ctx.loaders.provisionsByApplication.load(a.id)));
    return apps.filter((a, i) => a.providers.includes(provider) && !pending[i].some((p) => p.provider === provider));
  }

  // ─── transitions ─────────────────────────────────────────────────────────────────────────

  @Mutation(() => SharingApplication, {
    description: 'Applies for catalogue items (Art. 16-17). UNCONDITIONAL items are granted at once; CONDITIONAL items go to the administering '
      + 'bureau and their providers for review; NONE items cannot be applied for (object with objectToNonSharing).',
  })
  async submitSharingApplication(@Arg('input', () => SharingApplicationInput) input: SharingApplicationInput, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'SharingApplication', 'submitSharingApplication', undefined, async () => {
      const actor = agencyActor(ctx.policy.identity, 'Applying for data');
      const valid = validateApplication(actor, input, currentCatalogue());
      const id = await transaction(ctx.em, (q) => submitApplication(q, actor, valid));
      return freshApplication(ctx, id);
    }, (app) => app.id);
  }

  @Mutation(() => SharingApplication, { description: 'Withdraws an application not yet provisioned (applicant)' })
  async withdrawSharingApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'SharingApplication', 'withdrawSharingApplication', id, async () => {
      const actor = agencyActor(ctx.policy.identity, 'Withdrawing an application');
      const appId = assertId(id);
      await transaction(ctx.em, (q) => withdrawApplication(q, actor, appId));
      return freshApplication(ctx, appId);
    });
  }

  @Mutation(() => SharingApplication, {
    description: "Approves or rejects (with a reason) an application UNDER_REVIEW. The reviewer's role comes from its agency: the administering "
      + 'bureau (data-bureau) and each providing agency of the conditional items must all approve; any of them may reject.',
  })
  async reviewSharingApplication(
    @Arg('id', () => ID) id: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('reason', () => String, { nullable: true }) reason: string | undefined,
    @Ctx() ctx: Ctx,
  ) {
    return recordTransition(ctx, 'SharingApplication', 'reviewSharingApplication', id, async () => {
      const actor = agencyActor(ctx.policy.identity, 'Reviewing an application');
      const appId = assertId(id);
      const calendar = await ctx.loaders.calendar();
      await transaction(ctx.em, (q) => reviewApplication(q, actor, appId, approve, reason, calendar));
      return freshApplication(ctx, appId);
    });
  }

  @Mutation(() => SharingApplication, {
    description: 'Provisions an APPROVED application (a providing agency, for its items, within ten working days): creates or extends the grant the policy enforces',
  })
  async provisionSharingApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'SharingApplication', 'provisionSharingApplication', id, async () => {
      const actor = agencyActor(ctx.policy.identity, 'Provisioning an application');
      const appId = assertId(id);
      await transaction(ctx.em, (q) => provisionApplication(q, actor, appId, currentCatalogue()));
      return freshApplication(ctx, appId);
    });
  }

  // ─── fields ──────────────────────────────────────────────────────────────────────────────

  @FieldResolver(() => String)
  @Sharing(WORKFLOW)
  applicantCode(@Root() app: SharingApplicationEntity) {
    return app.applicant;
  }

  @FieldResolver(() => Agency, { nullable: true })
  @Sharing(WORKFLOW)
  applicant(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx) {
    return ctx.loaders.agencyByCode.load(app.applicant);
  }

  @FieldResolver(() => [ItemMask])
  @Sharing(WORKFLOW)
  requestedMasks(@Root() app: SharingApplicationEntity): ItemMask[] {
    return Object.entries(app.requestedMasks ?? {}).map(([item, mask]) => ({ item, mask }));
  }

  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) validUntil(@Root() a: SharingApplicationEntity) { return iso(a.validUntil); }
  @FieldResolver(() => String) @Sharing(WORKFLOW) submittedAt(@Root() a: SharingApplicationEntity) { return iso(a.submittedAt); }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) decidedAt(@Root() a: SharingApplicationEntity) { return iso(a.decidedAt); }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) provisionedAt(@Root() a: SharingApplicationEntity) { return iso(a.provisionedAt); }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) provisioningDeadlineAt(@Root() a: SharingApplicationEntity) { return iso(a.provisioningDeadlineAt); }

  @FieldResolver(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  provisioningDeadline(@Root() a: SharingApplicationEntity) {
    const d = a.provisioningDeadline as unknown;
    if (d == null) return null;
    return d instanceof Date ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : String(d).slice(0, 10);
  }

  @FieldResolver(() => ApplicationStatus)
  @Sharing(WORKFLOW)
  async status(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx): Promise<string> {
    if (['GRANTED', 'PROVISIONED'].includes(app.status) && app.grantId) {
      const g = await ctx.loaders.grantById.load(app.grantId);
      if (g && grantStatus(g) === GrantStatus.EXPIRED) return ApplicationStatus.EXPIRED;
    }
    return app.status;
  }

  @FieldResolver(() => [ApplicationReview])
  @Sharing(WORKFLOW)
  async reviews(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx) {
    return (await ctx.loaders.reviewsByApplication.load(app.id)).map((r) => ({ ...r, at: iso(r.at) }));
  }

  @FieldResolver(() => [String])
  @Sharing(WORKFLOW)
  async pendingReviewers(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx) {
    return pendingReviewers(app, await ctx.loaders.reviewsByApplication.load(app.id));
  }

  @FieldResolver(() => [ApplicationProvision])
  @Sharing(WORKFLOW)
  async provisions(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx): Promise<ApplicationProvision[]> {
    const rows = await ctx.loaders.provisionsByApplication.load(app.id);
    const calendar = await ctx.loaders.calendar();
    const deadline = this.provisioningDeadline(app);
    return rows.map((p) => ({ provider: p.provider, items: p.items, at: iso(p.at)!, delayWorkingDays: deadline ? calendar.delayWorkingDays(deadline, new Date(p.at)) : 0 }));
  }

  @FieldResolver(() => [String])
  @Sharing(WORKFLOW)
  async pendingProvisioners(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx) {
    if (!PENDING_PROVISION.includes(app.status)) return [];
    const done = await ctx.loaders.provisionsByApplication.load(app.id);
    return app.providers.filter((p) => !done.some((d) => d.provider === p));
  }

  @FieldResolver(() => Boolean)
  @Sharing(WORKFLOW)
  overdue(@Root() app: SharingApplicationEntity) {
    return PENDING_PROVISION.includes(app.status) && !!app.provisioningDeadlineAt && new Date(app.provisioningDeadlineAt).getTime() < Date.now();
  }

  @FieldResolver(() => Int)
  @Sharing(WORKFLOW)
  async provisioningDelayWorkingDays(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx) {
    const deadline = this.provisioningDeadline(app);
    if (!deadline) return 0;
    const calendar = await ctx.loaders.calendar();
    if (PENDING_PROVISION.includes(app.status)) return calendar.delayWorkingDays(deadline, new Date());
    const provisions = await ctx.loaders.provisionsByApplication.load(app.id);
    return Math.max(0, ...provisions.map((p) => calendar.delayWorkingDays(deadline, new Date(p.at))));
  }

  @FieldResolver(() => Grant, { nullable: true })
  @Sharing(WORKFLOW)
  grant(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx) {
    return app.grantId ? ctx.loaders.grantById.load(app.grantId) : null;
  }
}

@Resolver(() => Grant)
export class GrantResolver {
  @Query(() => Grant, { nullable: true, description: 'A grant: seen by its agency, the providers of its items and the administering bureau' })
  @Sharing(WORKFLOW)
  async grant(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    const actor = agencyActor(ctx.policy.identity, 'Reading a grant');
    const g = await ctx.loaders.grantById.load(assertId(id));
    if (!g) return null;
    if (!canSeeGrant(actor, g)) throw forbidden(`Grant ${id} is seen by its agency, the providers of its items and the administering bureau, not by ${actor.agency}`, { reason: 'role' });
    return g;
  }

  @Query(() => GrantConnection, { description: 'Grants the caller may see (bureau: all; a provider: those on its items; an agency: its own), newest first' })
  @Sharing(WORKFLOW)
  async grants(
    @Ctx() ctx: Ctx,
    @Arg('agency', () => String, { nullable: true, description: 'Grantee agency code' }) agency?: string,
    @Arg('status', () => GrantStatus, { nullable: true }) status?: GrantStatus,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const actor = agencyActor(ctx.policy.identity, 'Listing grants');
    const size = validateFirst(first);
    const cursor = decodeCursor(after);
    const where: string[] = [];
    const params: unknown[] = [];
    if (actor.agency !== BUREAU) {
      where.push(`(agency_code = ? OR items && ?::text[])`);
      params.push(actor.agency, pgArray(itemsProvidedBy(actor.agency)));
    }
    if (agency) { where.push(`agency_code = ?`); params.push(agency); }
    const statusSql: Record<GrantStatus, string> = {
      LIVE: `revoked_at IS NULL AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now())`,
      PENDING: `revoked_at IS NULL AND valid_from > now()`,
      REVOKED: `revoked_at IS NOT NULL`,
      EXPIRED: `revoked_at IS NULL AND valid_to <= now()`,
    };
    if (status) where.push(statusSql[status]);
    const countWhere = [...where];
    const countParams = [...params];
    if (cursor) {
      const [ts, cid] = cursor.split('|');
      if (!ts || !cid || !isUuid(cid) || !TIMESTAMP_TEXT.test(ts)) throw badUserInput('Argument "after" is not a cursor of this list', { argument: 'after' });
      where.push(`(created_at, id) < (?::timestamptz, ?::uuid)`);
      params.push(ts, cid);
    }
    const sql = query(ctx.em);
    const rows = await sql<{ id: string; k: string }>(
      `SELECT id, created_at::text AS k FROM sharing_grant ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${size + 1}`,
      params,
    );
    const grants = rows.length ? await ctx.em.find(GrantEntity, { id: { $in: rows.map((r) => r.id) } }) : [];
    const byId = new Map(grants.map((g) => [g.id, g]));
    const keys = new Map(rows.map((r) => [r.id, r.k]));
    return toConnection(rows.map((r) => byId.get(r.id)!).filter(Boolean), size, (g) => `${keys.get(g.id)}|${g.id}`, async () => {
      const [c] = await sql<{ n: string }>(`SELECT count(*) AS n FROM sharing_grant ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''}`, countParams);
      return Number(c.n);
    });
  }

  @Mutation(() => Grant, {
    description: 'Revokes a grant at once, in every subgraph, with a reason: the administering bureau revokes the whole grant; a providing agency '
      + 'revokes only the items it provides (the rest stays live; the whole grant only when nothing else remains)',
  })
  async revokeGrant(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Ctx) {
    let applicationId: string | null = null;
    const result = await recordTransition(ctx, 'Grant', 'revokeGrant', id, async () => {
      const actor = agencyActor(ctx.policy.identity, 'Revoking a grant');
      const grantId = assertId(id);
      ({ applicationId } = await transaction(ctx.em, (q) => revokeGrant(q, actor, grantId, reason, currentCatalogue())));
      return ctx.em.findOneOrFail(GrantEntity, { id: grantId }, { refresh: true });
    });
    if (applicationId) ctx.policy.audit.record('SharingApplication', 'Mutation.revokeGrant', 'served', applicationId);
    return result;
  }

  @FieldResolver(() => Agency, { nullable: true }) @Sharing(WORKFLOW) agency(@Root() g: GrantEntity, @Ctx() ctx: Ctx) { return ctx.loaders.agencyByCode.load(g.agencyCode); }
  @FieldResolver(() => [ItemMask]) @Sharing(WORKFLOW) masks(@Root() g: GrantEntity) { return Object.entries(g.masks ?? {}).map(([item, mask]) => ({ item, mask })); }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) rowScope(@Root() g: GrantEntity) { return g.rowScope ? JSON.stringify(g.rowScope) : null; }
  @FieldResolver(() => String) @Sharing(WORKFLOW) validFrom(@Root() g: GrantEntity) { return iso(g.validFrom); }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) validTo(@Root() g: GrantEntity) { return iso(g.validTo); }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) revokedAt(@Root() g: GrantEntity) { return iso(g.revokedAt); }
  @FieldResolver(() => String) @Sharing(WORKFLOW) createdAt(@Root() g: GrantEntity) { return iso(g.createdAt); }
  @FieldResolver(() => GrantStatus) @Sharing(WORKFLOW) status(@Root() g: GrantEntity) { return grantStatus(g); }
}

@Resolver(() => NonSharingObjection)
export class NonSharingObjectionResolver {
  @Query(() => [NonSharingObjection], { description: 'Objections to NONE items and their review outcomes, published to every agency (公示告知, Art. 16)' })
  @Sharing(WORKFLOW)
  async nonSharingObjections(
    @Ctx() ctx: Ctx,
    @Arg('status', () => ObjectionStatus, { nullable: true }) status?: ObjectionStatus,
    @Arg('item', () => String, { nullable: true }) item?: string,
  ) {
    agencyActor(ctx.policy.identity, 'Reading objections');
    const where: Record<string, unknown> = {};
    if (status) where.status = status;
    if (item) where.item = item;
    return ctx.em.find(NonSharingObjectionEntity, where, { orderBy: { submittedAt: 'desc', id: 'asc' }, limit: 500 });
  }

  @Query(() => NonSharingObjection, { nullable: true })
  @Sharing(WORKFLOW)
  async nonSharingObjection(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    agencyActor(ctx.policy.identity, 'Reading objections');
    return ctx.em.findOne(NonSharingObjectionEntity, { id: assertId(id) });
  }

  @Mutation(() => NonSharingObjection, { description: 'Objects to an item classified NONE, stating the need (an agency other than its provider; Art. 16)' })
  async objectToNonSharing(@Arg('input', () => NonSharingObjectionInput) input: NonSharingObjectionInput, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'NonSharingObjection', 'objectToNonSharing', undefined, async () => {
      const actor = agencyActor(ctx.policy.identity, 'Objecting to a NONE item');
      const id = await transaction(ctx.em, (q) => objectToNonSharing(q, actor, input, currentCatalogue()));
      return ctx.em.findOneOrFail(NonSharingObjectionEntity, { id }, { refresh: true });
    }, (o) => o.id);
  }

  @Mutation(() => NonSharingObjection, {
    description: 'The argumentation review (论证审核, Art. 16) by the administering bureau: KEEP_NONE publishes the basis; RECLASSIFY decides the '
      + 'item becomes shareable, which its provider carries out by changing the field\'s declared policy (the catalogue shows when it has)',
  })
  async reviewNonSharingObjection(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => ObjectionOutcome) outcome: ObjectionOutcome,
    @Arg('reason', () => String) reason: string,
    @Arg('reclassifyTo', () => SharingTypeEnum, { nullable: true }) reclassifyTo: SharingTypeEnum | undefined,
    @Ctx() ctx: Ctx,
  ) {
    return recordTransition(ctx, 'NonSharingObjection', 'reviewNonSharingObjection', id, async () => {
      const actor = agencyActor(ctx.policy.identity, 'The argumentation review');
      const objectionId = assertId(id);
      await transaction(ctx.em, (q: Sql) => reviewObjection(q, actor, objectionId, outcome, reason, reclassifyTo));
      const row = await ctx.em.findOne(NonSharingObjectionEntity, { id: objectionId }, { refresh: true });
      if (!row) throw notFound(`Objection ${id}`);
      return row;
    });
  }

  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) decidedAt(@Root() o: NonSharingObjectionEntity) { return iso(o.decidedAt); }
  @FieldResolver(() => String) @Sharing(WORKFLOW) submittedAt(@Root() o: NonSharingObjectionEntity) { return iso(o.submittedAt); }

  @FieldResolver(() => SharingTypeEnum, { nullable: true })
  @Sharing(WORKFLOW)
  currentSharingType(@Root() o: NonSharingObjectionEntity) {
    return currentCatalogue().items.get(o.item)?.sharingType ?? null;
  }

  @FieldResolver(() => Boolean)
  @Sharing(WORKFLOW)
  implemented(@Root() o: NonSharingObjectionEntity) {
    return o.status === 'RECLASSIFIED' && currentCatalogue().items.get(o.item)?.sharingType === o.reclassifyTo;
  }
}
