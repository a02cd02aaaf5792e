/**
 * The rules that raise rectification notices (通知整改, Art. 26), each a query over evidence the
 * platform already holds, judged at the platform clock's `now`. A finding names the agency to
 * notice, the record it is about (`evidence_type`, `evidence_id`: the key of "one unclosed notice"),
 * a sentence, and for the refusal rule the audit events it rests on.
 *
 *   PROVISIONING_OVERDUE     approved application not provisioned by its deadline → each such provider
 *   DEMAND_UNANSWERED        demand assigned and unanswered past its due date   → the provider
 *   RESOURCE_STALE           resource past its declared update cycle (the evaluation's freshness) → its provider
 *   OUT_OF_PURPOSE_REFUSALS  N refused out-of-purpose requests within a window  → the requesting agency
 *   DATA_OBJECTION_OVERDUE   data objection still open past its deadline        → the provider
 */
import { purposeRefusals } from '../../../platform/governance';
import { governanceSubgraph } from '../../../platform/subgraph/registry';
import type { Catalogue } from '../catalogue/catalogue';
import { freshness } from '../evaluation/freshness';
import { Query } from '../shared/sql';
import { chinaYear } from '../shared/time';
import { chinaDay } from '../calendar/working-days';

export const RectificationRule = {
  /** A provider of an approved application that has not provisioned by the deadline (Art. 18). */
  PROVISIONING_OVERDUE: 'PROVISIONING_OVERDUE',
  /** A data demand assigned to the agency and unanswered past its due date (Art. 16). */
  DEMAND_UNANSWERED: 'DEMAND_UNANSWERED',
  /** A resource whose last refresh report is older than its update cycle allows (Art. 11, 26: 更新不及时). */
  RESOURCE_STALE: 'RESOURCE_STALE',
  /** Repeated requests refused for lack of a grant for the stated purpose (Art. 19, 26). */
  OUT_OF_PURPOSE_REFUSALS: 'OUT_OF_PURPOSE_REFUSALS',
  /** A data objection to the agency's item still open past its deadline (Art. 11; issue 11). */
  DATA_OBJECTION_OVERDUE: 'DATA_OBJECTION_OVERDUE',
} as const;

export interface Finding {
  agency: string;
  rule: string;
  evidence_type: string;
  evidence_id: string;
  finding: string;
  /** The audit events (their chain positions) the finding rests on, when it rests on the trail. */
  evidence_events?: string[];
}

/** Threshold and window of the refusal rule (environment, with defaults; a bad value fails the scan loudly). */
export function refusalRuleSettings(env: NodeJS.ProcessEnv = process.env): { threshold: number; windowHours: number } {
  const read = (name: string, fallback: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`${name} must be a whole number from 1 to ${max}, got ${JSON.stringify(raw)}`);
    return n;
  };
  return { threshold: read('RECTIFICATION_REFUSAL_THRESHOLD', 5, 10_000), windowHours: read('RECTIFICATION_REFUSAL_WINDOW_HOURS', 7 * 24, 366 * 24) };
}

async function provisioningOverdue(q: Query, now: Date): Promise<Finding[]> {
  // The same evidence overdueProvisioning lists: approved, past its deadline, this provider not provisioned.
  return q<Finding>(
    `SELECT p.provider AS agency, ? AS rule, 'SharingApplication' AS evidence_type, a.id::text AS evidence_id,
            'Application ' || a.id || ' by ' || a.applicant || ' was due to be provisioned by ' || to_char(a.provisioning_deadline, 'YYYY-MM-DD') AS finding
       FROM sharing_application a CROSS JOIN LATERAL unnest(a.providers) AS p(provider)
      WHERE a.status IN ('APPROVED', 'PARTIALLY_PROVISIONED') AND a.provisioning_deadline_at < ?
        AND NOT EXISTS (SELECT 1 FROM application_provision ap WHERE ap.application_id = a.id AND ap.provider = p.provider)`,
    [RectificationRule.PROVISIONING_OVERDUE, now],
  );
}

async function demandUnanswered(q: Query, now: Date): Promise<Finding[]> {
  return q<Finding>(
    `SELECT provider AS agency, ? AS rule, 'DataDemand' AS evidence_type, id::text AS evidence_id,
            'Data demand ' || id || ' from ' || applicant || ' was due to be answered by ' || to_char(due_day, 'YYYY-MM-DD') AS finding
       FROM data_demand WHERE status = 'ASSIGNED' AND due_at < ?`,
    [RectificationRule.DEMAND_UNANSWERED, now],
  );
}

async function dataObjectionOverdue(q: Query, now: Date): Promise<Finding[]> {
  return q<Finding>(
    `SELECT provider AS agency, ? AS rule, 'DataObjection' AS evidence_type, id::text AS evidence_id,
            'Data objection ' || id || ' from ' || raised_by || ' to ' || item || ' was due to be resolved by ' || to_char(due_day, 'YYYY-MM-DD') AS finding
       FROM data_objection WHERE status = 'OPEN' AND due_at < ?`,
    [RectificationRule.DATA_OBJECTION_OVERDUE, now],
  );
}

/**
 * The evaluation's freshness at `now` (evaluation/freshness.ts, from the departments' refresh
 * reports). Excluded: computed and reference-data resources (no records of their own) and the
 * governance subgraph's own registers, which the platform writes as things happen.
 */
async function resourceStale(q: Query, now: Date, catalogue: Catalogue): Promise<Finding[]> {
  const own = governanceSubgraph();
  const resources = catalogue.resources.filter((r) => !r.computedFrom && r.subgraph !== own);
  const fresh = await freshness(q, resources, chinaYear(Number(chinaDay(now).slice(0, 4))).start, now);
  return resources
    .map((r) => ({ r, f: fresh.get(r.code) }))
    .filter(({ f }) => f?.overdue)
    .map(({ r, f }) => ({
      agency: r.provider,
      rule: RectificationRule.RESOURCE_STALE,
      evidence_type: 'CatalogResource',
      evidence_id: r.code,
      finding:
        `Resource ${r.code} (${r.name}) is declared ${r.updateCycle} but ` +
        (f!.lastRefreshedAt ? `was last refreshed at ${f!.lastRefreshedAt}` : 'has no refresh report') +
        ` (allowed age ${f!.allowedAgeHours} h)`,
    }));
}

/**
 * Agencies refused, for want of a grant for the purpose they stated, in at least `threshold`
 * distinct requests within the window. Only events after the agency's last notice under this rule
 * count (a closed notice's evidence is not reused), and an agency with an unclosed one is skipped.
 * The finding names counts, times and event ids only — what the agency's own audit view shows of
 * its own requests — never items' values or data subjects.
 */
async function outOfPurposeRefusals(q: Query, now: Date, catalogue: Catalogue): Promise<Finding[]> {
  const { threshold, windowHours } = refusalRuleSettings();
  const since = new Date(now.getTime() - windowHours * 3600_000);
  const conditional = [...catalogue.items.values()].filter((i) => i.sharingType === 'CONDITIONAL').map((i) => i.name);
  const events = await purposeRefusals(q, { since, until: now, conditionalItems: conditional, excludeSubgraphs: [governanceSubgraph(), 'router'] });
  const previous = await q<{ agency: string; last: Date; open: boolean }>(
    `SELECT agency, max(raised_at) AS last, bool_or(status <> 'CLOSED') AS open FROM rectification_notice WHERE rule = ? GROUP BY agency`,
    [RectificationRule.OUT_OF_PURPOSE_REFUSALS],
  );
  const byAgency = new Map<string, typeof events>();
  for (const e of events) byAgency.set(e.agency, [...(byAgency.get(e.agency) ?? []), e]);
  const out: Finding[] = [];
  for (const [agency, all] of byAgency) {
    const before = previous.find((p) => p.agency === agency);
    if (before?.open) continue;
    const mine = before ? all.filter((e) => new Date(e.at).getTime() > new Date(before.last).getTime()) : all;
    const requests = new Set(mine.map((e) => e.requestId));
    if (requests.size < threshold) continue;
    out.push({
      agency,
      rule: RectificationRule.OUT_OF_PURPOSE_REFUSALS,
      evidence_type: 'AuditEvent',
      evidence_id: mine[0].seq,
      finding:
        `${requests.size} requests by ${agency} between ${new Date(mine[0].at).toISOString()} and ${new Date(mine[mine.length - 1].at).toISOString()} ` +
        `were refused conditional items for want of a grant for the stated purpose (threshold ${threshold} in ${windowHours} h; ` +
        `audit events ${listed(mine.map((e) => e.seq))})`,
      evidence_events: mine.map((e) => e.seq),
    });
  }
  return out;
}

/** At most the first 20 ids in a sentence (the notice's `evidenceEvents` has them all). */
const listed = (ids: string[]) => (ids.length > 20 ? `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more` : ids.join(', '));

/** What every rule finds now: one row per (rule, agency, evidence record). */
export async function findings(q: Query, now: Date, catalogue: Catalogue): Promise<Finding[]> {
  return [
    ...(await provisioningOverdue(q, now)),
    ...(await demandUnanswered(q, now)),
    ...(await resourceStale(q, now, catalogue)),
    ...(await outOfPurposeRefusals(q, now, catalogue)),
    ...(await dataObjectionOverdue(q, now)),
  ];
}
