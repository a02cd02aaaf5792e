/**
 * The application workflow (Art. 16-17, 19) as state transitions, each allowed to one role:
 *
 *   applicant (any agency)      submit → UNDER_REVIEW (conditional items) or GRANTED (unconditional only)
 *                                withdraw (UNDER_REVIEW, APPROVED) → WITHDRAWN
 *                                object to a NONE item → objection PENDING
 *   bureau (data-bureau)         review (approve / reject with reason)
 *                                argumentation review of an objection → UPHELD / RECLASSIFIED
 *                                revoke any grant
 *   provider (of the items)      review its items' applications; provision (APPROVED →
 *                                PARTIALLY_PROVISIONED / PROVISIONED, creating the grant); revoke
 *                                grants on its items
 *
 * An application whose conditional items come from several providers needs the bureau's approval
 * and every one of those providers'; any of them may reject it with a reason.
 *
 * Separation of duties (issue 8, class 9): no agency reviews its own application and no operator
 * reviews an application they submitted. When the applicant is the bureau itself, its providers'
 * approvals decide and the bureau adds no review of its own. A provider revokes only its own items
 * of a grant (the rest stays live, every subgraph reloading on NOTIFY); the bureau may still revoke
 * the whole grant. The bureau's own objection to a NONE item is reviewed by the item's provider. Once approved, each
 * provider provisions its own items within ten working days: the first provisioning creates the
 * application's grant, later ones add their items to it (one application, one grant). A wrong role
 * is FORBIDDEN; a transition the state does not allow is BAD_USER_INPUT naming the state.
 */
import { addYears } from './time';
import type { Identity } from '../../platform/identity/identity';
import { badUserInput, forbidden } from '../../platform/errors';
import { assertNonEmpty } from '../../platform/graphql/args';
import { formatMaskSpec, parseMaskSpec } from '../../platform/masking';
import { Catalogue, CatalogItemData, providersOf } from './catalogue';
import { Query, isUuid, notFound, pgArray } from './sql';
import { WorkingCalendar, endOfChinaDay, isIsoDay } from './working-days';

export const BUREAU = 'data-bureau';
/** A grant without a requested end runs for one year. */
export const DEFAULT_VALIDITY_YEARS = 1;
/** No grant is issued for longer than this. */
export const MAX_VALIDITY_YEARS = 5;
const MAX_ITEMS = 200;

export interface Actor {
  agency: string;
  operator: string | null;
}

/** The calling agency, or FORBIDDEN for a data subject (anonymous callers never get here). */
export function agencyActor(identity: Identity, action: string): Actor {
  if (identity.kind !== 'agency' || !identity.agency) {
    throw forbidden(`${action} is done by an agency's operator, not by a data subject or an anonymous caller`, { reason: 'agency token required' });
  }
  return { agency: identity.agency, operator: identity.operator ?? null };
}

export function requireBureau(actor: Actor, action: string): void {
  if (actor.agency !== BUREAU) {
    throw forbidden(`${action} is the administering bureau's (${BUREAU}) role, not ${actor.agency}'s`, { reason: 'role', requiredRole: 'BUREAU' });
  }
}

function wrongState(message: string, status: string): never {
  throw badUserInput(message, { argument: 'id', status });
}

export function assertId(id: string, argument = 'id'): string {
  if (!isUuid(id)) throw badUserInput(`Argument "${argument}" must be an id this API issued (a UUID), got ${JSON.stringify(id)}`, { argument });
  return id.toLowerCase();
}

/** A validity end: a local date (end of that day) or an ISO 8601 instant, in the future. */
export function parseValidUntil(value: string, argument: string, now = new Date()): Date {
  let at: Date;
  if (isIsoDay(value)) at = endOfChinaDay(value);
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) at = new Date(value);
  else throw badUserInput(`Argument "${argument}" must be YYYY-MM-DD or an ISO 8601 instant with a zone, got ${JSON.stringify(value)}`, { argument });
  if (at.getTime() <= now.getTime()) throw badUserInput(`Argument "${argument}" must be in the future`, { argument });
  if (at.getTime() > addYears(now, MAX_VALIDITY_YEARS).getTime()) {
    throw badUserInput(`Argument "${argument}" is more than ${MAX_VALIDITY_YEARS} years ahead; apply again when the grant ends`, { argument });
  }
  return at;
}

// ─── submit ──────────────────────────────────────────────────────────────────────────────────

export interface SubmitInput {
  items: string[];
  purpose: string;
  justification: string;
  legalBasis?: string | null;
  requestedMasks?: { item: string; mask: string }[] | null;
  validUntil?: string | null;
}

export interface ValidatedApplication {
  items: string[];
  conditional: string[];
  unconditional: string[];
  providers: string[];
  purpose: string;
  justification: string;
  legalBasis: string | null;
  masks: Record<string, string>;
  validUntil: Date | null;
}

export function validateApplication(actor: Actor, input: SubmitInput, catalogue: Catalogue, now = new Date()): ValidatedApplication {
  const argument = 'input.items';
  if (!Array.isArray(input.items) || input.items.length === 0) throw badUserInput('Argument "input.items" must name at least one item (Type.field)', { argument });
  if (input.items.length > MAX_ITEMS) throw badUserInput(`Argument "input.items" names more than ${MAX_ITEMS} items`, { argument });
  const items = [...new Set(input.items.map((i) => i.trim()))];
  const found: CatalogItemData[] = [];
  for (const name of items) {
    const item = catalogue.items.get(name);
    if (!item) {
      throw badUserInput(`Item ${JSON.stringify(name)} is not in the sharing catalogue (items are named Type.field, see Query.catalogResources)`, { argument, item: name });
    }
    if (item.sharingType === 'NONE') {
      throw badUserInput(`Item ${name} is not shared (不予共享): ${item.basis}. To dispute it, use Mutation.objectToNonSharing (Art. 16)`, { argument, item: name, basis: item.basis });
    }
    if (item.provider === actor.agency) {
      throw badUserInput(`Item ${name} is provided by ${actor.agency} itself: a providing agency reads its own items without a grant`, { argument, item: name });
    }
    found.push(item);
  }
  const conditional = found.filter((i) => i.sharingType === 'CONDITIONAL').map((i) => i.name).sort();
  const unconditional = found.filter((i) => i.sharingType === 'UNCONDITIONAL').map((i) => i.name).sort();

  const masks: Record<string, string> = {};
  for (const m of input.requestedMasks ?? []) {
    const a = 'input.requestedMasks';
    const item = catalogue.items.get(m.item);
    if (!item || !items.includes(m.item)) throw badUserInput(`requestedMasks names ${JSON.stringify(m.item)}, which is not one of the application's items`, { argument: a, item: m.item });
    if (item.sharingType !== 'CONDITIONAL') {
      throw badUserInput(`requestedMasks: ${m.item} is UNCONDITIONAL and is served to every agency with its default masking (${item.mask}); only conditional items take a grant's masking`, { argument: a, item: m.item });
    }
    const spec = formatMaskSpec(parseMaskSpec(m.mask, a));
    if (spec !== 'FULL' && !(item.valueKind === 'SCALAR' && /^\[?(String|ID)!?\]?!?$/.test(item.dataType))) {
      throw badUserInput(`requestedMasks: ${m.item} is ${item.dataType}; masking applies to text fields only (use FULL or the default)`, { argument: a, item: m.item });
    }
    if (masks[m.item] && masks[m.item] !== spec) throw badUserInput(`requestedMasks names ${m.item} twice`, { argument: a, item: m.item });
    masks[m.item] = spec;
  }

  return {
    items: items.sort(),
    conditional,
    unconditional,
    providers: providersOf(catalogue, conditional),
    purpose: assertNonEmpty(input.purpose ?? '', 'input.purpose', 200),
    justification: assertNonEmpty(input.justification ?? '', 'input.justification', 4000),
    legalBasis: input.legalBasis == null || input.legalBasis.trim() === '' ? null : assertNonEmpty(input.legalBasis, 'input.legalBasis', 1000),
    masks,
    validUntil: input.validUntil == null ? null : parseValidUntil(input.validUntil, 'input.validUntil', now),
  };
}

async function assertRegistered(q: Query, agency: string): Promise<void> {
  const [row] = await q(`SELECT 1 FROM agency WHERE code = ?`, [agency]);
  if (!row) throw forbidden(`Agency ${agency} is not registered on the platform (Query.agencies)`, { reason: 'unknown agency' });
}

async function insertGrant(q: Query, app: { id: string; applicant: string; purpose: string; validUntil: Date | null }, items: string[], masks: Record<string, string>): Promise<string> {
  const validTo = app.validUntil ?? addYears(new Date(), DEFAULT_VALIDITY_YEARS);
  const [g] = await q<{ id: string }>(
    `INSERT INTO sharing_grant (agency_code, items, purposes, masks, valid_from, valid_to, application_id)
     VALUES (?, ?::text[], ?::text[], ?::jsonb, now(), ?, ?) RETURNING id`,
    [app.applicant, pgArray(items), pgArray([app.purpose]), JSON.stringify(masks), validTo, app.id],
  );
  return g.id;
}

export async function submitApplication(q: Query, actor: Actor, v: ValidatedApplication): Promise<string> {
  await assertRegistered(q, actor.agency);
  const status = v.conditional.length ? 'UNDER_REVIEW' : 'GRANTED';
  const [app] = await q<{ id: string }>(
    `INSERT INTO sharing_application (applicant, operator, items, conditional_items, unconditional_items, providers, purpose, justification,
       legal_basis, requested_masks, valid_until, status, decided_at)
     VALUES (?, ?, ?::text[], ?::text[], ?::text[], ?::text[], ?, ?, ?, ?::jsonb, ?, ?, ${status === 'GRANTED' ? 'now()' : 'NULL'}) RETURNING id`,
    [actor.agency, actor.operator, pgArray(v.items), pgArray(v.conditional), pgArray(v.unconditional), pgArray(v.providers), v.purpose,
      v.justification, v.legalBasis, JSON.stringify(v.masks), v.validUntil, status],
  );
  // Unconditional items are granted at once (Art. 17): the application's grant starts with them.
  if (v.unconditional.length) {
    const grantId = await insertGrant(q, { id: app.id, applicant: actor.agency, purpose: v.purpose, validUntil: v.validUntil }, v.unconditional, {});
    await q(`UPDATE sharing_application SET grant_id = ?, provisioned_at = ${status === 'GRANTED' ? 'now()' : 'NULL'} WHERE id = ?`, [grantId, app.id]);
  }
  return app.id;
}

// ─── review, withdraw, provision ─────────────────────────────────────────────────────────────

interface ApplicationRow {
  id: string;
  applicant: string;
  operator: string | null;
  status: string;
  providers: string[];
  conditional_items: string[];
  unconditional_items: string[];
  purpose: string;
  requested_masks: Record<string, string>;
  valid_until: Date | null;
  grant_id: string | null;
}

async function lockApplication(q: Query, id: string): Promise<ApplicationRow> {
  const [row] = await q<ApplicationRow>(`SELECT * FROM sharing_application WHERE id = ? FOR UPDATE`, [id]);
  if (!row) throw notFound(`Sharing application ${id}`);
  return row;
}

/** The roles an agency holds on an application. */
export function rolesOn(agency: string, app: { providers: string[] }): ('BUREAU' | 'PROVIDER')[] {
  const roles: ('BUREAU' | 'PROVIDER')[] = [];
  if (agency === BUREAU) roles.push('BUREAU');
  if (app.providers.includes(agency)) roles.push('PROVIDER');
  return roles;
}

/** The approvals an application needs: every provider's, and the bureau's unless the bureau applied. */
export function requiredReviews(app: { applicant: string; providers: string[] }): { reviewer: string; role: 'BUREAU' | 'PROVIDER' }[] {
  const bureau = app.applicant === BUREAU ? [] : [{ reviewer: BUREAU, role: 'BUREAU' as const }];
  return [...bureau, ...app.providers.filter((p) => p !== app.applicant).map((p) => ({ reviewer: p, role: 'PROVIDER' as const }))];
}

/** Refuses a review by the applicant agency, or by the operator who submitted the application. */
export function assertNotOwnApplication(actor: Actor, app: { id: string; applicant: string; operator: string | null }): void {
  if (app.applicant === actor.agency) {
    throw forbidden(`${actor.agency} submitted application ${app.id}: no agency reviews its own application`, { reason: 'separation of duties', requiredRole: 'another agency' });
  }
  if (app.operator && actor.operator && app.operator === actor.operator) {
    throw forbidden(`Operator ${actor.operator} submitted application ${app.id}: no one reviews an application they submitted`, { reason: 'separation of duties', requiredRole: 'another operator' });
  }
}

export async function reviewApplication(q: Query, actor: Actor, id: string, approve: boolean, reason: string | null | undefined, calendar: WorkingCalendar): Promise<void> {
  const app = await lockApplication(q, id);
  assertNotOwnApplication(actor, app);
  const roles = rolesOn(actor.agency, app);
  if (!roles.length) {
    throw forbidden(`Only the administering bureau (${BUREAU}) and the providing agencies (${app.providers.join(', ')}) review this application, not ${actor.agency}`, { reason: 'role', requiredRole: 'BUREAU or PROVIDER' });
  }
  if (app.status !== 'UNDER_REVIEW') wrongState(`Application ${id} is ${app.status}: only an application UNDER_REVIEW can be reviewed`, app.status);
  const done = await q<{ reviewer: string; role: string; approve: boolean }>(`SELECT reviewer, role, approve FROM application_review WHERE application_id = ?`, [id]);
  const open = roles.filter((r) => !done.some((d) => d.reviewer === actor.agency && d.role === r));
  if (!open.length) wrongState(`${actor.agency} has already reviewed application ${id}`, app.status);
  const why = reason == null || reason.trim() === '' ? null : assertNonEmpty(reason, 'reason', 2000);
  if (!approve && !why) throw badUserInput('A rejection must give its reason (argument "reason")', { argument: 'reason' });
  for (const role of open) {
    await q(`INSERT INTO application_review (application_id, reviewer, role, approve, reason, operator) VALUES (?, ?, ?, ?, ?, ?)`, [id, actor.agency, role, approve, why, actor.operator]);
  }
  if (!approve) {
    await q(`UPDATE sharing_application SET status = 'REJECTED', decided_at = now(), rejection_reason = ? WHERE id = ?`, [`${actor.agency}: ${why}`, id]);
    return;
  }
  const approvals = [...done.filter((d) => d.approve), ...open.map((role) => ({ reviewer: actor.agency, role, approve: true }))];
  const has = (reviewer: string, role: string) => approvals.some((a) => a.reviewer === reviewer && a.role === role);
  if (requiredReviews(app).every((r) => has(r.reviewer, r.role))) {
    const now = new Date();
    const deadline = calendar.provisioningDeadline(now);
    await q(
      `UPDATE sharing_application SET status = 'APPROVED', decided_at = ?, provisioning_deadline = ?::date, provisioning_deadline_at = ? WHERE id = ?`,
      [now, deadline.day, deadline.at, id],
    );
  }
}

/** The reviewers still awaited on an application UNDER_REVIEW. */
export function pendingReviewers(app: { status: string; applicant: string; providers: string[] }, reviews: { reviewer: string; role: string }[]): string[] {
  if (app.status !== 'UNDER_REVIEW') return [];
  const need = requiredReviews(app);
  return [...new Set(need.filter((n) => !reviews.some((r) => r.reviewer === n.reviewer && r.role === n.role)).map((n) => n.reviewer))];
}

export async function withdrawApplication(q: Query, actor: Actor, id: string): Promise<void> {
  const app = await lockApplication(q, id);
  if (app.applicant !== actor.agency) throw forbidden(`Only the applicant (${app.applicant}) may withdraw application ${id}`, { reason: 'role', requiredRole: 'APPLICANT' });
  if (!['UNDER_REVIEW', 'APPROVED'].includes(app.status)) wrongState(`Application ${id} is ${app.status}: only an application UNDER_REVIEW or APPROVED (not yet provisioned) can be withdrawn`, app.status);
  await q(`UPDATE sharing_application SET status = 'WITHDRAWN' WHERE id = ?`, [id]);
  if (app.grant_id) {
    await q(`UPDATE sharing_grant SET revoked_at = now(), revoked_reason = 'application withdrawn by the applicant', revoked_by = ? WHERE id = ? AND revoked_at IS NULL`, [actor.agency, app.grant_id]);
  }
}

export async function provisionApplication(q: Query, actor: Actor, id: string, catalogue: Catalogue): Promise<void> {
  const app = await lockApplication(q, id);
  if (!app.providers.includes(actor.agency)) {
    throw forbidden(`Only the providing agencies of its conditional items (${app.providers.join(', ')}) provision application ${id}, not ${actor.agency}`, { reason: 'role', requiredRole: 'PROVIDER' });
  }
  if (!['APPROVED', 'PARTIALLY_PROVISIONED'].includes(app.status)) {
    wrongState(`Application ${id} is ${app.status}: only an APPROVED application can be provisioned`, app.status);
  }
  const [already] = await q(`SELECT 1 FROM application_provision WHERE application_id = ? AND provider = ?`, [id, actor.agency]);
  if (already) wrongState(`${actor.agency} has already provisioned its items of application ${id}`, app.status);

  const mine = app.conditional_items.filter((i) => catalogue.items.get(i)?.provider === actor.agency);
  // An item whose declared provider changed since submission still belongs to the provider it was approved by.
  const items = mine.length ? mine : app.conditional_items.filter((i) => providersOf(catalogue, [i]).length === 0);
  const masks = Object.fromEntries(Object.entries(app.requested_masks ?? {}).filter(([item]) => items.includes(item)));
  const [grant] = app.grant_id ? await q<{ id: string; revoked_at: Date | null }>(`SELECT id, revoked_at FROM sharing_grant WHERE id = ? FOR UPDATE`, [app.grant_id]) : [];
  if (grant && !grant.revoked_at) {
    await q(
      `UPDATE sharing_grant SET items = ARRAY(SELECT DISTINCT unnest(items || ?::text[]) ORDER BY 1), masks = masks || ?::jsonb WHERE id = ?`,
      [pgArray(items), JSON.stringify(masks), grant.id],
    );
  } else {
    const grantId = await insertGrant(q, { id, applicant: app.applicant, purpose: app.purpose, validUntil: app.valid_until }, [...new Set([...app.unconditional_items, ...items])].sort(), masks);
    await q(`UPDATE sharing_application SET grant_id = ? WHERE id = ?`, [grantId, id]);
  }
  await q(`INSERT INTO application_provision (application_id, provider, items, operator) VALUES (?, ?, ?::text[], ?)`, [id, actor.agency, pgArray(items), actor.operator]);
  const done = await q<{ provider: string }>(`SELECT provider FROM application_provision WHERE application_id = ?`, [id]);
  const complete = app.providers.every((p) => done.some((d) => d.provider === p));
  await q(`UPDATE sharing_application SET status = ?, provisioned_at = ${complete ? 'now()' : 'provisioned_at'} WHERE id = ?`, [complete ? 'PROVISIONED' : 'PARTIALLY_PROVISIONED', id]);
}

// ─── grants ──────────────────────────────────────────────────────────────────────────────────

export interface RevokeOutcome {
  applicationId: string | null;
  /** Items this revocation withdrew from the grant. */
  revokedItems: string[];
  /** True when the whole grant ended; false when only the revoking provider's items did. */
  whole: boolean;
}

/**
 * Revokes a grant. The bureau revokes the whole grant. A provider revokes only the items it
 * provides: they leave the grant (recorded in grant_item_revocation) and the rest stays live; when
 * nothing would remain, the grant itself is revoked. Either UPDATE fires NOTIFY grants_changed, so
 * every subgraph reloads the grant on its next request.
 */
export async function revokeGrant(q: Query, actor: Actor, id: string, reason: string, catalogue: Catalogue): Promise<RevokeOutcome> {
  const [grant] = await q<{ id: string; items: string[]; masks: Record<string, string> | null; revoked_at: Date | null; valid_to: Date | null; application_id: string | null }>(
    `SELECT id, items, masks, revoked_at, valid_to, application_id FROM sharing_grant WHERE id = ? FOR UPDATE`,
    [id],
  );
  if (!grant) throw notFound(`Grant ${id}`);
  const providers = providersOf(catalogue, grant.items);
  const bureau = actor.agency === BUREAU;
  if (!bureau && !providers.includes(actor.agency)) {
    throw forbidden(`Only the administering bureau (${BUREAU}) or a provider of its items (${providers.join(', ')}) may revoke grant ${id}`, { reason: 'role', requiredRole: 'BUREAU or PROVIDER' });
  }
  const why = assertNonEmpty(reason ?? '', 'reason', 2000);
  if (grant.revoked_at) wrongState(`Grant ${id} was already revoked`, 'REVOKED');
  if (grant.valid_to && new Date(grant.valid_to).getTime() <= Date.now()) wrongState(`Grant ${id} has already expired`, 'EXPIRED');

  const mine = bureau ? grant.items : grant.items.filter((i) => catalogue.items.get(i)?.provider === actor.agency);
  const rest = grant.items.filter((i) => !mine.includes(i));
  if (!bureau && rest.length) {
    const masks = Object.fromEntries(Object.entries(grant.masks ?? {}).filter(([item]) => rest.includes(item)));
    await q(`UPDATE sharing_grant SET items = ?::text[], masks = ?::jsonb WHERE id = ?`, [pgArray(rest), JSON.stringify(masks), id]);
    await q(`INSERT INTO grant_item_revocation (grant_id, items, reason, revoked_by, operator) VALUES (?, ?::text[], ?, ?, ?)`, [id, pgArray(mine), why, actor.agency, actor.operator]);
    return { applicationId: grant.application_id, revokedItems: mine, whole: false };
  }
  await q(`UPDATE sharing_grant SET revoked_at = now(), revoked_reason = ?, revoked_by = ? WHERE id = ?`, [why, actor.agency, id]);
  if (grant.application_id) {
    await q(`UPDATE sharing_application SET status = 'REVOKED' WHERE id = ? AND status IN ('GRANTED', 'PROVISIONED', 'PARTIALLY_PROVISIONED')`, [grant.application_id]);
  }
  return { applicationId: grant.application_id, revokedItems: grant.items, whole: true };
}

// ─── objections to NONE items (论证审核) ──────────────────────────────────────────────────────

export async function objectToNonSharing(q: Query, actor: Actor, input: { item: string; purpose: string; justification: string }, catalogue: Catalogue): Promise<string> {
  const name = (input.item ?? '').trim();
  const item = catalogue.items.get(name);
  if (!item) throw badUserInput(`Item ${JSON.stringify(name)} is not in the sharing catalogue`, { argument: 'input.item', item: name });
  if (item.sharingType !== 'NONE') {
    throw badUserInput(`Item ${name} is ${item.sharingType}, not NONE: apply for it with Mutation.submitSharingApplication`, { argument: 'input.item', item: name });
  }
  if (item.provider === actor.agency) {
    throw forbidden(`${actor.agency} provides ${name}: a provider reclassifies its own items by changing their declaration, not by objecting`, { reason: 'role', requiredRole: 'APPLICANT' });
  }
  const purpose = assertNonEmpty(input.purpose ?? '', 'input.purpose', 200);
  const justification = assertNonEmpty(input.justification ?? '', 'input.justification', 4000);
  await assertRegistered(q, actor.agency);
  const [pending] = await q(`SELECT id FROM non_sharing_objection WHERE item = ? AND objector = ? AND status = 'PENDING'`, [name, actor.agency]);
  if (pending) throw badUserInput(`${actor.agency} already has a pending objection to ${name} (${pending.id})`, { argument: 'input.item', item: name });
  const [row] = await q<{ id: string }>(
    `INSERT INTO non_sharing_objection (item, provider, objector, operator, purpose, justification, published_basis, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING') RETURNING id`,
    [name, item.provider, actor.agency, actor.operator, purpose, justification, item.basis ?? ''],
  );
  return row.id;
}

export async function reviewObjection(
  q: Query, actor: Actor, id: string, outcome: 'KEEP_NONE' | 'RECLASSIFY', reason: string, reclassifyTo: string | null | undefined,
): Promise<void> {
  const [row] = await q<{ status: string; objector: string; operator: string | null; provider: string }>(
    `SELECT status, objector, operator, provider FROM non_sharing_objection WHERE id = ? FOR UPDATE`,
    [id],
  );
  if (!row) throw notFound(`Objection ${id}`);
  // Separation of duties: the bureau's own objection is reviewed by the item's provider, never by the bureau.
  assertNotOwnApplication(actor, { id, applicant: row.objector, operator: row.operator });
  if (row.objector === BUREAU) {
    if (actor.agency !== row.provider) {
      throw forbidden(`Objection ${id} was raised by the bureau: its argumentation review is the provider's (${row.provider}), not ${actor.agency}'s`, { reason: 'role', requiredRole: 'PROVIDER' });
    }
  } else {
    requireBureau(actor, 'The argumentation review of a NONE item (论证审核, Art. 16)');
  }
  if (row.status !== 'PENDING') wrongState(`Objection ${id} was already decided (${row.status})`, row.status);
  const why = assertNonEmpty(reason ?? '', 'reason', 4000);
  if (outcome === 'KEEP_NONE' && reclassifyTo) throw badUserInput('KEEP_NONE takes no "reclassifyTo"', { argument: 'reclassifyTo' });
  if (outcome === 'RECLASSIFY' && !['UNCONDITIONAL', 'CONDITIONAL'].includes(reclassifyTo ?? '')) {
    throw badUserInput('RECLASSIFY needs "reclassifyTo": UNCONDITIONAL or CONDITIONAL', { argument: 'reclassifyTo' });
  }
  await q(
    `UPDATE non_sharing_objection SET status = ?, reclassify_to = ?, decision_reason = ?, decided_by = ?, decided_at = now() WHERE id = ?`,
    [outcome === 'KEEP_NONE' ? 'UPHELD' : 'RECLASSIFIED', outcome === 'RECLASSIFY' ? reclassifyTo : null, why, actor.agency, id],
  );
}
