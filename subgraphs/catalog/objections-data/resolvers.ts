/**
 * Data objections as GraphQL: raise (an agency's operator, for an item its agency may read for the
 * purpose it states), resolve (the provider's or the bureau's approver), and `dataObjections`
 * scoped like applications (the objecting agency, the provider, the bureau). Every step audited
 * with the objection's id.
 */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { badUserInput, forbidden } from '../../../platform/errors';
import { mapConnection, validateFirst } from '../../../platform/graphql/connection';
import { keysetPage, TIMESTAMP_TEXT, UUID_TEXT, type Clause } from '../../../platform/db/keyset';
import { platformNow } from '../../../platform/governance';
import type { CatalogLoaders } from '../loaders';
import { iso, query, transaction } from '../shared/sql';
import { agencyActor, assertId, BUREAU, Role, roleActor } from '../shared/actors';
import { recordTransition } from '../shared/transitions';
import { WORKFLOW } from '../shared/policy';
import { currentCatalogue } from '../catalogue/catalogue';
import { readingDecision } from '../quality/disclosure';
import { DataObjection, DataObjectionConnection, DataObjectionInput, DataObjectionOutcome, DataObjectionStatus } from './types';
import { OBJECTION_COLUMNS, raiseObjection, resolveObjection, type ObjectionRow } from './objections';

type Ctx = SubgraphContext<CatalogLoaders>;

function toObjection(o: ObjectionRow, now: Date): DataObjection {
  return {
    id: o.id,
    item: o.item,
    subjectKey: o.subject_key,
    claim: o.claim,
    evidence: o.evidence,
    raisedBy: o.raised_by,
    raisedAt: iso(o.raised_at)!,
    provider: o.provider,
    dueDay: o.due_day,
    dueAt: iso(o.due_at)!,
    overdue: o.status === 'OPEN' && new Date(o.due_at) < now,
    status: o.status as DataObjectionStatus,
    outcome: o.outcome as DataObjectionOutcome | null,
    reason: o.reason,
    resolvedBy: o.resolved_by,
    resolvedAt: iso(o.resolved_at),
    findingId: o.finding_id,
  };
}

async function readObjection(ctx: Ctx, id: string): Promise<DataObjection> {
  const q = query(ctx.em);
  const [row] = await q<ObjectionRow>(`SELECT ${OBJECTION_COLUMNS} FROM data_objection WHERE id = ?`, [id]);
  return toObjection(row, await platformNow(q));
}

@Resolver(() => DataObjection)
export class DataObjectionResolver {
  @Query(() => DataObjectionConnection, {
    description: 'Data objections the caller may see (the bureau: all; others: those it raised or that concern an item it provides), newest first',
  })
  @Sharing(WORKFLOW)
  async dataObjections(
    @Ctx() ctx: Ctx,
    @Arg('status', () => DataObjectionStatus, { nullable: true }) status?: DataObjectionStatus,
    @Arg('overdue', () => Boolean, { nullable: true }) overdue?: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const actor = agencyActor(ctx.policy.identity, 'Listing data objections');
    const size = validateFirst(first);
    const q = query(ctx.em);
    const now = await platformNow(q);
    const where: Clause[] = [];
    if (actor.agency !== BUREAU) where.push({ sql: '(raised_by = ? OR provider = ?)', params: [actor.agency, actor.agency] });
    if (status) where.push({ sql: 'status = ?', params: [status] });
    if (overdue === true) where.push({ sql: `status = 'OPEN' AND due_at < ?`, params: [now] });
    if (overdue === false) where.push({ sql: `NOT (status = 'OPEN' AND due_at < ?)`, params: [now] });
    const page = await keysetPage<ObjectionRow>(q, {
      select: OBJECTION_COLUMNS,
      from: 'data_objection',
      where,
      key: [
        { column: 'raised_at', type: 'timestamptz', pattern: TIMESTAMP_TEXT },
        { column: 'id', type: 'uuid', pattern: UUID_TEXT },
      ],
      direction: 'DESC',
      first: size,
      after,
    });
    return mapConnection(page, (o) => toObjection(o, now));
  }

  @Mutation(() => DataObjection, {
    description:
      'An agency’s operator objects to a value it may read (异议核实, Art. 11): the item, the record’s key, the claim and the evidence; ' +
      'the provider and the bureau are notified and the provider verifies by the deadline. Refused alike for any key when the agency may not read the item for the x-purpose stated.',
  })
  async raiseDataObjection(@Arg('input', () => DataObjectionInput) input: DataObjectionInput, @Ctx() ctx: Ctx) {
    return recordTransition(
      ctx,
      'DataObjection',
      'raiseDataObjection',
      undefined,
      async () => {
        const actor = roleActor(ctx.policy.identity, Role.OPERATOR, 'Raising a data objection');
        const item = currentCatalogue().items.get(input.item);
        if (!item) throw badUserInput(`Argument "input.item" names no catalogue item: ${JSON.stringify(input.item)}`, { argument: 'input.item' });
        // Before the key is looked at: the same refusal whether the record exists or not.
        if (!readingDecision(ctx, input.item)?.allowed) {
          throw forbidden(`${input.item}: an agency objects only to values it may read, for the purpose it states (x-purpose)`, {
            reason: 'item',
            item: input.item,
          });
        }
        const calendar = await ctx.loaders.calendar();
        const id = await transaction(ctx.em, (q) =>
          raiseObjection(q, actor, { item: input.item, key: input.key, claim: input.claim, evidence: input.evidence, provider: item.provider }, calendar),
        );
        return readObjection(ctx, id);
      },
      (o) => o.id,
    );
  }

  @Mutation(() => DataObjection, {
    description:
      'The item’s provider’s approver (or the bureau’s) resolves an open objection as CORRECTED, CONFIRMED or REJECTED with a reason: the objecting ' +
      'agency is notified and, on CORRECTED, every agency the audit trail shows read the value',
  })
  async resolveDataObjection(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => DataObjectionOutcome) outcome: DataObjectionOutcome,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Ctx,
  ) {
    return recordTransition(ctx, 'DataObjection', 'resolveDataObjection', id, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Resolving a data objection');
      const objectionId = assertId(id);
      await transaction(ctx.em, (q) => resolveObjection(q, actor, objectionId, outcome, reason));
      return readObjection(ctx, objectionId);
    });
  }
}
