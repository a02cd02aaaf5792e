/** The agency register (the public register, Art. 12), read through platform/governance. */
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { listAgencies } from '../../../platform/governance';
import type { CatalogLoaders } from '../loaders';
import { Agency } from './types';
import { PUBLIC_REGISTER } from '../shared/policy';
import { query } from '../shared/sql';

type Ctx = SubgraphContext<CatalogLoaders>;

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], { description: 'Every agency on the platform' })
  @Sharing(PUBLIC_REGISTER)
  agencies(@Ctx() ctx: Ctx) {
    return listAgencies(query(ctx.em));
  }

  @Query(() => Agency, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  agency(@Arg('code', () => String) code: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.agencyByCode.load(code);
  }
}
