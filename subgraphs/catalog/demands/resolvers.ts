/**
 * The demand list as GraphQL: each transition of demands.ts as an audited mutation (the demand's id
 * as subject key), and `dataDemands` scoped to the caller: an agency sees the demands it made and
 * those assigned to it, the bureau sees all. Deadlines are judged on the platform clock.
 */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { forbidden } from '../../../platform/errors';
import { validateFirst, mapConnection } from '../../../platform/graphql/connection';
import { keysetPage, TIMESTAMP_TEXT, UUID_TEXT, type Clause } from '../../../platform/db/keyset';
import { platformNow } from '../../../platform/governance';
import type { CatalogLoaders } from '../loaders';
import { currentCatalogue } from '../catalogue/catalogue';
import { iso, query, transaction } from '../shared/sql';
import { agencyActor, assertId, BUREAU, Role, roleActor } from '../shared/actors';
import { recordTransition } from '../shared/transitions';
import { WORKFLOW } from '../shared/policy';
import { DataDemand, DataDemandConnection, DataDemandInput, DataDemandStatus } from './types';
import { DEMAND_COLUMNS, answerDemand, assignDemand, canSeeDemand, isOverdue, submitDemand, type DemandRow } from './demands';

type Ctx = SubgraphContext<CatalogLoaders>;

function toDemand(d: DemandRow, now: Date): DataDemand {
  return {
    id: d.id,
    applicant: d.applicant,
    need: d.need,
    purpose: d.purpose,
    legalBasis: d.legal_basis,
    items: d.items,
    suggestedProvider: d.suggested_provider,
    status: d.status as DataDemandStatus,
    submittedAt: iso(d.submitted_at)!,
    provider: d.provider,
    assignedBy: d.assigned_by,
    assignedAt: iso(d.assigned_at),
    dueInWorkingDays: d.due_working_days,
    dueDay: d.due_day,
    dueAt: iso(d.due_at),
    answeredBy: d.answered_by,
    answeredAt: iso(d.answered_at),
    willProvide: d.will_provide,
    answer: d.answer,
    answerBasis: d.answer_basis,
    overdue: isOverdue(d, now),
    answeredOnTime: d.status === 'ANSWERED' && d.due_at && d.answered_at ? new Date(d.answered_at).getTime() <= new Date(d.due_at).getTime() : null,
  };
}

async function readDemand(ctx: Ctx, id: string): Promise<DataDemand> {
  const q = query(ctx.em);
  const [row] = await q<DemandRow>(`SELECT ${DEMAND_COLUMNS} FROM data_demand WHERE id = ?`, [id]);
  return toDemand(row, await platformNow(q));
}

@Resolver(() => DataDemand)
export class DataDemandResolver {
  @Query(() => DataDemand, { nullable: true, description: 'A data demand: seen by its applicant, its assigned provider and the bureau' })
  @Sharing(WORKFLOW)
  async dataDemand(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    const actor = agencyActor(ctx.policy.identity, 'Reading a data demand');
    const q = query(ctx.em);
    const [row] = await q<DemandRow>(`SELECT ${DEMAND_COLUMNS} FROM data_demand WHERE id = ?`, [assertId(id)]);
    if (!row) return null;
    if (!canSeeDemand(actor, row)) {
      throw forbidden(`Data demand ${id} is seen by its applicant, its assigned provider and the bureau, not by ${actor.agency}`, { reason: 'agency' });
    }
    return toDemand(row, await platformNow(q));
  }

  @Query(() => DataDemandConnection, {
    description:
      'Data demands the caller may see (bureau: all; others: those it made and those assigned to it), newest first; ' +
      'overdue: true lists the assigned demands whose answer is past its deadline',
  })
  @Sharing(WORKFLOW)
  async dataDemands(
    @Ctx() ctx: Ctx,
    @Arg('status', () => DataDemandStatus, { nullable: true }) status?: DataDemandStatus,
    @Arg('overdue', () => Boolean, { nullable: true }) overdue?: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const actor = agencyActor(ctx.policy.identity, 'Listing data demands');
    const size = validateFirst(first);
    const q = query(ctx.em);
    const now = await platformNow(q);
    const where: Clause[] = [];
    if (actor.agency !== BUREAU) where.push({ sql: '(applicant = ? OR provider = ?)', params: [actor.agency, actor.agency] });
    if (status) where.push({ sql: 'status = ?', params: [status] });
    if (overdue === true) where.push({ sql: `status = 'ASSIGNED' AND due_at < ?`, params: [now] });
    if (overdue === false) where.push({ sql: `NOT (status = 'ASSIGNED' AND due_at < ?)`, params: [now] });
    const page = await keysetPage<DemandRow>(q, {
      select: DEMAND_COLUMNS,
      from: 'data_demand',
      where,
      key: [
        { column: 'submitted_at', type: 'timestamptz', pattern: TIMESTAMP_TEXT },
        { column: 'id', type: 'uuid', pattern: UUID_TEXT },
      ],
      direction: 'DESC',
      first: size,
      after,
    });
    return mapConnection(page, (d) => toDemand(d, now));
  }

  @Mutation(() => DataDemand, { description: 'States a data need (需求清单, Art. 16), also for data not yet catalogued; the bureau assigns it to a provider' })
  async submitDataDemand(@Arg('input', () => DataDemandInput) input: DataDemandInput, @Ctx() ctx: Ctx) {
    return recordTransition(
      ctx,
      'DataDemand',
      'submitDataDemand',
      undefined,
      async () => {
        const actor = roleActor(ctx.policy.identity, Role.OPERATOR, 'Submitting a data demand');
        const id = await transaction(ctx.em, (q) => submitDemand(q, actor, input, currentCatalogue()));
        return readDemand(ctx, id);
      },
      (d) => d.id,
    );
  }

  @Mutation(() => DataDemand, { description: 'The bureau assigns a demand to a provider, who answers within `dueInWorkingDays` working days (notified)' })
  async assignDataDemand(
    @Arg('id', () => ID) id: string,
    @Arg('provider', () => String) provider: string,
    @Arg('dueInWorkingDays', () => Int) dueInWorkingDays: number,
    @Ctx() ctx: Ctx,
  ) {
    return recordTransition(ctx, 'DataDemand', 'assignDataDemand', id, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Assigning a data demand');
      const demandId = assertId(id);
      const calendar = await ctx.loaders.calendar();
      await transaction(ctx.em, (q) => assignDemand(q, actor, demandId, provider, dueInWorkingDays, calendar));
      return readDemand(ctx, demandId);
    });
  }

  @Mutation(() => DataDemand, {
    description: 'The assigned provider answers a demand: it will provide the data, or cannot (with its basis); the applicant is notified',
  })
  async answerDataDemand(
    @Arg('id', () => ID) id: string,
    @Arg('willProvide', () => Boolean) willProvide: boolean,
    @Arg('answer', () => String) answer: string,
    @Arg('basis', () => String, { nullable: true }) basis: string | undefined,
    @Ctx() ctx: Ctx,
  ) {
    return recordTransition(ctx, 'DataDemand', 'answerDataDemand', id, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Answering a data demand');
      const demandId = assertId(id);
      await transaction(ctx.em, (q) => answerDemand(q, actor, demandId, willProvide, answer, basis));
      return readDemand(ctx, demandId);
    });
  }
}
