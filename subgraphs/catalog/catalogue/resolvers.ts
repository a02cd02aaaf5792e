/**
 * The sharing catalogue (Art. 12, 14) as GraphQL, generated from the composed supergraph, with
 * its publication dates; filtered by provider, sharing and open type, level and keyword.
 */
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { badUserInput } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import type { CatalogLoaders } from '../loaders';
import { CatalogItem, CatalogResource, CatalogResourceKind, OpenTypeEnum, SensitivityLevelEnum, SharingTypeEnum } from './types';
import { catalogueEntries } from './kinds';
import { currentCatalogue } from './catalogue';
import { publications } from './publication';
import { itemView, resourceView } from './views';
import { PUBLIC_REGISTER } from '../shared/policy';
import { query } from '../shared/sql';

type Ctx = SubgraphContext<CatalogLoaders>;

async function assertKnownAgency(ctx: Ctx, code: string, argument: string): Promise<string> {
  const c = assertNonEmpty(code, argument, 60);
  if (!(await ctx.loaders.agencyByCode.load(c)))
    throw badUserInput(`Argument "${argument}": no agency has the code ${JSON.stringify(c)} (see Query.agencies)`, { argument });
  return c;
}

@Resolver(() => CatalogResource)
export class CatalogueResolver {
  @Query(() => [CatalogResource], {
    description:
      'The sharing catalogue in its kinds (Art. 12): BASE resources generated from the policy metadata of every subgraph, THEMATIC ' +
      'compositions and DEPARTMENT resources kept by the bureau; with their items, filtered by kind, by the ' +
      "items' provider, sharing type, open type (open: true is the open catalogue, Art. 23) and level, and a keyword in the resource's code, name or summary or in an item's name or description",
  })
  @Sharing(PUBLIC_REGISTER)
  async catalogResources(
    @Ctx() ctx: Ctx,
    @Arg('provider', () => String, { nullable: true, description: 'Providing agency code of the items' }) provider?: string,
    @Arg('sharingType', () => SharingTypeEnum, { nullable: true }) sharingType?: SharingTypeEnum,
    @Arg('openType', () => OpenTypeEnum, { nullable: true }) openType?: OpenTypeEnum,
    @Arg('level', () => SensitivityLevelEnum, { nullable: true }) level?: SensitivityLevelEnum,
    @Arg('keyword', () => String, { nullable: true }) keyword?: string,
    @Arg('kind', () => CatalogResourceKind, {
      defaultValue: CatalogResourceKind.BASE,
      description: '目录类别 (Art. 12): BASE (the default: the sharing catalogue of the base databases), THEMATIC or DEPARTMENT',
    })
    kind: CatalogResourceKind = CatalogResourceKind.BASE,
    @Arg('open', () => Boolean, {
      nullable: true,
      description: 'true: the open catalogue (开放目录, Art. 23), i.e. items with openType OPEN only (same as openType: OPEN); false: items not OPEN',
    })
    open?: boolean,
  ): Promise<CatalogResource[]> {
    const who = provider != null ? await assertKnownAgency(ctx, provider, 'provider') : undefined;
    const kw = keyword != null ? assertNonEmpty(keyword, 'keyword', 100).toLowerCase() : undefined;
    const catalogue = currentCatalogue();
    const q = query(ctx.em);
    const [pub, entries] = await Promise.all([publications(q, catalogue), catalogueEntries(q, catalogue)]);
    const has = (s: string | null | undefined) => !!kw && !!s && s.toLowerCase().includes(kw);
    const itemFilters = sharingType || openType || level || open != null;
    const out: CatalogResource[] = [];
    for (const entry of entries) {
      const r = entry.data;
      if (entry.kind !== kind) continue;
      const resourceHit = !kw || [r.code, r.name, r.summary, r.typeName, r.description].some(has);
      // A resource without platform items (held outside) is listed when no item condition is asked (its provider is the resource's).
      if (!r.items.length) {
        if (!itemFilters && resourceHit && (!who || r.provider === who)) out.push(resourceView(entry, [], pub));
        continue;
      }
      // provider: the items' provider, or the agency responsible for a thematic resource (then all its items).
      const byResponsible = !!who && entry.kind !== 'BASE' && r.provider === who;
      const items = r.items.filter(
        (i) =>
          (!who || byResponsible || i.provider === who) &&
          (!sharingType || i.sharingType === sharingType) &&
          (!openType || i.openType === openType) &&
          (open == null || (i.openType === 'OPEN') === open) &&
          (!level || i.level === level) &&
          (resourceHit || [i.name, i.description, i.basis].some(has)),
      );
      if (items.length) out.push(resourceView(entry, items, pub));
    }
    return out;
  }

  @Query(() => CatalogResource, { nullable: true, description: 'One catalogue resource by its code' })
  @Sharing(PUBLIC_REGISTER)
  async catalogResource(@Arg('code', () => String) code: string, @Ctx() ctx: Ctx): Promise<CatalogResource | null> {
    const catalogue = currentCatalogue();
    const q = query(ctx.em);
    const entry = (await catalogueEntries(q, catalogue)).find((x) => x.data.code === code.trim());
    return entry ? resourceView(entry, entry.data.items, await publications(q, catalogue)) : null;
  }

  @Query(() => CatalogItem, { nullable: true, description: 'One catalogue item by its name `Type.field`' })
  @Sharing(PUBLIC_REGISTER)
  async catalogItem(@Arg('name', () => String) name: string, @Ctx() ctx: Ctx): Promise<CatalogItem | null> {
    const catalogue = currentCatalogue();
    const i = catalogue.items.get(name.trim());
    return i ? itemView(i, await publications(query(ctx.em), catalogue)) : null;
  }
}
