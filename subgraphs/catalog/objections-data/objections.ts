/**
 * Data objections (异议核实, Art. 11): an agency that may read a value says it is wrong; the item's
 * provider (谁提供、谁负责) — or the bureau — verifies it and resolves it by a deadline in working
 * days; the objecting agency is told the outcome, and on CORRECTED every agency that read the value
 * is told too (from the audit trail).
 *
 *   raise    an agency that may read the item (its own decision for the item and purpose) → OPEN
 *            (provider and bureau notified); the consistency job raises one for a finding whose
 *            rule says so (raisedBy quality-check)
 *   resolve  the provider's or the bureau's approver: CORRECTED | CONFIRMED | REJECTED + reason
 *            → RESOLVED (objector notified; on CORRECTED the readers too)
 *
 * Not an oracle: an objection to an item the caller may not read is refused before anything about
 * the key is looked at (the same refusal whether the record exists or not), and raising never looks
 * the record up at all — a key that names nothing is the provider's to REJECT.
 */
import { forbidden } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import { agenciesThatRead, platformNow } from '../../../platform/governance';
import { chinaDay } from '../../../platform/time';
import type { WorkingCalendar } from '../calendar/working-days';
import { endOfChinaDay } from '../calendar/working-days';
import { Query, notFound } from '../shared/sql';
import { Actor, BUREAU, wrongState } from '../shared/actors';
import { notify } from '../notifications/notify';

export const ObjectionKind = {
  DATA_OBJECTION_RAISED: 'DATA_OBJECTION_RAISED',
  DATA_OBJECTION_RESOLVED: 'DATA_OBJECTION_RESOLVED',
  DATA_VALUE_CORRECTED: 'DATA_VALUE_CORRECTED',
} as const;

export const OUTCOMES = ['CORRECTED', 'CONFIRMED', 'REJECTED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Working days the provider has to verify (DATA_OBJECTION_WORKING_DAYS, default 5). */
export function objectionWorkingDays(): number {
  const raw = process.env.DATA_OBJECTION_WORKING_DAYS;
  const n = raw == null || raw === '' ? 5 : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 60) throw new Error(`DATA_OBJECTION_WORKING_DAYS must be an integer from 1 to 60, got ${JSON.stringify(raw)}`);
  return n;
}

export interface ObjectionRow {
  id: string;
  item: string;
  subject_key: string;
  claim: string;
  evidence: string;
  raised_by: string;
  raised_operator: string | null;
  raised_at: Date;
  provider: string;
  due_day: string;
  due_at: Date;
  finding_id: string | null;
  status: 'OPEN' | 'RESOLVED';
  outcome: Outcome | null;
  reason: string | null;
  resolved_by: string | null;
  resolved_operator: string | null;
  resolved_at: Date | null;
}

export const OBJECTION_COLUMNS = `*, to_char(due_day, 'YYYY-MM-DD') AS due_day`;

const MAX_TEXT = 2000;
const MAX_KEY = 200;

const text = (value: string, argument: string): string => assertNonEmpty(value, argument, MAX_TEXT);

export interface NewObjection {
  item: string;
  key: string;
  claim: string;
  evidence: string;
  provider: string;
  findingId?: string | null;
}

/** Raises an objection (the caller has checked the right to read the item). Returns its id. */
export async function raiseObjection(q: Query, actor: Actor, o: NewObjection, calendar: WorkingCalendar): Promise<string> {
  const key = assertNonEmpty(o.key, 'input.key', MAX_KEY);
  const claim = text(o.claim, 'input.claim');
  const evidence = text(o.evidence, 'input.evidence');
  const now = await platformNow(q);
  const days = objectionWorkingDays();
  const dueDay = calendar.addWorkingDays(chinaDay(now), days);
  const [row] = await q<{ id: string }>(
    `INSERT INTO data_objection (item, subject_key, claim, evidence, raised_by, raised_operator, raised_at, provider, due_day, due_at, finding_id, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?, ?, 'OPEN') RETURNING id`,
    [o.item, key, claim, evidence, actor.agency, actor.operator, now, o.provider, dueDay, endOfChinaDay(dueDay), o.findingId ?? null],
  );
  const body = `${actor.agency} objects to ${o.item} of record ${key}: ${claim}. Verify and resolve by ${dueDay} (${days} working days) with Mutation.resolveDataObjection.`;
  for (const agency of new Set([o.provider, BUREAU])) {
    await notify(q, agency, ObjectionKind.DATA_OBJECTION_RAISED, `数据异议 / Data objection ${row.id}`, body, [{ type: 'DataObjection', id: row.id }]);
  }
  return row.id;
}

/** Resolves an OPEN objection: the provider's or the bureau's (the caller has checked the post). */
export async function resolveObjection(q: Query, actor: Actor, id: string, outcome: Outcome, reasonText: string): Promise<void> {
  const reason = text(reasonText, 'reason');
  const [o] = await q<ObjectionRow>(`SELECT ${OBJECTION_COLUMNS} FROM data_objection WHERE id = ? FOR UPDATE`, [id]);
  // Neither a party nor the bureau: the same answer whether the id exists or not.
  if (!o || (actor.agency !== o.provider && actor.agency !== BUREAU)) {
    if (!o) throw notFound(`Data objection ${id}`);
    throw forbidden(`A data objection is resolved by the item's provider (${o.provider}) or the bureau, not ${actor.agency}`, { reason: 'agency' });
  }
  if (o.status !== 'OPEN') wrongState(`Data objection ${id} is already resolved (${o.outcome})`, o.status);
  const now = await platformNow(q);
  await q(`UPDATE data_objection SET status = 'RESOLVED', outcome = ?, reason = ?, resolved_by = ?, resolved_operator = ?, resolved_at = ? WHERE id = ?`, [
    outcome,
    reason,
    actor.agency,
    actor.operator,
    now,
    id,
  ]);
  const links = [{ type: 'DataObjection', id }];
  await notify(
    q,
    o.raised_by,
    ObjectionKind.DATA_OBJECTION_RESOLVED,
    `数据异议已处理 / Data objection ${id}: ${outcome}`,
    `Your objection to ${o.item} of record ${o.subject_key} was resolved by ${actor.agency} as ${outcome}: ${reason}`,
    links,
  );
  if (outcome !== 'CORRECTED') return;
  // Every agency that read the value (served or masked) is told it was wrong; the objector and the
  // provider already know. Until the provider's change history dates the wrong value, "since" is
  // the whole trail.
  for (const agency of await agenciesThatRead(q, o.subject_key, o.item, null)) {
    if (agency === o.raised_by || agency === o.provider) continue;
    await notify(
      q,
      agency,
      ObjectionKind.DATA_VALUE_CORRECTED,
      `数据已更正 / A value you read was corrected`,
      `${o.item} of record ${o.subject_key}, which your agency read, was found wrong and corrected by ${o.provider} (objection ${id}): ${reason}`,
      links,
    );
  }
}

/** OPEN objections past their deadline on the platform clock (the notice scan's DATA_OBJECTION_OVERDUE). */
export function overdueObjections(q: Query, now: Date): Promise<ObjectionRow[]> {
  return q<ObjectionRow>(`SELECT ${OBJECTION_COLUMNS} FROM data_objection WHERE status = 'OPEN' AND due_at < ? ORDER BY due_at, id`, [now]);
}
