/**
 * Applies a masking spec (spec.ts) to one returned value. Pure: no I/O, no global state but a
 * small cache of parsed spec strings.
 *
 * Rules every mask follows:
 * - null and undefined stay null: masking never invents a value.
 * - Text is handled as Unicode code points (Array.from), never UTF-16 units, so 𠀋, emoji and
 *   other astral characters are masked whole: one '*' per code point.
 * - Strings are masked as they are; numbers, bigints and booleans are stringified first; a Date
 *   becomes YYYY-MM-DD read in the process's local time zone (as node-postgres builds Dates from
 *   `date` columns). Any other value (object, array, invalid Date) is a programming error and
 *   throws a TypeError rather than risk leaking its contents.
 * - The result is always a string (or null), even under FULL.
 * - Character masks (KEEP, RANGE, SURNAME, ID_NUMBER, PHONE, LICENSE_NUMBER, REGISTER_NUMBER,
 *   EMAIL) never return a non-empty value fully unmasked: when the value is too short for the
 *   mask, fewer characters are kept so that at least one is masked (see keepEnds and maskRange).
 * - Free-text masks (KEEP, SURNAME, EMAIL) do not keep the length of what they hide: the hidden
 *   run is always FIXED_RUN ('***'; '**' after a surname), so an amount's digits or a given name's
 *   length are not told. Number masks are format-aware (formats.ts, with candidate counts). The generalising masks (YEAR,
 *   AGE_BAND, ADDRESS_DISTRICT, HASH) replace the value instead; an address that is already no
 *   more precise than a county comes back as it is.
 * - A value that YEAR or AGE_BAND cannot read as a date is masked completely (FIXED_RUN).
 */
import { createHmac } from 'node:crypto';
import { maskAddressToDistrict } from './address';
import { FIXED_RUN, MASK_CHAR, maskIdNumber, maskLicenseNumber, maskPhone, maskRegisterNumber } from './formats';
import { MaskSpec, parseMaskSpec } from './spec';

export interface MaskOptions {
  /** Key of the HASH mask. Required so that a missing key is noticed at the call site. */
  hashKey: Buffer | string;
  /** Reference date of AGE_BAND (default: now). */
  today?: Date;
}

/**
 * Two-character surnames (复姓). A name of three or more characters starting with one of them keeps
 * both characters under SURNAME. A two-character name never does: 欧阳 alone is 欧 + given name 阳.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '端木',
  '澹台',
  '轩辕',
  '呼延',
  '独孤',
  '南宫',
  '西门',
  '东郭',
  '万俟',
  '闻人',
  '赫连',
  '申屠',
  '太史',
  '钟离',
  '拓跋',
  '百里',
  '公冶',
  '濮阳',
  '淳于',
  '单于',
  '宗政',
  '仲孙',
  '司空',
  '亓官',
  '司寇',
  '子车',
  '颛孙',
  '鲜于',
  '闾丘',
  '左丘',
  '第五',
  '梁丘',
  '羊舌',
  '微生',
  '公羊',
  '公良',
  '乐正',
  '漆雕',
  '壤驷',
  '谷梁',
  '巫马',
]);

/**
 * Keeps the first `first` and last `last` code points and replaces the rest with one FIXED_RUN,
 * whatever its length. When that would keep everything, the leading part is honoured first (up to
 * length − 1) and the trailing part gets what is left: 张三 under KEEP(1,1) is 张***, 12345 under
 * KEEP(3,4) is 123***5.
 */
export function keepEnds(chars: string[], first: number, last: number, run = FIXED_RUN): string {
  const n = chars.length;
  if (n === 0) return '';
  const keepFirst = Math.min(first, n - 1);
  const keepLast = Math.min(last, n - 1 - keepFirst);
  return chars.slice(0, keepFirst).join('') + run + chars.slice(n - keepLast).join('');
}

/** Masks positions from..to (1-based, inclusive, clipped to the value). A range wholly beyond the
 *  value would mask nothing, so the last character is masked instead. */
export function maskRange(chars: string[], from: number, to: number): string {
  const n = chars.length;
  if (n === 0) return '';
  if (from > n) return chars.slice(0, n - 1).join('') + MASK_CHAR;
  return chars.map((c, i) => (i + 1 >= from && i + 1 <= to ? MASK_CHAR : c)).join('');
}

/** What follows a kept surname: always two stars, so that 张三 and 张三丰 look alike. */
const GIVEN_NAME_RUN = '**';

/** SURNAME: 张三 -> 张**, 张三丰 -> 张**, 欧阳修 -> 欧阳**, a single character -> '**'. */
export function maskSurname(chars: string[]): string {
  if (chars.length === 0) return '';
  const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
  return keepEnds(chars, keep, 0, GIVEN_NAME_RUN);
}

/** EMAIL: first character of the local part and the whole domain (z***@example.com); without '@', KEEP(1,0). */
export function maskEmail(text: string): string {
  const at = text.lastIndexOf('@');
  if (at <= 0) return keepEnds(Array.from(text), 1, 0);
  return keepEnds(Array.from(text.slice(0, at)), 1, 0) + text.slice(at);
}

/** The pseudonym of HASH: HMAC-SHA256 of the UTF-8 text, first 128 bits, base64url (22 characters).
 *  Stable for a given key; without the key it cannot be reversed or recomputed from a guess. */
export function keyedHash(key: Buffer | string, text: string): string {
  if (key.length === 0) throw new Error('the HASH mask needs a non-empty key');
  return createHmac('sha256', key).update(text, 'utf8').digest().subarray(0, 16).toString('base64url');
}

interface YMD {
  year: number;
  month: number;
  day: number;
}

/** Reads YYYY-MM-DD (or YYYYMMDD, or an ISO timestamp: the date as written) from text or a Date. */
function readDate(value: unknown, text: string): YMD | null {
  if (value instanceof Date) return { year: value.getFullYear(), month: value.getMonth() + 1, day: value.getDate() };
  const m = /^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s])/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { year, month, day };
}

/** Whole years between a birth date and `today` (local calendar date). */
function ageOn(birth: YMD, today: Date): number {
  const [y, m, d] = [today.getFullYear(), today.getMonth() + 1, today.getDate()];
  return y - birth.year - (m < birth.month || (m === birth.month && d < birth.day) ? 1 : 0);
}

/** Ten-year band of an age, top-coded at 90 so that the oldest few are not singled out. */
function ageBand(age: number): string {
  if (age >= 90) return '90+';
  const low = Math.floor(age / 10) * 10;
  return `${low}-${low + 9}`;
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('cannot mask an invalid Date');
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  throw new TypeError(`cannot mask a value of type ${Array.isArray(value) ? 'array' : typeof value}`);
}

/** An unreadable date is hidden wholly, in a run that does not tell its length. */
const fullyMasked = (_text: string) => FIXED_RUN;

/** Parsed spec strings: a handful of distinct specs are applied to many values. */
const specCache = new Map<string, MaskSpec>();
const SPEC_CACHE_LIMIT = 256;

function resolveSpec(spec: MaskSpec | string): MaskSpec {
  if (typeof spec !== 'string') return spec;
  let parsed = specCache.get(spec);
  if (!parsed) {
    parsed = parseMaskSpec(spec);
    if (specCache.size >= SPEC_CACHE_LIMIT) specCache.clear();
    specCache.set(spec, parsed);
  }
  return parsed;
}

/**
 * Masks one value. `spec` is a MaskSpec or its text (a malformed text throws BAD_USER_INPUT).
 * Returns null for null/undefined, otherwise the masked text.
 */
export function applyMask(value: unknown, spec: MaskSpec | string, options: MaskOptions): string | null {
  const s = resolveSpec(spec);
  if (value === null || value === undefined) return null;
  const text = toText(value);
  switch (s.kind) {
    case 'FULL':
      return text;
    case 'KEEP':
      return keepEnds(Array.from(text), s.first, s.last);
    case 'RANGE':
      return maskRange(Array.from(text), s.from, s.to);
    case 'SURNAME':
      return maskSurname(Array.from(text));
    case 'ID_NUMBER':
      return maskIdNumber(text);
    case 'PHONE':
      return maskPhone(text);
    case 'LICENSE_NUMBER':
      return maskLicenseNumber(text);
    case 'REGISTER_NUMBER':
      return maskRegisterNumber(text);
    case 'EMAIL':
      return maskEmail(text);
    case 'ADDRESS_DISTRICT':
      return maskAddressToDistrict(text);
    case 'HASH':
      return keyedHash(options.hashKey, text);
    case 'YEAR': {
      const date = readDate(value, text);
      return date ? String(date.year).padStart(4, '0') : fullyMasked(text);
    }
    case 'AGE_BAND': {
      const date = readDate(value, text);
      const age = date ? ageOn(date, options.today ?? new Date()) : -1;
      return age >= 0 ? ageBand(age) : fullyMasked(text);
    }
  }
}
