/**
 * The demand list (需求清单, Art. 16): the transitions of a data demand, each checked against the
 * acting agency (roles are checked elsewhere), judged on the platform clock, and notified to the
 * agency whose move it now is.
 *
 *   submit   any registered agency (the applicant)              → SUBMITTED
 *   assign   the administering bureau, naming a provider and a   → ASSIGNED  (provider notified)
 *            response deadline in working days
 *   answer   the assigned provider: will provide / cannot, with  → ANSWERED  (applicant notified)
 *            its basis
 *
 * Overdue: ASSIGNED and the platform clock past the end of the deadline's local day.
 */
import { badUserInput, forbidden } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import { isRegisteredAgency, platformNow } from '../../../platform/governance';
import { chinaDay } from '../../../platform/time';
import type { Catalogue } from '../catalogue/catalogue';
import type { WorkingCalendar } from '../calendar/working-days';
import { endOfChinaDay } from '../calendar/working-days';
import { Query, notFound, pgArray } from '../shared/sql';
import { Actor, BUREAU, requireBureau, wrongState } from '../shared/actors';
import { NotificationKind, notify } from '../notifications/notify';

export interface DemandRow {
  id: string;
  applicant: string;
  operator: string | null;
  need: string;
  purpose: string;
  legal_basis: string;
  items: string[];
  suggested_provider: string | null;
  status: 'SUBMITTED' | 'ASSIGNED' | 'ANSWERED';
  submitted_at: Date;
  provider: string | null;
  assigned_by: string | null;
  assigned_at: Date | null;
  due_working_days: number | null;
  due_day: string | null;
  due_at: Date | null;
  answered_by: string | null;
  answered_at: Date | null;
  will_provide: boolean | null;
  answer: string | null;
  answer_basis: string | null;
}

export const DEMAND_COLUMNS = `*, to_char(due_day, 'YYYY-MM-DD') AS due_day`;

/** The most working days a response deadline may be set to (a quarter of a year). */
export const MAX_DUE_WORKING_DAYS = 60;

export interface DemandInput {
  need: string;
  purpose: string;
  legalBasis: string;
  items?: string[] | null;
  suggestedProvider?: string | null;
}

/** Who sees a demand: its applicant, the provider it is assigned to, and the bureau. */
export function canSeeDemand(actor: Actor, d: Pick<DemandRow, 'applicant' | 'provider'>): boolean {
  return actor.agency === BUREAU || actor.agency === d.applicant || actor.agency === d.provider;
}

export function isOverdue(d: Pick<DemandRow, 'status' | 'due_at'>, now: Date): boolean {
  return d.status === 'ASSIGNED' && !!d.due_at && new Date(d.due_at).getTime() < now.getTime();
}

async function assertAgency(q: Query, code: string, argument: string): Promise<void> {
  if (!(await isRegisteredAgency(q, code)))
    throw badUserInput(`Agency ${JSON.stringify(code)} is not registered on the platform (Query.agencies)`, { argument });
}

async function lockDemand(q: Query, id: string): Promise<DemandRow> {
  const [row] = await q<DemandRow>(`SELECT ${DEMAND_COLUMNS} FROM data_demand WHERE id = ? FOR UPDATE`, [id]);
  if (!row) throw notFound(`Data demand ${id}`);
  return row;
}

export async function submitDemand(q: Query, actor: Actor, input: DemandInput, catalogue: Catalogue): Promise<string> {
  const need = assertNonEmpty(input.need ?? '', 'input.need', 4000);
  const purpose = assertNonEmpty(input.purpose ?? '', 'input.purpose', 200);
  const legalBasis = assertNonEmpty(input.legalBasis ?? '', 'input.legalBasis', 2000);
  const items = [...new Set((input.items ?? []).map((i) => i.trim()))];
  if (items.length > 200) throw badUserInput('Argument "input.items" takes at most 200 items', { argument: 'input.items' });
  // Data not yet catalogued is stated in `need`; items, when named, must be catalogue items.
  const unknown = items.filter((i) => !catalogue.items.has(i));
  if (unknown.length) {
    throw badUserInput(`Not in the sharing catalogue: ${unknown.join(', ')} (describe data not yet catalogued in "need")`, {
      argument: 'input.items',
      items: unknown,
    });
  }
  const suggested = input.suggestedProvider?.trim() || null;
  if (!(await isRegisteredAgency(q, actor.agency)))
    throw forbidden(`Agency ${actor.agency} is not registered on the platform (Query.agencies)`, { reason: 'unknown agency' });
  if (suggested) await assertAgency(q, suggested, 'input.suggestedProvider');
  const now = await platformNow(q);
  const [row] = await q<{ id: string }>(
    `INSERT INTO data_demand (applicant, operator, need, purpose, legal_basis, items, suggested_provider, status, submitted_at)
     VALUES (?, ?, ?, ?, ?, ?::text[], ?, 'SUBMITTED', ?) RETURNING id`,
    [actor.agency, actor.operator, need, purpose, legalBasis, pgArray(items), suggested, now],
  );
  return row.id;
}

export async function assignDemand(q: Query, actor: Actor, id: string, provider: string, dueInWorkingDays: number, calendar: WorkingCalendar): Promise<void> {
  requireBureau(actor, 'Assigning a data demand to a provider (需求清单, Art. 16)');
  const d = await lockDemand(q, id);
  if (d.status !== 'SUBMITTED') wrongState(`Data demand ${id} is ${d.status}: only a SUBMITTED demand is assigned`, d.status);
  const code = assertNonEmpty(provider ?? '', 'provider', 100);
  await assertAgency(q, code, 'provider');
  if (code === d.applicant) throw badUserInput(`Data demand ${id} was made by ${code}: it cannot be assigned to its own applicant`, { argument: 'provider' });
  if (!Number.isInteger(dueInWorkingDays) || dueInWorkingDays < 1 || dueInWorkingDays > MAX_DUE_WORKING_DAYS) {
    throw badUserInput(`Argument "dueInWorkingDays" must be a whole number from 1 to ${MAX_DUE_WORKING_DAYS}, got ${dueInWorkingDays}`, {
      argument: 'dueInWorkingDays',
    });
  }
  const now = await platformNow(q);
  const dueDay = calendar.addWorkingDays(chinaDay(now), dueInWorkingDays);
  await q(
    `UPDATE data_demand SET status = 'ASSIGNED', provider = ?, assigned_by = ?, assigned_at = ?, due_working_days = ?, due_day = ?::date, due_at = ?
      WHERE id = ?`,
    [code, actor.agency, now, dueInWorkingDays, dueDay, endOfChinaDay(dueDay), id],
  );
  await notify(
    q,
    code,
    NotificationKind.DEMAND_ASSIGNED,
    `数据需求待答复 / Data demand ${id} assigned to you`,
    `${d.applicant} needs: ${d.need}. Answer by ${dueDay} (${dueInWorkingDays} working days) with Mutation.answerDataDemand.`,
    [{ type: 'DataDemand', id }],
  );
}

export async function answerDemand(q: Query, actor: Actor, id: string, willProvide: boolean, answer: string, basis: string | null | undefined): Promise<void> {
  const d = await lockDemand(q, id);
  if (d.status === 'SUBMITTED') wrongState(`Data demand ${id} is not assigned yet: the bureau assigns it to a provider first`, d.status);
  if (actor.agency !== d.provider) {
    throw forbidden(`Data demand ${id} is answered by the provider it is assigned to (${d.provider}), not by ${actor.agency}`, {
      reason: 'agency',
      requiredAgency: d.provider,
    });
  }
  if (d.status !== 'ASSIGNED') wrongState(`Data demand ${id} was already answered`, d.status);
  const text = assertNonEmpty(answer ?? '', 'answer', 4000);
  const why = basis == null || basis.trim() === '' ? null : assertNonEmpty(basis, 'basis', 2000);
  // Art. 16: a provider that cannot provide states its basis.
  if (!willProvide && !why) throw badUserInput('Answering that the data cannot be provided needs its basis (argument "basis")', { argument: 'basis' });
  const now = await platformNow(q);
  await q(`UPDATE data_demand SET status = 'ANSWERED', answered_by = ?, answered_at = ?, will_provide = ?, answer = ?, answer_basis = ? WHERE id = ?`, [
    actor.agency,
    now,
    willProvide,
    text,
    why,
    id,
  ]);
  const late = d.due_at && now.getTime() > new Date(d.due_at).getTime() ? ` (late: due ${d.due_day})` : '';
  await notify(
    q,
    d.applicant,
    NotificationKind.DEMAND_ANSWERED,
    `数据需求已答复 / Data demand ${id} answered`,
    `${actor.agency} ${willProvide ? 'will provide' : 'cannot provide'} the data${late}: ${text}${why ? ` (basis: ${why})` : ''}`,
    [{ type: 'DataDemand', id }],
  );
}
