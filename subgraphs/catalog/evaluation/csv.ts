/** The evaluation report as CSV: one row per agency and role (PROVIDER, CONSUMER). */
import type { Report } from './report';

export const CSV_COLUMNS = [
  'year',
  'role',
  'agency',
  'items_published',
  'unconditional_items',
  'conditional_items',
  'none_items',
  'records_held',
  'resources',
  'overdue_resources',
  'applications_received',
  'applications_approved',
  'applications_rejected',
  'applications_awaiting_review',
  'provisioned',
  'provisioned_on_time',
  'provisioned_late',
  'provisioning_overdue',
  'average_provisioning_working_days',
  'max_provisioning_delay_working_days',
  'demands_received',
  'demands_answered',
  'demands_answered_on_time',
  'demands_overdue',
  'requests',
  'items_served',
  'items_masked',
  'refusals',
  'refused_requests',
  'applications_submitted',
  'demands_submitted',
  'notices_received',
  'notices_closed',
  'notices_escalated',
  // Issue 11, item 5 (provider rows only): appended at the end so earlier columns keep their places.
  'findings_opened',
  'findings_closed',
  'findings_open',
  'data_objections_received',
  'data_objections_answered',
  'data_objections_answered_on_time',
  'data_objections_overdue',
  // Issue 11: over the provider's measured resources, item cells filled / expected and ingest rows valid / checked.
  'completeness',
  'validity_rate',
] as const;

/** Sum of parts over sum of wholes across the resources that measured them, to four places; empty when none did. */
function pooled(resources: { [k: string]: unknown }[], part: string, whole: string): string | null {
  let a = 0;
  let b = 0;
  for (const x of resources) {
    if (x[part] == null || !x[whole]) continue;
    a += Number(x[part]);
    b += Number(x[whole]);
  }
  return b ? (a / b).toFixed(4) : null;
}

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
      year: r.year,
      role: 'PROVIDER',
      agency: p.agencyCode,
      items_published: p.itemsPublished,
      unconditional_items: p.unconditionalItems,
      conditional_items: p.conditionalItems,
      none_items: p.noneItems,
      records_held: p.recordsHeld,
      resources: p.resources.map((x) => x.code).join(' '),
      overdue_resources: p.overdueResources.map((x) => x.code).join(' '),
      completeness: pooled(p.resources as never, 'itemsFilled', 'itemsExpected'),
      validity_rate: pooled(p.resources as never, 'rowsValid', 'rowsChecked'),
      applications_received: p.applicationsReceived,
      applications_approved: p.applicationsApproved,
      applications_rejected: p.applicationsRejected,
      applications_awaiting_review: p.applicationsAwaitingReview,
      provisioned: p.provisioned,
      provisioned_on_time: p.provisionedOnTime,
      provisioned_late: p.provisionedLate,
      provisioning_overdue: p.provisioningOverdue,
      average_provisioning_working_days: p.averageProvisioningWorkingDays,
      max_provisioning_delay_working_days: p.maxProvisioningDelayWorkingDays,
      demands_received: p.demandsReceived,
      demands_answered: p.demandsAnswered,
      demands_answered_on_time: p.demandsAnsweredOnTime,
      demands_overdue: p.demandsOverdue,
      notices_received: p.noticesReceived,
      notices_closed: p.noticesClosed,
      notices_escalated: p.noticesEscalated,
      findings_opened: p.findingsOpened,
      findings_closed: p.findingsClosed,
      findings_open: p.findingsOpen,
      data_objections_received: p.dataObjectionsReceived,
      data_objections_answered: p.dataObjectionsAnswered,
      data_objections_answered_on_time: p.dataObjectionsAnsweredOnTime,
      data_objections_overdue: p.dataObjectionsOverdue,
    };
    lines.push(CSV_COLUMNS.map((c) => cell(row[c])).join(','));
  }
  for (const c of r.consumers) {
    const row: Record<string, unknown> = {
      year: r.year,
      role: 'CONSUMER',
      agency: c.agencyCode,
      requests: c.requests,
      items_served: c.itemsServed,
      items_masked: c.itemsMasked,
      refusals: c.refusals,
      refused_requests: c.refusedRequests,
      applications_submitted: c.applicationsSubmitted,
      demands_submitted: c.demandsSubmitted,
      notices_received: c.noticesReceived,
      notices_closed: c.noticesClosed,
      notices_escalated: c.noticesEscalated,
    };
    lines.push(CSV_COLUMNS.map((col) => cell(row[col])).join(','));
  }
  return `${lines.join('\n')}\n`;
}
