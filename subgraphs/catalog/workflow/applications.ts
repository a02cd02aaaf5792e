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
import { addYears } from '../shared/time';
import { badUserInput, forbidden } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import {
  addGrantItems,
  isRegisteredAgency,
  issueGrant,
  lockGrant,
  revokeGrant as revokeWholeGrant,
  type BatchBounds,
  type SharingMethod,
} from '../../../platform/governance';
import { Catalogue, providersOf } from '../catalogue/catalogue';
import { Query, notFound, pgArray } from '../shared/sql';
import { WorkingCalendar } from '../calendar/working-days';
import { Actor, BUREAU, wrongState } from '../shared/actors';
import { DEFAULT_VALIDITY_YEARS, type ValidatedApplication } from './validation';
import { NotificationKind, notify } from '../notifications/notify';

export { agencyActor, assertId, BUREAU, requireBureau, type Actor } from '../shared/actors';
export { validateApplication, parseValidUntil, type SubmitInput, type ValidatedApplication } from './validation';

export async function assertRegistered(q: Query, agency: string): Promise<void> {
  if (!(await isRegisteredAgency(q, agency)))
    throw forbidden(`Agency ${agency} is not registered on the platform (Query.agencies)`, { reason: 'unknown agency' });
}

/** The application's grant (one application, one grant): for the applicant, its purpose, until its requested end or a year. */
function insertGrant(
  q: Query,
  app: { id: string; applicant: string; purpose: string; validUntil: Date | null },
  items: string[],
  masks: Record<string, string>,
  methods: GrantMethods = { methods: ['ONLINE_QUERY'], batch: null },
): Promise<string> {
  return issueGrant(q, {
    agency: app.applicant,
    items,
    purposes: [app.purpose],
    masks,
    validTo: app.validUntil ?? addYears(new Date(), DEFAULT_VALIDITY_YEARS),
    applicationId: app.id,
    methods: methods.methods,
    batch: methods.batch,
  });
}

interface GrantMethods {
  methods: SharingMethod[];
  batch: BatchBounds | null;
}

/**
 * The methods an approved application's grant carries: those asked for, BATCH only when every
 * required reviewer approved it on its own (approve_batch), so a reviewer who agrees to online
 * queries but not to bulk copies of the data keeps the grant online.
 */
async function approvedMethods(q: Query, app: ApplicationRow): Promise<GrantMethods> {
  if (!app.methods.includes('BATCH')) return { methods: app.methods, batch: null };
  const reviews = await q<{ reviewer: string; role: string; approve_batch: boolean | null }>(
    `SELECT reviewer, role, approve_batch FROM application_review WHERE application_id = ? AND approve`,
    [app.id],
  );
  const batch = requiredReviews(app).every((r) => reviews.some((v) => v.reviewer === r.reviewer && v.role === r.role && v.approve_batch === true));
  const methods = app.methods.filter((m) => m !== 'BATCH' || batch);
  return {
    methods,
    batch: batch && app.batch_max_rows && app.batch_exports_per_day ? { maxRows: app.batch_max_rows, exportsPerDay: app.batch_exports_per_day } : null,
  };
}

export async function submitApplication(q: Query, actor: Actor, v: ValidatedApplication): Promise<string> {
  await assertRegistered(q, actor.agency);
  // BATCH is never granted at once, even for unconditional items: the bureau (and the providers of
  // conditional items) approve bulk copies on their own (Art. 18, issue 11 item 6).
  const batch = v.methods.includes('BATCH');
  const status = v.conditional.length || batch ? 'UNDER_REVIEW' : 'GRANTED';
  const [app] = await q<{ id: string }>(
    `INSERT INTO sharing_application (applicant, operator, items, conditional_items, unconditional_items, providers, purpose, justification,
       legal_basis, requested_masks, valid_until, status, decided_at, methods, batch_max_rows, batch_exports_per_day)
     VALUES (?, ?, ?::text[], ?::text[], ?::text[], ?::text[], ?, ?, ?, ?::jsonb, ?, ?, ${status === 'GRANTED' ? 'now()' : 'NULL'}, ?::text[], ?, ?) RETURNING id`,
    [
      actor.agency,
      actor.operator,
      pgArray(v.items),
      pgArray(v.conditional),
      pgArray(v.unconditional),
      pgArray(v.providers),
      v.purpose,
      v.justification,
      v.legalBasis,
      JSON.stringify(v.masks),
      v.validUntil,
      status,
      pgArray(v.methods),
      v.batch?.maxRows ?? null,
      v.batch?.exportsPerDay ?? null,
    ],
  );
  // Unconditional items are granted at once (Art. 17): the application's grant starts with them
  // (for online queries; a batch application's grant is issued when it is approved or provisioned).
  if (v.unconditional.length && !batch) {
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
  methods: SharingMethod[];
  batch_max_rows: number | null;
  batch_exports_per_day: number | null;
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
    throw forbidden(`${actor.agency} submitted application ${app.id}: no agency reviews its own application`, {
      reason: 'separation of duties',
      requiredRole: 'another agency',
    });
  }
  if (app.operator && actor.operator && app.operator === actor.operator) {
    throw forbidden(`Operator ${actor.operator} submitted application ${app.id}: no one reviews an application they submitted`, {
      reason: 'separation of duties',
      requiredRole: 'another operator',
    });
  }
}

export async function reviewApplication(
  q: Query,
  actor: Actor,
  id: string,
  approve: boolean,
  reason: string | null | undefined,
  calendar: WorkingCalendar,
  approveBatch?: boolean | null,
): Promise<void> {
  const app = await lockApplication(q, id);
  assertNotOwnApplication(actor, app);
  const roles = rolesOn(actor.agency, app);
  if (!roles.length) {
    throw forbidden(
      `Only the administering bureau (${BUREAU}) and the providing agencies (${app.providers.join(', ')}) review this application, not ${actor.agency}`,
      { reason: 'role', requiredRole: 'BUREAU or PROVIDER' },
    );
  }
  if (app.status !== 'UNDER_REVIEW') wrongState(`Application ${id} is ${app.status}: only an application UNDER_REVIEW can be reviewed`, app.status);
  const done = await q<{ reviewer: string; role: string; approve: boolean }>(
    `SELECT reviewer, role, approve FROM application_review WHERE application_id = ?`,
    [id],
  );
  const open = roles.filter((r) => !done.some((d) => d.reviewer === actor.agency && d.role === r));
  if (!open.length) wrongState(`${actor.agency} has already reviewed application ${id}`, app.status);
  const why = reason == null || reason.trim() === '' ? null : assertNonEmpty(reason, 'reason', 2000);
  if (!approve && !why) throw badUserInput('A rejection must give its reason (argument "reason")', { argument: 'reason' });
  const asksBatch = app.methods.includes('BATCH');
  if (approveBatch != null && !asksBatch)
    throw badUserInput(`Application ${id} does not ask for the BATCH method: "approveBatch" does not apply`, { argument: 'approveBatch' });
  // Default deny: a reviewer who does not say approveBatch: true has not approved bulk copies.
  const batchApproved = approve && asksBatch ? approveBatch === true : null;
  if (approve && asksBatch && !batchApproved && !app.methods.includes('ONLINE_QUERY')) {
    throw badUserInput(`Application ${id} asks only for BATCH: approve it with approveBatch: true, or reject it with a reason`, { argument: 'approveBatch' });
  }
  for (const role of open) {
    await q(`INSERT INTO application_review (application_id, reviewer, role, approve, reason, operator, approve_batch) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      id,
      actor.agency,
      role,
      approve,
      why,
      actor.operator,
      batchApproved,
    ]);
  }
  if (!approve) {
    await q(`UPDATE sharing_application SET status = 'REJECTED', decided_at = now(), rejection_reason = ? WHERE id = ?`, [`${actor.agency}: ${why}`, id]);
    await notify(q, app.applicant, NotificationKind.APPLICATION_REJECTED, `共享申请被驳回 / Application ${id} rejected`, `${actor.agency}: ${why}`, [
      { type: 'SharingApplication', id },
    ]);
    return;
  }
  const approvals = [...done.filter((d) => d.approve), ...open.map((role) => ({ reviewer: actor.agency, role, approve: true }))];
  const has = (reviewer: string, role: string) => approvals.some((a) => a.reviewer === reviewer && a.role === role);
  if (requiredReviews(app).every((r) => has(r.reviewer, r.role))) {
    const now = new Date();
    const deadline = calendar.provisioningDeadline(now);
    await q(`UPDATE sharing_application SET status = 'APPROVED', decided_at = ?, provisioning_deadline = ?::date, provisioning_deadline_at = ? WHERE id = ?`, [
      now,
      deadline.day,
      deadline.at,
      id,
    ]);
    await notify(
      q,
      app.applicant,
      NotificationKind.APPLICATION_APPROVED,
      `共享申请已通过 / Application ${id} approved`,
      `Every reviewer approved; the providers provision it by ${deadline.day} (Art. 17: ten working days).`,
      [{ type: 'SharingApplication', id }],
    );
    // Nothing to provision (unconditional items asked for in BATCH): the grant is issued now.
    if (!app.providers.length) {
      const grantId = await insertGrant(
        q,
        { id, applicant: app.applicant, purpose: app.purpose, validUntil: app.valid_until },
        app.unconditional_items,
        {},
        await approvedMethods(q, app),
      );
      await q(`UPDATE sharing_application SET status = 'GRANTED', grant_id = ?, provisioned_at = now() WHERE id = ?`, [grantId, id]);
    }
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
  if (app.applicant !== actor.agency)
    throw forbidden(`Only the applicant (${app.applicant}) may withdraw application ${id}`, { reason: 'role', requiredRole: 'APPLICANT' });
  if (!['UNDER_REVIEW', 'APPROVED'].includes(app.status))
    wrongState(`Application ${id} is ${app.status}: only an application UNDER_REVIEW or APPROVED (not yet provisioned) can be withdrawn`, app.status);
  await q(`UPDATE sharing_application SET status = 'WITHDRAWN' WHERE id = ?`, [id]);
  if (app.grant_id) {
    await revokeWholeGrant(q, app.grant_id, 'application withdrawn by the applicant', actor.agency);
  }
}

export async function provisionApplication(q: Query, actor: Actor, id: string, catalogue: Catalogue): Promise<void> {
  const app = await lockApplication(q, id);
  if (!app.providers.includes(actor.agency)) {
    throw forbidden(`Only the providing agencies of its conditional items (${app.providers.join(', ')}) provision application ${id}, not ${actor.agency}`, {
      reason: 'role',
      requiredRole: 'PROVIDER',
    });
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
  const grant = app.grant_id ? await lockGrant(q, app.grant_id) : null;
  if (grant && !grant.revokedAt) {
    await addGrantItems(q, grant.id, items, masks);
  } else {
    const grantId = await insertGrant(
      q,
      { id, applicant: app.applicant, purpose: app.purpose, validUntil: app.valid_until },
      [...new Set([...app.unconditional_items, ...items])].sort(),
      masks,
      await approvedMethods(q, app),
    );
    await q(`UPDATE sharing_application SET grant_id = ? WHERE id = ?`, [grantId, id]);
  }
  await q(`INSERT INTO application_provision (application_id, provider, items, operator) VALUES (?, ?, ?::text[], ?)`, [
    id,
    actor.agency,
    pgArray(items),
    actor.operator,
  ]);
  const done = await q<{ provider: string }>(`SELECT provider FROM application_provision WHERE application_id = ?`, [id]);
  const complete = app.providers.every((p) => done.some((d) => d.provider === p));
  await q(`UPDATE sharing_application SET status = ?, provisioned_at = ${complete ? 'now()' : 'provisioned_at'} WHERE id = ?`, [
    complete ? 'PROVISIONED' : 'PARTIALLY_PROVISIONED',
    id,
  ]);
}
