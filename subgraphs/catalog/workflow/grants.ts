/**
 * Revoking a grant (Art. 19; separation of duties, issue 8 class 9): the bureau revokes the whole
 * grant; a provider only the items it provides. The grant's rows are platform/governance's.
 */
import { forbidden } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import { lockGrant, platformNow, revokeGrant as revokeWholeGrant, withdrawGrantItems } from '../../../platform/governance';
import { Catalogue, providersOf } from '../catalogue/catalogue';
import { Query, notFound } from '../shared/sql';
import { Actor, BUREAU, wrongState } from '../shared/actors';
import { NotificationKind, notify } from '../notifications/notify';

/** The grant's holder learns of a revocation (whole or of some items) in its inbox. */
function notifyHolder(q: Query, holder: string, grantId: string, applicationId: string | null, body: string): Promise<string> {
  const links = [{ type: 'Grant', id: grantId }, ...(applicationId ? [{ type: 'SharingApplication', id: applicationId }] : [])];
  return notify(q, holder, NotificationKind.GRANT_REVOKED, `共享授权已撤销 / Grant ${grantId} revoked`, body, links);
}

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
  const grant = await lockGrant(q, id);
  if (!grant) throw notFound(`Grant ${id}`);
  const providers = providersOf(catalogue, grant.items);
  const bureau = actor.agency === BUREAU;
  if (!bureau && !providers.includes(actor.agency)) {
    throw forbidden(`Only the administering bureau (${BUREAU}) or a provider of its items (${providers.join(', ')}) may revoke grant ${id}`, {
      reason: 'role',
      requiredRole: 'BUREAU or PROVIDER',
    });
  }
  const why = assertNonEmpty(reason ?? '', 'reason', 2000);
  if (grant.revokedAt) wrongState(`Grant ${id} was already revoked`, 'REVOKED');
  if (grant.validTo && new Date(grant.validTo).getTime() <= (await platformNow(q)).getTime()) wrongState(`Grant ${id} has already expired`, 'EXPIRED');

  const mine = bureau ? grant.items : grant.items.filter((i) => catalogue.items.get(i)?.provider === actor.agency);
  const rest = grant.items.filter((i) => !mine.includes(i));
  if (!bureau && rest.length) {
    const masks = Object.fromEntries(Object.entries(grant.masks ?? {}).filter(([item]) => rest.includes(item)));
    await withdrawGrantItems(q, id, rest, masks, { items: mine, reason: why, revokedBy: actor.agency, operator: actor.operator });
    await notifyHolder(q, grant.agencyCode, id, grant.applicationId, `${actor.agency} withdrew ${mine.join(', ')} from grant ${id}: ${why}`);
    return { applicationId: grant.applicationId, revokedItems: mine, whole: false };
  }
  await revokeWholeGrant(q, id, why, actor.agency);
  await notifyHolder(q, grant.agencyCode, id, grant.applicationId, `${actor.agency} revoked grant ${id}: ${why}`);
  if (grant.applicationId) {
    await q(`UPDATE sharing_application SET status = 'REVOKED' WHERE id = ? AND status IN ('GRANTED', 'PROVISIONED', 'PARTIALLY_PROVISIONED')`, [
      grant.applicationId,
    ]);
  }
  return { applicationId: grant.applicationId, revokedItems: grant.items, whole: true };
}
