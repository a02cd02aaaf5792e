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
import { Query, notFound, pgArray } from '../shared/sql';
import { Actor, BUREAU, requireBureau, wrongState } from '../shared/actors';
import { NotificationKind, notify } from '../notifications/notify';
import type { Catalogue } from '../catalogue/catalogue';
import { findings } from './rules';

export { RectificationRule } from './rules';

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
  evidence_events: string[];
  escalated_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  fix: string | null;
  closed_by: string | null;
  closed_at: Date | null;
  closing_note: string | null;
}

export const NOTICE_COLUMNS = `*, to_char(due_day, 'YYYY-MM-DD') AS due_day`;

export interface ScanResult {
  raised: string[];
  escalated: string[];
}

/** Raises the notices the rules call for (not duplicating an unclosed one) and escalates overdue ones. */
export async function scanForNotices(q: Query, actor: Actor, calendar: WorkingCalendar, catalogue: Catalogue): Promise<ScanResult> {
  requireBureau(actor, 'Raising rectification notices (通知整改, Art. 26)');
  const now = await platformNow(q);
  const dueDay = calendar.addWorkingDays(chinaDay(now), RECTIFICATION_WORKING_DAYS);
  const raised: string[] = [];
  for (const f of await findings(q, now, catalogue)) {
    const events = f.evidence_events ?? [];
    const [row] = await q<{ id: string }>(
      `INSERT INTO rectification_notice (agency, rule, evidence_type, evidence_id, finding, evidence_events, status, raised_by, raised_at, due_day, due_at)
       VALUES (?, ?, ?, ?, ?, ?::text[], 'OPEN', ?, ?, ?::date, ?)
       ON CONFLICT (rule, agency, evidence_id) WHERE status <> 'CLOSED' DO NOTHING RETURNING id`,
      [f.agency, f.rule, f.evidence_type, f.evidence_id, f.finding, pgArray(events), actor.agency, now, dueDay, endOfChinaDay(dueDay)],
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
        ...(events.length ? events.slice(0, 20).map((id) => ({ type: 'AuditEvent', id })) : [{ type: f.evidence_type, id: f.evidence_id }]),
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
