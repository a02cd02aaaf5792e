/**
 * One file on purpose (over 300 lines): the generator of one register, a single deterministic stream that must not be split across modules.
 *
 * Synthetic credit records of Hengyang (社会信用库). The records of legal person #k and of person #i
 * are pure functions of the index (and, for legal persons, the city's scale, which fixes legal
 * person #k itself), so the credit seed, the tests and any later subgraph agree without reading a
 * database. Every category draws from its own random stream, so changing one category's rules
 * never reshuffles another's.
 *
 * Shares (of all seeded subjects; measured in test/unit/credit-rating.test.ts):
 *  legal persons  ~30% 行政许可, ~8% 行政处罚, ~2% on a black list, ~5% on a red list, ~8% 信用评价;
 *  persons        ~1% 失信被执行人, ~3% 行政处罚, ~1.5% 行政许可 (rural building, fishing).
 * Decisions fall between 2019-01-01 and the synthetic city's "today" (end of 2025); publicity
 * follows subgraphs/credit/rating.ts, and some records were repaired (信用修复) after the
 * minimum publicity, so records in every state exist whatever date they are looked at.
 *
 * Texts about a legal person name it by its nameTemplate: a business named after its operator
 * (个体工商户（{经营者}）) is written with the placeholder, and the credit seed stores the operator's
 * name beside the text, so that the open content never carries a Person.name value in full
 * (platform/policy/carried.ts; issue 8, class 13).
 *
 * Document numbers (文书号) are unique by construction: their serial is a function of
 * (subject kind, subject index, slot). Agency codes are USCCs of organ type (11…) computed from a
 * fixed table; they are synthetic, like everything here.
 */
import { makeUscc } from '../../platform/ids/uscc';
import {
  addDays,
  addMonths,
  BLACK_LISTS,
  blackListTermMonths,
  CreditCategoryName,
  penaltyPublicity,
  PenaltySeverityName,
  periodEnd,
  RED_LISTS,
  SubjectKindName,
} from '../../subgraphs/credit/rating';
import { CITY_CODE, COUNTY_DIVISIONS, Division, divisionByCode, isUrban } from '../../reference/divisions';
import { syntheticLegalPerson, SyntheticLegalPerson } from './enterprises';
import { COMPOUND_SURNAMES, MOBILE_PREFIXES } from './names';
import { syntheticPerson, SYNTHETIC_REFERENCE_YEAR } from './people';
import { Rng, rngFor } from './random';

export interface SyntheticCreditRecord {
  subjectKind: SubjectKindName;
  subjectIndex: number;
  /** Position of the record among its subject's possible records; part of the document serial. */
  slot: number;
  category: CreditCategoryName;
  /** 名单名称 / 许可事项 / 处罚种类 / 评价结果. */
  listName: string;
  severity: PenaltySeverityName | null;
  agencyName: string;
  agencyCode: string;
  decisionNumber: string;
  decisionDate: string;
  validFrom: string | null;
  validTo: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  repairedDate: string | null;
  content: string;
  /** 案件来源、举报人、调查材料: never shared (NONE). */
  caseFile: string | null;
}

export const FIRST_DECISION_DATE = '2019-01-01';
export const LAST_DECISION_DATE = `${SYNTHETIC_REFERENCE_YEAR}-12-31`;
/** The synthetic city's "today", for tests that want stable answers whatever the clock says. */
export const CREDIT_REFERENCE_DATE = LAST_DECISION_DATE;

// ---- agencies ---------------------------------------------------------------------------------

type AgencyKind =
  | 'MARKET'
  | 'ECOLOGY'
  | 'TRANSPORT'
  | 'HOUSING'
  | 'AGRICULTURE'
  | 'HEALTH'
  | 'URBAN'
  | 'EMERGENCY'
  | 'NATURAL_RESOURCES'
  | 'POLICE'
  | 'TAX'
  | 'TAX_INSPECTION'
  | 'COURT'
  | 'PROVINCE_MARKET';

const AGENCY_KINDS: readonly AgencyKind[] = [
  'MARKET',
  'ECOLOGY',
  'TRANSPORT',
  'HOUSING',
  'AGRICULTURE',
  'HEALTH',
  'URBAN',
  'EMERGENCY',
  'NATURAL_RESOURCES',
  'POLICE',
  'TAX',
  'TAX_INSPECTION',
  'COURT',
  'PROVINCE_MARKET',
];

export interface CreditAgency {
  name: string;
  /** 统一社会信用代码 of the agency. */
  code: string;
  /** Prefix of its documents' numbers (机关代字): 衡蒸市监, 耒环 … */
  docPrefix: string;
}

/** 机关代字 of each county-level unit and the city, as they start document numbers. */
const DOC_PLACE: Record<string, string> = {
  '430400': '衡',
  '430405': '衡珠',
  '430406': '衡雁',
  '430407': '衡石',
  '430408': '衡蒸',
  '430412': '衡岳',
  '430421': '衡县',
  '430422': '衡南',
  '430423': '衡山',
  '430424': '衡东',
  '430426': '祁东',
  '430481': '耒',
  '430482': '常',
};

/** Name of the place as it starts an agency's name: 衡阳市, 衡阳市蒸湘区, 衡阳县. */
const placeName = (d: Division | null) => (d === null ? '衡阳市' : isUrban(d) ? `衡阳市${d.name}` : d.name);
/** 蒸湘, 衡南, 耒阳: the unit's name without 区/县/市. */
const shortName = (d: Division) => d.name.replace(/[区县市]$/, '');

const agencyCache = new Map<string, CreditAgency>();

/** The agency of a kind for a division (430400 = the city's own). */
export function creditAgency(kind: AgencyKind, divisionCode: string): CreditAgency {
  const cacheKey = `${kind}:${divisionCode}`;
  const cached = agencyCache.get(cacheKey);
  if (cached) return cached;
  const d = divisionCode === CITY_CODE || kind === 'PROVINCE_MARKET' ? null : divisionByCode(divisionCode);
  const place = placeName(d);
  const p = DOC_PLACE[divisionCode] ?? '衡';
  let name: string;
  let docPrefix: string;
  let codeDivision = divisionCode;
  switch (kind) {
    case 'MARKET':
      name = `${place}市场监督管理局`;
      docPrefix = `${p}市监`;
      break;
    case 'ECOLOGY':
      name = d ? `衡阳市生态环境局${shortName(d)}分局` : '衡阳市生态环境局';
      docPrefix = `${p}环`;
      break;
    case 'TRANSPORT':
      name = `${place}交通运输局`;
      docPrefix = `${p}交`;
      break;
    case 'HOUSING':
      name = `${place}住房和城乡建设局`;
      docPrefix = `${p}建`;
      break;
    case 'AGRICULTURE':
      name = `${place}农业农村局`;
      docPrefix = `${p}农`;
      break;
    case 'HEALTH':
      name = d ? `${place}卫生健康局` : '衡阳市卫生健康委员会';
      docPrefix = `${p}卫`;
      break;
    case 'URBAN':
      name = `${place}城市管理和综合执法局`;
      docPrefix = `${p}城管`;
      break;
    case 'EMERGENCY':
      name = `${place}应急管理局`;
      docPrefix = `${p}应急`;
      break;
    case 'NATURAL_RESOURCES':
      name = `${place}自然资源局`;
      docPrefix = `${p}自然资`;
      break;
    case 'POLICE':
      name = `${place}公安局`;
      docPrefix = `${p}公`;
      break;
    case 'TAX':
      name = `国家税务总局${place}税务局`;
      docPrefix = `${p}税`;
      break;
    case 'TAX_INSPECTION':
      name = '国家税务总局衡阳市税务局第一稽查局';
      docPrefix = '衡税一稽';
      codeDivision = CITY_CODE;
      break;
    case 'COURT':
      name = d ? `${place}人民法院` : '衡阳市中级人民法院';
      docPrefix = `湘${divisionCode === CITY_CODE ? '04' : divisionCode.slice(2)}`;
      break;
    case 'PROVINCE_MARKET':
      name = '湖南省市场监督管理局';
      docPrefix = '湘市监';
      codeDivision = '430000';
      break;
  }
  // Organ (机关) USCC: authority 1, type 1; a fixed serial per (kind, division).
  const ordinal = codeDivision === CITY_CODE || codeDivision === '430000' ? 0 : 1 + COUNTY_DIVISIONS.findIndex((c) => c.code === codeDivision);
  const code = makeUscc('1', '1', codeDivision, 6_100_000 + AGENCY_KINDS.indexOf(kind) * 100 + ordinal, 'NUMERIC');
  const agency = { name, code, docPrefix };
  agencyCache.set(cacheKey, agency);
  return agency;
}

// ---- helpers ----------------------------------------------------------------------------------

const yearOf = (date: string) => Number(date.slice(0, 4));
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A uniform date in [from, to] (inclusive). */
function dateBetween(rng: Rng, from: string, to: string): string {
  return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}

/** Serial of a document number: unique for (subject kind, subject index, slot < SLOTS). */
const SLOTS = 10;
const serialOf = (kind: SubjectKindName, index: number, slot: number) => (index * SLOTS + slot) * 2 + (kind === 'PERSON' ? 1 : 0) + 1;

/** 机关代字 and 处罚 word of a penalty decision: 衡蒸市监处罚, 耒环罚, 衡税一稽罚. */
const penaltyPrefix = (kind: AgencyKind, agency: CreditAgency) => `${agency.docPrefix}${kind === 'MARKET' ? '处罚' : '罚'}`;

/** 衡蒸市监处罚〔2024〕123号 style (公文, GB/T 9704 六角括号). */
const officialNumber = (prefix: string, year: number, serial: number) => `${prefix}〔${year}〕${serial}号`;
/** （2024）湘0408执123号 style (人民法院案号). */
const caseNumber = (court: CreditAgency, year: number, serial: number) => `（${year}）${court.docPrefix}执${serial}号`;

/** Surname of a full name (compound surnames such as 欧阳 have two characters). */
export function surnameOf(name: string): string {
  return COMPOUND_SURNAMES.some(([s]) => name.startsWith(s)) ? name.slice(0, 2) : name.slice(0, 1);
}

const chineseDate = (date: string) => `${yearOf(date)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

function informant(rng: Rng): string {
  const surname = rng.pick(['王', '李', '张', '刘', '陈', '罗', '彭', '谭', '唐', '曾']);
  const phone = rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
  return `群众举报（举报人：${surname}某，联系电话${phone}）`;
}

function caseFileFor(rng: Rng, evidence: string): string {
  const source = rng.weightedPick<() => string>([
    [() => informant(rng), 45],
    [() => '日常监督检查', 30],
    [() => '“双随机、一公开”抽查', 15],
    [() => '上级机关交办', 10],
  ])();
  return `案件来源：${source}。调查材料：${evidence}。`;
}

function yuan(amount: number): string {
  return amount >= 10_000 && amount % 10_000 === 0 ? `${amount / 10_000}万元` : `${amount}元`;
}

interface PenaltyKind {
  agency: AgencyKind;
  /** What the subject did, as it follows the subject's name. */
  offence: string;
  law: string;
}

// prettier-ignore
const PENALTIES_BY_SCOPE: readonly (readonly [RegExp, PenaltyKind])[] = [
  [/餐饮|食品|小吃|早餐|米粉/, { agency: 'MARKET', offence: '经营超过保质期的食品', law: '中华人民共和国食品安全法' }],
  [/药品|医疗器械|保健食品/, { agency: 'MARKET', offence: '未按规定建立并执行进货查验记录制度', law: '中华人民共和国药品管理法' }],
  [/运输|装卸|仓储/, { agency: 'TRANSPORT', offence: '使用未取得道路运输证的车辆从事普通货物运输', law: '中华人民共和国道路运输条例' }],
  [/建筑|施工|装饰|房地产/, { agency: 'HOUSING', offence: '未取得施工许可证擅自施工', law: '中华人民共和国建筑法' }],
  [/污水|固体废物|环保/, { agency: 'ECOLOGY', offence: '超过水污染物排放标准排放水污染物', law: '中华人民共和国水污染防治法' }],
  [/制造|加工|机械/, { agency: 'EMERGENCY', offence: '未按照规定对从业人员进行安全生产教育和培训', law: '中华人民共和国安全生产法' }],
  [/农药|化肥|种子|农产品/, { agency: 'AGRICULTURE', offence: '经营未取得农药登记证的农药', law: '农药管理条例' }],
  [/理发|美容/, { agency: 'HEALTH', offence: '从业人员未取得有效健康合格证明从事直接为顾客服务的工作', law: '公共场所卫生管理条例' }],
];
// prettier-ignore
const GENERIC_PENALTIES: readonly PenaltyKind[] = [
  { agency: 'MARKET', offence: '发布虚假广告', law: '中华人民共和国广告法' },
  { agency: 'MARKET', offence: '销售不合格产品', law: '中华人民共和国产品质量法' },
  { agency: 'MARKET', offence: '经营者未明码标价', law: '中华人民共和国价格法' },
  { agency: 'URBAN', offence: '未经批准擅自设置户外广告设施', law: '城市市容和环境卫生管理条例' },
  { agency: 'TAX', offence: '未按照规定期限办理纳税申报和报送纳税资料', law: '中华人民共和国税收征收管理法' },
];

interface LicenceKind {
  agency: AgencyKind;
  item: string;
  /** Term in years. */
  years: number;
  /** Abbreviation in the document number: 衡蒸市监食许〔2024〕… */
  abbr: string;
}

// prettier-ignore
const LICENCES_BY_SCOPE: readonly (readonly [RegExp, LicenceKind])[] = [
  [/餐饮|食品|小吃|早餐|米粉|便利|副食/, { agency: 'MARKET', item: '食品经营许可', years: 5, abbr: '食许' }],
  [/药品/, { agency: 'MARKET', item: '药品经营许可', years: 5, abbr: '药许' }],
  [/运输/, { agency: 'TRANSPORT', item: '道路运输经营许可', years: 6, abbr: '运许' }],
  [/建筑|施工|装饰/, { agency: 'HOUSING', item: '建筑业企业资质许可', years: 5, abbr: '资许' }],
  [/污水|固体废物|环保|制造|加工/, { agency: 'ECOLOGY', item: '排污许可', years: 5, abbr: '排许' }],
  [/农药/, { agency: 'AGRICULTURE', item: '农药经营许可', years: 5, abbr: '药经许' }],
  [/理发|美容/, { agency: 'HEALTH', item: '公共场所卫生许可', years: 4, abbr: '卫许' }],
  [/医院|保健|卫生/, { agency: 'HEALTH', item: '医疗机构执业许可', years: 5, abbr: '医许' }],
];
const GENERIC_LICENCES: readonly LicenceKind[] = [
  { agency: 'URBAN', item: '户外广告设施设置许可', years: 2, abbr: '广许' },
  { agency: 'URBAN', item: '城市建筑垃圾处置核准', years: 1, abbr: '渣许' },
  { agency: 'HOUSING', item: '城镇污水排入排水管网许可', years: 5, abbr: '排水许' },
];

function scopeMatch<T>(table: readonly (readonly [RegExp, T])[], text: string): T | undefined {
  return table.find(([re]) => re.test(text))?.[1];
}

function severityPenalty(rng: Rng, severity: PenaltySeverityName, capitalish: number): { listName: string; text: string } {
  switch (severity) {
    case 'MINOR':
      return rng.chance(0.5) ? { listName: '警告', text: '警告' } : { listName: '罚款', text: `罚款${yuan(rng.int(1, 10) * 100)}` };
    case 'GENERAL': {
      const fine = rng.int(1, 50) * 1_000;
      return rng.chance(0.6)
        ? { listName: '罚款', text: `罚款${yuan(fine)}` }
        : { listName: '没收违法所得、罚款', text: `没收违法所得${yuan(rng.int(2, 90) * 100)}，并处罚款${yuan(fine)}` };
    }
    case 'SERIOUS': {
      const fine = Math.max(100_000, Math.round((capitalish * 0.05) / 10_000) * 10_000);
      return rng.weightedPick<{ listName: string; text: string }>([
        [{ listName: '责令停产停业', text: `责令停产停业，并处罚款${yuan(fine)}` }, 1],
        [{ listName: '吊销许可证件', text: '吊销许可证件' }, 1],
        [{ listName: '没收违法所得、罚款', text: `没收违法所得${yuan(rng.int(2, 50) * 10_000)}，并处较大数额罚款${yuan(fine)}` }, 2],
      ]);
    }
  }
}

/** Repair (信用修复) date: a share of repairable records were repaired some time after the minimum
 *  publicity and before the end of publicity and before the synthetic "today". */
function repairDate(rng: Rng, share: number, earliest: string, latest: string | null): string | null {
  if (!rng.chance(share)) return null;
  const last = latest === null ? LAST_DECISION_DATE : minDate(latest, LAST_DECISION_DATE);
  if (earliest > last) return null;
  return dateBetween(rng, earliest, last);
}

function blank(kind: SubjectKindName, index: number, slot: number): Pick<SyntheticCreditRecord, 'subjectKind' | 'subjectIndex' | 'slot'> {
  return { subjectKind: kind, subjectIndex: index, slot };
}

// ---- legal persons ----------------------------------------------------------------------------

/** Slots of a legal person's records: document serials depend on them. */
const LP_SLOT = { LICENCE: 0, PENALTY: 2, BLACK_LIST_PENALTY: 5, BLACK_LIST: 6, RED_LIST: 7, RATING: 8 } as const;

function lpPenalty(
  lp: SyntheticLegalPerson,
  rng: Rng,
  slot: number,
  from: string,
  forced?: { severity: PenaltySeverityName; kind?: PenaltyKind; date?: string },
): SyntheticCreditRecord {
  const kind = forced?.kind ?? (rng.chance(0.6) ? scopeMatch(PENALTIES_BY_SCOPE, `${lp.name}${lp.businessScope}`) : undefined) ?? rng.pick(GENERIC_PENALTIES);
  const severity =
    forced?.severity ??
    rng.weightedPick<PenaltySeverityName>([
      ['MINOR', 20],
      ['GENERAL', 65],
      ['SERIOUS', 15],
    ]);
  const decisionDate = forced?.date ?? dateBetween(rng, from, LAST_DECISION_DATE);
  const agency = creditAgency(kind.agency, kind.agency === 'TAX_INSPECTION' ? CITY_CODE : lp.registeredDivisionCode);
  const punishment = severityPenalty(rng, severity, lp.registeredCapital ?? 200_000);
  const publicity = penaltyPublicity(decisionDate, severity);
  return {
    ...blank('LEGAL_PERSON', lp.index, slot),
    category: 'ADMINISTRATIVE_PENALTY',
    listName: punishment.listName,
    severity,
    agencyName: agency.name,
    agencyCode: agency.code,
    decisionNumber: officialNumber(penaltyPrefix(kind.agency, agency), yearOf(decisionDate), serialOf('LEGAL_PERSON', lp.index, slot)),
    decisionDate,
    validFrom: null,
    validTo: null,
    publicityStart: publicity?.start ?? null,
    publicityEnd: publicity?.end ?? null,
    repairedDate: publicity ? repairDate(rng, 0.3, publicity.earliestRepair, publicity.end) : null,
    content: `当事人${lp.nameTemplate}${kind.offence}，违反了《${kind.law}》的规定，依据《${kind.law}》的规定，决定给予${punishment.text}的行政处罚。`,
    caseFile: caseFileFor(rng, '现场检查笔录、询问笔录、抽样检验报告、涉案物品照片及当事人陈述申辩材料'),
  };
}

function lpLicences(lp: SyntheticLegalPerson, from: string): SyntheticCreditRecord[] {
  const rng = rngFor('credit-lp-licence', lp.index);
  if (!rng.chance(0.3)) return [];
  const count = rng.chance(0.3) ? 2 : 1;
  const out: SyntheticCreditRecord[] = [];
  for (let j = 0; j < count; j++) {
    const kind = (j === 0 ? scopeMatch(LICENCES_BY_SCOPE, `${lp.name}${lp.businessScope}`) : undefined) ?? rng.pick(GENERIC_LICENCES);
    const slot = LP_SLOT.LICENCE + j;
    const decisionDate = dateBetween(rng, from, LAST_DECISION_DATE);
    const validTo = periodEnd(decisionDate, kind.years * 12);
    const agency = creditAgency(kind.agency, lp.registeredDivisionCode);
    const serial = serialOf('LEGAL_PERSON', lp.index, slot);
    const licenceNumber = `${lp.registeredDivisionCode}${String(yearOf(decisionDate) % 100).padStart(2, '0')}${String(serial).padStart(8, '0')}`;
    out.push({
      ...blank('LEGAL_PERSON', lp.index, slot),
      category: 'ADMINISTRATIVE_LICENSING',
      listName: kind.item,
      severity: null,
      agencyName: agency.name,
      agencyCode: agency.code,
      decisionNumber: officialNumber(`${agency.docPrefix}${kind.abbr}`, yearOf(decisionDate), serial),
      decisionDate,
      validFrom: decisionDate,
      validTo,
      // 双公示: a licensing decision is published while the licence is valid.
      publicityStart: decisionDate,
      publicityEnd: validTo,
      repairedDate: null,
      content: `准予${lp.nameTemplate}${kind.item}（普通程序），许可证编号${licenceNumber}，有效期自${chineseDate(decisionDate)}至${chineseDate(validTo)}。`,
      caseFile: null,
    });
  }
  return out;
}

function lpPenalties(lp: SyntheticLegalPerson, from: string): SyntheticCreditRecord[] {
  if (lp.kind === 'INSTITUTION') return [];
  const rng = rngFor('credit-lp-penalty', lp.index);
  if (!rng.chance(0.08)) return [];
  const count = rng.weightedPick([
    [1, 75],
    [2, 20],
    [3, 5],
  ] as const);
  return Array.from({ length: count }, (_, j) => lpPenalty(lp, rng, LP_SLOT.PENALTY + j, from));
}

/** A black-list entry, and for the administrative lists the serious penalty it rests on. */
function lpBlackList(lp: SyntheticLegalPerson, from: string): SyntheticCreditRecord[] {
  if (lp.kind === 'INSTITUTION') return [];
  const rng = rngFor('credit-lp-black-list', lp.index);
  if (!rng.chance(0.02)) return [];
  const which = rng.weightedPick<keyof typeof BLACK_LISTS>([
    ['COURT', 60],
    ['TAXATION', lp.kind === 'ENTERPRISE' ? 15 : 0],
    ['MARKET_REGULATION', lp.kind === 'SOCIAL_ORGANISATION' ? 0 : 25],
  ]);
  const listName = BLACK_LISTS[which];
  const slot = LP_SLOT.BLACK_LIST;
  const serial = serialOf('LEGAL_PERSON', lp.index, slot);
  const out: SyntheticCreditRecord[] = [];

  if (which === 'COURT') {
    const court = creditAgency('COURT', lp.registeredDivisionCode);
    const decisionDate = dateBetween(rng, from, LAST_DECISION_DATE);
    const refuses = rng.chance(0.5);
    const term = blackListTermMonths(listName, refuses);
    const publicityEnd = term === null ? null : periodEnd(decisionDate, term);
    const amount = rng.int(2, 500) * 10_000;
    out.push({
      ...blank('LEGAL_PERSON', lp.index, slot),
      category: 'BLACK_LIST',
      listName,
      severity: null,
      agencyName: court.name,
      agencyCode: court.code,
      decisionNumber: caseNumber(court, yearOf(decisionDate), serial),
      decisionDate,
      validFrom: decisionDate,
      validTo: publicityEnd,
      publicityStart: decisionDate,
      publicityEnd,
      // 第十条: deleted once the obligation is performed.
      repairedDate: repairDate(rng, 0.35, addDays(decisionDate, 30), publicityEnd),
      content: refuses
        ? `被执行人${lp.nameTemplate}有履行能力而拒不履行生效法律文书确定的给付义务，未履行金额${yuan(amount)}。`
        : `被执行人${lp.nameTemplate}违反财产报告制度，未如实报告财产，涉案金额${yuan(amount)}。`,
      caseFile: `执行卷宗：财产调查报告、银行账户查询记录、限制消费令送达回证；申请执行人：${rng.pick(['某银行衡阳分行', '某建材公司', '某小额贷款公司'])}。`,
    });
    return out;
  }

  // An administrative list rests on a serious penalty decided shortly before the listing.
  const listingDate = dateBetween(rng, addDays(from, 60), LAST_DECISION_DATE);
  const penaltyDate = addDays(listingDate, -rng.int(20, 60));
  const basis: PenaltyKind =
    which === 'TAXATION'
      ? { agency: 'TAX_INSPECTION', offence: '采取虚假申报手段不缴或者少缴应纳税款，偷税数额较大', law: '中华人民共和国税收征收管理法' }
      : { agency: 'MARKET', offence: '生产销售不符合食品安全标准的食品，情节严重', law: '中华人民共和国食品安全法' };
  const penalty = lpPenalty(lp, rng, LP_SLOT.BLACK_LIST_PENALTY, from, { severity: 'SERIOUS', kind: basis, date: penaltyDate });
  out.push(penalty);

  const agency = which === 'TAXATION' ? creditAgency('TAX_INSPECTION', CITY_CODE) : creditAgency('MARKET', lp.registeredDivisionCode);
  const term = blackListTermMonths(listName)!;
  const publicityEnd = periodEnd(listingDate, term);
  out.push({
    ...blank('LEGAL_PERSON', lp.index, slot),
    category: 'BLACK_LIST',
    listName,
    severity: null,
    agencyName: agency.name,
    agencyCode: agency.code,
    decisionNumber: officialNumber(which === 'TAXATION' ? `${agency.docPrefix}失信` : `${agency.docPrefix}列严`, yearOf(listingDate), serial),
    decisionDate: listingDate,
    validFrom: listingDate,
    validTo: publicityEnd,
    publicityStart: listingDate,
    publicityEnd,
    // Early removal (提前移出 / 提前停止公布) on application, after at least a year.
    repairedDate: repairDate(rng, 0.2, addMonths(listingDate, 12), publicityEnd),
    content:
      which === 'TAXATION'
        ? `${lp.nameTemplate}因偷税被处以罚款（${penalty.decisionNumber}），经确定为重大税收违法失信主体，依法向社会公布。`
        : `${lp.nameTemplate}因${basis.offence}受到较重行政处罚（${penalty.decisionNumber}），性质恶劣、情节严重、社会危害较大，列入严重违法失信名单。`,
    caseFile: caseFileFor(rng, '案件审理报告、集体讨论记录、列入决定送达回证'),
  });
  return out;
}

/** A red-list entry (A级纳税人 for one or more consecutive years, or 守合同重信用), unless the
 *  subject has a black-list entry or a serious penalty (the lists exclude them). */
function lpRedList(lp: SyntheticLegalPerson, from: string, disqualified: boolean): SyntheticCreditRecord[] {
  const rng = rngFor('credit-lp-red-list', lp.index);
  if (disqualified || lp.kind === 'INSTITUTION' || lp.kind === 'SOCIAL_ORGANISATION' || !rng.chance(0.06)) return [];
  const contract = lp.kind === 'ENTERPRISE' && rng.chance(0.3);
  const slot = LP_SLOT.RED_LIST;
  const serial = serialOf('LEGAL_PERSON', lp.index, slot);
  if (contract) {
    // Published every two years; the entry holds for two years.
    const years = [2019, 2021, 2023, 2025].filter((y) => `${y}-06-30` >= from);
    if (!years.length) return [];
    const year = rng.chance(0.6) ? years[years.length - 1] : rng.pick(years);
    const decisionDate = `${year}-06-${String(rng.int(10, 28)).padStart(2, '0')}`;
    const validTo = periodEnd(decisionDate, 24);
    const agency = creditAgency('PROVINCE_MARKET', '430000');
    return [
      {
        ...blank('LEGAL_PERSON', lp.index, slot),
        category: 'RED_LIST',
        listName: RED_LISTS.CONTRACT,
        severity: null,
        agencyName: agency.name,
        agencyCode: agency.code,
        decisionNumber: officialNumber(`${agency.docPrefix}守重`, year, serial),
        decisionDate,
        validFrom: decisionDate,
        validTo,
        publicityStart: decisionDate,
        publicityEnd: validTo,
        repairedDate: null,
        content: `${lp.nameTemplate}被公示为${year - 2}—${year - 1}年度湖南省“守合同重信用”企业。`,
        caseFile: null,
      },
    ];
  }
  // A级纳税人: the result for year Y is published in April of Y+1 and holds for a year.
  const lastYear = rng.chance(0.7) ? SYNTHETIC_REFERENCE_YEAR - 1 : rng.int(2018, SYNTHETIC_REFERENCE_YEAR - 2);
  const firstYear = Math.max(yearOf(from), lastYear - rng.int(0, 2));
  if (firstYear > lastYear) return [];
  const agency = creditAgency('TAX', lp.registeredDivisionCode);
  // One record a year would need more slots: the entry records the latest year, and the content
  // says since when the taxpayer has been A-rated.
  const decisionDate = `${lastYear + 1}-04-${String(rng.int(10, 28)).padStart(2, '0')}`;
  const validTo = periodEnd(decisionDate, 12);
  return [
    {
      ...blank('LEGAL_PERSON', lp.index, slot),
      category: 'RED_LIST',
      listName: RED_LISTS.TAX_A,
      severity: null,
      agencyName: agency.name,
      agencyCode: agency.code,
      decisionNumber: officialNumber(`${agency.docPrefix}信A`, lastYear + 1, serial),
      decisionDate,
      validFrom: decisionDate,
      validTo,
      publicityStart: decisionDate,
      publicityEnd: validTo,
      repairedDate: null,
      content:
        firstYear < lastYear
          ? `${lp.nameTemplate}${firstYear}—${lastYear}年度纳税信用评价结果均为A级。`
          : `${lp.nameTemplate}${lastYear}年度纳税信用评价结果为A级。`,
      caseFile: null,
    },
  ];
}

/** A tax credit evaluation other than A (B, M for new taxpayers, C). */
function lpRating(lp: SyntheticLegalPerson, from: string, hasTaxA: boolean): SyntheticCreditRecord[] {
  const rng = rngFor('credit-lp-rating', lp.index);
  if (hasTaxA || lp.kind === 'INSTITUTION' || lp.kind === 'SOCIAL_ORGANISATION' || !rng.chance(0.09)) return [];
  const year = rng.int(Math.max(2018, yearOf(from)), SYNTHETIC_REFERENCE_YEAR - 1);
  if (year >= SYNTHETIC_REFERENCE_YEAR) return [];
  const grade = rng.weightedPick([
    ['B', 70],
    ['M', 20],
    ['C', 10],
  ] as const);
  const decisionDate = `${year + 1}-04-${String(rng.int(10, 28)).padStart(2, '0')}`;
  if (decisionDate < from) return [];
  const validTo = periodEnd(decisionDate, 12);
  const agency = creditAgency('TAX', lp.registeredDivisionCode);
  const slot = LP_SLOT.RATING;
  return [
    {
      ...blank('LEGAL_PERSON', lp.index, slot),
      category: 'CREDIT_RATING',
      listName: `纳税信用${grade}级`,
      severity: null,
      agencyName: agency.name,
      agencyCode: agency.code,
      decisionNumber: officialNumber(`${agency.docPrefix}信评`, year + 1, serialOf('LEGAL_PERSON', lp.index, slot)),
      decisionDate,
      validFrom: decisionDate,
      validTo,
      publicityStart: decisionDate,
      publicityEnd: validTo,
      repairedDate: null,
      content: `${lp.nameTemplate}${year}年度纳税信用评价结果为${grade}级。`,
      caseFile: null,
    },
  ];
}

/** The credit records of legal person #index in a city of `scale` persons, by decision date. */
export function syntheticLegalPersonCreditRecords(
  index: number,
  scale: number,
  lp: SyntheticLegalPerson = syntheticLegalPerson(index, scale),
): SyntheticCreditRecord[] {
  const from = maxDate(lp.establishedDate, FIRST_DECISION_DATE);
  if (from > LAST_DECISION_DATE) return [];
  const black = lpBlackList(lp, from);
  const penalties = lpPenalties(lp, from);
  const disqualified = black.length > 0 || penalties.some((p) => p.severity === 'SERIOUS');
  const red = lpRedList(lp, from, disqualified);
  const records = [
    ...lpLicences(lp, from),
    ...penalties,
    ...black,
    ...red,
    ...lpRating(
      lp,
      from,
      red.some((r) => r.listName === RED_LISTS.TAX_A),
    ),
  ];
  return records.sort((a, b) => (a.decisionDate < b.decisionDate ? -1 : a.decisionDate > b.decisionDate ? 1 : a.slot - b.slot));
}

// ---- persons ----------------------------------------------------------------------------------

const PERSON_SLOT = { BLACK_LIST: 0, PENALTY: 1, LICENCE: 3 } as const;

interface PersonalPenaltyKind {
  agency: AgencyKind;
  /** Four characters: what a default mask KEEP(5,0) leaves visible, with the colon. */
  type: string;
  act: (place: string) => string;
  law: string;
  severities: readonly (readonly [PenaltySeverityName, number])[];
}

// prettier-ignore
const PERSONAL_PENALTIES: readonly PersonalPenaltyKind[] = [
  { agency: 'POLICE', type: '无证驾驶', act: (place) => `在${place}驾驶机动车，未取得机动车驾驶证`, law: '中华人民共和国道路交通安全法', severities: [['GENERAL', 1]] },
  { agency: 'POLICE', type: '违规燃放', act: (place) => `在${place}禁止燃放区域燃放烟花爆竹`, law: '烟花爆竹安全管理条例', severities: [['MINOR', 2], ['GENERAL', 1]] },
  { agency: 'URBAN', type: '违法建设', act: (place) => `在${place}未取得建设工程规划许可证擅自搭建建筑物`, law: '中华人民共和国城乡规划法', severities: [['GENERAL', 3], ['SERIOUS', 1]] },
  { agency: 'URBAN', type: '占道经营', act: (place) => `在${place}擅自占用城市道路摆摊经营`, law: '城市市容和环境卫生管理条例', severities: [['MINOR', 3], ['GENERAL', 1]] },
  { agency: 'AGRICULTURE', type: '非法捕捞', act: (place) => `在禁渔期内于${place}附近水域使用电鱼方式捕捞`, law: '中华人民共和国渔业法', severities: [['GENERAL', 3], ['SERIOUS', 1]] },
  { agency: 'NATURAL_RESOURCES', type: '非法占地', act: (place) => `未经批准占用${place}耕地建房`, law: '中华人民共和国土地管理法', severities: [['GENERAL', 1], ['SERIOUS', 1]] },
  { agency: 'EMERGENCY', type: '野外用火', act: (place) => `在森林防火期内于${place}林区野外用火`, law: '森林防火条例', severities: [['MINOR', 1], ['GENERAL', 2]] },
];

function personPenalty(p: ReturnType<typeof syntheticPerson>, rng: Rng, slot: number, from: string): SyntheticCreditRecord {
  const kind = rng.pick(PERSONAL_PENALTIES);
  const severity = rng.weightedPick(kind.severities);
  const decisionDate = dateBetween(rng, from, LAST_DECISION_DATE);
  const division = divisionByCode(p.householdDivisionCode);
  const agency = creditAgency(kind.agency, division.code);
  const place = `${division.fullName}${rng.pick(division.roads)}`;
  const punishment =
    severity === 'MINOR'
      ? rng.chance(0.5)
        ? { listName: '警告', text: '警告' }
        : { listName: '罚款', text: `罚款${yuan(rng.int(1, 5) * 100)}` }
      : severity === 'GENERAL'
        ? { listName: '罚款', text: `罚款${yuan(rng.int(2, 20) * 100)}` }
        : { listName: '没收违法所得、罚款', text: `责令限期拆除（退还），没收违法所得，并处罚款${yuan(rng.int(1, 10) * 10_000)}` };
  const publicity = penaltyPublicity(decisionDate, severity);
  return {
    ...blank('PERSON', p.index, slot),
    category: 'ADMINISTRATIVE_PENALTY',
    listName: punishment.listName,
    severity,
    agencyName: agency.name,
    agencyCode: agency.code,
    decisionNumber: officialNumber(penaltyPrefix(kind.agency, agency), yearOf(decisionDate), serialOf('PERSON', p.index, slot)),
    decisionDate,
    validFrom: null,
    validTo: null,
    publicityStart: publicity?.start ?? null,
    publicityEnd: publicity?.end ?? null,
    repairedDate: publicity ? repairDate(rng, 0.3, publicity.earliestRepair, publicity.end) : null,
    content: `${kind.type}：当事人${surnameOf(p.name)}某于${chineseDate(decisionDate)}前${kind.act(place)}，违反了《${kind.law}》的规定，决定给予${punishment.text}。`,
    caseFile: caseFileFor(rng, '现场勘验笔录、询问笔录、视听资料'),
  };
}

/** The credit records of person #index, by decision date. Only adults have records. */
export function syntheticPersonCreditRecords(index: number): SyntheticCreditRecord[] {
  const blackRng = rngFor('credit-person-black-list', index);
  const penaltyRng = rngFor('credit-person-penalty', index);
  const licenceRng = rngFor('credit-person-licence', index);
  const black = blackRng.chance(0.012);
  const penalties = penaltyRng.chance(0.035) ? (penaltyRng.chance(0.2) ? 2 : 1) : 0;
  const licence = licenceRng.chance(0.015);
  if (!black && !penalties && !licence) return []; // most people: no syntheticPerson call at all

  const p = syntheticPerson(index);
  const adult = addMonths(p.birthDate, 18 * 12);
  const from = maxDate(adult, FIRST_DECISION_DATE);
  if (from > LAST_DECISION_DATE) return [];
  const division = divisionByCode(p.householdDivisionCode);
  const surname = surnameOf(p.name);
  const records: SyntheticCreditRecord[] = [];

  if (black) {
    const court = creditAgency('COURT', division.code);
    const decisionDate = dateBetween(blackRng, from, LAST_DECISION_DATE);
    const refuses = blackRng.chance(0.4);
    const term = blackListTermMonths(BLACK_LISTS.COURT, refuses);
    const publicityEnd = term === null ? null : periodEnd(decisionDate, term);
    const slot = PERSON_SLOT.BLACK_LIST;
    records.push({
      ...blank('PERSON', index, slot),
      category: 'BLACK_LIST',
      listName: BLACK_LISTS.COURT,
      severity: null,
      agencyName: court.name,
      agencyCode: court.code,
      decisionNumber: caseNumber(court, yearOf(decisionDate), serialOf('PERSON', index, slot)),
      decisionDate,
      validFrom: decisionDate,
      validTo: publicityEnd,
      publicityStart: decisionDate,
      publicityEnd,
      repairedDate: repairDate(blackRng, 0.3, addDays(decisionDate, 30), publicityEnd),
      content: refuses
        ? `拒不履行：被执行人${surname}某有履行能力而拒不履行生效法律文书确定的给付义务，未履行金额${yuan(blackRng.int(1, 80) * 1_000)}。`
        : `规避执行：被执行人${surname}某违反限制消费令，乘坐飞机、高铁等，涉案金额${yuan(blackRng.int(1, 80) * 1_000)}。`,
      caseFile: `执行卷宗：财产调查报告、限制消费令送达回证；申请执行人：${blackRng.pick(['某银行衡阳分行', '某小额贷款公司', '个人债权人'])}。`,
    });
  }
  for (let j = 0; j < penalties; j++) records.push(personPenalty(p, penaltyRng, PERSON_SLOT.PENALTY + j, from));
  if (licence) {
    const rural = !isUrban(division);
    const item = rural
      ? { agency: 'NATURAL_RESOURCES' as const, item: '乡村建设规划许可', type: '农村建房', years: 2, abbr: '乡规许' }
      : { agency: 'AGRICULTURE' as const, item: '渔业捕捞许可', type: '捕捞许可', years: 5, abbr: '渔捕许' };
    const agency = creditAgency(item.agency, division.code);
    const decisionDate = dateBetween(licenceRng, from, LAST_DECISION_DATE);
    const validTo = periodEnd(decisionDate, item.years * 12);
    const slot = PERSON_SLOT.LICENCE;
    records.push({
      ...blank('PERSON', index, slot),
      category: 'ADMINISTRATIVE_LICENSING',
      listName: item.item,
      severity: null,
      agencyName: agency.name,
      agencyCode: agency.code,
      decisionNumber: officialNumber(`${agency.docPrefix}${item.abbr}`, yearOf(decisionDate), serialOf('PERSON', index, slot)),
      decisionDate,
      validFrom: decisionDate,
      validTo,
      publicityStart: decisionDate,
      publicityEnd: validTo,
      repairedDate: null,
      content: rural
        ? `${item.type}：准予${surname}某在${p.householdAddress}新建自住房一栋，占地${licenceRng.int(80, 150)}平方米。`
        : `${item.type}：准予${surname}某在湘江衡阳段从事内陆渔业捕捞，作业类型刺网。`,
      caseFile: null,
    });
  }
  return records.sort((a, b) => (a.decisionDate < b.decisionDate ? -1 : a.decisionDate > b.decisionDate ? 1 : a.slot - b.slot));
}
