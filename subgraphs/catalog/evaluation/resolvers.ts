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
import { platformNow } from '../../../platform/governance';

type Ctx = SubgraphContext<CatalogLoaders>;

async function report(ctx: Ctx, year: number, live = false) {
  assertReportYear(year);
  const catalogue = currentCatalogue();
  const q = query(ctx.em);
  // Publishing first: a first publication is stamped with the database's now, which must not be after the report's.
  const pub = await publications(q, catalogue);
  // The platform clock (issue 10, item 9): a test that moves it moves the report's closed months too.
  const now = await platformNow(q);
  return buildEvaluationReport(q, assertReportYear(year, now), catalogue, pub, await ctx.loaders.calendar(), now, live);
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
