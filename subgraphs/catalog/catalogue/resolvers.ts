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
import { CatalogItem, CatalogResource, OpenTypeEnum, SensitivityLevelEnum, SharingTypeEnum } from './types';
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
      'The sharing catalogue, generated from the policy metadata of every subgraph: resources with their items, filtered by the ' +
      "items' provider, sharing type, open type and level, and a keyword in the resource's code, name or summary or in an item's name or description",
  })
  @Sharing(PUBLIC_REGISTER)
  async catalogResources(
    @Ctx() ctx: Ctx,
    @Arg('provider', () => String, { nullable: true, description: 'Providing agency code of the items' }) provider?: string,
    @Arg('sharingType', () => SharingTypeEnum, { nullable: true }) sharingType?: SharingTypeEnum,
    @Arg('openType', () => OpenTypeEnum, { nullable: true }) openType?: OpenTypeEnum,
    @Arg('level', () => SensitivityLevelEnum, { nullable: true }) level?: SensitivityLevelEnum,
    @Arg('keyword', () => String, { nullable: true }) keyword?: string,
  ): Promise<CatalogResource[]> {
    const who = provider != null ? await assertKnownAgency(ctx, provider, 'provider') : undefined;
    const kw = keyword != null ? assertNonEmpty(keyword, 'keyword', 100).toLowerCase() : undefined;
    const catalogue = currentCatalogue();
    const pub = await publications(query(ctx.em), catalogue);
    const has = (s: string | null | undefined) => !!kw && !!s && s.toLowerCase().includes(kw);
    const out: CatalogResource[] = [];
    for (const r of catalogue.resources) {
      const resourceHit = !kw || [r.code, r.name, r.summary, r.typeName, r.description].some(has);
      const items = r.items.filter(
        (i) =>
          (!who || i.provider === who) &&
          (!sharingType || i.sharingType === sharingType) &&
          (!openType || i.openType === openType) &&
          (!level || i.level === level) &&
          (resourceHit || [i.name, i.description, i.basis].some(has)),
      );
      if (items.length) out.push(resourceView(r, items, pub));
    }
    return out;
  }

  @Query(() => CatalogResource, { nullable: true, description: 'One catalogue resource by its code' })
  @Sharing(PUBLIC_REGISTER)
  async catalogResource(@Arg('code', () => String) code: string, @Ctx() ctx: Ctx): Promise<CatalogResource | null> {
    const catalogue = currentCatalogue();
    const r = catalogue.resources.find((x) => x.code === code.trim());
    return r ? resourceView(r, r.items, await publications(query(ctx.em), catalogue)) : null;
  }

  @Query(() => CatalogItem, { nullable: true, description: 'One catalogue item by its name `Type.field`' })
  @Sharing(PUBLIC_REGISTER)
  async catalogItem(@Arg('name', () => String) name: string, @Ctx() ctx: Ctx): Promise<CatalogItem | null> {
    const catalogue = currentCatalogue();
    const i = catalogue.items.get(name.trim());
    return i ? itemView(i, await publications(query(ctx.em), catalogue)) : null;
  }
}
