/**
 * Format-aware masks (issue 8, class 14: "masks that leave a handful of candidates"). A mask is
 * judged by how many values are still possible once it is applied, counted together with every
 * other item the same agency may read of the same subject under default masks; the candidate
 * count of each mask is stated in its comment and checked in test/unit/masking-strength.test.ts.
 *
 *   PHONE            ≥ 10^4: four digits hidden at least, whatever the format. A landline keeps its
 *                    area code (public) and the last two digits of the subscriber number, so a
 *                    7-digit number hides five (the first is often fixed in a city: 10^4 remain).
 *   ID_NUMBER        ≥ 10^6: only the six-digit region is kept (it says no more than the
 *                    unconditional Person.householdDivisionCode). The birth date (8), sequence
 *                    (3) and check digit are hidden: beside the gender (sequence parity) and the
 *                    age band of Person.birthDate's default mask, ~3,650 days × 500 sequences
 *                    ≈ 1.8 × 10^6 candidates remain. (Beside a birth *year* only ~1.8 × 10^5
 *                    would: that is why Person.birthDate's default mask is AGE_BAND, not YEAR.)
 *   LICENSE_NUMBER   ≥ 10^6 for every catalogued licence format: every digit is hidden, the letters
 *                    and brackets of the format stay. A marriage certificate J430405-2019-000123
 *                    beside its issue date and issuer still leaves its 6-digit serial: 10^6.
 *   REGISTER_NUMBER  ≥ 10^9 by format: the last max(10, length − 8) alphanumerics are hidden, all
 *                    of a number of ten or fewer (a USCC keeps authority, type and division, which
 *                    kind and registeredDivisionCode say anyway).
 *
 * Masked text never keeps the length of what it hides when the length itself says something
 * (a name's, an amount's): those masks write a fixed run (FIXED_RUN). Numbers of a fixed format
 * (ID, licence, register) keep their length: it only tells the format.
 */

export const MASK_CHAR = '*';
/** What replaces a hidden run of free text, whatever its length. */
export const FIXED_RUN = '***';

const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlnum = (c: string) => /^[0-9A-Za-z]$/.test(c);

/** Keeps every character but the digits for which `hide(index among digits, digit count)` holds. */
function mapDigits(chars: string[], hide: (digitIndex: number, digitCount: number) => boolean): string {
  const count = chars.filter(isDigit).length;
  let i = 0;
  return chars.map((c) => (isDigit(c) ? (hide(i++, count) ? MASK_CHAR : c) : c)).join('');
}

const MOBILE = /^(\+?86[\s-]?|0086[\s-]?)?(1\d{2})[\s-]?(\d{4})[\s-]?(\d{4})$/;
const LANDLINE = /^(\(?0\d{2,3}\)?)[\s-]?(\d{7,8})(?:\s*(?:-|转|#|ext\.?)\s*\d{1,6})?$/i;

/** Fewest digits a phone mask hides: the 3 + 4 mobile mask is the floor. */
export const PHONE_MIN_HIDDEN_DIGITS = 4;

/**
 * PHONE. Mobile: 138****5678 (country code kept when written). Landline: area code, then the
 * subscriber number with all but its last two digits hidden (0734-*****18); an extension is
 * dropped. Anything else: every digit hidden but the last two, and all of them when fewer than
 * 4 + 2 digits are written.
 */
export function maskPhone(text: string): string {
  const trimmed = text.trim();
  const mobile = MOBILE.exec(trimmed);
  if (mobile) return `${(mobile[1] ?? '').trim()}${mobile[1] ? ' ' : ''}${mobile[2]}****${mobile[4]}`;
  const landline = LANDLINE.exec(trimmed);
  if (landline) {
    const subscriber = landline[2];
    return `${landline[1]}-${MASK_CHAR.repeat(subscriber.length - 2)}${subscriber.slice(-2)}`;
  }
  return mapDigits(Array.from(trimmed), (i, n) => n < PHONE_MIN_HIDDEN_DIGITS + 2 || i < n - 2);
}

const ID_NUMBER_18 = /^\d{17}[\dXx]$/;
const ID_NUMBER_15 = /^\d{15}$/;
/** Masked ID numbers are written with 18 characters whatever their length (15-digit numbers too). */
const ID_HIDDEN = 12;

/** ID_NUMBER: 430408************. A value that is not an ID number is hidden wholly (fixed run). */
export function maskIdNumber(text: string): string {
  const t = text.trim();
  if (ID_NUMBER_18.test(t) || ID_NUMBER_15.test(t)) return t.slice(0, 6) + MASK_CHAR.repeat(ID_HIDDEN);
  return MASK_CHAR.repeat(ID_HIDDEN);
}

/** Fewest alphanumerics REGISTER_NUMBER hides (all of a shorter number), and most it keeps. */
export const REGISTER_MIN_HIDDEN = 10;
const REGISTER_MAX_KEPT = 8;

/** REGISTER_NUMBER: keeps at most the first 8 alphanumerics and only while 10 remain hidden. Punctuation stays. */
export function maskRegisterNumber(text: string): string {
  const chars = Array.from(text.trim());
  const n = chars.filter(isAlnum).length;
  const kept = Math.max(0, Math.min(REGISTER_MAX_KEPT, n - REGISTER_MIN_HIDDEN));
  let i = 0;
  return chars.map((c) => (isAlnum(c) ? (i++ < kept ? c : MASK_CHAR) : c)).join('');
}

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * LICENSE_NUMBER: an ID number (ID card, driving licence) as ID_NUMBER, a USCC (business licence,
 * certificates of institutions) as REGISTER_NUMBER, anything else with every digit hidden. A
 * number with fewer than 6 digits (not a catalogued format) is hidden wholly.
 */
export function maskLicenseNumber(text: string): string {
  const t = text.trim();
  if (ID_NUMBER_18.test(t) || ID_NUMBER_15.test(t)) return maskIdNumber(t);
  if (USCC.test(t.toUpperCase())) return maskRegisterNumber(t);
  const chars = Array.from(t);
  if (chars.filter(isDigit).length < 6) return FIXED_RUN;
  return mapDigits(chars, () => true);
}

/** Number of hidden digits (or characters) of a masked value: '*' count. */
export const hiddenCount = (masked: string) => Array.from(masked).filter((c) => c === MASK_CHAR).length;
