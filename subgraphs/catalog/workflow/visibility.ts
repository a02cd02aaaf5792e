/**
 * Who may see what in the workflow: the applicant, the providing agencies of the conditional items
 * and the administering bureau see an application; a grant is seen by its agency, the providers of
 * its items and the bureau. And a grant's status as the clock sees it.
 */
import type { GrantRecord } from '../../../platform/governance';
import { currentCatalogue } from '../catalogue/catalogue';
import { Actor, BUREAU } from '../shared/actors';
import type { SharingApplicationEntity } from './entities';
import { GrantStatus } from './grant-types';

export function canSeeApplication(actor: Actor, app: SharingApplicationEntity): boolean {
  return actor.agency === BUREAU || app.applicant === actor.agency || app.providers.includes(actor.agency);
}

/** Items the agency provides, per the catalogue. */
export function itemsProvidedBy(agency: string): string[] {
  return [...currentCatalogue().items.values()].filter((i) => i.provider === agency).map((i) => i.name);
}

export function canSeeGrant(actor: Actor, grant: GrantRecord): boolean {
  if (actor.agency === BUREAU || grant.agencyCode === actor.agency) return true;
  const mine = new Set(itemsProvidedBy(actor.agency));
  return grant.items.some((i) => mine.has(i));
}

export function grantStatus(g: GrantRecord, now = Date.now()): GrantStatus {
  if (g.revokedAt) return GrantStatus.REVOKED;
  if (g.validTo && new Date(g.validTo).getTime() <= now) return GrantStatus.EXPIRED;
  if (new Date(g.validFrom).getTime() > now) return GrantStatus.PENDING;
  return GrantStatus.LIVE;
}
