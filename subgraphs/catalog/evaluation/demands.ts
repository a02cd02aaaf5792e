/**
 * The demand list's figures in the evaluation (issue 10, item 10; 需求清单, Art. 16), counted over
 * the report's period [start, end) like every other figure — so the published report, whose end is
 * the start of the current month, never moves with a demand answered this month.
 *
 * Per provider (the agency a demand is assigned to):
 *   received          demands assigned to it in the period;
 *   answered          of those, answered before the period's end;
 *   answered on time  of those, answered by the end of the deadline's local day (due_at);
 *   overdue           demands whose deadline fell in the period and that were still unanswered at
 *                     its end (whenever assigned: a demand assigned last December and due in
 *                     January is January's overdue) — the same rule as provisioning past deadline.
 * Per applicant: demands submitted in the period.
 */
import { Query } from '../shared/sql';

export interface ProviderDemandFigures {
  demandsReceived: number;
  demandsAnswered: number;
  demandsAnsweredOnTime: number;
  demandsOverdue: number;
}

export const NO_DEMANDS: ProviderDemandFigures = { demandsReceived: 0, demandsAnswered: 0, demandsAnsweredOnTime: 0, demandsOverdue: 0 };

export interface DemandFigures {
  received: Map<string, ProviderDemandFigures>;
  submitted: Map<string, number>;
}

export async function demandFigures(q: Query, start: Date, end: Date): Promise<DemandFigures> {
  const rows = await q<{ provider: string; received: string; answered: string; on_time: string; overdue: string }>(
    `SELECT provider,
            count(*) FILTER (WHERE assigned_at >= ? AND assigned_at < ?)::text AS received,
            count(*) FILTER (WHERE assigned_at >= ? AND assigned_at < ? AND answered_at < ?)::text AS answered,
            count(*) FILTER (WHERE assigned_at >= ? AND assigned_at < ? AND answered_at < ? AND answered_at <= due_at)::text AS on_time,
            count(*) FILTER (WHERE due_at >= ? AND due_at < ? AND (answered_at IS NULL OR answered_at >= ?))::text AS overdue
       FROM data_demand
      WHERE provider IS NOT NULL AND assigned_at < ?
      GROUP BY provider`,
    [start, end, start, end, end, start, end, end, start, end, end, end],
  );
  const received = new Map<string, ProviderDemandFigures>();
  for (const r of rows) {
    const figures = {
      demandsReceived: Number(r.received),
      demandsAnswered: Number(r.answered),
      demandsAnsweredOnTime: Number(r.on_time),
      demandsOverdue: Number(r.overdue),
    };
    if (Object.values(figures).some((n) => n > 0)) received.set(r.provider, figures);
  }
  const submitted = await q<{ applicant: string; n: string }>(
    `SELECT applicant, count(*)::text AS n FROM data_demand WHERE submitted_at >= ? AND submitted_at < ? GROUP BY applicant`,
    [start, end],
  );
  return { received, submitted: new Map(submitted.map((s) => [s.applicant, Number(s.n)])) };
}
