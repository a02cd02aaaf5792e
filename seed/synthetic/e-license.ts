/**
 * One file on purpose (over 300 lines): the generator of one register, a single deterministic stream that must not be split across modules.
 *
 * Synthetic licences of Hengyang (电子证照库). Like people.ts and enterprises.ts, the licences of
 * person #i and of legal person #k are pure functions of the index (and of the person count for
 * legal persons), so the e-license seed, its tests and any other seed agree without reading a
 * database. Signatures are not made here: they need the issuing keys (subgraphs/e-license/signing).
 *
 * What the city holds:
 * - persons aged 16 or more: a 居民身份证 (number = ID number), renewed at expiry by the statutory
 *   validity for the age at issue (10 / 20 years / 长期); a few lapsed; REVOKED (注销) when dead;
 * - about 40% of adults of 18-60 (fewer older): a 机动车驾驶证 (number = ID number: 6 years, then
 *   10, then 长期); a few suspended (暂扣) or revoked (吊销);
 * - both spouses of a household: a 结婚证 each, with the same 字号;
 * - about half of household heads of 25 or more: a 不动产权证书 for their home;
 * - every legal person: its registration certificate, numbered by its USCC — 营业执照 for the
 *   market-registered (enterprises, individual businesses, cooperatives), 事业单位法人证书 for
 *   institutions, 统一社会信用代码证书 for organs, and the social organisations' 登记证书 —
 *   whose status follows the legal person's: REVOKED when 吊销, 注销 or 迁出;
 * - food businesses: a 食品经营许可证; freight companies: a 道路运输经营许可证; barbers' and beauty
 *   shops: a 公共场所卫生许可证; about 30% of active enterprises: a 不动产权证书 for their premises.
 *
 * Dates: nothing is issued after REFERENCE_DATE, the synthetic city's "today". EXPIRED is never
 * stored: it follows from validTo and the real date (see catalogue.effectiveStatus), so licences
 * whose validity ends after REFERENCE_DATE expire as the calendar moves on.
 *
 * Number uniqueness: ID and USCC numbers are unique by construction; the other serials are affine
 * bijections of the holder index (mod 10^6 or 10^7), unique per issuing office and year for fewer
 * than 10^6 legal persons (5 million persons) — beyond that, two holders may share a number, which
 * the lookups handle as an ambiguous number.
 */
import { createHash } from 'node:crypto';
import { CITY_CODE, divisionByCode, isUrban } from '../../reference/divisions';
import { syntheticLegalPerson, SyntheticLegalPerson } from './enterprises';
import { syntheticHousehold, syntheticPerson, SyntheticPerson, SYNTHETIC_REFERENCE_YEAR } from './people';
import { Rng, rngFor } from './random';
import { legalPersonCount } from './city';
import { HolderKindCode, issuer, IssuerInfo, LicenseTypeCode, placeName } from '../../reference/licences';
import type { StoredStatus } from '../../subgraphs/e-license/catalogue';
import { luhnCheckDigit } from '../../subgraphs/e-license/numbers';

/** The synthetic city's "today": no licence is issued after it. */
export const REFERENCE_DATE = `${SYNTHETIC_REFERENCE_YEAR}-12-31`;

export type LicenseContent = { [key: string]: string | { [key: string]: string } };

export interface SyntheticLicense {
  type: LicenseTypeCode;
  number: string;
  holderKind: HolderKindCode;
  /** Person index or legal person index. */
  holderIndex: number;
  /** ID number or USCC of the holder: its pseudonymous key derives from it. */
  holderNaturalId: string;
  holderName: string;
  issuer: IssuerInfo;
  issueDate: string;
  validFrom: string;
  /** Last valid day (inclusive); null for 长期. */
  validTo: string | null;
  status: StoredStatus;
  statusReason: string | null;
  content: LicenseContent;
  /** SHA-256 (hex) of the enrolled photo, for licences that carry one. */
  photoDigest: string | null;
  /** Whether fingerprints were enrolled (居民身份证 only). */
  fingerprintEnrolled: boolean | null;
  /** What the licence's texts carry of another item (platform/policy/carried.ts): the operator's
   *  name of an individual business named after them, the household address of one registered at
   *  the operator's home, and the ID number of that operator (their key is derived from it). */
  carried?: { name: string | null; address: string | null; personIdNumber: string } | null;
}

// ---- dates --------------------------------------------------------------------------------------

const DAY = 86_400_000;
const toDate = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
const fromTime = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (s: string, n: number) => fromTime(toDate(s) + n * DAY);
/** Same month and day n years later; 29 February becomes 28 February in a common year. */
export function addYears(s: string, n: number): string {
  const y = +s.slice(0, 4) + n;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const md = s.slice(5) === '02-29' && !leap ? '02-28' : s.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
/** Uniform day in [from, to]; `from` when the range is empty. */
function dateBetween(rng: Rng, from: string, to: string): string {
  const a = toDate(from);
  const b = toDate(to);
  return b <= a ? from : fromTime(a + rng.int(0, Math.round((b - a) / DAY)) * DAY);
}
/** Whole years of age on a date. */
function ageOn(birthDate: string, date: string): number {
  const years = +date.slice(0, 4) - +birthDate.slice(0, 4);
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
const period = (from: string, to: string | null) => `${from}至${to ?? '长期'}`;

/**
 * Renews a licence at each expiry until REFERENCE_DATE: each renewal is issued in the `early` days
 * before the old one ends; with probability `lapse` at each expiry the holder never renewed.
 */
function renewals(rng: Rng, first: string, validToOf: (issue: string, renewal: number) => string | null, lapse: number, early = 90) {
  let issue = first;
  let renewal = 0;
  let validTo = validToOf(issue, renewal);
  while (validTo !== null && validTo < REFERENCE_DATE) {
    if (rng.chance(lapse)) break;
    issue = dateBetween(rng, addDays(validTo, -early), validTo);
    validTo = validToOf(issue, ++renewal);
  }
  return { issue, validTo, renewal };
}

/** Validity ends the day before the same date `years` later (营业执照、许可证 style). */
const yearsLater = (years: number) => (issue: string) => addDays(addYears(issue, years), -1);

// ---- serials ------------------------------------------------------------------------------------

/** Affine bijection of n onto [0, m): a multiplier coprime to m keeps distinct inputs distinct. */
function serial(n: number, m: number, salt: number): number {
  return Number((BigInt(n) * 387_420_489n + BigInt(salt)) % BigInt(m));
}
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const digest = (text: string) => createHash('sha256').update(text).digest('hex');
const genderName = (g: string) => (g === 'MALE' ? '男' : '女');
/** Yuan as printed on certificates: 500万元人民币, 1.5万元人民币. */
const wan = (yuan: number, currency = '人民币') => `${Number((yuan / 10_000).toFixed(4))}万元${currency}`;

// ---- persons ------------------------------------------------------------------------------------

/** 居民身份证法 第五条: validity by age at issue. */
function idCardValidTo(birthDate: string, issue: string): string | null {
  const age = ageOn(birthDate, issue);
  if (age < 16) return addYears(issue, 5);
  if (age <= 25) return addYears(issue, 10);
  if (age <= 45) return addYears(issue, 20);
  return null;
}

function idCard(p: SyntheticPerson): SyntheticLicense | null {
  const sixteen = addYears(p.birthDate, 16);
  if (sixteen > REFERENCE_DATE) return null;
  const rng = rngFor('license-id-card', p.index);
  // Second-generation cards were issued from 2004; everyone had one by 2013.
  const first =
    sixteen >= '2004-01-01' ? dateBetween(rng, sixteen, minDate(addDays(sixteen, 365), REFERENCE_DATE)) : dateBetween(rng, '2004-03-29', '2012-12-31');
  const { issue, validTo } = renewals(rng, first, (i) => idCardValidTo(p.birthDate, i), 0.03);
  const office = issuer('PUBLIC_SECURITY', p.householdDivisionCode);
  return {
    type: 'ID_CARD',
    number: p.idNumber,
    ...personHolder(p),
    issuer: office,
    issueDate: issue,
    validFrom: issue,
    validTo,
    status: p.status === 'DECEASED' ? 'REVOKED' : 'VALID',
    statusReason: p.status === 'DECEASED' ? '注销（公民死亡）' : null,
    content: {
      姓名: p.name,
      性别: genderName(p.gender),
      出生: p.birthDate,
      住址: p.householdAddress,
      公民身份号码: p.idNumber,
      签发机关: office.name,
      有效期限: period(issue, validTo),
    },
    photoDigest: digest(`synthetic-photo|${p.idNumber}|${issue}`),
    // Fingerprints are enrolled on cards issued since 2013 (居民身份证法 第三条第二款, in force 2012).
    fingerprintEnrolled: issue >= '2013-01-01',
  };
}

const personHolder = (p: SyntheticPerson) => ({ holderKind: 'PERSON' as const, holderIndex: p.index, holderNaturalId: p.idNumber, holderName: p.name });

const DRIVING_CLASSES: [string, number][] = [
  ['C1', 66],
  ['C2', 14],
  ['B2', 6],
  ['A2', 3],
  ['A1', 1],
  ['D', 5],
  ['E', 5],
];

function drivingLicense(p: SyntheticPerson): SyntheticLicense | null {
  const age = SYNTHETIC_REFERENCE_YEAR - +p.birthDate.slice(0, 4);
  if (age < 18 || p.status === 'MOVED_OUT') return null;
  const rng = rngFor('license-driving', p.index);
  if (!rng.chance(age <= 60 ? 0.45 : age <= 75 ? 0.2 : 0.05)) return null;
  const eighteen = addYears(p.birthDate, 18);
  const from = maxDate(eighteen, '1990-01-01');
  const first = dateBetween(rng, from, maxDate(from, minDate(addYears(p.birthDate, 50), REFERENCE_DATE)));
  // 6 years, then 10, then 长期 (机动车驾驶证申领和使用规定).
  const { issue, validTo } = renewals(rng, first, (i, n) => (n === 0 ? addYears(i, 6) : n === 1 ? addYears(i, 10) : null), 0.03);
  let status: StoredStatus = 'VALID';
  let statusReason: string | null = null;
  if (p.status === 'DECEASED') [status, statusReason] = ['REVOKED', '注销（持证人死亡）'];
  else if (rng.chance(0.015)) [status, statusReason] = ['SUSPENDED', '暂扣（饮酒后驾驶机动车，暂扣六个月）'];
  else if (rng.chance(0.007)) [status, statusReason] = ['REVOKED', '吊销（醉酒驾驶机动车）'];
  return {
    type: 'DRIVING_LICENSE',
    number: p.idNumber,
    ...personHolder(p),
    issuer: issuer('TRAFFIC_POLICE', CITY_CODE),
    issueDate: issue,
    validFrom: issue,
    validTo,
    status,
    statusReason,
    content: {
      证号: p.idNumber,
      姓名: p.name,
      性别: genderName(p.gender),
      国籍: '中国',
      住址: p.householdAddress,
      出生日期: p.birthDate,
      初次领证日期: first,
      准驾车型: rng.weightedPick(DRIVING_CLASSES),
      有效期限: period(issue, validTo),
      档案编号: `4304${pad(serial(p.index, 100_000_000, 13_579_246), 8)}`,
    },
    photoDigest: digest(`synthetic-photo|${p.idNumber}|${issue}|driving`),
    fingerprintEnrolled: null,
  };
}

/** The spouse of a household head, or the head of a spouse; null otherwise. */
function spouseIndex(p: SyntheticPerson): number | null {
  const household = syntheticHousehold(p.householdIndex);
  if (p.relationshipToHead === 'SPOUSE') return household.headIndex;
  if (p.relationshipToHead !== 'HEAD') return null;
  for (const m of household.memberIndices) if (m !== p.index && syntheticPerson(m).relationshipToHead === 'SPOUSE') return m;
  return null;
}

const party = (q: SyntheticPerson) => ({ 姓名: q.name, 国籍: '中国', 出生日期: q.birthDate, 身份证件号: q.idNumber });

function marriageCertificate(p: SyntheticPerson): SyntheticLicense | null {
  const s = spouseIndex(p);
  if (s === null) return null;
  const q = syntheticPerson(s);
  const [husband, wife] = p.gender === 'MALE' ? [p, q] : [q, p];
  // Legal marriage age: 22 for men, 20 for women (民法典 第一千零四十七条).
  const earliest = maxDate(maxDate(addYears(husband.birthDate, 22), addYears(wife.birthDate, 20)), '1985-01-01');
  if (earliest > REFERENCE_DATE) return null;
  const couple = Math.min(p.index, s);
  const rng = rngFor('license-marriage', couple); // the same for both spouses
  const date = dateBetween(rng, earliest, minDate(addYears(earliest, 8), REFERENCE_DATE));
  const office = issuer('CIVIL_AFFAIRS', p.householdDivisionCode);
  const number = `J${p.householdDivisionCode}-${date.slice(0, 4)}-${pad(serial(couple, 1_000_000, 24_680_135), 6)}`;
  return {
    type: 'MARRIAGE_CERTIFICATE',
    number,
    ...personHolder(p),
    issuer: office,
    issueDate: date,
    validFrom: date,
    validTo: null,
    status: 'VALID',
    statusReason: null,
    content: { 持证人: p.name, 登记日期: date, 结婚证字号: number, 男方: party(husband), 女方: party(wife), 婚姻登记机关: office.name },
    photoDigest: null,
    fingerprintEnrolled: null,
  };
}

/** 不动产单元号 (28 characters): division, 地籍区/子区, 宗地特征码 + 宗地号, 定着物 F + 幢号 + 户号. */
function realEstateUnit(rng: Rng, divisionCode: string, collective: boolean): string {
  return `${divisionCode}${pad(rng.int(1, 20), 3)}${pad(rng.int(1, 30), 3)}${collective ? 'JC' : 'GB'}${pad(rng.int(1, 99_999), 5)}F${pad(rng.int(1, 60), 4)}${pad(rng.int(101, 3204), 4)}`;
}

/** The registry that issues a certificate for a place: the city's for the urban districts. */
const realEstateOffice = (divisionCode: string) => (divisionCode !== CITY_CODE && !isUrban(divisionByCode(divisionCode)) ? divisionCode : CITY_CODE);

function realEstateNumber(office: string, issue: string, n: number): string {
  return `湘(${issue.slice(0, 4)})${placeName(office)}不动产权第${pad(serial(n, 10_000_000, 7_654_321), 7)}号`;
}

const area = (rng: Rng, min: number, max: number) => (min + rng.next() * (max - min)).toFixed(2);

function homeCertificate(p: SyntheticPerson): SyntheticLicense | null {
  if (p.relationshipToHead !== 'HEAD' || p.status !== 'ALIVE') return null;
  const twentyFive = addYears(p.birthDate, 25);
  if (twentyFive > REFERENCE_DATE) return null;
  const rng = rngFor('license-real-estate-person', p.index);
  if (!rng.chance(0.55)) return null;
  const urban = isUrban(divisionByCode(p.householdDivisionCode));
  const office = realEstateOffice(p.householdDivisionCode);
  // 不动产权证书 replaced the separate land and house certificates from 2015-2016.
  const issue = dateBetween(rng, maxDate(twentyFive, '2016-01-01'), REFERENCE_DATE);
  const landFrom = dateBetween(rng, '1998-01-01', issue);
  const floors = urban ? rng.int(6, 33) : rng.int(1, 3);
  const status: StoredStatus = rng.chance(0.03) ? 'REVOKED' : 'VALID';
  return {
    type: 'REAL_ESTATE_CERTIFICATE',
    number: realEstateNumber(office, issue, 2 * p.index),
    ...personHolder(p),
    issuer: issuer('NATURAL_RESOURCES', office),
    issueDate: issue,
    validFrom: issue,
    validTo: null,
    status,
    statusReason: status === 'REVOKED' ? '注销（已办理转移登记）' : null,
    content: {
      权利人: p.name,
      共有情况: spouseIndex(p) !== null ? '共同共有' : '单独所有',
      坐落: p.householdAddress,
      不动产单元号: realEstateUnit(rng, p.householdDivisionCode, !urban),
      权利类型: urban ? '国有建设用地使用权/房屋所有权' : '宅基地使用权/房屋所有权',
      权利性质: urban ? '出让/市场化商品房' : '批准拨用/自建房',
      用途: urban ? '城镇住宅用地/住宅' : '农村宅基地/住宅',
      面积: urban
        ? `共有宗地面积${area(rng, 2000, 30000)}㎡/房屋建筑面积${area(rng, 45, 180)}㎡`
        : `宗地面积${area(rng, 80, 200)}㎡/房屋建筑面积${area(rng, 90, 360)}㎡`,
      使用期限: urban ? `${landFrom}起${addDays(addYears(landFrom, 70), -1)}止` : '长期',
      权利其他状况: `房屋结构：${urban ? '钢筋混凝土结构' : '砖混结构'}；总层数：${floors}；所在层：${rng.int(1, floors)}`,
    },
    photoDigest: null,
    fingerprintEnrolled: null,
  };
}

/** Licences of person #index, in catalogue order. */
export function personLicenses(index: number): SyntheticLicense[] {
  const p = syntheticPerson(index);
  return [idCard(p), drivingLicense(p), marriageCertificate(p), homeCertificate(p)].filter((l): l is SyntheticLicense => l !== null);
}

// ---- legal persons ------------------------------------------------------------------------------

interface LpContext {
  lp: SyntheticLegalPerson;
  representative: string;
}

const lpHolder = ({ lp }: LpContext) => ({
  holderKind: 'LEGAL_PERSON' as const,
  holderIndex: lp.index,
  holderNaturalId: lp.uscc,
  holderName: lp.name,
  // Every licence of the legal person repeats its name and address: both may carry the operator's.
  carried:
    lp.operatorName || lp.registeredAtHome
      ? {
          name: lp.operatorName,
          address: lp.registeredAtHome ? lp.registeredAddress : null,
          personIdNumber: syntheticPerson(lp.legalRepresentativeIndex).idNumber,
        }
      : null,
});

const companyType = (name: string) => (name.endsWith('股份有限公司') ? '股份有限公司（非上市、自然人投资或控股）' : '有限责任公司（自然人投资或控股）');

function registrationType(lp: SyntheticLegalPerson): LicenseTypeCode {
  switch (lp.kind) {
    case 'INSTITUTION':
      return lp.uscc[1] === '1' ? 'ORGAN_CREDIT_CODE_CERTIFICATE' : 'INSTITUTION_LEGAL_PERSON_CERTIFICATE';
    case 'SOCIAL_ORGANISATION':
      return lp.uscc[1] === '1' ? 'SOCIAL_ORGANISATION_CERTIFICATE' : lp.uscc[1] === '2' ? 'PRIVATE_NON_ENTERPRISE_CERTIFICATE' : 'FOUNDATION_CERTIFICATE';
    default:
      return 'BUSINESS_LICENSE';
  }
}

const REGISTRATION_ISSUER = { BUSINESS: 'MARKET_REGULATION', INSTITUTION: 'INSTITUTION_REGISTRATION', SOCIAL: 'CIVIL_AFFAIRS' } as const;

function registrationStatus(lp: SyntheticLegalPerson, type: LicenseTypeCode): [StoredStatus, string | null] {
  switch (lp.status) {
    case 'ACTIVE':
      return ['VALID', null];
    case 'REVOKED':
      return ['REVOKED', type === 'BUSINESS_LICENSE' ? '吊销营业执照' : '撤销登记'];
    case 'CANCELLED':
      return ['REVOKED', '注销登记'];
    case 'MOVED_OUT':
      return ['REVOKED', '迁出（已迁往其他登记机关，原证照缴回）'];
  }
}

/** The registration certificate every legal person holds, numbered by its USCC. */
function registrationCertificate(c: LpContext): SyntheticLicense {
  const { lp, representative } = c;
  const rng = rngFor('license-registration', lp.index);
  const type = registrationType(lp);
  const est = lp.establishedDate;
  const office = issuer(
    type === 'BUSINESS_LICENSE' ? REGISTRATION_ISSUER.BUSINESS : lp.kind === 'INSTITUTION' ? REGISTRATION_ISSUER.INSTITUTION : REGISTRATION_ISSUER.SOCIAL,
    lp.registeredDivisionCode,
  );
  // Certificates carrying the USCC were (re)issued to older bodies in the 2016-2017 switch-over.
  const reissued = () => (est >= '2016-01-01' ? (rng.chance(0.3) ? dateBetween(rng, est, REFERENCE_DATE) : est) : dateBetween(rng, '2016-01-01', '2017-12-31'));
  let issue: string;
  let validTo: string | null = null;
  let content: LicenseContent;
  const common = { 统一社会信用代码: lp.uscc, 名称: lp.name };
  const money = lp.registeredCapital ?? 0;
  if (type === 'BUSINESS_LICENSE') {
    issue = reissued();
    if (lp.kind === 'ENTERPRISE' && rng.chance(0.25)) {
      const end = addDays(addYears(est, rng.pick([20, 30, 50])), -1);
      validTo = end > REFERENCE_DATE ? end : null; // a term that ran out was extended to 长期
    }
    content =
      lp.kind === 'INDIVIDUAL_BUSINESS'
        ? {
            ...common,
            类型: '个体工商户',
            经营者: representative,
            组成形式: '个人经营',
            注册日期: est,
            经营范围: lp.businessScope,
            经营场所: lp.registeredAddress,
            登记机关: office.name,
          }
        : lp.kind === 'FARMERS_COOPERATIVE'
          ? {
              ...common,
              类型: '农民专业合作社',
              法定代表人: representative,
              成员出资总额: wan(money),
              成立日期: est,
              业务范围: lp.businessScope,
              住所: lp.registeredAddress,
              登记机关: office.name,
            }
          : {
              ...common,
              类型: companyType(lp.name),
              法定代表人: representative,
              注册资本: wan(money),
              成立日期: est,
              营业期限: period(est, validTo),
              经营范围: lp.businessScope,
              住所: lp.registeredAddress,
              登记机关: office.name,
            };
  } else if (type === 'ORGAN_CREDIT_CODE_CERTIFICATE') {
    issue = reissued();
    content = { 统一社会信用代码: lp.uscc, 机构名称: lp.name, 机构性质: '机关', 机构地址: lp.registeredAddress, 负责人: representative, 赋码机关: office.name };
  } else {
    // 5-year certificates, renewed from the establishment date; a few bodies let theirs lapse.
    const first = maxDate(est, '2001-01-01');
    ({ issue, validTo } = renewals(rng, first, yearsLater(5), 0.05, 60));
    const funds = type === 'FOUNDATION_CERTIFICATE' ? '原始基金数额' : type === 'SOCIAL_ORGANISATION_CERTIFICATE' ? '注册资金' : '开办资金';
    const scopeKey = type === 'INSTITUTION_LEGAL_PERSON_CERTIFICATE' ? '宗旨和业务范围' : '业务范围';
    content = {
      ...common,
      [scopeKey]: lp.businessScope,
      住所: lp.registeredAddress,
      法定代表人: representative,
      [funds]: wan(money),
      有效期: period(issue, validTo),
    };
    if (type === 'INSTITUTION_LEGAL_PERSON_CERTIFICATE') {
      content.经费来源 = rng.pick(['财政补助', '财政全额拨款', '经费自理']);
      content.举办单位 = `${placeName(lp.registeredDivisionCode)}人民政府`;
    }
    content.登记管理机关 = office.name;
  }
  const [status, statusReason] = registrationStatus(lp, type);
  return {
    type,
    number: lp.uscc,
    ...lpHolder(c),
    issuer: office,
    issueDate: issue,
    validFrom: est,
    validTo,
    status,
    statusReason,
    content,
    photoDigest: null,
    fingerprintEnrolled: null,
  };
}

/** A permit's status: revoked with its holder, otherwise a few suspended or revoked by penalty. */
function permitStatus(rng: Rng, lp: SyntheticLegalPerson, suspended: [number, string], revoked: [number, string]): [StoredStatus, string | null] {
  if (lp.status !== 'ACTIVE') return ['REVOKED', '注销（市场主体已注销、被吊销营业执照或迁出）'];
  if (rng.chance(suspended[0])) return ['SUSPENDED', suspended[1]];
  if (rng.chance(revoked[0])) return ['REVOKED', revoked[1]];
  return ['VALID', null];
}

/** First issue of a permit: soon after establishment, or in the years after the scheme began. */
function firstPermit(rng: Rng, est: string, schemeFrom: string, schemeUntil: string): string | null {
  const first = est >= schemeFrom ? dateBetween(rng, addDays(est, 7), addDays(est, 90)) : dateBetween(rng, schemeFrom, schemeUntil);
  return first > REFERENCE_DATE ? null : first;
}

const isBusiness = (lp: SyntheticLegalPerson) => lp.kind === 'ENTERPRISE' || lp.kind === 'INDIVIDUAL_BUSINESS';

function foodPermit(c: LpContext): SyntheticLicense | null {
  const { lp, representative } = c;
  if (!isBusiness(lp) || !/餐饮|食品/.test(lp.businessScope)) return null;
  const rng = rngFor('license-food', lp.index);
  if (!rng.chance(0.9)) return null;
  const first = firstPermit(rng, lp.establishedDate, '2015-10-01', '2017-12-31'); // 食品经营许可管理办法, 2015-10-01
  if (!first) return null;
  const { issue, validTo } = renewals(rng, first, yearsLater(5), 0.06, 60);
  const catering = /餐饮/.test(lp.businessScope);
  const items = catering
    ? /小餐饮/.test(lp.businessScope)
      ? '热食类食品制售（小餐饮）'
      : rng.chance(0.4)
        ? '热食类食品制售；冷食类食品制售'
        : '热食类食品制售'
    : /保健食品/.test(lp.businessScope)
      ? '保健食品销售'
      : '预包装食品（含冷藏冷冻食品）销售；散装食品（不含冷藏冷冻食品）销售';
  const digits = `${catering ? 2 : 1}${lp.registeredDivisionCode}${pad(serial(lp.index, 1_000_000, 11_223_344), 6)}`;
  const office = issuer('MARKET_REGULATION', lp.registeredDivisionCode);
  const [status, statusReason] = permitStatus(rng, lp, [0.02, '暂扣（食品安全违法行为查处期间）'], [0.015, '吊销（食品安全违法）']);
  return {
    type: 'FOOD_BUSINESS_PERMIT',
    number: `JY${digits}${luhnCheckDigit(digits)}`,
    ...lpHolder(c),
    issuer: office,
    issueDate: issue,
    validFrom: issue,
    validTo,
    status,
    statusReason,
    content: {
      经营者名称: lp.name,
      社会信用代码: lp.uscc,
      '法定代表人（负责人）': representative,
      住所: lp.registeredAddress,
      经营场所: lp.registeredAddress,
      主体业态: catering ? '餐饮服务经营者' : '食品销售经营者',
      经营项目: items,
      有效期至: validTo ?? '长期',
      日常监督管理机构: office.name,
    },
    photoDigest: null,
    fingerprintEnrolled: null,
  };
}

function roadTransportPermit(c: LpContext): SyntheticLicense | null {
  const { lp, representative } = c;
  if (lp.kind !== 'ENTERPRISE' || !/道路运输/.test(lp.businessScope)) return null;
  const rng = rngFor('license-road-transport', lp.index);
  if (!rng.chance(0.9)) return null;
  const first = firstPermit(rng, lp.establishedDate, '2010-01-01', '2012-12-31');
  if (!first) return null;
  const { issue, validTo } = renewals(rng, first, yearsLater(4), 0.05, 60);
  const [status, statusReason] = permitStatus(rng, lp, [0.03, '暂扣（未按规定维护和检测运输车辆）'], [0.01, '吊销（违法转让、出租道路运输许可证件）']);
  return {
    type: 'ROAD_TRANSPORT_PERMIT',
    number: `湘交运管许可衡字${lp.registeredDivisionCode}${pad(serial(lp.index, 1_000_000, 55_667_788), 6)}号`,
    ...lpHolder(c),
    issuer: issuer('TRANSPORT', lp.registeredDivisionCode),
    issueDate: issue,
    validFrom: issue,
    validTo,
    status,
    statusReason,
    content: {
      业户名称: lp.name,
      地址: lp.registeredAddress,
      法定代表人: representative,
      经济类型: companyType(lp.name),
      经营范围: rng.chance(0.3) ? '道路普通货物运输；货物专用运输（集装箱）' : '道路普通货物运输',
      有效期限: period(issue, validTo),
    },
    photoDigest: null,
    fingerprintEnrolled: null,
  };
}

function hygienePermit(c: LpContext): SyntheticLicense | null {
  const { lp, representative } = c;
  if (!isBusiness(lp) || !/理发|美容/.test(lp.businessScope)) return null;
  const rng = rngFor('license-hygiene', lp.index);
  if (!rng.chance(0.95)) return null;
  const first = firstPermit(rng, lp.establishedDate, '2016-01-01', '2019-12-31');
  if (!first) return null;
  const { issue, validTo } = renewals(rng, first, yearsLater(4), 0.05, 60);
  const [status, statusReason] = permitStatus(rng, lp, [0.01, '暂扣（卫生检测不合格，限期整改）'], [0, '']);
  return {
    type: 'PUBLIC_PLACE_HYGIENE_PERMIT',
    number: `衡卫公字(${issue.slice(0, 4)})第${lp.registeredDivisionCode}${pad(serial(lp.index, 1_000_000, 99_887_766), 6)}号`,
    ...lpHolder(c),
    issuer: issuer('HEALTH', lp.registeredDivisionCode),
    issueDate: issue,
    validFrom: issue,
    validTo,
    status,
    statusReason,
    content: {
      单位名称: lp.name,
      '法定代表人（负责人）': representative,
      地址: lp.registeredAddress,
      许可项目: '理发店、美容店',
      有效期限: period(issue, validTo),
    },
    photoDigest: null,
    fingerprintEnrolled: null,
  };
}

function premisesCertificate(c: LpContext): SyntheticLicense | null {
  const { lp } = c;
  if (lp.kind !== 'ENTERPRISE' || lp.status !== 'ACTIVE') return null;
  const rng = rngFor('license-real-estate-legal-person', lp.index);
  if (!rng.chance(0.3)) return null;
  const office = realEstateOffice(lp.registeredDivisionCode);
  const issue = dateBetween(rng, maxDate(lp.establishedDate, '2016-01-01'), REFERENCE_DATE);
  const industrial = /制造|生产|加工/.test(lp.businessScope);
  const landFrom = dateBetween(rng, maxDate(lp.establishedDate, '1995-01-01'), issue);
  return {
    type: 'REAL_ESTATE_CERTIFICATE',
    number: realEstateNumber(office, issue, 2 * lp.index + 1),
    ...lpHolder(c),
    issuer: issuer('NATURAL_RESOURCES', office),
    issueDate: issue,
    validFrom: issue,
    validTo: null,
    status: 'VALID',
    statusReason: null,
    content: {
      权利人: lp.name,
      共有情况: '单独所有',
      坐落: lp.registeredAddress,
      不动产单元号: realEstateUnit(rng, lp.registeredDivisionCode === CITY_CODE ? '430408' : lp.registeredDivisionCode, false),
      权利类型: '国有建设用地使用权/房屋所有权',
      权利性质: industrial ? '出让/自建房' : '出让/市场化商品房',
      用途: industrial ? '工业用地/工业' : '商服用地/商业服务',
      面积: `宗地面积${area(rng, 500, 50000)}㎡/房屋建筑面积${area(rng, 80, 20000)}㎡`,
      使用期限: `${landFrom}起${addDays(addYears(landFrom, industrial ? 50 : 40), -1)}止`,
      权利其他状况: `房屋结构：${industrial ? '钢结构' : '钢筋混凝土结构'}；总层数：${rng.int(1, 24)}`,
    },
    photoDigest: null,
    fingerprintEnrolled: null,
  };
}

/** Licences of legal person #index in a city of `personCount` persons, in catalogue order. */
export function legalPersonLicenses(index: number, personCount: number): SyntheticLicense[] {
  const lp = syntheticLegalPerson(index, personCount);
  const c: LpContext = { lp, representative: syntheticPerson(lp.legalRepresentativeIndex).name };
  return [premisesCertificate(c), registrationCertificate(c), foodPermit(c), roadTransportPermit(c), hygienePermit(c)].filter(
    (l): l is SyntheticLicense => l !== null,
  );
}

/** Every licence of a city of `scale` persons: persons' first, then legal persons'. */
export function* cityLicenses(scale: number): Generator<SyntheticLicense> {
  for (let i = 0; i < scale; i++) yield* personLicenses(i);
  for (let k = 0; k < legalPersonCount(scale); k++) yield* legalPersonLicenses(k, scale);
}
