/**
 * One file on purpose (over 300 lines): the generator of one register, a single deterministic stream that must not be split across modules.
 *
 * Synthetic legal persons of Hengyang (法人基础库): enterprises, individual businesses, farmers'
 * cooperatives, public institutions and social organisations. Legal person #i is a pure function
 * of (i, personCount), like people.ts, so the legal-person, e-license and credit seeds agree.
 *
 * The USCC's first two characters follow GB 32100's table for the kind (9/1 enterprise, 9/2
 * individual business, 9/3 farmers' cooperative — registered by market regulation, not by
 * agriculture, whose N is for rural collective economic organisations —, 1/1 or 1/2 for organs
 * and institutions, 5/1-5/3 for social organisations), and its organisation code is numeric for
 * bodies older than the 2015 reform, "MA…"/"MB…"/"MJ…" for newer ones.
 *
 * Unique USCCs: the organisation code body is an affine bijection of the index within its style
 * (mod 10^8 for numeric, mod 31^6 after the two letters), and styles never collide, so codes are
 * unique for every index below 10^8.
 */
import { makeUscc, UsccBodyStyle } from '../../platform/ids/uscc';
import { OPERATOR_PLACEHOLDER } from '../../platform/policy/carried';
import { CITY_CODE, CITY_NAME, COUNTY_DIVISIONS, COUNTY_WEIGHTS, Division, isUrban } from '../../reference/divisions';
import { MOBILE_PREFIXES, TRADE_NAMES } from './names';
import { syntheticPerson, SYNTHETIC_REFERENCE_YEAR } from './people';
import { Rng, rngFor } from './random';

export type LegalPersonKind = 'ENTERPRISE' | 'INDIVIDUAL_BUSINESS' | 'INSTITUTION' | 'SOCIAL_ORGANISATION' | 'FARMERS_COOPERATIVE';
export type LegalPersonStatus = 'ACTIVE' | 'REVOKED' | 'CANCELLED' | 'MOVED_OUT';

export interface SyntheticLegalPerson {
  index: number;
  uscc: string;
  /** The registered name, as written on the licence (个体工商户（王敏淑） carries the operator's name). */
  name: string;
  /**
   * The name as the legal-person database stores and searches it: the operator's full name, when
   * the name carries it, replaced by OPERATOR_PLACEHOLDER (platform/policy/carried.ts).
   */
  nameTemplate: string;
  /** The operator's full name when `name` carries it (a Person.name-class value), else null. */
  operatorName: string | null;
  kind: LegalPersonKind;
  /** Person index in [0, personCount) of the legal representative (法定代表人 / 经营者 / 负责人). */
  legalRepresentativeIndex: number;
  /** CNY yuan: registered capital, contributions or start-up funds; null for individual businesses. */
  registeredCapital: number | null;
  /** YYYY-MM-DD */
  establishedDate: string;
  businessScope: string;
  /** ACTIVE 存续/在业, REVOKED 吊销, CANCELLED 注销, MOVED_OUT 迁出. */
  status: LegalPersonStatus;
  registrationAuthority: string;
  /** Division of the registering office: the city (430400) or one of its 12 county-level units. */
  registeredDivisionCode: string;
  registeredAddress: string;
  /** True when the registered address is the representative's household address (a business run from home). */
  registeredAtHome: boolean;
  contactPhone: string;
}

/** Share of individual businesses registered at their operator's household address (own stream). */
const REGISTERED_AT_HOME_SHARE = 0.3;

/** Shares of each kind among Hengyang's registered bodies (individual businesses are the majority). */
const KIND_WEIGHTS: readonly (readonly [LegalPersonKind, number])[] = [
  ['INDIVIDUAL_BUSINESS', 52],
  ['ENTERPRISE', 36],
  ['FARMERS_COOPERATIVE', 5],
  ['INSTITUTION', 4],
  ['SOCIAL_ORGANISATION', 3],
];

// prettier-ignore
const INDUSTRIES: readonly (readonly [string, string])[] = [
  ['建材', '建筑材料、五金产品、水暖器材的销售'],
  ['物流', '普通货物道路运输；仓储服务（不含危险化学品）；装卸搬运'],
  ['餐饮管理', '餐饮服务；餐饮管理；食品销售'],
  ['房地产开发', '房地产开发经营；物业管理；房屋租赁'],
  ['商贸', '日用百货、服装鞋帽、家用电器的批发和零售'],
  ['农业开发', '农产品种植、收购与销售；农业技术推广服务'],
  ['科技', '软件开发；信息技术咨询服务；计算机系统集成'],
  ['机械制造', '通用设备制造；机械零部件加工及销售'],
  ['医药', '药品零售；医疗器械销售；保健食品销售'],
  ['建筑工程', '房屋建筑工程、市政公用工程施工；劳务分包'],
  ['装饰工程', '建筑装饰装修工程设计与施工'],
  ['环保科技', '环保技术开发；污水处理；固体废物治理'],
  ['教育咨询', '教育信息咨询（不含培训）；文化艺术交流活动策划'],
  ['汽车销售服务', '汽车及零配件销售；汽车维修与保养'],
  ['食品', '食品生产；预包装食品批发与零售'],
  ['新能源', '太阳能发电设备安装；新能源技术推广'],
];

// prettier-ignore
const SHOPS: readonly (readonly [string, string])[] = [
  ['米粉店', '餐饮服务（小餐饮）'], ['便利店', '预包装食品、日用百货零售'], ['五金店', '五金产品、电料零售'],
  ['理发店', '理发及美容服务'], ['服装店', '服装鞋帽零售'], ['手机维修店', '通讯设备维修及配件零售'],
  ['水果店', '水果、干果零售'], ['早餐店', '餐饮服务（小餐饮）'], ['副食店', '预包装食品、烟酒零售'],
  ['农资店', '化肥、农药（不含危险化学品）、种子零售'], ['汽车修理店', '机动车维修'], ['小吃店', '餐饮服务（小餐饮）'],
];

const COOP_PRODUCTS = ['油茶种植', '水稻种植', '生猪养殖', '蔬菜种植', '茶叶种植', '黄花菜种植', '水产养殖', '柑橘种植', '中药材种植', '农机服务'];
const INSTITUTIONS = [
  '第一中学',
  '第三中学',
  '人民医院',
  '中医医院',
  '疾病预防控制中心',
  '档案馆',
  '图书馆',
  '农业技术推广中心',
  '公共就业服务中心',
  '妇幼保健院',
];
const ORGANS = ['财政局', '教育局', '农业农村局', '自然资源局', '住房和城乡建设局', '交通运输局', '卫生健康委员会', '文化旅游广电体育局'];
const ASSOCIATIONS = ['建材行业协会', '个体劳动者协会', '摄影家协会', '餐饮行业协会', '物流协会', '老年人体育协会', '志愿者协会'];
const NON_ENTERPRISES = ['培训学校', '养老院', '幼儿园', '社会工作服务中心', '康复中心'];

/** Founding year: most bodies are recent (Hengyang's registrations grew fast after 2010). */
function foundingYear(rng: Rng, kind: LegalPersonKind): number {
  if (kind === 'INSTITUTION') return rng.int(1950, 2020);
  if (kind === 'FARMERS_COOPERATIVE') return rng.int(2008, 2024); // the cooperatives law took effect in 2007-07
  const [from, to] = rng.weightedPick<[number, number]>([
    [[1985, 1999], 1],
    [[2000, 2009], 2],
    [[2010, 2015], 3],
    [[2016, 2024], 6],
  ]);
  return rng.int(from, to);
}

function dateIn(rng: Rng, year: number): string {
  return new Date(Date.UTC(year, 0, 1 + rng.int(0, 364))).toISOString().slice(0, 10);
}

/** Place name as it starts an organisation's name: 衡阳市, 衡阳市蒸湘区, 衡阳县. */
const placeName = (d: Division | null) => (d === null ? CITY_NAME : isUrban(d) ? CITY_NAME + d.name : d.name);

const URBAN_WEIGHTS = COUNTY_WEIGHTS.filter(([d]) => isUrban(d));
const RURAL_WEIGHTS = COUNTY_WEIGHTS.filter(([d]) => !isUrban(d));

/** Registered capital in yuan, log-uniform, rounded to 10 000 (or 1 000 for small amounts). */
function capital(rng: Rng, min: number, max: number): number {
  const v = Math.exp(Math.log(min) + rng.next() * (Math.log(max) - Math.log(min)));
  const unit = v >= 100_000 ? 10_000 : 1_000;
  return Math.max(unit, Math.round(v / unit) * unit);
}

/** USCC authority, type and body style for a kind founded in a year. */
function usccShape(rng: Rng, kind: LegalPersonKind, year: number): [string, string, UsccBodyStyle] {
  const reformed = year >= 2016; // codes issued after the 2015 reform use the new organisation codes
  switch (kind) {
    case 'ENTERPRISE':
      return ['9', '1', reformed ? 'MA' : 'NUMERIC'];
    case 'INDIVIDUAL_BUSINESS':
      return ['9', '2', 'MA']; // individual businesses had no organisation code before: all new
    case 'FARMERS_COOPERATIVE':
      return ['9', '3', reformed ? 'MA' : 'NUMERIC'];
    case 'INSTITUTION':
      return ['1', rng.chance(0.25) ? '1' : '2', reformed ? 'MB' : 'NUMERIC'];
    case 'SOCIAL_ORGANISATION':
      return [
        '5',
        rng.weightedPick([
          ['1', 50],
          ['2', 45],
          ['3', 5],
        ] as const),
        reformed ? 'MJ' : 'NUMERIC',
      ];
  }
}

/**
 * Serial of the organisation code: an affine bijection of the index within each style's range
 * (multipliers coprime to 10^8 and to 31^6), so neighbouring indices get unrelated-looking codes.
 * BigInt because index × multiplier exceeds 2^53.
 */
function serialFor(index: number, style: UsccBodyStyle): number {
  const [a, b, m] = style === 'NUMERIC' ? [48_271_337n, 40_217_653n, 100_000_000n] : [387_420_489n, 24_680_135n, 31n ** 6n];
  return Number((BigInt(index) * a + b) % m);
}

function address(rng: Rng, d: Division): string {
  const road = rng.pick(d.roads);
  const suffix = isUrban(d)
    ? rng.pick(['', `${rng.int(1, 30)}栋${rng.int(1, 25)}0${rng.int(1, 9)}室`, `门面${rng.int(1, 40)}号`])
    : rng.pick(['', `门面${rng.int(1, 20)}号`]);
  return `${d.fullName}${road}${rng.int(1, 600)}号${suffix}`;
}

function contactPhone(rng: Rng): string {
  if (rng.chance(0.6)) return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
  return `0734-8${String(rng.int(0, 999_999)).padStart(6, '0')}`; // 0734: Hengyang's area code
}

/** The year by which a body's current legal representative was an adult: see representative(). */
export function representativeAdultBy(foundedYear: number): number {
  return Math.max(foundedYear, SYNTHETIC_REFERENCE_YEAR - 20);
}

/**
 * The current legal representative: the founder of a body from the last 20 years (so an adult at
 * founding), a successor for an older one (an adult 20 years ago); alive if the body is active.
 * One in six bodies draws from a small pool of serial founders, so some people represent several.
 */
function representative(rng: Rng, personCount: number, foundedYear: number, active: boolean): number {
  const pool = Math.max(1, Math.floor(personCount / 50));
  const adultBy = representativeAdultBy(foundedYear);
  let candidate = 0;
  for (let attempt = 0; attempt < 30; attempt++) {
    candidate = rng.chance(1 / 6) ? Math.floor((rng.int(0, pool - 1) * personCount) / pool) : rng.int(0, personCount - 1);
    const p = syntheticPerson(candidate);
    if (Number(p.birthDate.slice(0, 4)) + 18 <= adultBy && (!active || p.status === 'ALIVE')) return candidate;
  }
  return candidate; // tiny person counts may have no fitting adult: keep determinism, accept the last
}

function nameFor(
  rng: Rng,
  kind: LegalPersonKind,
  office: Division | null,
  industry: readonly [string, string],
  shop: readonly [string, string],
  repName: string,
  organ: boolean,
): string {
  const trade = rng.pick(TRADE_NAMES);
  const place = placeName(office);
  switch (kind) {
    case 'ENTERPRISE': {
      // Company names carry the city or county, rarely an urban district: 衡阳市鑫盛建材有限公司, 耒阳市…, 湖南…
      const prefix = rng.pick(office && !isUrban(office) ? [office.name, office.name, '衡阳', '湖南'] : [CITY_NAME, CITY_NAME, '衡阳', '湖南']);
      return `${prefix}${trade}${industry[0]}${rng.weightedPick([
        ['有限公司', 80],
        ['有限责任公司', 16],
        ['股份有限公司', 4],
      ])}`;
    }
    case 'INDIVIDUAL_BUSINESS':
      // About a fifth are named after the operator: the name then carries a Person.name value.
      return rng.chance(0.2) ? `个体工商户（${OPERATOR_PLACEHOLDER}）` : `${place}${rng.chance(0.3) ? repName[0] + '记' : trade}${shop[0]}`;
    case 'FARMERS_COOPERATIVE':
      return `${place}${trade}${rng.pick(COOP_PRODUCTS)}专业合作社`;
    case 'INSTITUTION':
      return `${place}${organ ? rng.pick(ORGANS) : rng.pick(INSTITUTIONS)}`;
    case 'SOCIAL_ORGANISATION':
      return rng.chance(0.5) ? `${place}${rng.pick(ASSOCIATIONS)}` : `${place}${trade}${rng.pick(NON_ENTERPRISES)}`;
  }
}

function scopeFor(kind: LegalPersonKind, organ: boolean, industry: readonly [string, string], shop: readonly [string, string]): string {
  switch (kind) {
    case 'ENTERPRISE':
      return `${industry[1]}。（依法须经批准的项目，经相关部门批准后方可开展经营活动）`;
    case 'INDIVIDUAL_BUSINESS':
      return shop[1];
    case 'FARMERS_COOPERATIVE':
      return '组织收购、销售成员生产的农产品；为成员提供农业生产资料购买、技术培训和信息服务';
    case 'INSTITUTION':
      return organ ? '依照法律法规履行本级人民政府确定的行政管理职责' : '依照法律法规提供公益服务，促进社会事业发展';
    case 'SOCIAL_ORGANISATION':
      return '依照章程开展行业服务、交流、培训和公益活动';
  }
}

export function syntheticLegalPerson(index: number, personCount: number): SyntheticLegalPerson {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`legal person index must be a non-negative integer, got ${index}`);
  if (!Number.isSafeInteger(personCount) || personCount < 1) throw new RangeError(`personCount must be a positive integer, got ${personCount}`);
  const rng = rngFor('legal-person', index);
  const kind = rng.weightedPick(KIND_WEIGHTS);

  // Registering office: the city bureau for a share of bodies, otherwise a county-level one.
  // Cooperatives are rural; the city's own bodies sit in the urban districts.
  const cityLevel = kind !== 'FARMERS_COOPERATIVE' && rng.chance(kind === 'SOCIAL_ORGANISATION' ? 0.4 : kind === 'INSTITUTION' ? 0.3 : 0.2);
  const office: Division | null = cityLevel ? null : rng.weightedPick(kind === 'FARMERS_COOPERATIVE' ? RURAL_WEIGHTS : COUNTY_WEIGHTS);
  const located = office ?? rng.weightedPick(URBAN_WEIGHTS);
  const place = placeName(office);

  const year = foundingYear(rng, kind);
  const [authority, orgType, style] = usccShape(rng, kind, year);
  const divisionCode = office?.code ?? CITY_CODE;
  const status = rng.weightedPick<LegalPersonStatus>([
    ['ACTIVE', 85],
    ['CANCELLED', 8],
    ['REVOKED', 5],
    ['MOVED_OUT', 2],
  ]);
  const legalRepresentativeIndex = representative(rng, personCount, year, status === 'ACTIVE');
  const repName = syntheticPerson(legalRepresentativeIndex).name;

  const industry = rng.pick(INDUSTRIES);
  const shop = rng.pick(SHOPS);
  const organ = authority === '1' && orgType === '1';
  const nameTemplate = nameFor(rng, kind, office, industry, shop, repName, organ);
  const operatorName = nameTemplate.includes(OPERATOR_PLACEHOLDER) ? repName : null;
  const name = operatorName ? nameTemplate.split(OPERATOR_PLACEHOLDER).join(operatorName) : nameTemplate;
  const registrationAuthority = authority === '9' ? `${place}市场监督管理局` : authority === '1' ? `${place}机构编制委员会办公室` : `${place}民政局`;

  const registeredCapital =
    kind === 'ENTERPRISE'
      ? capital(rng, 100_000, 50_000_000)
      : kind === 'FARMERS_COOPERATIVE'
        ? capital(rng, 100_000, 5_000_000)
        : kind === 'INSTITUTION'
          ? capital(rng, 100_000, 10_000_000)
          : kind === 'SOCIAL_ORGANISATION'
            ? capital(rng, 30_000, 500_000)
            : null;

  // Draw order matters (determinism): established date, address, phone, as they always were.
  const establishedDate = dateIn(rng, Math.min(year, SYNTHETIC_REFERENCE_YEAR - 1));
  const drawnAddress = address(rng, located);
  const phone = contactPhone(rng);
  // An individual business may be registered at its operator's home when that lies in the same
  // county-level unit: its address then carries a Person.householdAddress value. Drawn from its own
  // random stream, so that no other draw moves.
  const operator = syntheticPerson(legalRepresentativeIndex);
  const registeredAtHome =
    kind === 'INDIVIDUAL_BUSINESS' && operator.householdDivisionCode === located.code && rngFor('legal-person-home', index).chance(REGISTERED_AT_HOME_SHARE);

  return {
    index,
    uscc: makeUscc(authority, orgType, divisionCode, serialFor(index, style), style),
    name,
    nameTemplate,
    operatorName,
    kind,
    legalRepresentativeIndex,
    registeredCapital,
    establishedDate,
    businessScope: scopeFor(kind, organ, industry, shop),
    status,
    registrationAuthority,
    registeredDivisionCode: divisionCode,
    registeredAddress: registeredAtHome ? operator.householdAddress : drawnAddress,
    registeredAtHome,
    contactPhone: phone,
  };
}

/** All county-level codes a legal person can be registered under, plus the city: for tests and filters. */
export const REGISTRATION_DIVISION_CODES: readonly string[] = [CITY_CODE, ...COUNTY_DIVISIONS.map((d) => d.code)];
