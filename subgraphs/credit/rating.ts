/**
 * The rules of 社会信用库 as pure functions of (records, date): how long a record is published
 * (公示期), what state it is in on a date, and the A/B/C/D rating of a subject. No database, no
 * clock (the caller passes `asOf`), so the seed, the resolvers and the unit tests share one
 * definition. Dates are ISO `YYYY-MM-DD` strings, which compare correctly as text.
 *
 * Publicity periods (maximum 公示期, counted from the decision date; see docs/subgraphs/credit.md):
 *  - 行政处罚: MINOR (警告、通报批评、较低数额罚款) not published; GENERAL 3 months minimum / 1 year
 *    maximum; SERIOUS 1 year minimum / 3 years maximum — 《失信行为纠正后的信用信息修复管理办法
 *    （试行）》(国家发展改革委令2023年第58号) and its successor 《信用修复管理办法》 (in force
 *    2026-04-01), which keep the 3-month/1-year and 1-year/3-year bounds.
 *  - 失信被执行人: 2 years, or until performance when the debtor refuses to perform although able
 *    (《最高人民法院关于公布失信被执行人名单信息的若干规定》 第二条, 第十条 deletion on performance).
 *  - 重大税收违法失信主体 and 严重违法失信名单: 3 years (国家税务总局令第54号; 国家市场监督管理总局令第44号).
 *  - 行政许可, 红名单 and 信用评价: while the licence, list entry or rating is valid.
 */
import { chinaDay } from '../../platform/time';

export const CREDIT_CATEGORIES = ['RED_LIST', 'BLACK_LIST', 'ADMINISTRATIVE_LICENSING', 'ADMINISTRATIVE_PENALTY', 'CREDIT_RATING'] as const;
export type CreditCategoryName = (typeof CREDIT_CATEGORIES)[number];

export const CREDIT_CATEGORY_LABELS: Record<CreditCategoryName, string> = {
  RED_LIST: '守信激励（红名单）',
  BLACK_LIST: '失信惩戒（黑名单）',
  ADMINISTRATIVE_LICENSING: '行政许可',
  ADMINISTRATIVE_PENALTY: '行政处罚',
  CREDIT_RATING: '信用评价',
};

export type SubjectKindName = 'PERSON' | 'LEGAL_PERSON';
export type PenaltySeverityName = 'MINOR' | 'GENERAL' | 'SERIOUS';
export type RecordStatusName = 'IN_PUBLICITY' | 'EXPIRED' | 'REPAIRED' | 'NOT_PUBLISHED';
export type RatingName = 'A' | 'B' | 'C' | 'D';

/** The black lists (失信惩戒对象名单) the platform knows, by issuing system. */
export const BLACK_LISTS = {
  COURT: '失信被执行人',
  TAXATION: '重大税收违法失信主体',
  MARKET_REGULATION: '严重违法失信名单',
} as const;

/** The red lists (守信激励对象名单). */
export const RED_LISTS = {
  TAX_A: '纳税信用A级纳税人',
  CONTRACT: '守合同重信用企业',
} as const;

/** What a rule needs of a record. */
export interface RatedRecord {
  category: CreditCategoryName;
  listName: string;
  severity: PenaltySeverityName | null;
  decisionDate: string;
  publicityStart: string | null;
  /** Last day of publicity (inclusive); null = until removed (e.g. 失信被执行人 until performance). */
  publicityEnd: string | null;
  /** 信用修复 / 移出 / 删除 date: from this day on the record is no longer published. */
  repairedDate: string | null;
}

// ---- dates ------------------------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Same day `months` later; the 31st becomes the month's last day when the month is shorter. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay))));
}

export const addYears = (date: string, years: number) => addMonths(date, 12 * years);

/** The last day of a period of `months` that starts on `start` (inclusive end). */
export const periodEnd = (start: string, months: number) => addDays(addMonths(start, months), -1);

/** Today's date in China (UTC+8, no daylight saving): the default `asOf`. */
export function todayInChina(now: Date = new Date()): string {
  return chinaDay(now);
}

// ---- publicity ----------------------------------------------------------------------------------

/** Minimum and maximum publicity of an administrative penalty, in months; null = not published. */
export const PENALTY_PUBLICITY_MONTHS: Record<PenaltySeverityName, { min: number; max: number } | null> = {
  MINOR: null,
  GENERAL: { min: 3, max: 12 },
  SERIOUS: { min: 12, max: 36 },
};

/** Publicity of a penalty decided on `decisionDate`: start, last day, and the first day on which
 *  the subject may apply for 信用修复 (end of the minimum period). */
export function penaltyPublicity(decisionDate: string, severity: PenaltySeverityName): { start: string; end: string; earliestRepair: string } | null {
  const months = PENALTY_PUBLICITY_MONTHS[severity];
  if (!months) return null;
  return { start: decisionDate, end: periodEnd(decisionDate, months.max), earliestRepair: addMonths(decisionDate, months.min) };
}

/** Months a black-list entry stays published, null = until removed (performance, repair). */
export function blackListTermMonths(listName: string, refusesAlthoughAble = false): number | null {
  switch (listName) {
    case BLACK_LISTS.COURT:
      return refusesAlthoughAble ? null : 24;
    case BLACK_LISTS.TAXATION:
    case BLACK_LISTS.MARKET_REGULATION:
      return 36;
    default:
      throw new RangeError(`unknown black list ${listName}`);
  }
}

/** Published on `asOf`: decided, publicity started and not ended, not repaired. */
export function isInPublicity(r: RatedRecord, asOf: string): boolean {
  return (
    r.decisionDate <= asOf &&
    r.publicityStart !== null &&
    r.publicityStart <= asOf &&
    (r.publicityEnd === null || asOf <= r.publicityEnd) &&
    !(r.repairedDate !== null && r.repairedDate <= asOf)
  );
}

export function recordStatus(r: RatedRecord, asOf: string): RecordStatusName {
  if (r.repairedDate !== null && r.repairedDate <= asOf) return 'REPAIRED';
  if (r.publicityStart === null || r.publicityStart > asOf) return 'NOT_PUBLISHED';
  if (r.publicityEnd !== null && r.publicityEnd < asOf) return 'EXPIRED';
  return 'IN_PUBLICITY';
}

// ---- rating -------------------------------------------------------------------------------------

export interface CategoryCount {
  category: CreditCategoryName;
  /** Records decided on or before `asOf`. */
  total: number;
  /** Of those, in publicity on `asOf`. */
  inPublicity: number;
}

export interface CreditProfileValue {
  asOf: string;
  rating: RatingName;
  /** Which rule decided the rating, in words. */
  ratingReason: string;
  onBlacklistNow: boolean;
  /** Names of the black lists the subject is on at `asOf`, sorted, no duplicates. */
  blacklists: string[];
  /** Names of the red lists the subject is on at `asOf`, sorted, no duplicates. */
  redLists: string[];
  /** Administrative penalties in publicity at `asOf` and decided in the 3 years before it. */
  recentPenalties: number;
  /** One entry per category, in CREDIT_CATEGORIES order. */
  counts: CategoryCount[];
}

/** Penalties that count for rating C: decided within this many years before `asOf`. */
export const PENALTY_WINDOW_YEARS = 3;
/** Rating C from this many such penalties (or one SERIOUS). */
export const PENALTIES_FOR_C = 2;

const uniqueSorted = (names: string[]) => [...new Set(names)].sort();

/**
 * The rating rules, first match wins:
 *  D  on any black list at `asOf`;
 *  C  ≥ 2 administrative penalties in publicity decided within the last 3 years, or any SERIOUS one;
 *  A  on a red list and no administrative penalty in publicity;
 *  B  otherwise.
 * Records decided after `asOf` do not exist yet for the rules or the counts.
 */
export function rateCredit(records: readonly RatedRecord[], asOf: string): CreditProfileValue {
  const known = records.filter((r) => r.decisionDate <= asOf);
  const live = known.filter((r) => isInPublicity(r, asOf));
  const blacklists = uniqueSorted(live.filter((r) => r.category === 'BLACK_LIST').map((r) => r.listName));
  const redLists = uniqueSorted(live.filter((r) => r.category === 'RED_LIST').map((r) => r.listName));
  const windowStart = addYears(asOf, -PENALTY_WINDOW_YEARS);
  const livePenalties = live.filter((r) => r.category === 'ADMINISTRATIVE_PENALTY');
  const recent = livePenalties.filter((r) => r.decisionDate > windowStart);
  const serious = recent.filter((r) => r.severity === 'SERIOUS').length;

  let rating: RatingName;
  let ratingReason: string;
  if (blacklists.length > 0) {
    rating = 'D';
    ratingReason = `列入失信惩戒名单：${blacklists.join('、')}`;
  } else if (recent.length >= PENALTIES_FOR_C || serious > 0) {
    rating = 'C';
    ratingReason = serious > 0 ? `公示期内有严重失信行为的行政处罚${serious}件` : `近${PENALTY_WINDOW_YEARS}年公示期内行政处罚${recent.length}件`;
  } else if (redLists.length > 0 && livePenalties.length === 0) {
    rating = 'A';
    ratingReason = `列入守信激励名单：${redLists.join('、')}，无公示期内行政处罚`;
  } else {
    rating = 'B';
    ratingReason = livePenalties.length > 0 ? `公示期内行政处罚${livePenalties.length}件` : '无公示期内失信记录';
  }

  const counts = CREDIT_CATEGORIES.map((category) => ({
    category,
    total: known.filter((r) => r.category === category).length,
    inPublicity: live.filter((r) => r.category === category).length,
  }));
  return { asOf, rating, ratingReason, onBlacklistNow: blacklists.length > 0, blacklists, redLists, recentPenalties: recent.length, counts };
}
