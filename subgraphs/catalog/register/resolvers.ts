/**
 * The catalogue register as GraphQL (issue 10, item 3): the bureau's approver edits items and
 * resources and reclassifies items stricter; any agency reads an item's or resource's versions.
 * Each step is audited like the other catalog steps and, once committed, reloaded into this
 * process's register at once (the other subgraphs reload on the NOTIFY).
 */
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { activeRegister } from '../../../platform/policy/register';
import { itemHistory, resourceHistory, type ItemVersion, type ResourceVersion } from '../../../platform/governance';
import type { CatalogLoaders } from '../loaders';
import { currentCatalogue } from '../catalogue/catalogue';
import { iso, query, transaction } from '../shared/sql';
import { Role, agencyActor, requireBureau, roleActor } from '../shared/actors';
import { recordTransition } from '../shared/transitions';
import { WORKFLOW } from '../shared/policy';
import { CatalogueItemEditInput, CatalogueItemVersion, CatalogueResourceEditInput, CatalogueResourceVersion, ReclassificationInput } from './types';
import { editItem, editResource, reclassifyStricter } from './register';

type Ctx = SubgraphContext<CatalogLoaders>;

const itemVersion = (v: ItemVersion): CatalogueItemVersion => ({
  item: v.item,
  version: v.version,
  sharingType: v.type as never,
  openType: v.open as never,
  level: v.level as never,
  mask: v.mask,
  basis: v.basis,
  conditions: v.conditions,
  authorAgency: v.authorAgency,
  authorOperator: v.authorOperator,
  reason: v.reason,
  objectionId: v.objectionId,
  changedAt: iso(v.changedAt)!,
});

const resourceVersion = (v: ResourceVersion): CatalogueResourceVersion => ({ ...v, updateCycle: v.updateCycle as never, changedAt: iso(v.changedAt)! });

/** The bureau's approver, checked before anything is read: the post first, then the agency. */
function bureauApprover(ctx: Ctx, action: string) {
  const actor = roleActor(ctx.policy.identity, Role.APPROVER, action);
  requireBureau(actor, action);
  return actor;
}

@Resolver()
export class CatalogueRegisterResolver {
  @Query(() => [CatalogueItemVersion], { description: "An item's versions in the catalogue register, newest first" })
  @Sharing(WORKFLOW)
  async catalogueItemHistory(@Arg('item', () => String) item: string, @Ctx() ctx: Ctx) {
    agencyActor(ctx.policy.identity, 'Reading the catalogue register');
    return (await itemHistory(query(ctx.em), item.trim())).map(itemVersion);
  }

  @Query(() => [CatalogueResourceVersion], { description: "A resource's metadata versions in the catalogue register, newest first" })
  @Sharing(WORKFLOW)
  async catalogueResourceHistory(@Arg('code', () => String) code: string, @Ctx() ctx: Ctx) {
    agencyActor(ctx.policy.identity, 'Reading the catalogue register');
    return (await resourceHistory(query(ctx.em), code.trim())).map(resourceVersion);
  }

  @Mutation(() => CatalogueItemVersion, {
    description:
      'Reclassifies an item STRICTER (sharing NONE > CONDITIONAL > UNCONDITIONAL, open CLOSED > CONDITIONAL > OPEN, level L4 > L1, a stronger mask), ' +
      'live in every subgraph within a second; a looser change is REVIEW_REQUIRED (the bureau’s approver only)',
  })
  async reclassifyCatalogueItem(
    @Arg('item', () => String) item: string,
    @Arg('input', () => ReclassificationInput) input: ReclassificationInput,
    @Ctx() ctx: Ctx,
  ) {
    return recordTransition(ctx, 'CatalogItem', 'reclassifyCatalogueItem', undefined, async () => {
      const actor = bureauApprover(ctx, 'Reclassifying a catalogue item');
      await transaction(ctx.em, (q) => reclassifyStricter(q, actor, item, input, currentCatalogue()));
      return this.latestItem(ctx, item);
    });
  }

  @Mutation(() => CatalogueItemVersion, {
    description: "Edits an item's published conditions of sharing (Art. 15) or legal basis (the bureau’s approver only)",
  })
  async editCatalogueItem(@Arg('item', () => String) item: string, @Arg('input', () => CatalogueItemEditInput) input: CatalogueItemEditInput, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'CatalogItem', 'editCatalogueItem', undefined, async () => {
      const actor = bureauApprover(ctx, 'Editing a catalogue item');
      await transaction(ctx.em, (q) => editItem(q, actor, item, input, currentCatalogue()));
      return this.latestItem(ctx, item);
    });
  }

  @Mutation(() => CatalogueResourceVersion, { description: "Edits a resource's name, summary or update cycle (the bureau’s approver only)" })
  async editCatalogueResource(
    @Arg('code', () => String) code: string,
    @Arg('input', () => CatalogueResourceEditInput) input: CatalogueResourceEditInput,
    @Ctx() ctx: Ctx,
  ) {
    return recordTransition(ctx, 'CatalogResource', 'editCatalogueResource', undefined, async () => {
      const actor = bureauApprover(ctx, 'Editing a catalogue resource');
      await transaction(ctx.em, (q) => editResource(q, actor, code, input, currentCatalogue()));
      await activeRegister()?.reload();
      const [latest] = await resourceHistory(query(ctx.em), code.trim());
      return resourceVersion(latest);
    });
  }

  private async latestItem(ctx: Ctx, item: string): Promise<CatalogueItemVersion> {
    await activeRegister()?.reload();
    const [latest] = await itemHistory(query(ctx.em), item.trim());
    return itemVersion(latest);
  }
}
