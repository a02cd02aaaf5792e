/**
 * Seeded randomness for the synthetic city. Every generated record is a pure function of
 * (namespace, index): person #i has the same ID number in every subgraph's seed, in any order,
 * on any machine, without reading another database. Math.random is never used.
 *
 * The generator is mulberry32 (32-bit state, good enough statistics for demo data, fast); each
 * (namespace, index) pair is hashed to its own seed, so streams are independent and a record
 * never depends on how many numbers an earlier record drew.
 */

/** Fixed seed of the whole synthetic city. Changing it gives a different, equally valid city. */
export const CITY_SEED = 0x48595f31; // "HY_1"

/** 32-bit integer finaliser (murmur3 fmix32): spreads every input bit over every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 units of a string: a namespace's 32-bit tag. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Namespaces are a handful of constants; hashing each once keeps hash32 cheap (seeds call it millions of times). */
const namespaceTags = new Map<string, number>();

function namespaceTag(namespace: string): number {
  let tag = namespaceTags.get(namespace);
  if (tag === undefined) {
    tag = fmix32(hashString(namespace) ^ CITY_SEED);
    if (namespaceTags.size < 1024) namespaceTags.set(namespace, tag);
  }
  return tag;
}

/**
 * A 32-bit hash of (namespace, index), unsigned. The index may be any safe integer: its high and
 * low 32-bit halves are mixed separately.
 */
export function hash32(namespace: string, index: number): number {
  if (!Number.isSafeInteger(index)) throw new RangeError(`index must be a safe integer, got ${index}`);
  const lo = index >>> 0;
  const hi = Math.floor(index / 2 ** 32) >>> 0;
  let h = namespaceTag(namespace);
  h = fmix32(h ^ lo);
  h = fmix32((h + 0x9e3779b9) ^ hi);
  return h;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Element chosen with probability proportional to its weight (weights need not sum to 1). */
  weightedPick<T>(items: readonly (readonly [T, number])[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** mulberry32 over a 32-bit seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty array');
      return items[Math.floor(next() * items.length)];
    },
    weightedPick: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      if (!(total > 0)) throw new RangeError('weightedPick needs a positive total weight');
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1][0]; // rounding left r at ~0
    },
    chance: (p) => next() < p,
  };
}

/** An independent deterministic stream for (namespace, index), e.g. rngFor('person', 42). */
export function rngFor(namespace: string, index: number): Rng {
  return mulberry32(hash32(namespace, index));
}
