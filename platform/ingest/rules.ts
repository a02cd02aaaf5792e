/**
 * Field rules shared by the ingest CLI and the providers' update mutations (issue 11): one place
 * says what a valid value is, so that a file and an API call are held to the same rules. Each rule
 * takes the raw text (or null) and returns the value to store, or throws a RuleError whose message
 * is the reason shown to the provider (row, column, reason).
 */
import { parseIdNumber } from '../ids/id-number';
import { parseUscc } from '../ids/uscc';
import { isIsoDay, chinaDay } from '../time';
import { divisionByCode } from '../../reference/divisions';

export class RuleError extends Error {}

/** One invalid value: the GraphQL field (the file's column) and why. */
export interface FieldProblem {
  field: string;
  reason: string;
}

export type Rule<T = unknown> = (raw: string | null) => T;

/** C0 controls and DEL (a line break inside a name or an address is a broken record, not data). */
function hasControl(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

export const required =
  <T>(rule: Rule<T>): Rule<T> =>
  (raw) => {
    if (raw == null || raw.trim() === '') throw new RuleError('is required');
    return rule(raw);
  };

export const optional =
  <T>(rule: Rule<T>): Rule<T | null> =>
  (raw) =>
    raw == null || raw.trim() === '' ? null : rule(raw);

export const text =
  (max: number): Rule<string> =>
  (raw) => {
    const v = (raw ?? '').trim();
    if (!v) throw new RuleError('is empty');
    if (v.length > max) throw new RuleError(`is longer than ${max} characters`);
    if (hasControl(v)) throw new RuleError('contains control characters');
    return v;
  };

export const oneOf =
  (values: readonly string[]): Rule<string> =>
  (raw) => {
    const v = (raw ?? '').trim();
    if (!values.includes(v)) throw new RuleError(`must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
    return v;
  };

export const idNumber: Rule<string> = (raw) => {
  const p = parseIdNumber((raw ?? '').trim().toUpperCase());
  if (!p.ok) throw new RuleError(p.reason);
  return p.idNumber;
};

export const uscc: Rule<string> = (raw) => {
  const p = parseUscc((raw ?? '').trim().toUpperCase());
  if (!p.ok) throw new RuleError(p.reason);
  return p.uscc;
};

/** A calendar day YYYY-MM-DD, not after today (China time). */
export const pastDay: Rule<string> = (raw) => {
  const v = (raw ?? '').trim();
  if (!isIsoDay(v)) throw new RuleError(`must be a calendar date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  if (v > chinaDay()) throw new RuleError(`${v} is in the future`);
  return v;
};

/** A county-level unit of Hengyang (GB/T 2260, reference/divisions.ts): the city's own code is no household's. */
export const countyDivision: Rule<string> = (raw) => {
  const v = (raw ?? '').trim();
  if (!/^\d{6}$/.test(v)) throw new RuleError(`must be a six-digit GB/T 2260 division code, got ${JSON.stringify(v)}`);
  try {
    if (divisionByCode(v).level === 'CITY') throw new RuleError(`${v} is the city; a county-level unit is required`);
  } catch (e) {
    if (e instanceof RuleError) throw e;
    throw new RuleError(`${v} is not a county-level division code of Hengyang`);
  }
  return v;
};

/** 户号: 15 digits, the first six a Hengyang division code (the city's or a county's). */
export const householdNumber: Rule<string> = (raw) => {
  const v = (raw ?? '').trim();
  if (!/^\d{15}$/.test(v)) throw new RuleError(`must be 15 digits, got ${JSON.stringify(v)}`);
  try {
    divisionByCode(v.slice(0, 6));
  } catch {
    throw new RuleError(`does not start with a Hengyang division code (${v.slice(0, 6)})`);
  }
  return v;
};

/** Mobile 1[3-9]xxxxxxxxx or landline 0xxx-xxxxxxx(x). */
export const phone: Rule<string> = (raw) => {
  const v = (raw ?? '').trim().replace(/\s+/g, '');
  if (!/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(v)) throw new RuleError(`is not a mobile (11 digits) or landline (0xxx-xxxxxxx) number`);
  return v;
};

export type Rules = Record<string, Rule>;

/** Applies `rules` to the fields present in `raw`; returns the values and every problem found. */
export function applyRules(rules: Rules, raw: Record<string, string | null | undefined>): { values: Record<string, unknown>; problems: FieldProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [field, rule] of Object.entries(rules)) {
    if (!(field in raw)) continue;
    try {
      values[field] = rule(raw[field] ?? null);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      problems.push({ field, reason: e.message });
    }
  }
  return { values, problems };
}

/** A division code of Hengyang, the city's own or a county-level unit's (a registering authority may be the city's). */
export const hengyangDivision: Rule<string> = (raw) => {
  const v = (raw ?? '').trim();
  if (!/^\d{6}$/.test(v)) throw new RuleError(`must be a six-digit GB/T 2260 division code, got ${JSON.stringify(v)}`);
  try {
    divisionByCode(v);
  } catch {
    throw new RuleError(`${v} is not a division code of Hengyang`);
  }
  return v;
};

/** A finite decimal number, at least `min`. */
export const decimal =
  (min = 0): Rule<number> =>
  (raw) => {
    const v = (raw ?? '').trim();
    const n = Number(v);
    if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v) || !Number.isFinite(n)) throw new RuleError(`must be a number, got ${JSON.stringify(v)}`);
    if (n < min) throw new RuleError(`must be at least ${min}, got ${v}`);
    return n;
  };

/** A whole number, at least `min`. */
export const integer =
  (min = 0): Rule<number> =>
  (raw) => {
    const v = (raw ?? '').trim();
    if (!/^-?\d{1,15}$/.test(v)) throw new RuleError(`must be a whole number, got ${JSON.stringify(v)}`);
    const n = Number(v);
    if (n < min) throw new RuleError(`must be at least ${min}, got ${v}`);
    return n;
  };

/** `true` or `false`. */
export const bool: Rule<boolean> = (raw) => {
  const v = (raw ?? '').trim().toLowerCase();
  if (v !== 'true' && v !== 'false') throw new RuleError(`must be true or false, got ${JSON.stringify(raw)}`);
  return v === 'true';
};

/** A calendar day YYYY-MM-DD (past or future: a validity end). */
export const day: Rule<string> = (raw) => {
  const v = (raw ?? '').trim();
  if (!isIsoDay(v)) throw new RuleError(`must be a calendar date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  return v;
};

/** `field` must not be before `from` when both are set (a validity or publicity period). */
export function notBefore(values: Record<string, unknown>, field: string, from: string): FieldProblem[] {
  const a = values[from];
  const b = values[field];
  return typeof a === 'string' && typeof b === 'string' && b < a ? [{ field, reason: `${b} is before ${from} ${a}` }] : [];
}
