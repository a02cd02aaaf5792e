/**
 * "Stricter" per policy attribute (issue 10, the catalogue register): the order in which a release's
 * code may tighten the register and the bureau may tighten an item without a review.
 *
 *   sharing  NONE > CONDITIONAL > UNCONDITIONAL
 *   open     CLOSED > CONDITIONAL > OPEN
 *   level    L4 > L3 > L2 > L1
 *   mask     by how much of the value it leaves readable (platform/masking/spec.ts):
 *            FULL (all) < KEEP/RANGE (a part; KEEP keeping no more at either end, RANGE hiding a
 *            superset, is stricter) < a format mask (SURNAME, PHONE, ID_NUMBER, …: a fixed shape
 *            of the value) < HASH (nothing readable). Two different masks of the same rank
 *            (PHONE and EMAIL, KEEP and RANGE) are NOT comparable: neither is stricter, so a
 *            change between them is not a tightening (the bureau needs a review; a release's code
 *            wins, being a new declaration).
 * Pure.
 */
import { parseMaskSpec, type MaskSpec } from '../masking/spec';
// Types only: platform/governance (loaded by the router and scripts) imports this file, and
// metadata.ts would bring type-graphql with it.
import type { FieldPolicy, OpenType, SensitivityLevel, SharingType } from './metadata';

/** Loosest first, as in metadata.ts. */
const SHARING_TYPES: readonly SharingType[] = ['UNCONDITIONAL', 'CONDITIONAL', 'NONE'];
const OPEN_TYPES: readonly OpenType[] = ['OPEN', 'CONDITIONAL', 'CLOSED'];
const SENSITIVITY_LEVELS: readonly SensitivityLevel[] = ['L1', 'L2', 'L3', 'L4'];

/** How `next` compares with `current`. */
export type Comparison = 'STRICTER' | 'LOOSER' | 'EQUAL' | 'INCOMPARABLE';

const byRank = (next: number, current: number): Comparison => (next === current ? 'EQUAL' : next > current ? 'STRICTER' : 'LOOSER');

/** SHARING_TYPES is listed loosest first (UNCONDITIONAL, CONDITIONAL, NONE). */
export const compareSharing = (next: SharingType, current: SharingType): Comparison => byRank(SHARING_TYPES.indexOf(next), SHARING_TYPES.indexOf(current));
/** OPEN_TYPES is listed loosest first (OPEN, CONDITIONAL, CLOSED). */
export const compareOpen = (next: OpenType, current: OpenType): Comparison => byRank(OPEN_TYPES.indexOf(next), OPEN_TYPES.indexOf(current));
export const compareLevel = (next: SensitivityLevel, current: SensitivityLevel): Comparison =>
  byRank(SENSITIVITY_LEVELS.indexOf(next), SENSITIVITY_LEVELS.indexOf(current));

function maskRank(m: MaskSpec): number {
  if (m.kind === 'FULL') return 0;
  if (m.kind === 'KEEP' || m.kind === 'RANGE') return 1;
  if (m.kind === 'HASH') return 3;
  return 2;
}

export function compareMask(next: string | undefined, current: string | undefined): Comparison {
  const a = parseMaskSpec(next ?? 'FULL');
  const b = parseMaskSpec(current ?? 'FULL');
  const ra = maskRank(a);
  const rb = maskRank(b);
  if (ra !== rb) return byRank(ra, rb);
  if (a.kind !== b.kind) return 'INCOMPARABLE';
  if (a.kind === 'KEEP' && b.kind === 'KEEP') {
    if (a.first === b.first && a.last === b.last) return 'EQUAL';
    if (a.first <= b.first && a.last <= b.last) return 'STRICTER';
    if (a.first >= b.first && a.last >= b.last) return 'LOOSER';
    return 'INCOMPARABLE';
  }
  if (a.kind === 'RANGE' && b.kind === 'RANGE') {
    if (a.from === b.from && a.to === b.to) return 'EQUAL';
    if (a.from <= b.from && a.to >= b.to) return 'STRICTER';
    if (a.from >= b.from && a.to <= b.to) return 'LOOSER';
    return 'INCOMPARABLE';
  }
  return 'EQUAL'; // same format mask
}

/** The classification attributes the register versions and the shield decides by. */
export interface Classification {
  type: SharingType;
  open: OpenType;
  level: SensitivityLevel;
  mask: string;
  basis: string | null;
}

export type Attribute = 'type' | 'open' | 'level' | 'mask';
export const ATTRIBUTES: readonly Attribute[] = ['type', 'open', 'level', 'mask'];

export function compareAttribute(attribute: Attribute, next: Classification, current: Classification): Comparison {
  switch (attribute) {
    case 'type':
      return compareSharing(next.type, current.type);
    case 'open':
      return compareOpen(next.open, current.open);
    case 'level':
      return compareLevel(next.level, current.level);
    case 'mask':
      return compareMask(next.mask, current.mask);
  }
}

export function classificationOf(p: FieldPolicy): Classification {
  return { type: p.type, open: p.open, level: p.level, mask: p.mask ?? 'FULL', basis: p.basis ?? null };
}

/**
 * Per attribute, the stricter of two classifications; where the masks are not comparable, `floor`'s
 * (the code's) is kept. The basis goes with the sharing type it explains (`a`'s when they are equal).
 */
export function stricterOf(a: Classification, floor: Classification): Classification {
  const pick = <K extends Attribute>(k: K) => (compareAttribute(k, a, floor) === 'STRICTER' ? a[k] : floor[k]);
  const type = pick('type');
  return {
    type,
    open: pick('open'),
    level: pick('level'),
    mask: pick('mask'),
    basis: compareSharing(floor.type, a.type) === 'STRICTER' ? floor.basis : (a.basis ?? floor.basis),
  };
}

/** The attributes in which `next` is looser than `current` or not comparable with it. */
export function loosenedAttributes(next: Classification, current: Classification): Attribute[] {
  return ATTRIBUTES.filter((k) => ['LOOSER', 'INCOMPARABLE'].includes(compareAttribute(k, next, current)));
}

/** The attributes in which `next` differs from `current`. */
export function changedAttributes(next: Classification, current: Classification): Attribute[] {
  return ATTRIBUTES.filter((k) => compareAttribute(k, next, current) !== 'EQUAL');
}
