/**
 * Rectification notices (通知整改, Art. 26): the platform raises a notice to an agency from evidence
 * it already holds, the agency's approver acknowledges it with the fix it made, the bureau closes
 * it; a notice whose deadline passes unclosed is escalated to the bureau's inbox. All judged on the
 * platform clock.
 *
 *   scan         the bureau's approver: raises a notice per rule hit     → OPEN (agency notified)
 *                (one not-CLOSED notice per rule, agency and evidence),
 *                and escalates notices past their deadline               (bureau notified)
 *   acknowledge  the noticed agency's approver, reporting its fix        → ACKNOWLEDGED (bureau notified)
 *   close        the bureau's approver                                    → CLOSED (agency notified)
 */
import { forbidden } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import { platformNow } from '../../../platform/governance';
import { chinaDay } from '../../../platform/time';
import type { WorkingCalendar } from '../calendar/working-days';
import { endOfChinaDay } from '../calendar/working-days';
import { Query, notFound } from '../shared/sql';
import { Actor, BUREAU, requireBureau, wrongState } from '../shared/actors';
import { NotificationKind, notify } from '../notifications/notify';

/** The rules that raise a notice, each with the evidence record it names. */
export const RectificationRule = {
  /** A provider of an approved application that has not provisioned by the deadline (Art. 18). */
  PROVISIONING_OVERDUE: 'PROVISIONING_OVERDUE',
  /** A data demand assigned to the agency and unanswered past its due date (Art. 16). */
  DEMAND_UNANSWERED: 'DEMAND_UNANSWERED',
  /** A data objection to the agency's item still open past its deadline (Art. 11; issue 11). */
  DATA_OBJECTION_OVERDUE: 'DATA_OBJECTION_OVERDUE',
} as const;

/** Working days an agency has to rectify, from the day the notice is raised. */
export const RECTIFICATION_WORKING_DAYS = 5;

export interface NoticeRow {
  id: string;
  agency: string;
  rule: string;
  evidence_type: string;
  evidence_id: string;
  finding: string;
  status: 'OPEN' | 'ACKNOWLEDGED' | 'CLOSED';
  raised_by: string | null;
  raised_at: Date;
  due_day: string;
  due_at: Date;
  escalated_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  fix: string | null;
  closed_by: string | null;
  closed_at: Date | null;
  closing_note: string | null;
}

export const NOTICE_COLUMNS = `*, to_char(due_day, 'YYYY-MM-DD') AS due_day`;

interface Finding {
  agency: string;
  rule: string;
  evidence_type: string;
  evidence_id: string;
  finding: string;
}

/** What the rules find now: one row per (rule, agency, evidence record). */
async function findings(q: Query, now: Date): Promise<Finding[]> {
  // (a) the same evidence overdueProvisioning lists: approved, past its deadline, this provider not provisioned.
  const provisioning = await q<Finding>(
    `SELECT p.provider AS agency, ? AS rule, 'SharingApplication' AS evidence_type, a.id::text AS evidence_id,
            'Application ' || a.id || ' by ' || a.applicant || ' was due to be provisioned by ' || to_char(a.provisioning_deadline, 'YYYY-MM-DD') AS finding
       FROM sharing_application a CROSS JOIN LATERAL unnest(a.providers) AS p(provider)
      WHERE a.status IN ('APPROVED', 'PARTIALLY_PROVISIONED') AND a.provisioning_deadline_at < ?
        AND NOT EXISTS (SELECT 1 FROM application_provision ap WHERE ap.application_id = a.id AND ap.provider = p.provider)`,
    [RectificationRule.PROVISIONING_OVERDUE, now],
  );
  // (b) a demand assigned and unanswered past its due date.
  const demands = await q<Finding>(
    `SELECT provider AS agency, ? AS rule, 'DataDemand' AS evidence_type, id::text AS evidence_id,
            'Data demand ' || id || ' from ' || applicant || ' was due to be answered by ' || to_char(due_day, 'YYYY-MM-DD') AS finding
       FROM data_demand WHERE status = 'ASSIGNED' AND due_at < ?`,
    [RectificationRule.DEMAND_UNANSWERED, now],
  );
  // (c) a data objection its provider has not resolved by the deadline.
  const objections = await q<Finding>(
    `SELECT provider AS agency, ? AS rule, 'DataObjection' AS evidence_type, id::text AS evidence_id,
            'Data objection ' || id || ' from ' || raised_by || ' to ' || item || ' was due to be resolved by ' || to_char(due_day, 'YYYY-MM-DD') AS finding
       FROM data_objection WHERE status = 'OPEN' AND due_at < ?`,
    [RectificationRule.DATA_OBJECTION_OVERDUE, now],
  );
  return [...provisioning, ...demands, ...objections];
}

export interface ScanResult {
  raised: string[];
  escalated: string[];
}

/** Raises the notices the rules call for (not duplicating an unclosed one) and escalates overdue ones. */
export async function scanForNotices(q: Query, actor: Actor, calendar: WorkingCalendar): Promise<ScanResult> {
  requireBureau(actor, 'Raising rectification notices (通知整改, Art. 26)');
  const now = await platformNow(q);
  const dueDay = calendar.addWorkingDays(chinaDay(now), RECTIFICATION_WORKING_DAYS);
  const raised: string[] = [];
  for (const f of await findings(q, now)) {
    const [row] = await q<{ id: string }>(
      `INSERT INTO rectification_notice (agency, rule, evidence_type, evidence_id, finding, status, raised_by, raised_at, due_day, due_at)
       VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?::date, ?)
       ON CONFLICT (rule, agency, evidence_id) WHERE status <> 'CLOSED' DO NOTHING RETURNING id`,
      [f.agency, f.rule, f.evidence_type, f.evidence_id, f.finding, actor.agency, now, dueDay, endOfChinaDay(dueDay)],
    );
    if (!row) continue;
    raised.push(row.id);
    await notify(
      q,
      f.agency,
      NotificationKind.RECTIFICATION_RAISED,
      `整改通知 / Rectification notice ${row.id}`,
      `${f.finding} (rule ${f.rule}). Rectify and report the fix by ${dueDay} (${RECTIFICATION_WORKING_DAYS} working days) with Mutation.acknowledgeRectificationNotice.`,
      [
        { type: 'RectificationNotice', id: row.id },
        { type: f.evidence_type, id: f.evidence_id },
      ],
    );
  }
  const overdue = await q<NoticeRow>(
    `UPDATE rectification_notice SET escalated_at = ? WHERE status <> 'CLOSED' AND escalated_at IS NULL AND due_at < ? RETURNING ${NOTICE_COLUMNS}`,
    [now, now],
  );
  for (const n of overdue) {
    await notify(
      q,
      BUREAU,
      NotificationKind.RECTIFICATION_ESCALATED,
      `整改逾期 / Rectification notice ${n.id} to ${n.agency} is past its deadline`,
      `${n.finding} (rule ${n.rule}); due ${n.due_day}, still ${n.status}.`,
      [
        { type: 'RectificationNotice', id: n.id },
        { type: n.evidence_type, id: n.evidence_id },
      ],
    );
  }
  return { raised, escalated: overdue.map((n) => n.id) };
}

async function lockNotice(q: Query, id: string): Promise<NoticeRow> {
  const [row] = await q<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM rectification_notice WHERE id = ? FOR UPDATE`, [id]);
  if (!row) throw notFound(`Rectification notice ${id}`);
  return row;
}

export async function acknowledgeNotice(q: Query, actor: Actor, id: string, fix: string): Promise<void> {
  const n = await lockNotice(q, id);
  if (actor.agency !== n.agency) {
    throw forbidden(`Rectification notice ${id} is acknowledged by the agency it was raised to (${n.agency}), not by ${actor.agency}`, {
      reason: 'agency',
      requiredAgency: n.agency,
    });
  }
  if (n.status !== 'OPEN') wrongState(`Rectification notice ${id} is ${n.status}: only an OPEN notice is acknowledged`, n.status);
  const text = assertNonEmpty(fix ?? '', 'fix', 4000);
  const now = await platformNow(q);
  await q(`UPDATE rectification_notice SET status = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ?, fix = ? WHERE id = ?`, [
    actor.operator ?? actor.agency,
    now,
    text,
    id,
  ]);
  await notify(q, BUREAU, NotificationKind.RECTIFICATION_ACKNOWLEDGED, `整改已报告 / Rectification notice ${id} acknowledged`, `${n.agency} reports: ${text}`, [
    { type: 'RectificationNotice', id },
  ]);
}

export async function closeNotice(q: Query, actor: Actor, id: string, note: string | null | undefined): Promise<void> {
  requireBureau(actor, 'Closing a rectification notice');
  const n = await lockNotice(q, id);
  if (n.status !== 'ACKNOWLEDGED')
    wrongState(`Rectification notice ${id} is ${n.status}: the bureau closes a notice once the agency has reported its fix`, n.status);
  const text = note == null || note.trim() === '' ? null : assertNonEmpty(note, 'note', 2000);
  const now = await platformNow(q);
  await q(`UPDATE rectification_notice SET status = 'CLOSED', closed_by = ?, closed_at = ?, closing_note = ? WHERE id = ?`, [
    actor.operator ?? actor.agency,
    now,
    text,
    id,
  ]);
  await notify(q, n.agency, NotificationKind.RECTIFICATION_CLOSED, `整改已结案 / Rectification notice ${id} closed`, text ?? 'The bureau closed the notice.', [
    { type: 'RectificationNotice', id },
  ]);
}
