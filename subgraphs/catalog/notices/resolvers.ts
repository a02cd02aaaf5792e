/**
 * Rectification notices as GraphQL: the scan, acknowledge and close as audited mutations, and
 * `rectificationNotices` scoped to the caller (an agency: its own; the bureau: all).
 */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { forbidden } from '../../../platform/errors';
import { validateFirst, mapConnection } from '../../../platform/graphql/connection';
import { keysetPage, TIMESTAMP_TEXT, UUID_TEXT, type Clause } from '../../../platform/db/keyset';
import type { CatalogLoaders } from '../loaders';
import { iso, query, transaction } from '../shared/sql';
import { agencyActor, assertId, BUREAU, Role, roleActor } from '../shared/actors';
import { recordTransition } from '../shared/transitions';
import { WORKFLOW } from '../shared/policy';
import { currentCatalogue } from '../catalogue/catalogue';
import { RectificationNotice, RectificationNoticeConnection, RectificationStatus } from './types';
import { NOTICE_COLUMNS, acknowledgeNotice, closeNotice, scanForNotices, type NoticeRow } from './notices';

type Ctx = SubgraphContext<CatalogLoaders>;

function toNotice(n: NoticeRow): RectificationNotice {
  return {
    id: n.id,
    agency: n.agency,
    rule: n.rule,
    evidenceType: n.evidence_type,
    evidenceId: n.evidence_id,
    finding: n.finding,
    evidenceEvents: n.evidence_events ?? [],
    status: n.status as RectificationStatus,
    raisedAt: iso(n.raised_at)!,
    dueDay: n.due_day,
    dueAt: iso(n.due_at)!,
    escalated: n.escalated_at != null,
    escalatedAt: iso(n.escalated_at),
    acknowledgedBy: n.acknowledged_by,
    acknowledgedAt: iso(n.acknowledged_at),
    fix: n.fix,
    closedBy: n.closed_by,
    closedAt: iso(n.closed_at),
    closingNote: n.closing_note,
  };
}

async function readNotices(ctx: Ctx, ids: string[]): Promise<RectificationNotice[]> {
  if (!ids.length) return [];
  const rows = await query(ctx.em)<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM rectification_notice WHERE id = ANY(?::uuid[]) ORDER BY raised_at, id`, [
    `{${ids.join(',')}}`,
  ]);
  return rows.map(toNotice);
}

@Resolver(() => RectificationNotice)
export class RectificationNoticeResolver {
  @Query(() => RectificationNoticeConnection, {
    description: 'Rectification notices the caller may see (an agency: those raised to it; the bureau: all, or one agency’s), newest first',
  })
  @Sharing(WORKFLOW)
  async rectificationNotices(
    @Ctx() ctx: Ctx,
    @Arg('agency', () => String, { nullable: true }) agency?: string,
    @Arg('status', () => RectificationStatus, { nullable: true }) status?: RectificationStatus,
    @Arg('escalated', () => Boolean, { nullable: true }) escalated?: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const actor = agencyActor(ctx.policy.identity, 'Listing rectification notices');
    if (agency && actor.agency !== BUREAU && agency !== actor.agency) {
      throw forbidden(`An agency sees the rectification notices raised to it, not ${agency}'s`, { reason: 'agency' });
    }
    const size = validateFirst(first);
    const where: Clause[] = [];
    const scope = actor.agency === BUREAU ? agency : actor.agency;
    if (scope) where.push({ sql: 'agency = ?', params: [scope] });
    if (status) where.push({ sql: 'status = ?', params: [status] });
    if (escalated === true) where.push({ sql: 'escalated_at IS NOT NULL', params: [] });
    if (escalated === false) where.push({ sql: 'escalated_at IS NULL', params: [] });
    const page = await keysetPage<NoticeRow>(query(ctx.em), {
      select: NOTICE_COLUMNS,
      from: 'rectification_notice',
      where,
      key: [
        { column: 'raised_at', type: 'timestamptz', pattern: TIMESTAMP_TEXT },
        { column: 'id', type: 'uuid', pattern: UUID_TEXT },
      ],
      direction: 'DESC',
      first: size,
      after,
    });
    return mapConnection(page, toNotice);
  }

  @Mutation(() => [RectificationNotice], {
    description:
      'The bureau runs the rectification rules (通知整改, Art. 26) on the platform clock: raises a notice per new finding (the agency is notified; ' +
      'no duplicate of an unclosed notice) and escalates notices past their deadline to the bureau’s inbox. Returns the notices raised now.',
  })
  async raiseRectificationNotices(@Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'RectificationNotice', 'raiseRectificationNotices', undefined, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Raising rectification notices');
      const calendar = await ctx.loaders.calendar();
      const result = await transaction(ctx.em, (q) => scanForNotices(q, actor, calendar, currentCatalogue()));
      return readNotices(ctx, result.raised);
    });
  }

  @Mutation(() => RectificationNotice, { description: 'The noticed agency’s approver reports the fix it made (the bureau is notified)' })
  async acknowledgeRectificationNotice(@Arg('id', () => ID) id: string, @Arg('fix', () => String) fix: string, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'RectificationNotice', 'acknowledgeRectificationNotice', id, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Acknowledging a rectification notice');
      const noticeId = assertId(id);
      await transaction(ctx.em, (q) => acknowledgeNotice(q, actor, noticeId, fix));
      return (await readNotices(ctx, [noticeId]))[0];
    });
  }

  @Mutation(() => RectificationNotice, { description: 'The bureau closes a notice whose fix was reported (the agency is notified)' })
  async closeRectificationNotice(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | undefined, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'RectificationNotice', 'closeRectificationNotice', id, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Closing a rectification notice');
      const noticeId = assertId(id);
      await transaction(ctx.em, (q) => closeNotice(q, actor, noticeId, note));
      return (await readNotices(ctx, [noticeId]))[0];
    });
  }
}
