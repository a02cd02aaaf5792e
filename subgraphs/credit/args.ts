/** Validation of the credit subgraph's arguments: a bad value is a BAD_USER_INPUT naming it. */
import { badUserInput } from '../../platform/errors';
import { assertIsoDate } from '../../platform/graphql/args';
import { CREDIT_CATEGORIES, CREDIT_CATEGORY_LABELS, CreditCategoryName, todayInChina } from './rating';

/** `asOf` / `inPublicityOn`: a calendar date, today in China when absent. */
export function dateArg(value: string | null | undefined, argument: string): string {
  return value == null ? todayInChina() : assertIsoDate(value, argument);
}

/** Pseudonymous keys are 22 base64url characters (platform/keys.ts). */
export function assertKey(value: string, argument: string): string {
  if (!/^[A-Za-z0-9_-]{22}$/.test(value)) {
    throw badUserInput(`Argument "${argument}" is not a key this API issued (22 base64url characters), got ${JSON.stringify(value)}`, { argument });
  }
  return value;
}

const CATEGORY_BY_LABEL = new Map<string, CreditCategoryName>([
  ...CREDIT_CATEGORIES.map((c) => [c, c] as [string, CreditCategoryName]),
  ['红名单', 'RED_LIST'],
  ['守信激励', 'RED_LIST'],
  ['黑名单', 'BLACK_LIST'],
  ['失信惩戒', 'BLACK_LIST'],
  ['行政许可', 'ADMINISTRATIVE_LICENSING'],
  ['行政处罚', 'ADMINISTRATIVE_PENALTY'],
  ['信用评价', 'CREDIT_RATING'],
]);

/**
 * A category filter: the enum name (ADMINISTRATIVE_PENALTY) or its Chinese name (行政处罚, 黑名单…).
 * Taken as a String, not the GraphQL enum, so that a wrong value is a BAD_USER_INPUT that lists
 * the accepted ones, from the subgraph or through any router.
 */
export function categoryArg(value: string | null | undefined, argument = 'category'): CreditCategoryName | undefined {
  if (value == null) return undefined;
  const found = CATEGORY_BY_LABEL.get(value.trim().toUpperCase()) ?? CATEGORY_BY_LABEL.get(value.trim());
  if (!found) {
    const accepted = CREDIT_CATEGORIES.map((c) => `${c} (${CREDIT_CATEGORY_LABELS[c]})`).join(', ');
    throw badUserInput(`Argument "${argument}" must be a credit category, one of ${accepted}; got ${JSON.stringify(value)}`, { argument });
  }
  return found;
}

/** Opening and closing brackets of the year in a document number, as people type them. */
const OPEN = '〔\\[［(（【';
const CLOSE = '〕\\]］)）】';
const DECISION_NUMBER = new RegExp(`^([\\u4e00-\\u9fffA-Za-z0-9]{0,24})[${OPEN}](\\d{4})[${CLOSE}]([\\u4e00-\\u9fffA-Za-z0-9]{0,24}?)第?(\\d{1,10})号$`);

/**
 * A document number (文书号) in canonical form: 公文 numbers with 六角括号 (衡市监处罚〔2024〕123号,
 * GB/T 9704), court case numbers with full-width parentheses ((2024)湘0408执123号 →
 * （2024）湘0408执123号). Spaces and 第 before the serial are dropped; any bracket style is accepted.
 */
export function normalizeDecisionNumber(value: string, argument = 'decisionNumber'): string {
  const text = value.replace(/\s+/g, '');
  const m = text.length <= 60 ? DECISION_NUMBER.exec(text) : null;
  if (!m) {
    throw badUserInput(
      `Argument "${argument}" must be a document number such as 衡市监处罚〔2024〕123号 or (2024)湘0408执123号, got ${JSON.stringify(value)}`,
      { argument },
    );
  }
  const [, prefix, year, middle, serial] = m;
  const n = String(Number(serial));
  return prefix ? `${prefix}〔${year}〕${middle}${n}号` : `（${year}）${middle}${n}号`;
}
