/**
 * Who acts on the catalog's workflow: an agency's operator (never a data subject or an anonymous
 * caller), and the administering bureau's role; shared by every feature of the catalog.
 */
import type { Identity } from '../../../platform/identity/identity';
import { badUserInput, forbidden } from '../../../platform/errors';
import { isUuid } from './sql';

export const BUREAU = 'data-bureau';

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

export function wrongState(message: string, status: string): never {
  throw badUserInput(message, { argument: 'id', status });
}

export function assertId(id: string, argument = 'id'): string {
  if (!isUuid(id)) throw badUserInput(`Argument "${argument}" must be an id this API issued (a UUID), got ${JSON.stringify(id)}`, { argument });
  return id.toLowerCase();
}
