/**
 * The platform clock (issue 10, item 9): a development/test-only offset that deadlines are judged
 * against, refused in production; and the working calendar's coverage warning for years whose
 * holiday arrangement the bureau has not entered (2027 at the time of writing).
 */
import { platformClockOffset, platformNow, setPlatformClockOffset } from '../../platform/governance/clock';
import { calendarCoverageWarnings } from '../../subgraphs/catalog/calendar/coverage';
import { WorkingCalendar } from '../../subgraphs/catalog/calendar/working-days';
import { CALENDAR } from '../../migrations/catalog/Migration20261125010000_workflow';

/** A fake statement runner holding the one platform_clock row. */
function fakeSql() {
  const state: { offset: number | null; statements: string[] } = { offset: null, statements: [] };
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    state.statements.push(text);
    if (text.startsWith('INSERT')) state.offset = params[0] as number;
    if (text.startsWith('SELECT')) return (state.offset == null ? [] : [{ offset_ms: String(state.offset) }]) as T[];
    return [];
  };
  return { sql, state };
}

describe('platform clock', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  test('runs ahead of real time by the offset set in development and tests', async () => {
    const { sql } = fakeSql();
    expect(await platformClockOffset(sql)).toBe(0);
    await setPlatformClockOffset(sql, 30 * 86_400_000, 'test');
    const now = await platformNow(sql);
    expect(Math.abs(now.getTime() - Date.now() - 30 * 86_400_000)).toBeLessThan(1000);
  });

  test('in production the row is ignored and setting it is refused', async () => {
    const { sql, state } = fakeSql();
    state.offset = 86_400_000;
    process.env.NODE_ENV = 'production';
    expect(await platformClockOffset(sql)).toBe(0);
    expect(state.statements).toEqual([]); // not even read
    await expect(setPlatformClockOffset(sql, 1000)).rejects.toThrow(/NODE_ENV=production/);
    expect(state.offset).toBe(86_400_000);
  });

  test('offsets are whole milliseconds', async () => {
    await expect(setPlatformClockOffset(fakeSql().sql, 1.5)).rejects.toThrow(RangeError);
  });
});

describe('working calendar coverage', () => {
  const china = new WorkingCalendar(CALENDAR.map(([day, kind, name]) => ({ day, kind, name })));

  test('2027 counts weekends only and is warned about until the bureau enters it', () => {
    expect(china.info('2027-01-01')).toMatchObject({ working: true, reason: 'WEEKDAY' });
    expect(china.info('2027-01-02')).toMatchObject({ working: false, reason: 'WEEKEND' });
    const warnings = calendarCoverageWarnings(china, '2026-11-30');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no public holidays for 2027.*weekends only.*setCalendarDay/);
  });

  test('no warning once the year is entered', () => {
    const extended = new WorkingCalendar([...CALENDAR.map(([day, kind, name]) => ({ day, kind, name })), { day: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }]);
    expect(calendarCoverageWarnings(extended, '2026-11-30')).toEqual([]);
    expect(calendarCoverageWarnings(extended, '2027-03-01')).toEqual([expect.stringMatching(/2028/)]);
  });
});
