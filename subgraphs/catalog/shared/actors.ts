/**
 * Who acts on the catalog's workflow: an agency's staff (never a data subject or an anonymous
 * caller), the post they hold in it (the token's `roles` claim, Art. 8: 数据操作员, 数据分管领导,
 * 数据安全管理员), and the administering bureau's role; shared by every feature of the catalog.
 */
import { AgencyRole, type Identity } from '../../../platform/identity/identity';
import { badUserInput, forbidden } from '../../../platform/errors';
import { isUuid } from './sql';

export const BUREAU = 'data-bureau';

/** The posts (platform/identity/identity.ts): a step needs one; a token may carry several. */
export const Role = AgencyRole;
export type Role = AgencyRole;

export interface Actor {
  agency: string;
  operator: string | null;
  /** The token's `roles` claim, as given. */
  roles: readonly string[];
}

/** The calling agency, or FORBIDDEN for a data subject (anonymous callers never get here). */
export function agencyActor(identity: Identity, action: string): Actor {
  if (identity.kind !== 'agency' || !identity.agency) {
    throw forbidden(`${action} is done by an agency's operator, not by a data subject or an anonymous caller`, { reason: 'agency token required' });
  }
  return { agency: identity.agency, operator: identity.operator ?? null, roles: identity.roles ?? [] };
}

/**
 * The calling agency's staff member holding `role`, or FORBIDDEN naming the role the step needs
 * (`extensions.requiredRole`), before anything is read or written.
 */
export function roleActor(identity: Identity, role: Role, action: string): Actor {
  const actor = agencyActor(identity, action);
  if (!actor.roles.includes(role)) {
    const held = actor.roles.length ? actor.roles.join(', ') : 'no role';
    throw forbidden(`${action} needs the role "${role}" in the token (${ROLE_POSTS[role]}); this token holds ${held}`, {
      reason: 'role',
      requiredRole: role,
    });
  }
  return actor;
}

const ROLE_POSTS: Record<Role, string> = {
  operator: '数据操作员',
  approver: '数据分管领导',
  'security-admin': '数据安全管理员',
};

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
