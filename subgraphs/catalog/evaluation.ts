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
 *                     deadline (on time, late, still pending past the deadline, delays).
 * Per consuming agency (from the audit trail of the base databases; the catalog's own events and
 * the router's refusals excluded, since a refusal may name an agency its token only claims): distinct requests, items served (in full or masked), items refused, requests with a
 * refusal, and applications submitted.
 * The published report covers closed periods only (issue 8, class 16): the year up to the start
 * of the current local month, never a live counter that would move with one agency's query. The
 * administering bureau's internal view (`bureauEvaluationReport`) measures up to now.
 */
import { badUserInput } from '../../platform/errors';
import { governanceSubgraph } from '../../platform/subgraph/registry';
import type { Catalogue, CatalogResourceData } from './catalogue';
import type { Publication } from './publication';
import { Query, iso } from './sql';
import { chinaYear, startOfChinaDay } from './time';
import { WorkingCalendar, chinaDay } from './working-days';

/** Longest allowed age of a resource's data for its update cycle: the cycle plus a grace period. */
export const ALLOWED_AGE_HOURS: Record<string, number> = {
  REAL_TIME: 24,
  DAILY: 48,
  WEEKLY: 8 * 24,
  MONTHLY: 32 * 24,
  QUARTERLY: 93 * 24,
  YEARLY: 366 * 24,
};

/** The catalog's own resources are written by the platform as they happen: their tables. */
const OWN_TABLES: Record<string, string> = {
  Agency: 'agency',
  SharingApplication: 'sharing_application',
  Grant: 'sharing_grant',
  NonSharingObjection: 'non_sharing_objection',
  AuditEvent: 'audit_event',
};
const OWN_CREATED_AT: Record<string, string> = {
  sharing_application: 'submitted_at',
  sharing_grant: 'created_at',
  non_sharing_objection: 'submitted_at',
};

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

export interface FreshnessRow {
  code: string;
  name: string;
  typeName: string;
  subgraph: string;
  updateCycle: string;
  records: number | null;
  lastRefreshedAt: string | null;
  refreshesInYear: number | null;
  allowedAgeHours: number;
  overdue: boolean;
}

export interface ProviderRow {
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
}

export interface ConsumerRow {
  agencyCode: string;
  requests: number;
  itemsServed: number;
  itemsMasked: number;
  refusals: number;
  refusedRequests: number;
  applicationsSubmitted: number;
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

async function freshness(q: Query, resources: CatalogResourceData[], start: Date, asOf: Date): Promise<Map<string, FreshnessRow>> {
  const self = governanceSubgraph();
  const latest = await q<{ subgraph: string; table_name: string; type_name: string; records: string; refreshed_at: Date }>(
    `SELECT DISTINCT ON (subgraph, table_name) subgraph, table_name, type_name, records::text AS records, refreshed_at
       FROM resource_refresh WHERE refreshed_at <= ? ORDER BY subgraph, table_name, refreshed_at DESC`,
    [asOf],
  );
  const counts = await q<{ subgraph: string; table_name: string; n: string }>(
    `SELECT subgraph, table_name, count(*)::text AS n FROM resource_refresh WHERE refreshed_at >= ? AND refreshed_at <= ? GROUP BY subgraph, table_name`,
    [start, asOf],
  );
  const out = new Map<string, FreshnessRow>();
  for (const r of resources) {
    const allowedAgeHours = ALLOWED_AGE_HOURS[r.updateCycle] ?? 24;
    const base = { code: r.code, name: r.name, typeName: r.typeName, subgraph: r.subgraph, updateCycle: r.updateCycle, allowedAgeHours };
    if (r.subgraph === self && OWN_TABLES[r.typeName]) {
      // Written by the platform as it happens: always fresh; records as of the report date.
      const table = OWN_TABLES[r.typeName];
      let records: number;
      if (table === 'audit_event') {
        const [row] = await q<{ seq: string }>(`SELECT seq::text AS seq FROM audit_event WHERE at <= ? ORDER BY at DESC LIMIT 1`, [asOf]);
        records = row ? Number(row.seq) : 0;
      } else {
        const created = OWN_CREATED_AT[table];
        const [row] = await q<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}${created ? ` WHERE ${created} <= ?` : ''}`, created ? [asOf] : []);
        records = Number(row.n);
      }
      out.set(r.code, { ...base, records, lastRefreshedAt: asOf.toISOString(), refreshesInYear: null, overdue: false });
      continue;
    }
    const match = (x: { subgraph: string; table_name: string; type_name?: string }) =>
      x.subgraph === r.subgraph && (x.type_name === r.typeName || x.table_name === snake(r.typeName));
    const last = latest.find(match);
    const n = counts.filter((c) => c.subgraph === r.subgraph && c.table_name === (last?.table_name ?? snake(r.typeName))).reduce((s, c) => s + Number(c.n), 0);
    const lastAt = last ? new Date(last.refreshed_at) : null;
    out.set(r.code, {
      ...base,
      records: last ? Number(last.records) : null,
      lastRefreshedAt: iso(lastAt),
      refreshesInYear: n,
      overdue: !lastAt || asOf.getTime() - lastAt.getTime() > allowedAgeHours * 3600_000,
    });
  }
  return out;
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
  q: Query, year: number, catalogue: Catalogue, pub: Map<string, Publication>, calendar: WorkingCalendar, now = new Date(), live = false,
): Promise<Report> {
  const { start } = chinaYear(year);
  // Everything below counts what happened before `end`: the year's end, now (live) or the start of this month.
  const end = new Date(Math.min(chinaYear(year).end.getTime(), live ? now.getTime() + 1 : startOfChinaMonth(now).getTime()));
  const asOf = new Date(end.getTime() - 1);
  const agencies = await q<{ code: string; kind: string }>(`SELECT code, kind FROM agency ORDER BY code`);

  // ── providers ──
  const providerCodes = [...new Set([
    ...agencies.filter((a) => a.kind !== 'CONSUMER').map((a) => a.code),
    ...[...catalogue.items.values()].map((i) => i.provider),
  ])].sort();
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
    const items = [...catalogue.items.values()].filter((i) => i.provider === code && (!pub.get(i.name) || pub.get(i.name)!.firstPublishedAt.getTime() <= asOf.getTime()));
    const resources = catalogue.resources.filter((r) => r.provider === code).map((r) => fresh.get(r.code)!).filter(Boolean);
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
    };
  });

  // ── consumers ──
  const usage = await q<{ agency: string; requests: string; served: string; masked: string; refusals: string; refused_requests: string }>(
    `SELECT agency,
            count(DISTINCT request_id)::text AS requests,
            coalesce(sum(cardinality(items_served) + cardinality(items_masked)), 0)::text AS served,
            coalesce(sum(cardinality(items_masked)), 0)::text AS masked,
            coalesce(sum(cardinality(items_refused)), 0)::text AS refusals,
            count(DISTINCT request_id) FILTER (WHERE cardinality(items_refused) > 0)::text AS refused_requests
       FROM audit_event
      WHERE at >= ? AND at < ? AND agency IS NOT NULL AND subgraph NOT IN (?, 'router')
      GROUP BY agency`,
    [start, end, governanceSubgraph()],
  );
  const submitted = await q<{ applicant: string; n: string }>(
    `SELECT applicant, count(*)::text AS n FROM sharing_application WHERE submitted_at >= ? AND submitted_at < ? GROUP BY applicant`,
    [start, end],
  );
  const consumerCodes = [...new Set([...agencies.map((a) => a.code), ...usage.map((u) => u.agency)])].sort();
  const consumers: ConsumerRow[] = consumerCodes.map((code) => {
    const u = usage.find((x) => x.agency === code);
    return {
      agencyCode: code,
      requests: Number(u?.requests ?? 0),
      itemsServed: Number(u?.served ?? 0),
      itemsMasked: Number(u?.masked ?? 0),
      refusals: Number(u?.refusals ?? 0),
      refusedRequests: Number(u?.refused_requests ?? 0),
      applicationsSubmitted: Number(submitted.find((s) => s.applicant === code)?.n ?? 0),
    };
  });

  const report = { year, generatedAt: now.toISOString(), asOf: asOf.toISOString(), providers, consumers, csv: '' };
  report.csv = toCsv(report);
  return report;
}

export const CSV_COLUMNS = [
  'year', 'role', 'agency', 'items_published', 'unconditional_items', 'conditional_items', 'none_items', 'records_held', 'resources',
  'overdue_resources', 'applications_received', 'applications_approved', 'applications_rejected', 'applications_awaiting_review',
  'provisioned', 'provisioned_on_time', 'provisioned_late', 'provisioning_overdue', 'average_provisioning_working_days',
  'max_provisioning_delay_working_days', 'requests', 'items_served', 'items_masked', 'refusals', 'refused_requests', 'applications_submitted',
] as const;

function cell(v: unknown): string {
  if (v == null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per agency and role (PROVIDER, CONSUMER); cells that do not apply to the role are empty. */
export function toCsv(r: Omit<Report, 'csv'>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of r.providers) {
    const row: Record<string, unknown> = {
      year: r.year, role: 'PROVIDER', agency: p.agencyCode, items_published: p.itemsPublished, unconditional_items: p.unconditionalItems,
      conditional_items: p.conditionalItems, none_items: p.noneItems, records_held: p.recordsHeld, resources: p.resources.map((x) => x.code).join(' '),
      overdue_resources: p.overdueResources.map((x) => x.code).join(' '), applications_received: p.applicationsReceived,
      applications_approved: p.applicationsApproved, applications_rejected: p.applicationsRejected,
      applications_awaiting_review: p.applicationsAwaitingReview, provisioned: p.provisioned, provisioned_on_time: p.provisionedOnTime,
      provisioned_late: p.provisionedLate, provisioning_overdue: p.provisioningOverdue,
      average_provisioning_working_days: p.averageProvisioningWorkingDays, max_provisioning_delay_working_days: p.maxProvisioningDelayWorkingDays,
    };
    lines.push(CSV_COLUMNS.map((c) => cell(row[c])).join(','));
  }
  for (const c of r.consumers) {
    const row: Record<string, unknown> = {
      year: r.year, role: 'CONSUMER', agency: c.agencyCode, requests: c.requests, items_served: c.itemsServed, items_masked: c.itemsMasked,
      refusals: c.refusals, refused_requests: c.refusedRequests, applications_submitted: c.applicationsSubmitted,
    };
    lines.push(CSV_COLUMNS.map((col) => cell(row[col])).join(','));
  }
  return `${lines.join('\n')}\n`;
}
