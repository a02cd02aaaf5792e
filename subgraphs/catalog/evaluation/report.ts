/**
 * The yearly evaluation (Art. 25 (一): 对各部门提供信息的质量、数量、更新时效和使用情况进行评估并公布结果).
 *
 * Per providing agency:
 *   items published   catalogue items it provides, first published before the report date;
 *   records held      rows of the tables behind its resources at their last refresh report;
 *   freshness         each resource's last refresh against its declared update cycle (overdue when
 *                     older than the cycle's allowed age at the report date);
 *   applications      applications for its conditional items submitted in the year, and its
 *                     decisions on them; provisioning in the year against the ten-working-day
 *                     deadline (on time, late, still pending past the deadline, delays);
 *   demands           data demands (需求清单, Art. 16) assigned to it in the year, answered, answered
 *                     by their deadline, and those past their deadline still unanswered (./demands.ts);
 *   notices           rectification notices (通知整改, Art. 26) raised to it for what it provides,
 *                     closed, escalated (./notices.ts);
 *   quality           consistency findings it is responsible for, opened, closed and open; data
 *                     objections raised to it, answered, answered on time, overdue (./quality.ts).
 * Per consuming agency (from the audit trail of the base databases; the catalog's own events and
 * the router's refusals excluded, since a refusal may name an agency its token only claims): distinct requests, items served (in full or masked), items refused, requests with a
 * refusal, applications and data demands submitted, rectification notices for out-of-purpose requests.
 * The published report covers closed periods only (issue 8, class 16): the year up to the start
 * of the current local month, never a live counter that would move with one agency's query. The
 * administering bureau's internal view (`bureauEvaluationReport`) measures up to now.
 */
import { badUserInput } from '../../../platform/errors';
import { auditUsageByAgency, listAgencies } from '../../../platform/governance';
import { governanceSubgraph } from '../../../platform/subgraph/registry';
import type { Catalogue } from '../catalogue/catalogue';
import type { Publication } from '../catalogue/publication';
import { Query } from '../shared/sql';
import { chinaYear, startOfChinaDay } from '../shared/time';
import { WorkingCalendar, chinaDay } from '../calendar/working-days';
import { freshness, type FreshnessRow } from './freshness';
import { NO_DEMANDS, demandFigures } from './demands';
import { NO_NOTICES, noticeFigures } from './notices';
import { NO_QUALITY, qualityFigures, type QualityFigures } from './quality';
import { toCsv } from './csv';

export { ALLOWED_AGE_HOURS, type FreshnessRow } from './freshness';
export { CSV_COLUMNS, toCsv } from './csv';

export interface ProviderRow extends QualityFigures {
  agencyCode: string;
  itemsPublished: number;
  unconditionalItems: number;
  conditionalItems: number;
  noneItems: number;
  recordsHeld: number;
  resources: FreshnessRow[];
  overdueResources: FreshnessRow[];
  applicationsReceived: number;
  applicationsApproved: number;
  applicationsRejected: number;
  applicationsAwaitingReview: number;
  provisioned: number;
  provisionedOnTime: number;
  provisionedLate: number;
  provisioningOverdue: number;
  averageProvisioningWorkingDays: number | null;
  maxProvisioningDelayWorkingDays: number;
  demandsReceived: number;
  demandsAnswered: number;
  demandsAnsweredOnTime: number;
  demandsOverdue: number;
  noticesReceived: number;
  noticesClosed: number;
  noticesEscalated: number;
}

export interface ConsumerRow {
  agencyCode: string;
  requests: number;
  itemsServed: number;
  itemsMasked: number;
  refusals: number;
  refusedRequests: number;
  applicationsSubmitted: number;
  demandsSubmitted: number;
  noticesReceived: number;
  noticesClosed: number;
  noticesEscalated: number;
}

export interface Report {
  year: number;
  generatedAt: string;
  asOf: string;
  providers: ProviderRow[];
  consumers: ConsumerRow[];
  csv: string;
}

export function assertReportYear(year: number, now = new Date()): number {
  const current = Number(chinaDay(now).slice(0, 4));
  if (!Number.isInteger(year) || year < 2020 || year > current) {
    throw badUserInput(`Argument "year" must be a year from 2020 to ${current}, got ${year}`, { argument: 'year' });
  }
  return year;
}

/** Start of the local (China Standard Time) month an instant falls in: the end of the last closed period. */
export function startOfChinaMonth(instant: Date): Date {
  return startOfChinaDay(`${chinaDay(instant).slice(0, 7)}-01`);
}

/**
 * @param live measure up to now (the bureau's internal view); else up to the end of the last
 *   closed month, so that the published figures are a snapshot.
 */
export async function buildEvaluationReport(
  q: Query,
  year: number,
  catalogue: Catalogue,
  pub: Map<string, Publication>,
  calendar: WorkingCalendar,
  now = new Date(),
  live = false,
): Promise<Report> {
  const { start } = chinaYear(year);
  // Everything below counts what happened before `end`: the year's end, now (live) or the start of this month.
  const end = new Date(Math.min(chinaYear(year).end.getTime(), live ? now.getTime() + 1 : startOfChinaMonth(now).getTime()));
  const asOf = new Date(end.getTime() - 1);
  const agencies = await listAgencies(q);

  // ── providers ──
  const demands = await demandFigures(q, start, end);
  const notices = await noticeFigures(q, start, end);
  const quality = await qualityFigures(q, start, end);
  const providerCodes = [
    ...new Set([
      ...agencies.filter((a) => a.kind !== 'CONSUMER').map((a) => a.code),
      ...[...catalogue.items.values()].map((i) => i.provider),
      ...demands.received.keys(),
      ...notices.provider.keys(),
      ...quality.keys(),
    ]),
  ].sort();
  const fresh = await freshness(q, catalogue.resources, start, asOf);

  const decisions = await q<{ provider: string; received: string; approved: string; rejected: string; awaiting: string }>(
    `SELECT p.provider,
            count(*)::text AS received,
            count(*) FILTER (WHERE r.approve IS TRUE)::text AS approved,
            count(*) FILTER (WHERE r.approve IS FALSE)::text AS rejected,
            count(*) FILTER (WHERE r.approve IS NULL AND (a.status = 'UNDER_REVIEW' OR (a.decided_at >= ? AND a.status <> 'WITHDRAWN')))::text AS awaiting
       FROM sharing_application a
       CROSS JOIN LATERAL unnest(a.providers) AS p(provider)
       LEFT JOIN application_review r ON r.application_id = a.id AND r.reviewer = p.provider AND r.role = 'PROVIDER' AND r.at < ?
      WHERE a.submitted_at >= ? AND a.submitted_at < ?
      GROUP BY p.provider`,
    [end, end, start, end],
  );
  const provisions = await q<{ provider: string; at: Date; decided_at: Date | null; deadline: string | null }>(
    `SELECT pv.provider, pv.at, a.decided_at, to_char(a.provisioning_deadline, 'YYYY-MM-DD') AS deadline
       FROM application_provision pv JOIN sharing_application a ON a.id = pv.application_id
      WHERE pv.at >= ? AND pv.at < ?`,
    [start, end],
  );
  const due = await q<{ providers: string[]; deadline: string; done: string[] }>(
    `SELECT a.providers, to_char(a.provisioning_deadline, 'YYYY-MM-DD') AS deadline,
            ARRAY(SELECT pv.provider FROM application_provision pv WHERE pv.application_id = a.id AND pv.at <= ?) AS done
       FROM sharing_application a
      WHERE a.provisioning_deadline_at >= ? AND a.provisioning_deadline_at < ? AND a.status <> 'WITHDRAWN'`,
    [asOf, start, asOf],
  );

  const providers: ProviderRow[] = providerCodes.map((code) => {
    const items = [...catalogue.items.values()].filter(
      (i) => i.provider === code && (!pub.get(i.name) || pub.get(i.name)!.firstPublishedAt.getTime() <= asOf.getTime()),
    );
    const resources = catalogue.resources
      .filter((r) => r.provider === code)
      .map((r) => fresh.get(r.code)!)
      .filter(Boolean);
    const d = decisions.find((x) => x.provider === code);
    const mine = provisions.filter((p) => p.provider === code);
    const delays = mine.map((p) => (p.deadline ? calendar.delayWorkingDays(p.deadline, new Date(p.at)) : 0));
    const spans = mine.filter((p) => p.decided_at).map((p) => calendar.workingDaysBetween(chinaDay(new Date(p.decided_at!)), chinaDay(new Date(p.at))));
    const pending = due.filter((a) => a.providers.includes(code) && !a.done.includes(code)).map((a) => calendar.delayWorkingDays(a.deadline, asOf));
    return {
      agencyCode: code,
      itemsPublished: items.length,
      unconditionalItems: items.filter((i) => i.sharingType === 'UNCONDITIONAL').length,
      conditionalItems: items.filter((i) => i.sharingType === 'CONDITIONAL').length,
      noneItems: items.filter((i) => i.sharingType === 'NONE').length,
      recordsHeld: resources.reduce((s, r) => s + (r.records ?? 0), 0),
      resources,
      overdueResources: resources.filter((r) => r.overdue),
      applicationsReceived: Number(d?.received ?? 0),
      applicationsApproved: Number(d?.approved ?? 0),
      applicationsRejected: Number(d?.rejected ?? 0),
      applicationsAwaitingReview: Number(d?.awaiting ?? 0),
      provisioned: mine.length,
      provisionedOnTime: delays.filter((x) => x === 0).length,
      provisionedLate: delays.filter((x) => x > 0).length,
      provisioningOverdue: pending.length,
      averageProvisioningWorkingDays: spans.length ? Math.round((spans.reduce((s, x) => s + x, 0) / spans.length) * 10) / 10 : null,
      maxProvisioningDelayWorkingDays: Math.max(0, ...delays, ...pending),
      ...(demands.received.get(code) ?? NO_DEMANDS),
      ...(notices.provider.get(code) ?? NO_NOTICES),
      ...(quality.get(code) ?? NO_QUALITY),
    };
  });

  // ── consumers ──
  // The catalog's own events and the router's refusals are excluded (a refusal may name an agency its token only claims).
  const usage = await auditUsageByAgency(q, start, end, [governanceSubgraph(), 'router']);
  const submitted = await q<{ applicant: string; n: string }>(
    `SELECT applicant, count(*)::text AS n FROM sharing_application WHERE submitted_at >= ? AND submitted_at < ? GROUP BY applicant`,
    [start, end],
  );
  const consumerCodes = [
    ...new Set([...agencies.map((a) => a.code), ...usage.map((u) => u.agency), ...demands.submitted.keys(), ...notices.consumer.keys()]),
  ].sort();
  const consumers: ConsumerRow[] = consumerCodes.map((code) => {
    const u = usage.find((x) => x.agency === code);
    return {
      agencyCode: code,
      requests: u?.requests ?? 0,
      itemsServed: u?.served ?? 0,
      itemsMasked: u?.masked ?? 0,
      refusals: u?.refusals ?? 0,
      refusedRequests: u?.refusedRequests ?? 0,
      applicationsSubmitted: Number(submitted.find((s) => s.applicant === code)?.n ?? 0),
      demandsSubmitted: demands.submitted.get(code) ?? 0,
      ...(notices.consumer.get(code) ?? NO_NOTICES),
    };
  });

  const report = { year, generatedAt: now.toISOString(), asOf: asOf.toISOString(), providers, consumers, csv: '' };
  report.csv = toCsv(report);
  return report;
}
