/**
 * Grants as GraphQL: seen by their agency, the providers of their items and the administering
 * bureau; revoked by the bureau (whole) or a provider (its own items). The rows are
 * platform/governance's.
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { forbidden } from '../../../platform/errors';
import { validateFirst } from '../../../platform/graphql/connection';
import { loadGrants, pageGrants, type GrantRecord } from '../../../platform/governance';
import type { CatalogLoaders } from '../loaders';
import { Agency } from '../agencies/types';
import { Grant, GrantConnection, GrantStatus, ItemMask } from './grant-types';
import { currentCatalogue } from '../catalogue/catalogue';
import { iso, query, transaction } from '../shared/sql';
import { BUREAU, Role, agencyActor, assertId, roleActor } from '../shared/actors';
import { revokeGrant } from './grants';
import { recordTransition } from '../shared/transitions';
import { WORKFLOW } from '../shared/policy';
import { nowOf } from '../shared/request-clock';
import { canSeeGrant, grantStatus, itemsProvidedBy } from './visibility';

type Ctx = SubgraphContext<CatalogLoaders>;

@Resolver(() => Grant)
export class GrantResolver {
  @Query(() => Grant, { nullable: true, description: 'A grant: seen by its agency, the providers of its items and the administering bureau' })
  @Sharing(WORKFLOW)
  async grant(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    const actor = agencyActor(ctx.policy.identity, 'Reading a grant');
    const g = await ctx.loaders.grantById.load(assertId(id));
    if (!g) return null;
    if (!canSeeGrant(actor, g))
      throw forbidden(`Grant ${id} is seen by its agency, the providers of its items and the administering bureau, not by ${actor.agency}`, { reason: 'role' });
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
    const visibleTo = actor.agency === BUREAU ? undefined : { agency: actor.agency, items: itemsProvidedBy(actor.agency) };
    return pageGrants(query(ctx.em), { visibleTo, agency, status, now: await nowOf(ctx) }, validateFirst(first), after);
  }

  @Mutation(() => Grant, {
    description:
      'Revokes a grant at once, in every subgraph, with a reason: the administering bureau revokes the whole grant; a providing agency ' +
      'revokes only the items it provides (the rest stays live; the whole grant only when nothing else remains)',
  })
  async revokeGrant(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Ctx) {
    let applicationId: string | null = null;
    const result = await recordTransition(ctx, 'Grant', 'revokeGrant', id, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Revoking a grant');
      const grantId = assertId(id);
      ({ applicationId } = await transaction(ctx.em, (q) => revokeGrant(q, actor, grantId, reason, currentCatalogue())));
      const [fresh] = await loadGrants(query(ctx.em), [grantId]);
      return fresh;
    });
    if (applicationId) ctx.policy.audit.record('SharingApplication', 'Mutation.revokeGrant', 'served', applicationId);
    return result;
  }

  @FieldResolver(() => Agency, { nullable: true }) @Sharing(WORKFLOW) agency(@Root() g: GrantRecord, @Ctx() ctx: Ctx) {
    return ctx.loaders.agencyByCode.load(g.agencyCode);
  }
  @FieldResolver(() => [ItemMask]) @Sharing(WORKFLOW) masks(@Root() g: GrantRecord) {
    return Object.entries(g.masks ?? {}).map(([item, mask]) => ({ item, mask }));
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) rowScope(@Root() g: GrantRecord) {
    return g.rowScope ? JSON.stringify(g.rowScope) : null;
  }
  @FieldResolver(() => String) @Sharing(WORKFLOW) validFrom(@Root() g: GrantRecord) {
    return iso(g.validFrom);
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) validTo(@Root() g: GrantRecord) {
    return iso(g.validTo);
  }
  @FieldResolver(() => String, { nullable: true }) @Sharing(WORKFLOW) revokedAt(@Root() g: GrantRecord) {
    return iso(g.revokedAt);
  }
  @FieldResolver(() => String) @Sharing(WORKFLOW) createdAt(@Root() g: GrantRecord) {
    return iso(g.createdAt);
  }
  @FieldResolver(() => GrantStatus) @Sharing(WORKFLOW) async status(@Root() g: GrantRecord, @Ctx() ctx: Ctx) {
    return grantStatus(g, (await nowOf(ctx)).getTime());
  }
}
