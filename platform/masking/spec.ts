/**
 * Masking specs (脱敏, Art. 24 (9)): a masking algorithm written as a short string, so that it fits
 * a GraphQL directive argument (`@sharing(mask: "KEEP(3,4)")`), a grant's database column and the
 * catalogue alike. This file only parses and prints specs; apply.ts applies them.
 *
 *   FULL              no masking
 *   KEEP(n,m)         keep the first n and last m characters; the rest becomes one run of '***'
 *                     whatever its length (free text: an amount's digits, a name's length hidden)
 *   RANGE(x,y)        mask characters x..y (1-based, inclusive), keep the rest
 *   SURNAME           keep the surname (one character, two for a compound surname such as 欧阳),
 *                     then always '**': 张**, 欧阳** (the given name's length is not told)
 *   ID_NUMBER         the six-digit region only, 12 stars: 430408************ (≥ 10^6 candidates
 *                     even beside the holder's gender, household division and age band)
 *   PHONE             format-aware, ≥ 4 digits hidden: mobile 138****5678, landline 0734-*****18
 *   LICENSE_NUMBER    a licence number: every digit hidden, the format kept (J******-****-******);
 *                     an ID number or a USCC inside is masked as ID_NUMBER / REGISTER_NUMBER
 *   REGISTER_NUMBER   a register number (USCC, 户号…): the last ten characters hidden at least
 *                     (91430408MA*********-style), never fewer than seven
 *   EMAIL             first character of the local part and the whole domain: z***@example.com
 *   ADDRESS_DISTRICT  cut the address after the county-level unit: 湖南省衡阳市蒸湘区
 *   HASH              keyed HMAC-SHA256 pseudonym, stable for a given key
 *   YEAR              date -> YYYY
 *   AGE_BAND          birth date -> ten-year age band '30-39', top-coded at '90+'
 *
 * Names are case-insensitive and spaces are allowed around the numbers; `formatMaskSpec` prints
 * the canonical form, so equal masks compare equal as text.
 */
import { badUserInput } from '../errors';

export type MaskSpec =
  | { kind: 'FULL' }
  | { kind: 'KEEP'; first: number; last: number }
  | { kind: 'RANGE'; from: number; to: number }
  | { kind: 'SURNAME' }
  | { kind: 'ID_NUMBER' }
  | { kind: 'PHONE' }
  | { kind: 'LICENSE_NUMBER' }
  | { kind: 'REGISTER_NUMBER' }
  | { kind: 'EMAIL' }
  | { kind: 'ADDRESS_DISTRICT' }
  | { kind: 'HASH' }
  | { kind: 'YEAR' }
  | { kind: 'AGE_BAND' };

export type MaskKind = MaskSpec['kind'];

/** Masks without arguments. */
const SIMPLE_KINDS = [
  'FULL',
  'SURNAME',
  'ID_NUMBER',
  'PHONE',
  'LICENSE_NUMBER',
  'REGISTER_NUMBER',
  'EMAIL',
  'ADDRESS_DISTRICT',
  'HASH',
  'YEAR',
  'AGE_BAND',
] as const;
/** Every mask name, for documentation and enums. */
export const MASK_KINDS: readonly MaskKind[] = [...SIMPLE_KINDS, 'KEEP', 'RANGE'];

/** Upper bound on the numbers of KEEP and RANGE: no masked field is longer; catches typos like KEEP(34,0). */
const MAX_POSITION = 1000;

function invalid(spec: string, why: string, argumentName?: string): never {
  throw badUserInput(`Invalid mask spec "${spec}": ${why}`, argumentName ? { argument: argumentName } : {});
}

function parseNumber(spec: string, text: string, what: string, min: number, argumentName?: string): number {
  if (!/^\d+$/.test(text)) invalid(spec, `${what} must be a whole number, got "${text}"`, argumentName);
  const n = Number(text);
  if (n < min || n > MAX_POSITION) invalid(spec, `${what} must be between ${min} and ${MAX_POSITION}, got ${n}`, argumentName);
  return n;
}

/**
 * Parses a spec string. Throws BAD_USER_INPUT with a message saying what is wrong (a spec can come
 * from an administrator's grant form); `argumentName`, when given, is put in the error's extensions.
 */
export function parseMaskSpec(spec: string, argumentName?: string): MaskSpec {
  if (typeof spec !== 'string') invalid(String(spec), 'a mask spec must be a string', argumentName);
  const text = spec.trim();
  const m = /^([A-Za-z_]+)\s*(?:\(([^()]*)\))?$/.exec(text);
  if (!m) invalid(spec, `expected NAME or NAME(n,m), one of ${MASK_KINDS.join(', ')}`, argumentName);
  const name = m[1].toUpperCase();
  const args = m[2] === undefined ? undefined : m[2].split(',').map((a) => a.trim());

  if ((SIMPLE_KINDS as readonly string[]).includes(name)) {
    if (args !== undefined) invalid(spec, `${name} takes no arguments`, argumentName);
    return { kind: name as (typeof SIMPLE_KINDS)[number] };
  }
  if (name === 'KEEP' || name === 'RANGE') {
    if (args === undefined || args.length !== 2) invalid(spec, `${name} takes two numbers, as in ${name}(3,4)`, argumentName);
    if (name === 'KEEP') {
      const first = parseNumber(spec, args[0], 'the number of leading characters kept', 0, argumentName);
      const last = parseNumber(spec, args[1], 'the number of trailing characters kept', 0, argumentName);
      return { kind: 'KEEP', first, last };
    }
    const from = parseNumber(spec, args[0], 'the first masked position', 1, argumentName);
    const to = parseNumber(spec, args[1], 'the last masked position', 1, argumentName);
    if (to < from) invalid(spec, `the last masked position (${to}) is before the first (${from})`, argumentName);
    return { kind: 'RANGE', from, to };
  }
  return invalid(spec, `unknown mask "${m[1]}"; expected one of ${MASK_KINDS.join(', ')}`, argumentName);
}

/** The canonical text of a spec: `KEEP(3,4)`, `SURNAME`. parseMaskSpec(formatMaskSpec(s)) equals s. */
export function formatMaskSpec(spec: MaskSpec): string {
  switch (spec.kind) {
    case 'KEEP':
      return `KEEP(${spec.first},${spec.last})`;
    case 'RANGE':
      return `RANGE(${spec.from},${spec.to})`;
    default:
      return spec.kind;
  }
}

/** True if `s` parses; for validators that collect problems instead of throwing. */
export function isValidMaskSpec(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  try {
    parseMaskSpec(s);
    return true;
  } catch {
    return false;
  }
}
