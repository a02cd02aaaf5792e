/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) of legal persons and other
 * organisations: the one place the platform validates them.
 *
 * Layout of the 18 characters, drawn from 0-9 and the capitals without I, O, Z, S, V:
 *   1     registration authority (登记管理部门代码), see USCC_REGISTRATION_AUTHORITIES
 *   2     organisation type within that authority (机构类别代码)
 *   3-8   division code (GB/T 2260) of the registering office; 100000 for national bodies
 *   9-17  organisation code (主体标识码, GB 11714), whose own check character is position 17
 *   18    check character, ISO 7064 MOD 31-3 over positions 1-17
 *
 * Both check characters are validated. The GB 11714 check at position 17 was confirmed against a
 * few hundred real codes of every shape (legacy numeric, "MA…", "L…", with 'X'); 'X' is in the
 * USCC character set, so a GB 11714 check 'X' never conflicts with it.
 *
 * Positions 1 and 2 accept any character of the set: the standard lets authorities add codes, and
 * a registry lookup, not this parser, is what tells whether an organisation exists.
 */
import { badUserInput } from '../errors';

/** The USCC character set; a character's value is its index (A=10, … , Y=30). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights 3^(i-1) mod 31 for positions 1..17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714: weights of organisation code positions 1..8; letters count A=10 … Z=35. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Registration authorities and their organisation types (GB 32100-2015 appendix, with the 2018
 * addition N for rural collective economic organisations). For labels and seeds, not validation.
 */
export const USCC_REGISTRATION_AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': { name: '司法行政', types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' } },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商（市场监管）', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: { '1': '其他' } },
};

export type UsccParse =
  { ok: true; uscc: string; registrationAuthority: string; orgType: string; divisionCode: string; organisationCode: string } | { ok: false; reason: string };

function usccValue(c: string): number {
  return USCC_CHARSET.indexOf(c);
}

/** GB 11714 value of a character: digits as themselves, letters A=10 … Z=35. */
function orgValue(c: string): number {
  const code = c.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/** GB 11714 check character of an 8-character organisation code body: '0'-'9' or 'X'. */
export function organisationCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError(`organisation code body must be 8 characters 0-9/A-Z, got "${body8}"`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** USCC check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`usccCheckChar needs 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = usccValue(first17[i]);
    if (v < 0) throw new RangeError(`"${first17[i]}" is not a USCC character`);
    sum += v * WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** Parses and validates a USCC. Surrounding whitespace is ignored; lowercase is upper-cased. */
export function parseUscc(value: string): UsccParse {
  if (typeof value !== 'string') return { ok: false, reason: 'USCC must be a string' };
  const v = value.trim().toUpperCase();
  if (v.length !== 18) return { ok: false, reason: `USCC must be 18 characters long, got ${v.length}` };
  for (let i = 0; i < 18; i++) {
    if (usccValue(v[i]) < 0) {
      const hint = 'IOZSV'.includes(v[i]) ? ' (I, O, Z, S and V are never used)' : '';
      return { ok: false, reason: `USCC character ${i + 1} "${v[i]}" is not allowed${hint}` };
    }
  }
  const divisionCode = v.slice(2, 8);
  if (!/^\d{6}$/.test(divisionCode)) return { ok: false, reason: `USCC division code (characters 3-8) must be 6 digits, got ${divisionCode}` };
  const expected = usccCheckChar(v.slice(0, 17));
  if (v[17] !== expected) return { ok: false, reason: `USCC check character is ${v[17]}, expected ${expected}` };
  const orgExpected = organisationCodeCheckChar(v.slice(8, 16));
  if (v[16] !== orgExpected) {
    return { ok: false, reason: `USCC organisation code check character (character 17) is ${v[16]}, expected ${orgExpected}` };
  }
  return { ok: true, uscc: v, registrationAuthority: v[0], orgType: v[1], divisionCode, organisationCode: v.slice(8, 17) };
}

/** Returns the normalised USCC, or throws BAD_USER_INPUT naming the argument and the reason. */
export function assertUscc(value: string, argumentName = 'uscc'): string {
  const parsed = parseUscc(value);
  if (!parsed.ok) throw badUserInput(`Invalid USCC for argument "${argumentName}": ${parsed.reason}`, { argument: argumentName });
  return parsed.uscc;
}

/**
 * How `makeUscc` spells the organisation code body (positions 9-16):
 * - 'NUMERIC': 8 decimal digits, like codes carried over from before 2015 (serial < 10^8);
 * - 'MA', 'MB', 'MJ' …: a two-letter prefix and 6 characters in base 31, like codes issued since
 *   2015 (工商 MA…, 编办 MB…, 民政 MJ…; serial < 31^6).
 */
export type UsccBodyStyle = 'NUMERIC' | `M${string}`;

/**
 * Builds a valid USCC (for seeds and tests): both check characters are computed. Distinct serials
 * of one style give distinct organisation codes, and different styles never collide (digits
 * versus a leading 'M'), so a caller with unique (style, serial) pairs gets unique codes.
 */
export function makeUscc(authority: string, orgType: string, divisionCode6: string, serial: number, style: UsccBodyStyle = 'MA'): string {
  if (authority.length !== 1 || usccValue(authority) < 0) throw new RangeError(`authority must be one USCC character, got "${authority}"`);
  if (orgType.length !== 1 || usccValue(orgType) < 0) throw new RangeError(`orgType must be one USCC character, got "${orgType}"`);
  if (!/^\d{6}$/.test(divisionCode6)) throw new RangeError(`division code must be 6 digits, got "${divisionCode6}"`);
  if (!Number.isInteger(serial) || serial < 0) throw new RangeError(`serial must be a non-negative integer, got ${serial}`);
  let body: string;
  if (style === 'NUMERIC') {
    if (serial >= 1e8) throw new RangeError(`a NUMERIC serial must be < 10^8, got ${serial}`);
    body = String(serial).padStart(8, '0');
  } else {
    if (!/^M[0-9A-HJ-NPQRTUWXY]$/.test(style)) throw new RangeError(`style must be NUMERIC or M plus one USCC character, got "${style}"`);
    if (serial >= 31 ** 6) throw new RangeError(`a ${style} serial must be < 31^6, got ${serial}`);
    let rest = '';
    for (let n = serial, i = 0; i < 6; i++, n = Math.floor(n / 31)) rest = USCC_CHARSET[n % 31] + rest;
    body = style + rest;
  }
  const first17 = authority + orgType + divisionCode6 + body + organisationCodeCheckChar(body);
  return first17 + usccCheckChar(first17);
}
