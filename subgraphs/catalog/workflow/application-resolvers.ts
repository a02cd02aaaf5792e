/**
 * Sharing applications as GraphQL: the transitions of applications.ts as mutations, each recorded
 * in the audit trail, and queries scoped to the applicant, the providing agencies of the
 * conditional items and the administering bureau.
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { forbidden } from '../../../platform/errors';
import { validateFirst } from '../../../platform/graphql/connection';
import { keysetPage, TIMESTAMP_TEXT, UUID_TEXT, type Clause } from '../../../platform/db/keyset';
import { grantExpiredCondition } from '../../../platform/governance';
import { nowOf } from '../shared/request-clock';
import { SharingApplicationEntity } from './entities';
import type { CatalogLoaders } from '../loaders';
import { Agency } from '../agencies/types';
import {
  ApplicationProvision,
  ApplicationReview,
  ApplicationStatus,
  SharingApplication,
  SharingApplicationConnection,
  SharingApplicationFilter,
  SharingApplicationInput,
} from './application-types';
import { Grant, GrantStatus, ItemMask } from './grant-types';
import { currentCatalogue } from '../catalogue/catalogue';
import { expandThematicItems } from '../catalogue/kinds';
import { iso, query, transaction } from '../shared/sql';
import {
  BUREAU,
  agencyActor,
  assertId,
  pendingReviewers,
  provisionApplication,
  reviewApplication,
  submitApplication,
  validateApplication,
  withdrawApplication,
} from './applications';
import { recordTransition } from '../shared/transitions';
import { TrustedDocument, validateOperations } from './operations';
import { insertApplicationOperations, loadApplicationOperations } from '../../../platform/governance';
import { Role, roleActor } from '../shared/actors';
import { WORKFLOW } from '../shared/policy';
import { canSeeApplication, grantStatus } from './visibility';

type Ctx = SubgraphContext<CatalogLoaders>;

async function freshApplication(ctx: Ctx, id: string): Promise<SharingApplicationEntity> {
  return ctx.em.findOneOrFail(SharingApplicationEntity, { id }, { refresh: true });
}

const PENDING_PROVISION = ['APPROVED', 'PARTIALLY_PROVISIONED'];

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
    const where: Clause[] = [];
    if (actor.agency !== BUREAU) where.push({ sql: `(applicant = ? OR ? = ANY(providers))`, params: [actor.agency, actor.agency] });
    if (filter?.status === ApplicationStatus.EXPIRED) {
      // Expired on the platform clock (issue 10, item 9), as the status field says.
      const expired = grantExpiredCondition('grant_id', await nowOf(ctx));
      where.push({ sql: `status IN ('GRANTED', 'PROVISIONED') AND ${expired.sql}`, params: expired.params });
    } else if (filter?.status) {
      where.push({ sql: `status = ?`, params: [filter.status] });
    }
    if (filter?.applicant) where.push({ sql: `applicant = ?`, params: [filter.applicant] });
    if (filter?.provider) where.push({ sql: `? = ANY(providers)`, params: [filter.provider] });
    return keysetPage<{ id: string }, SharingApplicationEntity>(query(ctx.em), {
      select: 'id',
      from: 'sharing_application',
      where,
      key: [
        { column: 'submitted_at', type: 'timestamptz', pattern: TIMESTAMP_TEXT },
        { column: 'id', type: 'uuid', pattern: UUID_TEXT },
      ],
      direction: 'DESC',
      first: size,
      after,
      nodes: async (rows) => {
        const apps = rows.length ? await ctx.em.find(SharingApplicationEntity, { id: { $in: rows.map((r) => r.id) } }) : [];
        const byId = new Map(apps.map((a) => [a.id, a]));
        return rows.map((r) => byId.get(r.id));
      },
    });
  }

  @Query(() => [SharingApplication], {
    description: 'Approved applications not provisioned by their deadline (bureau: all; a provider: its own; an applicant: its own)',
  })
  @Sharing(WORKFLOW)
  async overdueProvisioning(@Ctx() ctx: Ctx, @Arg('provider', () => String, { nullable: true }) provider?: string) {
    const actor = agencyActor(ctx.policy.identity, 'Listing overdue provisioning');
    const qb: Record<string, unknown> = { status: { $in: PENDING_PROVISION }, provisioningDeadlineAt: { $lt: await nowOf(ctx) } };
    const scoped = actor.agency === BUREAU ? qb : { ...qb, $or: [{ applicant: actor.agency }, { providers: { $overlap: [actor.agency] } }] };
    const apps = await ctx.em.find(SharingApplicationEntity, scoped, { orderBy: { provisioningDeadlineAt: 'asc', id: 'asc' }, limit: 500 });
    if (!provider) return apps;
    const pending = await Promise.all(apps.map((a) => ctx.loaders.provisionsByApplication.load(a.id)));
    return apps.filter((a, i) => a.providers.includes(provider) && !pending[i].some((p) => p.provider === provider));
  }

  // ─── transitions ─────────────────────────────────────────────────────────────────────────

  @Mutation(() => SharingApplication, {
    description:
      'Applies for catalogue items (Art. 16-17). UNCONDITIONAL items are granted at once; CONDITIONAL items go to the administering ' +
      'bureau and their providers for review; NONE items cannot be applied for (object with objectToNonSharing).',
  })
  async submitSharingApplication(@Arg('input', () => SharingApplicationInput) input: SharingApplicationInput, @Ctx() ctx: Ctx) {
    return recordTransition(
      ctx,
      'SharingApplication',
      'submitSharingApplication',
      undefined,
      async () => {
        const actor = roleActor(ctx.policy.identity, Role.OPERATOR, 'Applying for data');
        // A thematic resource's code stands for its items (issue 10: applying for a theme applies for its items).
        const items = await expandThematicItems(query(ctx.em), input.items);
        const valid = validateApplication(actor, Object.assign({}, input, { items }), currentCatalogue());
        const operations = validateOperations(input.operations);
        const id = await transaction(ctx.em, async (q) => {
          const appId = await submitApplication(q, actor, valid);
          await insertApplicationOperations(q, appId, operations);
          return appId;
        });
        return freshApplication(ctx, id);
      },
      (app) => app.id,
    );
  }

  @Mutation(() => SharingApplication, { description: 'Withdraws an application not yet provisioned (applicant)' })
  async withdrawSharingApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'SharingApplication', 'withdrawSharingApplication', id, async () => {
      const actor = roleActor(ctx.policy.identity, Role.OPERATOR, 'Withdrawing an application');
      const appId = assertId(id);
      await transaction(ctx.em, (q) => withdrawApplication(q, actor, appId));
      return freshApplication(ctx, appId);
    });
  }

  @Mutation(() => SharingApplication, {
    description:
      "Approves or rejects (with a reason) an application UNDER_REVIEW (an `approver`, 数据分管领导). The reviewer's part comes from its agency: the " +
      'administering bureau (data-bureau) and each providing agency of the conditional items must all approve; any of them may reject.',
  })
  async reviewSharingApplication(
    @Arg('id', () => ID) id: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('reason', () => String, { nullable: true }) reason: string | undefined,
    @Ctx() ctx: Ctx,
    @Arg('approveBatch', () => Boolean, {
      nullable: true,
      description: 'For an application asking for BATCH: approve the batch method too (default: not approved; the grant is then online only)',
    })
    approveBatch?: boolean,
  ) {
    return recordTransition(ctx, 'SharingApplication', 'reviewSharingApplication', id, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Reviewing an application');
      const appId = assertId(id);
      const calendar = await ctx.loaders.calendar();
      await transaction(ctx.em, (q) => reviewApplication(q, actor, appId, approve, reason, calendar, approveBatch));
      return freshApplication(ctx, appId);
    });
  }

  @Mutation(() => SharingApplication, {
    description:
      'Provisions an APPROVED application (a providing agency, for its items, within ten working days): creates or extends the grant the policy enforces',
  })
  async provisionSharingApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'SharingApplication', 'provisionSharingApplication', id, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Provisioning an application');
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

  @FieldResolver(() => [TrustedDocument], { description: 'The GraphQL documents the application registered (trusted documents), with their ids' })
  @Sharing(WORKFLOW)
  async operations(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx): Promise<TrustedDocument[]> {
    return (await loadApplicationOperations(query(ctx.em), app.id)).map((o) => ({ id: o.sha256, operationName: o.operationName, document: o.document }));
  }

  @FieldResolver(() => [ItemMask])
  @Sharing(WORKFLOW)
  requestedMasks(@Root() app: SharingApplicationEntity): ItemMask[] {
    return Object.entries(app.requestedMasks ?? {}).map(([item, mask]) => ({ item, mask }));
  }

  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) validUntil(@Root() a: SharingApplicationEntity) {
    return iso(a.validUntil);
  }
  @FieldResolver(() => String) @Sharing(WORKFLOW) submittedAt(@Root() a: SharingApplicationEntity) {
    return iso(a.submittedAt);
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) decidedAt(@Root() a: SharingApplicationEntity) {
    return iso(a.decidedAt);
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) provisionedAt(@Root() a: SharingApplicationEntity) {
    return iso(a.provisionedAt);
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) provisioningDeadlineAt(@Root() a: SharingApplicationEntity) {
    return iso(a.provisioningDeadlineAt);
  }

  @FieldResolver(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  provisioningDeadline(@Root() a: SharingApplicationEntity) {
    const d = a.provisioningDeadline as unknown;
    if (d == null) return null;
    return d instanceof Date
      ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
      : String(d).slice(0, 10);
  }

  @FieldResolver(() => ApplicationStatus)
  @Sharing(WORKFLOW)
  async status(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx): Promise<string> {
    if (['GRANTED', 'PROVISIONED'].includes(app.status) && app.grantId) {
      const g = await ctx.loaders.grantById.load(app.grantId);
      if (g && grantStatus(g, (await nowOf(ctx)).getTime()) === GrantStatus.EXPIRED) return ApplicationStatus.EXPIRED;
    }
    return app.status;
  }

  @FieldResolver(() => [ApplicationReview])
  @Sharing(WORKFLOW)
  async reviews(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx) {
    // eslint-disable-next-line @typescript-eslint/no-misused-spread -- a plain data row, no methods to lose
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
    return rows.map((p) => ({
      provider: p.provider,
      items: p.items,
      at: iso(p.at)!,
      delayWorkingDays: deadline ? calendar.delayWorkingDays(deadline, new Date(p.at)) : 0,
    }));
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
  async overdue(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx) {
    if (!PENDING_PROVISION.includes(app.status) || !app.provisioningDeadlineAt) return false;
    return new Date(app.provisioningDeadlineAt).getTime() < (await nowOf(ctx)).getTime();
  }

  @FieldResolver(() => Int)
  @Sharing(WORKFLOW)
  async provisioningDelayWorkingDays(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx) {
    const deadline = this.provisioningDeadline(app);
    if (!deadline) return 0;
    const calendar = await ctx.loaders.calendar();
    if (PENDING_PROVISION.includes(app.status)) return calendar.delayWorkingDays(deadline, await nowOf(ctx));
    const provisions = await ctx.loaders.provisionsByApplication.load(app.id);
    return Math.max(0, ...provisions.map((p) => calendar.delayWorkingDays(deadline, new Date(p.at))));
  }

  @FieldResolver(() => Grant, { nullable: true })
  @Sharing(WORKFLOW)
  grant(@Root() app: SharingApplicationEntity, @Ctx() ctx: Ctx) {
    return app.grantId ? ctx.loaders.grantById.load(app.grantId) : null;
  }
}
