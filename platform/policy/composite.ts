/**
 * Serving a composite value (a JSON object whose keys hold values of different items): each inner
 * value gets its own item's decision and mask, as if it had been selected as that item; a key
 * whose item is refused, or that no item declares, is left out. The field's own policy still
 * decides whether the composite is served at all.
 */
import type { Decision } from './decide';

export function serveComposite(
  value: unknown,
  composite: Record<string, string>,
  decide: (item: string) => Decision | undefined,
  mask: (value: unknown, spec: string) => unknown,
): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const served: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const item = composite[key];
    const d = item ? decide(item) : undefined;
    if (!d || !d.allowed) continue;
    if (d.mask === 'FULL' || inner == null) served[key] = inner;
    else if (typeof inner !== 'object') served[key] = mask(inner, d.mask);
    // A nested value cannot be masked as text: it is left out unless its item is served in full.
  }
  return served;
}
