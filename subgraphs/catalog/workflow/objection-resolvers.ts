/**
 * Objections to NONE items as GraphQL: raised by any agency but the provider, reviewed by the
 * bureau, and published with their outcomes to every agency (公示告知, Art. 16).
 */
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { NonSharingObjectionEntity } from './entities';
import type { CatalogLoaders } from '../loaders';
import { NonSharingObjection, NonSharingObjectionInput, ObjectionOutcome, ObjectionStatus } from './objection-types';
import { SharingTypeEnum } from '../catalogue/types';
import { currentCatalogue } from '../catalogue/catalogue';
import { Query as Sql, iso, notFound, transaction } from '../shared/sql';
import { Role, agencyActor, assertId, roleActor } from '../shared/actors';
import { objectToNonSharing, reviewObjection } from './objections';
import { recordTransition } from '../shared/transitions';
import { WORKFLOW } from '../shared/policy';
import { activeRegister } from '../../../platform/policy/register';

type Ctx = SubgraphContext<CatalogLoaders>;

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
    return recordTransition(
      ctx,
      'NonSharingObjection',
      'objectToNonSharing',
      undefined,
      async () => {
        const actor = roleActor(ctx.policy.identity, Role.OPERATOR, 'Objecting to a NONE item');
        const id = await transaction(ctx.em, (q) => objectToNonSharing(q, actor, input, currentCatalogue()));
        return ctx.em.findOneOrFail(NonSharingObjectionEntity, { id }, { refresh: true });
      },
      (o) => o.id,
    );
  }

  @Mutation(() => NonSharingObjection, {
    description:
      'The argumentation review (论证审核, Art. 16) by the administering bureau: KEEP_NONE publishes the basis; RECLASSIFY makes the ' +
      'item shareable at once: a new version of the catalogue register (author: the reviewer, reason: the review), live in every subgraph',
  })
  async reviewNonSharingObjection(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => ObjectionOutcome) outcome: ObjectionOutcome,
    @Arg('reason', () => String) reason: string,
    @Arg('reclassifyTo', () => SharingTypeEnum, { nullable: true }) reclassifyTo: SharingTypeEnum | undefined,
    @Ctx() ctx: Ctx,
    @Arg('mask', () => String, {
      nullable: true,
      description: "RECLASSIFY: the item's default mask from now on (a mask spec, e.g. SURNAME); default: unchanged",
    })
    mask?: string,
    @Arg('conditions', () => String, { nullable: true, description: "RECLASSIFY: the item's published conditions of sharing (Art. 15)" })
    conditions?: string,
  ) {
    return recordTransition(ctx, 'NonSharingObjection', 'reviewNonSharingObjection', id, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'The argumentation review');
      const objectionId = assertId(id);
      await transaction(ctx.em, (q: Sql) =>
        reviewObjection(q, actor, objectionId, outcome, reason, reclassifyTo, { catalogue: currentCatalogue(), mask, conditions }),
      );
      await activeRegister()?.reload(); // this process's catalogue shows the change at once

      const row = await ctx.em.findOne(NonSharingObjectionEntity, { id: objectionId }, { refresh: true });
      if (!row) throw notFound(`Objection ${id}`);
      return row;
    });
  }

  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) decidedAt(@Root() o: NonSharingObjectionEntity) {
    return iso(o.decidedAt);
  }
  @FieldResolver(() => String) @Sharing(WORKFLOW) submittedAt(@Root() o: NonSharingObjectionEntity) {
    return iso(o.submittedAt);
  }

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
