/**
 * A finding's values as the reader may see them: each value is served under the reader's own
 * policy decision for its item (platform/policy/decide.ts: the provider in full, a grant's mask for
 * the item and the x-purpose stated, the item's default mask when unconditional, refused otherwise)
 * and masked by the same code the subgraphs use — so a finding never tells a reader more than a
 * query of the base database would. Each value served, masked or refused is audited against the
 * finding's subject, like a read of the item itself.
 */
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import type { FieldPolicy } from '../../../platform/policy/metadata';
import { applyMask } from '../../../platform/masking';
import { hmacKey } from '../../../platform/config';
import { AgencyRole } from '../../../platform/identity/identity';
import { currentCatalogue } from '../catalogue/catalogue';

export interface Disclosed {
  value: string | null;
  disclosure: string;
}

/**
 * The caller's decision for `item` as a base database would take it (its grants, its x-purpose,
 * the operator's post for items that are not open); undefined for an item the catalogue does not hold.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any subgraph's loaders
export function readingDecision(ctx: SubgraphContext<any>, item: string): { allowed: boolean; mask: string } | undefined {
  const meta = currentCatalogue().items.get(item);
  if (!meta) return undefined;
  const policy: FieldPolicy = { type: meta.sharingType, open: meta.openType, level: meta.level, mask: meta.mask, provider: meta.provider };
  const identity = ctx.policy.identity;
  // As in the base databases: reading an item that is not open is the operator's post (Art. 8).
  const post = identity.kind === 'agency' && (meta.openType === 'OPEN' || identity.agency === meta.provider || identity.roles.includes(AgencyRole.OPERATOR));
  const d = post ? ctx.policy.decision(item, policy) : undefined;
  return d && d.allowed ? { allowed: true, mask: d.mask } : { allowed: false, mask: 'FULL' };
}

/** `value` of `item` about `subject`, as `ctx`'s caller may see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any subgraph's loaders
export function disclose(ctx: SubgraphContext<any>, item: string, value: string | null, subject: string): Disclosed {
  const typeName = item.split('.')[0];
  const d = readingDecision(ctx, item);
  if (!d || !d.allowed) {
    ctx.policy.audit.record(typeName, item, 'refused', subject);
    return { value: null, disclosure: 'REFUSED' };
  }
  if (d.mask === 'FULL' || value == null) {
    ctx.policy.audit.record(typeName, item, 'served', subject);
    return { value, disclosure: 'FULL' };
  }
  ctx.policy.audit.record(typeName, item, 'masked', subject);
  return { value: applyMask(value, d.mask, { hashKey: hmacKey() }), disclosure: d.mask };
}
