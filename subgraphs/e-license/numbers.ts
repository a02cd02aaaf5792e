/**
 * Licence numbers: how each type writes them, and the validation of a number a client sends.
 * A malformed number is a BAD_USER_INPUT naming the argument (with the check-digit reason for ID
 * numbers and USCCs), never a silent "not found".
 *
 * Several licences may share a number: a 机动车驾驶证's number is its holder's ID number, and both
 * spouses' 结婚证 carry the same 字号. A lookup therefore narrows by type (and holder) when needed.
 */
import { badUserInput } from '../../platform/errors';
import { parseIdNumber } from '../../platform/ids/id-number';
import { parseUscc } from '../../platform/ids/uscc';
import { LICENSE_TYPES, LicenseTypeCode, LicenseTypeInfo } from './catalogue';

const ID_NUMBER_TYPES: LicenseTypeCode[] = ['ID_CARD', 'DRIVING_LICENSE'];
const USCC_TYPES: LicenseTypeCode[] = [
  'BUSINESS_LICENSE',
  'INSTITUTION_LEGAL_PERSON_CERTIFICATE',
  'ORGAN_CREDIT_CODE_CERTIFICATE',
  'SOCIAL_ORGANISATION_CERTIFICATE',
  'PRIVATE_NON_ENTERPRISE_CERTIFICATE',
  'FOUNDATION_CERTIFICATE',
];

/** Shapes of the other types' numbers (after normalisation, see below). */
const PATTERNS: [LicenseTypeCode, RegExp][] = [
  ['MARRIAGE_CERTIFICATE', /^J\d{6}-\d{4}-\d{6}$/],
  ['REAL_ESTATE_CERTIFICATE', /^湘\(\d{4}\)[\u4e00-\u9fa5]{2,6}不动产权第\d{7}号$/],
  ['FOOD_BUSINESS_PERMIT', /^JY[123]\d{13}$/],
  ['ROAD_TRANSPORT_PERMIT', /^湘交运管许可衡字\d{12}号$/],
  ['PUBLIC_PLACE_HYGIENE_PERMIT', /^衡卫公字\(\d{4}\)第\d{12}号$/],
];

export const MAX_NUMBER_LENGTH = 64;

/**
 * Trims, upper-cases Latin letters and writes brackets the one way the library stores them:
 * full-width （）and 〔〕, as printed on many certificates, become ASCII ( ).
 */
export function normaliseNumber(raw: string): string {
  return raw
    .trim()
    .replace(/[（〔［[]/g, '(')
    .replace(/[）〕］\]]/g, ')')
    .replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** Luhn check digit over a digit string: the synthetic check digit of food permit numbers. */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export interface ClassifiedNumber {
  number: string;
  /** Types whose format the number fits (validated, check characters included). */
  types: LicenseTypeCode[];
}

/**
 * Validates a licence number and says which types it can belong to. With `type`, the number must
 * fit that type. Throws BAD_USER_INPUT naming `argument` otherwise.
 */
export function classifyNumber(raw: string, argument: string, type?: LicenseTypeInfo): ClassifiedNumber {
  const number = normaliseNumber(raw);
  if (!number || number.length > MAX_NUMBER_LENGTH) {
    throw badUserInput(`Argument "${argument}" must be a licence number of 1 to ${MAX_NUMBER_LENGTH} characters`, { argument });
  }
  const types: LicenseTypeCode[] = [];
  const problems: string[] = [];
  if (number.length === 18 && /^[0-9A-Z]+$/.test(number)) {
    // 18 characters: an ID number (驾驶证 too) or a USCC. All-digit USCCs exist, so try both.
    const id = /^\d{17}[\dX]$/.test(number) ? parseIdNumber(number) : undefined;
    const uscc = parseUscc(number);
    if (id?.ok) types.push(...ID_NUMBER_TYPES);
    if (uscc.ok) types.push(...USCC_TYPES);
    if (!id?.ok && !uscc.ok) problems.push(id ? `neither a valid ID number (${id.reason}) nor a valid USCC (${uscc.reason})` : uscc.reason);
  }
  for (const [code, pattern] of PATTERNS) {
    if (!pattern.test(number)) continue;
    if (code === 'FOOD_BUSINESS_PERMIT') {
      const expected = luhnCheckDigit(number.slice(2, 15));
      if (number[15] !== expected) {
        problems.push(`食品经营许可证 number check digit is ${number[15]}, expected ${expected}`);
        continue;
      }
    }
    types.push(code);
  }

  const wanted = type ? types.filter((t) => t === type.code) : types;
  if (wanted.length) return { number, types: wanted };
  if (problems.length) {
    throw badUserInput(`Invalid licence number for argument "${argument}": ${problems.join('; ')}`, { argument });
  }
  if (type) {
    throw badUserInput(`Argument "${argument}" is not a ${type.name} (${type.code}) number; expected ${type.numberFormat}`, { argument });
  }
  const formats = LICENSE_TYPES.map((t) => `${t.name}: ${t.numberFormat}`).join('; ');
  throw badUserInput(`Argument "${argument}" is not a licence number of any catalogued type (${formats})`, { argument });
}
