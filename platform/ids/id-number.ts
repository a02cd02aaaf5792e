/**
 * Citizen ID numbers (公民身份号码, GB 11643-1999): the one place the platform validates them.
 *
 * Layout of the 18 characters:
 *   1-6   division code (GB/T 2260) of the household registration when the number was issued
 *   7-14  birth date YYYYMMDD
 *   15-17 sequence code; the 17th digit is odd for men, even for women
 *   18    check character, ISO 7064 MOD 11-2 over the first 17 digits ('0'-'9' or 'X')
 *
 * Lookups by ID number must answer a malformed number with a clear BAD_USER_INPUT (docs/DECISIONS.md
 * "Keys and identifiers"), so `parseIdNumber` returns a reason sentence instead of a bare boolean.
 */
import { chinaDay } from '../time';
import { badUserInput } from '../errors';

export type Gender = 'MALE' | 'FEMALE';

export type IdNumberParse = { ok: true; idNumber: string; divisionCode: string; birthDate: string; gender: Gender } | { ok: false; reason: string };

/** Weights 2^(17-i) mod 11 for positions 1..17 (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character for (weighted sum mod 11) = 0..10. */
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/**
 * Province-level codes of GB/T 2260 (first two digits). Stricter than "11..82": 16, 24, 38 and the
 * like are not provinces, so a number starting with them is a typo, not a citizen.
 */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Check character for the first 17 digits. Throws a RangeError if they are not 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`idNumberCheckChar needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** True if YYYY-MM-DD names a real day of the proleptic Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC avoids DST surprises.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date in China: a baby born this morning in Hengyang is valid. */
const chinaToday = (now: Date) => chinaDay(now);

/**
 * Parses and validates an ID number. Surrounding whitespace is ignored and a lowercase 'x' check
 * character is accepted and normalised to 'X' (people type it both ways).
 * `now` is only for tests: a birth date after today (in China) is rejected.
 */
export function parseIdNumber(value: string, now: Date = new Date()): IdNumberParse {
  if (typeof value !== 'string') return { ok: false, reason: 'ID number must be a string' };
  const v = value.trim().toUpperCase();
  if (v.length === 15 && /^\d{15}$/.test(v)) {
    return { ok: false, reason: 'ID number has 15 digits (first-generation format); give the 18-character number' };
  }
  if (v.length !== 18) return { ok: false, reason: `ID number must be 18 characters long, got ${v.length}` };
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, reason: 'ID number must be 17 digits followed by a digit or X' };

  const divisionCode = v.slice(0, 6);
  if (!PROVINCE_CODES.has(v.slice(0, 2))) {
    return { ok: false, reason: `ID number division code ${divisionCode} does not start with a valid province code` };
  }

  const year = Number(v.slice(6, 10));
  const month = Number(v.slice(10, 12));
  const day = Number(v.slice(12, 14));
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (!isCalendarDate(year, month, day)) {
    return { ok: false, reason: `ID number birth date ${v.slice(6, 14)} is not a real calendar date` };
  }
  if (year < 1900) return { ok: false, reason: `ID number birth date ${birthDate} is before 1900` };
  if (birthDate > chinaToday(now)) return { ok: false, reason: `ID number birth date ${birthDate} is in the future` };

  const expected = idNumberCheckChar(v.slice(0, 17));
  if (v[17] !== expected) return { ok: false, reason: `ID number check digit is ${v[17]}, expected ${expected}` };

  const gender: Gender = (v.charCodeAt(16) - 48) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { ok: true, idNumber: v, divisionCode, birthDate, gender };
}

/** Returns the normalised ID number, or throws BAD_USER_INPUT naming the argument and the reason. */
export function assertIdNumber(value: string, argumentName = 'idNumber'): string {
  const parsed = parseIdNumber(value);
  if (!parsed.ok) {
    throw badUserInput(`Invalid ID number for argument "${argumentName}": ${parsed.reason}`, { argument: argumentName });
  }
  return parsed.idNumber;
}

/**
 * Builds a valid ID number (for seeds and tests). The parity of `sequence` is adjusted to the
 * gender by flipping its lowest bit (so 0<->1, 998<->999): the result stays in 0..999, and two
 * sequences that differ in more than that bit still give different numbers.
 * Throws a RangeError on bad input: this is a programming error, not user input.
 */
export function makeIdNumber(divisionCode6: string, birthDate: string, sequence3: number, gender: Gender): string {
  if (!/^\d{6}$/.test(divisionCode6)) throw new RangeError(`division code must be 6 digits, got "${divisionCode6}"`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`birth date must be a real YYYY-MM-DD date, got "${birthDate}"`);
  }
  if (!Number.isInteger(sequence3) || sequence3 < 0 || sequence3 > 999) {
    throw new RangeError(`sequence must be an integer 0..999, got ${sequence3}`);
  }
  const wantOdd = gender === 'MALE';
  const seq = (sequence3 % 2 === 1) === wantOdd ? sequence3 : sequence3 ^ 1;
  const first17 = `${divisionCode6}${m[1]}${m[2]}${m[3]}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
