/**
 * Data quality in the evaluation (issue 11, item 5; Art. 25 评估 "质量"), per provider, counted over
 * the report's period [start, end) by the rules the demand figures follow (./demands.ts), so the
 * published report never moves with a finding or an objection of this month:
 *
 *   findings opened     consistency findings (一数一源, Art. 9) first seen in the period that name it
 *                       as the provider responsible (the second source's, 谁提供、谁负责);
 *   findings closed     its findings closed in the period (a run no longer found them), whenever opened;
 *   findings open       its findings opened before the period's end and not closed by then;
 *   objections received data objections (异议核实, Art. 11) raised to it in the period;
 *   answered            of those, resolved before the period's end;
 *   answered on time    of those, resolved by their deadline (due_at);
 *   overdue             objections due in the period and unresolved at its end, whenever raised.
 *
 * Completeness of mandatory items and a validity rate are not measured here: the catalog holds no
 * base data and reads none by a side channel (docs/DECISIONS.md, issue 11 quality in the evaluation).
 */
import { Query } from '../shared/sql';

export interface QualityFigures {
  findingsOpened: number;
  findingsClosed: number;
  findingsOpen: number;
  dataObjectionsReceived: number;
  dataObjectionsAnswered: number;
  dataObjectionsAnsweredOnTime: number;
  dataObjectionsOverdue: number;
}

export const NO_QUALITY: QualityFigures = {
  findingsOpened: 0,
  findingsClosed: 0,
  findingsOpen: 0,
  dataObjectionsReceived: 0,
  dataObjectionsAnswered: 0,
  dataObjectionsAnsweredOnTime: 0,
  dataObjectionsOverdue: 0,
};

export async function qualityFigures(q: Query, start: Date, end: Date): Promise<Map<string, QualityFigures>> {
  const findings = await q<{ provider: string; opened: string; closed: string; open: string }>(
    `SELECT provider_b AS provider,
            count(*) FILTER (WHERE first_seen >= ?)::text AS opened,
            count(*) FILTER (WHERE closed_at >= ? AND closed_at < ?)::text AS closed,
            count(*) FILTER (WHERE closed_at IS NULL OR closed_at >= ?)::text AS open
       FROM consistency_finding
      WHERE first_seen < ?
      GROUP BY provider_b`,
    [start, start, end, end, end],
  );
  const objections = await q<{ provider: string; received: string; answered: string; on_time: string; overdue: string }>(
    `SELECT provider,
            count(*) FILTER (WHERE raised_at >= ?)::text AS received,
            count(*) FILTER (WHERE raised_at >= ? AND resolved_at < ?)::text AS answered,
            count(*) FILTER (WHERE raised_at >= ? AND resolved_at < ? AND resolved_at <= due_at)::text AS on_time,
            count(*) FILTER (WHERE due_at >= ? AND due_at < ? AND (resolved_at IS NULL OR resolved_at >= ?))::text AS overdue
       FROM data_objection
      WHERE raised_at < ?
      GROUP BY provider`,
    [start, start, end, start, end, start, end, end, end],
  );
  const out = new Map<string, QualityFigures>();
  const row = (provider: string) => out.get(provider) ?? out.set(provider, { ...NO_QUALITY }).get(provider)!;
  for (const f of findings)
    Object.assign(row(f.provider), { findingsOpened: Number(f.opened), findingsClosed: Number(f.closed), findingsOpen: Number(f.open) });
  for (const o of objections)
    Object.assign(row(o.provider), {
      dataObjectionsReceived: Number(o.received),
      dataObjectionsAnswered: Number(o.answered),
      dataObjectionsAnsweredOnTime: Number(o.on_time),
      dataObjectionsOverdue: Number(o.overdue),
    });
  for (const [provider, f] of out) if (!Object.values(f).some((n) => n > 0)) out.delete(provider);
  return out;
}
