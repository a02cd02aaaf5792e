/** The credit subgraph's pure rules (publicity periods, statuses, the A/B/C/D rating), its argument
 *  validation, and the synthetic credit records the seed loads. */
import {
  addMonths,
  blackListTermMonths,
  CREDIT_CATEGORIES,
  isInPublicity,
  penaltyPublicity,
  periodEnd,
  rateCredit,
  RatedRecord,
  recordStatus,
  todayInChina,
} from '../../subgraphs/credit/rating';
import { categoryArg, normalizeDecisionNumber } from '../../subgraphs/credit/args';
import {
  FIRST_DECISION_DATE,
  LAST_DECISION_DATE,
  surnameOf,
  syntheticLegalPersonCreditRecords,
  syntheticPersonCreditRecords,
} from '../../seed/synthetic/credit';
import { legalPersonCount } from '../../seed/synthetic/city';
import { syntheticPerson } from '../../seed/synthetic/people';
import { parseUscc } from '../../platform/ids/uscc';

const AS_OF = '2025-06-30';

/** A record with sensible defaults: decided a month before AS_OF, published for a year. */
function rec(over: Partial<RatedRecord> = {}): RatedRecord {
  return {
    category: 'ADMINISTRATIVE_LICENSING',
    listName: '食品经营许可',
    severity: null,
    decisionDate: '2025-05-30',
    publicityStart: '2025-05-30',
    publicityEnd: '2026-05-29',
    repairedDate: null,
    ...over,
  };
}

const penalty = (severity: 'MINOR' | 'GENERAL' | 'SERIOUS', decisionDate: string, over: Partial<RatedRecord> = {}): RatedRecord => {
  const p = penaltyPublicity(decisionDate, severity);
  return rec({
    category: 'ADMINISTRATIVE_PENALTY',
    listName: '罚款',
    severity,
    decisionDate,
    publicityStart: p?.start ?? null,
    publicityEnd: p?.end ?? null,
    ...over,
  });
};
const blackList = (decisionDate: string, over: Partial<RatedRecord> = {}) =>
  rec({ category: 'BLACK_LIST', listName: '失信被执行人', decisionDate, publicityStart: decisionDate, publicityEnd: null, ...over });
const redList = (decisionDate: string, over: Partial<RatedRecord> = {}) =>
  rec({ category: 'RED_LIST', listName: '纳税信用A级纳税人', decisionDate, publicityStart: decisionDate, publicityEnd: periodEnd(decisionDate, 12), ...over });

describe('dates', () => {
  test('addMonths clamps to the end of a shorter month; periods end the day before the anniversary', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
    expect(periodEnd('2024-03-01', 12)).toBe('2025-02-28');
    expect(periodEnd('2024-01-01', 36)).toBe('2026-12-31');
  });

  test('today in China is UTC+8', () => {
    expect(todayInChina(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(todayInChina(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
  });
});

describe('publicity periods', () => {
  test('penalties: minor not published, general 3 months to 1 year, serious 1 to 3 years', () => {
    expect(penaltyPublicity('2024-03-15', 'MINOR')).toBeNull();
    expect(penaltyPublicity('2024-03-15', 'GENERAL')).toEqual({ start: '2024-03-15', end: '2025-03-14', earliestRepair: '2024-06-15' });
    expect(penaltyPublicity('2024-03-15', 'SERIOUS')).toEqual({ start: '2024-03-15', end: '2027-03-14', earliestRepair: '2025-03-15' });
  });

  test('black lists: court 2 years or until performance, tax and market 3 years', () => {
    expect(blackListTermMonths('失信被执行人')).toBe(24);
    expect(blackListTermMonths('失信被执行人', true)).toBeNull();
    expect(blackListTermMonths('重大税收违法失信主体')).toBe(36);
    expect(blackListTermMonths('严重违法失信名单')).toBe(36);
    expect(() => blackListTermMonths('优秀企业')).toThrow(RangeError);
  });

  test('status on a date: in publicity through the last day, then expired; repaired from the repair date; unpublished', () => {
    const p = penalty('GENERAL', '2024-03-15');
    expect(recordStatus(p, '2024-03-15')).toBe('IN_PUBLICITY');
    expect(recordStatus(p, '2025-03-14')).toBe('IN_PUBLICITY');
    expect(recordStatus(p, '2025-03-15')).toBe('EXPIRED');
    expect(isInPublicity(p, '2025-03-14')).toBe(true);
    expect(isInPublicity(p, '2025-03-15')).toBe(false);
    const repaired = { ...p, repairedDate: '2024-08-01' };
    expect(recordStatus(repaired, '2024-07-31')).toBe('IN_PUBLICITY');
    expect(recordStatus(repaired, '2024-08-01')).toBe('REPAIRED');
    expect(isInPublicity(repaired, '2024-08-01')).toBe(false);
    expect(recordStatus(penalty('MINOR', '2024-03-15'), '2024-04-01')).toBe('NOT_PUBLISHED');
    expect(recordStatus(p, '2024-03-14')).toBe('NOT_PUBLISHED'); // before the decision
    expect(isInPublicity(blackList('2020-01-01'), '2030-01-01')).toBe(true); // until performance
  });
});

describe('rating rules', () => {
  test('no records: B, zero counts in category order', () => {
    const p = rateCredit([], AS_OF);
    expect(p).toMatchObject({ asOf: AS_OF, rating: 'B', onBlacklistNow: false, blacklists: [], redLists: [], recentPenalties: 0 });
    expect(p.counts).toEqual(CREDIT_CATEGORIES.map((category) => ({ category, total: 0, inPublicity: 0 })));
  });

  test('D: on a black list now, whatever else', () => {
    const p = rateCredit(
      [blackList('2025-01-10'), redList('2025-04-20'), blackList('2024-06-01', { listName: '严重违法失信名单', publicityEnd: '2027-05-31' })],
      AS_OF,
    );
    expect(p.rating).toBe('D');
    expect(p.onBlacklistNow).toBe(true);
    expect(p.blacklists).toEqual(['严重违法失信名单', '失信被执行人'].sort());
    expect(p.ratingReason).toContain('失信被执行人');
  });

  test('a black-list entry that expired, was repaired or is not yet decided does not count', () => {
    expect(rateCredit([blackList('2022-01-10', { publicityEnd: '2024-01-09' })], AS_OF).rating).toBe('B');
    expect(rateCredit([blackList('2025-01-10', { repairedDate: '2025-06-30' })], AS_OF).rating).toBe('B');
    expect(rateCredit([blackList('2025-01-10', { repairedDate: '2025-07-01' })], AS_OF).rating).toBe('D');
    const future = rateCredit([blackList('2025-07-01')], AS_OF);
    expect(future.rating).toBe('B');
    expect(future.counts.find((c) => c.category === 'BLACK_LIST')!.total).toBe(0);
  });

  test('C: two penalties in publicity from the last 3 years', () => {
    const p = rateCredit([penalty('GENERAL', '2025-01-10'), penalty('GENERAL', '2024-09-01')], AS_OF);
    expect(p.rating).toBe('C');
    expect(p.recentPenalties).toBe(2);
    // One of them expired (a general penalty is published for a year): back to B.
    expect(rateCredit([penalty('GENERAL', '2025-01-10'), penalty('GENERAL', '2024-06-01')], AS_OF).rating).toBe('B');
    // A repaired one no longer counts.
    expect(rateCredit([penalty('GENERAL', '2025-01-10'), penalty('GENERAL', '2024-09-01', { repairedDate: '2025-01-01' })], AS_OF).rating).toBe('B');
    // Minor penalties are not published and never count.
    expect(rateCredit([penalty('MINOR', '2025-01-10'), penalty('MINOR', '2025-02-10'), penalty('GENERAL', '2025-03-01')], AS_OF).rating).toBe('B');
  });

  test('C: any serious penalty in publicity', () => {
    const p = rateCredit([penalty('SERIOUS', '2023-01-10'), redList('2025-04-20')], AS_OF);
    expect(p.rating).toBe('C');
    expect(p.ratingReason).toContain('严重');
    // Published 3 years: expired on 2026-01-10, decided more than 3 years before then.
    expect(rateCredit([penalty('SERIOUS', '2023-01-10')], '2026-01-10').rating).toBe('B');
  });

  test('the 3-year window: a penalty still published but decided more than 3 years ago does not count', () => {
    const old = penalty('GENERAL', '2021-01-10', { publicityEnd: null }); // e.g. a special rule without an end
    expect(rateCredit([old, penalty('GENERAL', '2025-01-10')], AS_OF).recentPenalties).toBe(1);
    expect(rateCredit([old, penalty('GENERAL', '2025-01-10')], AS_OF).rating).toBe('B');
  });

  test('A: on a red list with no penalty in publicity; one penalty makes it B', () => {
    const a = rateCredit([redList('2025-04-20'), rec()], AS_OF);
    expect(a.rating).toBe('A');
    expect(a.redLists).toEqual(['纳税信用A级纳税人']);
    expect(rateCredit([redList('2025-04-20'), penalty('GENERAL', '2025-02-01')], AS_OF).rating).toBe('B');
    // A red-list entry that expired gives no A.
    expect(rateCredit([redList('2024-04-20')], AS_OF).rating).toBe('B');
    // A minor (unpublished) penalty does not block A.
    expect(rateCredit([redList('2025-04-20'), penalty('MINOR', '2025-02-01')], AS_OF).rating).toBe('A');
  });

  test('counts: decided records per category, and those in publicity', () => {
    const p = rateCredit(
      [rec(), rec({ publicityEnd: '2025-06-01' }), penalty('MINOR', '2025-01-01'), penalty('GENERAL', '2025-01-01'), redList('2025-04-20')],
      AS_OF,
    );
    const byCategory = Object.fromEntries(p.counts.map((c) => [c.category, [c.total, c.inPublicity]]));
    expect(byCategory).toEqual({
      RED_LIST: [1, 1],
      BLACK_LIST: [0, 0],
      ADMINISTRATIVE_LICENSING: [2, 1],
      ADMINISTRATIVE_PENALTY: [2, 1],
      CREDIT_RATING: [0, 0],
    });
  });
});

describe('argument validation', () => {
  test('categories by enum name (any case) or Chinese name; anything else is BAD_USER_INPUT', () => {
    expect(categoryArg('BLACK_LIST')).toBe('BLACK_LIST');
    expect(categoryArg(' black_list ')).toBe('BLACK_LIST');
    expect(categoryArg('行政处罚')).toBe('ADMINISTRATIVE_PENALTY');
    expect(categoryArg('红名单')).toBe('RED_LIST');
    expect(categoryArg(null)).toBeUndefined();
    try {
      categoryArg('GREEN');
      throw new Error('no error');
    } catch (e: any) {
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'category' });
      expect(e.message).toContain('ADMINISTRATIVE_PENALTY');
    }
  });

  test('decision numbers are normalised to their canonical brackets', () => {
    expect(normalizeDecisionNumber('衡市监处罚〔2024〕123号')).toBe('衡市监处罚〔2024〕123号');
    expect(normalizeDecisionNumber('衡市监处罚[2024]123号')).toBe('衡市监处罚〔2024〕123号');
    expect(normalizeDecisionNumber('衡市监处罚（2024）第0123号')).toBe('衡市监处罚〔2024〕123号');
    expect(normalizeDecisionNumber('(2024)湘0408执123号')).toBe('（2024）湘0408执123号');
    expect(normalizeDecisionNumber(' （2024） 湘0408执123号 ')).toBe('（2024）湘0408执123号');
    for (const bad of ['', '123', '衡市监处罚2024-123', '衡市监处罚〔24〕1号', '衡市监处罚〔2024〕号', `${'衡'.repeat(70)}〔2024〕1号`]) {
      expect(() => normalizeDecisionNumber(bad)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'decisionNumber' }) }),
      );
    }
  });
});

describe('synthetic credit records', () => {
  const SCALE = 20_000;
  const lps = Array.from({ length: legalPersonCount(SCALE) }, (_, k) => syntheticLegalPersonCreditRecords(k, SCALE));
  const persons = Array.from({ length: SCALE }, (_, i) => syntheticPersonCreditRecords(i));
  const all = [...lps.flat(), ...persons.flat()];

  test('are deterministic', () => {
    expect(syntheticLegalPersonCreditRecords(17, SCALE)).toEqual(lps[17]);
    const someone = persons.findIndex((r) => r.length > 0);
    expect(syntheticPersonCreditRecords(someone)).toEqual(persons[someone]);
  });

  test('have the intended shares of subjects', () => {
    const share = (sets: typeof lps, category: string) => sets.filter((rs) => rs.some((r) => r.category === category)).length / sets.length;
    expect(share(lps, 'ADMINISTRATIVE_LICENSING')).toBeGreaterThan(0.26);
    expect(share(lps, 'ADMINISTRATIVE_LICENSING')).toBeLessThan(0.34);
    expect(share(lps, 'ADMINISTRATIVE_PENALTY')).toBeGreaterThan(0.06);
    expect(share(lps, 'ADMINISTRATIVE_PENALTY')).toBeLessThan(0.11);
    expect(share(lps, 'BLACK_LIST')).toBeGreaterThan(0.012);
    expect(share(lps, 'BLACK_LIST')).toBeLessThan(0.03);
    expect(share(lps, 'RED_LIST')).toBeGreaterThan(0.035);
    expect(share(lps, 'RED_LIST')).toBeLessThan(0.065);
    expect(share(persons, 'BLACK_LIST')).toBeGreaterThan(0.007);
    expect(share(persons, 'BLACK_LIST')).toBeLessThan(0.014);
    expect(share(persons, 'ADMINISTRATIVE_PENALTY')).toBeGreaterThan(0.02);
    expect(share(persons, 'ADMINISTRATIVE_PENALTY')).toBeLessThan(0.04);
  });

  test('have unique document numbers that the lookup accepts as they are', () => {
    const numbers = all.map((r) => r.decisionNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers.slice(0, 2000)) expect(normalizeDecisionNumber(n)).toBe(n);
  });

  test('respect the rules: dates in range, repairs after the minimum period and within publicity, severity only on penalties', () => {
    for (const r of all) {
      expect(r.decisionDate >= FIRST_DECISION_DATE && r.decisionDate <= LAST_DECISION_DATE).toBe(true);
      expect(r.severity !== null).toBe(r.category === 'ADMINISTRATIVE_PENALTY');
      expect(parseUscc(r.agencyCode).ok).toBe(true);
      if (r.publicityEnd !== null) expect(r.publicityEnd >= r.publicityStart!).toBe(true);
      if (r.category === 'ADMINISTRATIVE_PENALTY') {
        const p = penaltyPublicity(r.decisionDate, r.severity!);
        expect([r.publicityStart, r.publicityEnd]).toEqual([p?.start ?? null, p?.end ?? null]);
        if (r.repairedDate) expect(r.repairedDate >= p!.earliestRepair && r.repairedDate <= p!.end).toBe(true);
      }
      if (r.repairedDate) {
        expect(['ADMINISTRATIVE_PENALTY', 'BLACK_LIST']).toContain(r.category);
        expect(r.repairedDate <= LAST_DECISION_DATE).toBe(true);
      }
    }
  });

  test('persons’ records are of adults, name them by surname only, and start with a four-character type', () => {
    for (const [i, rs] of persons.entries()) {
      if (!rs.length) continue;
      const p = syntheticPerson(i);
      for (const r of rs) {
        expect(Number(r.decisionDate.slice(0, 4)) - Number(p.birthDate.slice(0, 4))).toBeGreaterThanOrEqual(18);
        expect(r.content).toMatch(/^[\u4e00-\u9fff]{4}：/);
        if (p.name.length > surnameOf(p.name).length) expect(r.content).not.toContain(p.name);
        expect(r.content).not.toContain(p.idNumber);
      }
    }
  });

  test('every state and rating occurs', () => {
    const ratings = new Set(lps.map((rs) => rateCredit(rs, LAST_DECISION_DATE).rating));
    expect([...ratings].sort()).toEqual(['A', 'B', 'C', 'D']);
    const statuses = new Set(all.map((r) => recordStatus(r, LAST_DECISION_DATE)));
    expect([...statuses].sort()).toEqual(['EXPIRED', 'IN_PUBLICITY', 'NOT_PUBLISHED', 'REPAIRED']);
  });
});
