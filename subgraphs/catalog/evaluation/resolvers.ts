/** The yearly evaluation report (Art. 25), published: as a GraphQL report and as CSV. */
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import type { CatalogLoaders } from '../loaders';
import { Agency } from '../agencies/types';
import { ConsumerEvaluation, EvaluationReport, ProviderEvaluation } from './types';
import { AUDIT, PUBLIC_REGISTER } from '../shared/policy';
import { BUREAU, agencyActor } from '../shared/actors';
import { forbidden } from '../../../platform/errors';
import { assertReportYear, buildEvaluationReport } from './report';
import { currentCatalogue } from '../catalogue/catalogue';
import { publications } from '../catalogue/publication';
import { query } from '../shared/sql';

type Ctx = SubgraphContext<CatalogLoaders>;

async function report(ctx: Ctx, year: number, live = false) {
  assertReportYear(year);
  const catalogue = currentCatalogue();
  const q = query(ctx.em);
  return buildEvaluationReport(q, year, catalogue, await publications(q, catalogue), await ctx.loaders.calendar(), new Date(), live);
}

@Resolver(() => EvaluationReport)
export class EvaluationResolver {
  @Query(() => EvaluationReport, {
    description:
      "The year's evaluation of each providing and consuming agency (Art. 25), as published: closed periods only " +
      '(the current year up to the end of the last full month), never a live counter',
  })
  @Sharing(PUBLIC_REGISTER)
  evaluationReport(@Arg('year', () => Int) year: number, @Ctx() ctx: Ctx) {
    return report(ctx, year);
  }

  @Query(() => EvaluationReport, { description: "The administering bureau's internal view of the evaluation: the current year measured up to now" })
  @Sharing(AUDIT)
  bureauEvaluationReport(@Arg('year', () => Int) year: number, @Ctx() ctx: Ctx) {
    const actor = agencyActor(ctx.policy.identity, 'Reading the live evaluation');
    if (actor.agency !== BUREAU)
      throw forbidden(`The live evaluation is the administering bureau's (${BUREAU}); the published report covers closed months`, {
        reason: 'role',
        requiredRole: 'BUREAU',
      });
    return report(ctx, year, true);
  }

  @Query(() => String, { description: 'The same report as CSV: one row per agency and role (PROVIDER, CONSUMER)' })
  @Sharing(PUBLIC_REGISTER)
  async evaluationReportCsv(@Arg('year', () => Int) year: number, @Ctx() ctx: Ctx) {
    return (await report(ctx, year)).csv;
  }
}

@Resolver(() => ProviderEvaluation)
export class ProviderEvaluationResolver {
  @FieldResolver(() => Agency, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  agency(@Root() row: ProviderEvaluation, @Ctx() ctx: Ctx) {
    return ctx.loaders.agencyByCode.load(row.agencyCode);
  }
}

@Resolver(() => ConsumerEvaluation)
export class ConsumerEvaluationResolver {
  @FieldResolver(() => Agency, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  agency(@Root() row: ConsumerEvaluation, @Ctx() ctx: Ctx) {
    return ctx.loaders.agencyByCode.load(row.agencyCode);
  }
}
