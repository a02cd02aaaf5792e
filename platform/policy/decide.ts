/**
 * The sharing decision for one item, one caller, one purpose (Art. 15-19, 24):
 *   the providing agency reads its own items in full, whatever their class;
 *   OPEN items are readable by anyone, even without a token (Art. 20-22);
 *   `subject` items are readable by a data subject (their resolver shows them their own records);
 *   otherwise an agency token is required, and
 *   UNCONDITIONAL → any agency, with the item's default mask;
 *   CONDITIONAL   → a live grant for (agency, item, purpose), with the grant's mask for the item;
 *   NONE          → refused, citing the legal basis.
 * Pure: the caller supplies the live grants.
 */
import type { Identity } from '../identity/identity';
import type { FieldPolicy } from './metadata';
import type { LiveGrant, RowScope } from './grants';
import { ErrorCode } from '../errors';

export type Decision =
  { allowed: true; mask: string; grantIds: string[]; scopes?: RowScope[] } | { allowed: false; reason: string; extensions: Record<string, unknown> };

const APPLY_HINT = 'Apply with Mutation.submitSharingApplication on the catalog (items as Type.field, with the purpose).';

function refuse(item: string, policy: FieldPolicy, reason: string, extra: Record<string, unknown> = {}): Decision {
  return {
    allowed: false,
    reason,
    extensions: { code: ErrorCode.FORBIDDEN, item, sharingType: policy.type, provider: policy.provider, reason, ...extra },
  };
}

export function decide(item: string, policy: FieldPolicy, identity: Identity, purpose: string | undefined, grants: LiveGrant[]): Decision {
  const defaultMask = policy.mask ?? 'FULL';
  if (identity.kind === 'agency' && identity.agency === policy.provider) return { allowed: true, mask: 'FULL', grantIds: [] };
  if (policy.open === 'OPEN') return { allowed: true, mask: defaultMask, grantIds: [] };
  if (identity.kind === 'subject' && policy.subject) return { allowed: true, mask: defaultMask, grantIds: [] };
  if (identity.kind !== 'agency') {
    return refuse(
      item,
      policy,
      identity.kind === 'anonymous' ? `${item} is not open data: an agency token is required` : `${item} is not available to data subjects`,
      { applyFor: 'an agency token (Authorization: Bearer …)' },
    );
  }
  switch (policy.type) {
    case 'UNCONDITIONAL':
      return { allowed: true, mask: defaultMask, grantIds: [] };
    case 'NONE':
      return refuse(item, policy, `${item} is not shared (不予共享): ${policy.basis}`, {
        basis: policy.basis,
        applyFor: 'an objection to the administering bureau (data-bureau), Art. 15',
      });
    case 'CONDITIONAL': {
      const forItem = grants.filter((g) => g.items.has(item));
      if (!forItem.length) {
        return refuse(item, policy, `${item} is conditional (有条件共享): agency ${identity.agency} holds no live grant for it`, { applyFor: APPLY_HINT });
      }
      if (!purpose) {
        return refuse(
          item,
          policy,
          `${item} is conditional: state the purpose in the x-purpose header (granted purposes: ${[...new Set(forItem.flatMap((g) => [...g.purposes]))].join(', ')})`,
          { applyFor: 'the x-purpose header' },
        );
      }
      const matching = forItem.filter((g) => g.purposes.has(purpose));
      if (!matching.length) {
        return refuse(item, policy, `${item} is granted to ${identity.agency} for other purposes, not for "${purpose}" (Art. 19)`, {
          purpose,
          applyFor: APPLY_HINT,
        });
      }
      const unscoped = matching.find((g) => !g.rowScope);
      const chosen = unscoped ?? matching[0];
      return {
        allowed: true,
        mask: chosen.masks[item] ?? defaultMask,
        grantIds: matching.map((g) => g.id),
        scopes: unscoped ? undefined : matching.map((g) => g.rowScope!),
      };
    }
  }
}

/** Whether a row lies inside any of the grant scopes (a row without the field is outside). */
export function inScope(row: unknown, scopes: RowScope[]): boolean {
  if (!row || typeof row !== 'object') return false;
  return scopes.some((s) => s.values.includes(String((row as Record<string, unknown>)[s.field])));
}
