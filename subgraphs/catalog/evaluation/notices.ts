/**
 * Rectification notices in the evaluation (issue 10, item 10; 通知整改, Art. 25-26), counted over the
 * report's period [start, end) by the rules the demand figures follow (./demands.ts), so the
 * published report never moves with a notice raised or closed this month:
 *
 *   received   notices raised to the agency in the period;
 *   closed     of those, closed by the bureau before the period's end;
 *   escalated  notices escalated (deadline passed unclosed) in the period, whenever raised — as an
 *              overdue demand counts in the period its deadline fell in.
 *
 * Each rule concerns one role of the agency: a provider is noticed for what it provides (late
 * provisioning, unanswered demands, stale resources), a consumer for how it asks
 * (out-of-purpose refusals). An agency noticed as a provider gets a provider row even if it is
 * registered as a consumer, as for demands.
 */
import { RectificationRule } from '../notices/rules';
import { Query } from '../shared/sql';

export interface NoticeFigures {
  noticesReceived: number;
  noticesClosed: number;
  noticesEscalated: number;
}

export const NO_NOTICES: NoticeFigures = { noticesReceived: 0, noticesClosed: 0, noticesEscalated: 0 };

/** The rules that notice an agency as a consumer; every other rule notices a provider. */
export const CONSUMER_RULES: readonly string[] = [RectificationRule.OUT_OF_PURPOSE_REFUSALS];

export interface NoticeFiguresByRole {
  provider: Map<string, NoticeFigures>;
  consumer: Map<string, NoticeFigures>;
}

export async function noticeFigures(q: Query, start: Date, end: Date): Promise<NoticeFiguresByRole> {
  const rows = await q<{ agency: string; rule: string; received: string; closed: string; escalated: string }>(
    `SELECT agency, rule,
            count(*) FILTER (WHERE raised_at >= ? AND raised_at < ?)::text AS received,
            count(*) FILTER (WHERE raised_at >= ? AND raised_at < ? AND closed_at < ?)::text AS closed,
            count(*) FILTER (WHERE escalated_at >= ? AND escalated_at < ?)::text AS escalated
       FROM rectification_notice
      WHERE raised_at < ?
      GROUP BY agency, rule`,
    [start, end, start, end, end, start, end, end],
  );
  const out: NoticeFiguresByRole = { provider: new Map(), consumer: new Map() };
  for (const r of rows) {
    const role = CONSUMER_RULES.includes(r.rule) ? out.consumer : out.provider;
    const sum = role.get(r.agency) ?? { ...NO_NOTICES };
    sum.noticesReceived += Number(r.received);
    sum.noticesClosed += Number(r.closed);
    sum.noticesEscalated += Number(r.escalated);
    role.set(r.agency, sum);
  }
  for (const role of [out.provider, out.consumer]) for (const [agency, f] of role) if (!Object.values(f).some((n) => n > 0)) role.delete(agency);
  return out;
}
