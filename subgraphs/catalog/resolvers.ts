/** Agencies: the public register of who shares with whom. */
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { Sharing } from '../../platform/policy/metadata';
import { AgencyEntity } from './entities';
import type { CatalogLoaders } from './loaders';
import { Agency, PUBLIC_REGISTER } from './types';

type Ctx = SubgraphContext<CatalogLoaders>;

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], { description: 'Every agency on the platform' })
  @Sharing(PUBLIC_REGISTER)
  agencies(@Ctx() ctx: Ctx) {
    return ctx.em.find(AgencyEntity, {}, { orderBy: { code: 'asc' } });
  }

  @Query(() => Agency, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  agency(@Arg('code', () => String) code: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.agencyByCode.load(code);
  }
}
