/**
 * Objections to NONE items and their argumentation review (论证审核, Art. 16): any agency other than
 * the provider objects; the bureau reviews (the provider reviews the bureau's own objection).
 */
import { badUserInput, forbidden } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import { Catalogue } from '../catalogue/catalogue';
import { Query, notFound } from '../shared/sql';
import { Actor, BUREAU, requireBureau, wrongState } from '../shared/actors';
import { assertNotOwnApplication, assertRegistered } from './applications';
import { applyReviewedReclassification } from '../register/register';
import type { SharingType } from '../../../platform/policy/metadata';

export async function objectToNonSharing(
  q: Query,
  actor: Actor,
  input: { item: string; purpose: string; justification: string },
  catalogue: Catalogue,
): Promise<string> {
  const name = (input.item ?? '').trim();
  const item = catalogue.items.get(name);
  if (!item) throw badUserInput(`Item ${JSON.stringify(name)} is not in the sharing catalogue`, { argument: 'input.item', item: name });
  if (item.sharingType !== 'NONE') {
    throw badUserInput(`Item ${name} is ${item.sharingType}, not NONE: apply for it with Mutation.submitSharingApplication`, {
      argument: 'input.item',
      item: name,
    });
  }
  if (item.provider === actor.agency) {
    throw forbidden(`${actor.agency} provides ${name}: a provider reclassifies its own items by changing their declaration, not by objecting`, {
      reason: 'role',
      requiredRole: 'APPLICANT',
    });
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
  q: Query,
  actor: Actor,
  id: string,
  outcome: 'KEEP_NONE' | 'RECLASSIFY',
  reason: string,
  reclassifyTo: string | null | undefined,
  /** The register change a RECLASSIFY applies (issue 10): the item's default mask and conditions, if given. */
  register: { catalogue: Catalogue; mask?: string | null; conditions?: string | null },
): Promise<void> {
  const [row] = await q<{ status: string; objector: string; operator: string | null; provider: string; item: string }>(
    `SELECT status, objector, operator, provider, item FROM non_sharing_objection WHERE id = ? FOR UPDATE`,
    [id],
  );
  if (!row) throw notFound(`Objection ${id}`);
  // Separation of duties: the bureau's own objection is reviewed by the item's provider, never by the bureau.
  assertNotOwnApplication(actor, { id, applicant: row.objector, operator: row.operator });
  if (row.objector === BUREAU) {
    if (actor.agency !== row.provider) {
      throw forbidden(`Objection ${id} was raised by the bureau: its argumentation review is the provider's (${row.provider}), not ${actor.agency}'s`, {
        reason: 'role',
        requiredRole: 'PROVIDER',
      });
    }
  } else {
    requireBureau(actor, 'The argumentation review of a NONE item (论证审核, Art. 16)');
  }
  if (row.status !== 'PENDING') wrongState(`Objection ${id} was already decided (${row.status})`, row.status);
  const why = assertNonEmpty(reason ?? '', 'reason', 4000);
  if (outcome === 'KEEP_NONE' && reclassifyTo) throw badUserInput('KEEP_NONE takes no "reclassifyTo"', { argument: 'reclassifyTo' });
  if (outcome === 'KEEP_NONE' && (register.mask != null || register.conditions != null)) {
    throw badUserInput('KEEP_NONE takes no "mask" or "conditions"', { argument: register.mask != null ? 'mask' : 'conditions' });
  }
  if (outcome === 'RECLASSIFY' && !['UNCONDITIONAL', 'CONDITIONAL'].includes(reclassifyTo ?? '')) {
    throw badUserInput('RECLASSIFY needs "reclassifyTo": UNCONDITIONAL or CONDITIONAL', { argument: 'reclassifyTo' });
  }
  await q(`UPDATE non_sharing_objection SET status = ?, reclassify_to = ?, decision_reason = ?, decided_by = ?, decided_at = now() WHERE id = ?`, [
    outcome === 'KEEP_NONE' ? 'UPHELD' : 'RECLASSIFIED',
    outcome === 'RECLASSIFY' ? reclassifyTo : null,
    why,
    actor.agency,
    id,
  ]);
  // The decision is carried out at once in the catalogue register (live in every subgraph), no release.
  if (outcome === 'RECLASSIFY') {
    await applyReviewedReclassification(q, actor, id, row.item, reclassifyTo as SharingType, register, why, register.catalogue);
  }
}
