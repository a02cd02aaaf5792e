/** The working-day calendar behind Art. 17's ten-working-day provisioning deadline. */
import { CALENDAR } from '../../migrations/catalog/Migration20261125010000_workflow';
import { WorkingCalendar, chinaDay, endOfChinaDay, weekday } from '../../subgraphs/catalog/calendar/working-days';

const china = new WorkingCalendar(CALENDAR.map(([day, kind, name]) => ({ day, kind, name })));
const weekendsOnly = new WorkingCalendar();

describe('days', () => {
  test('local dates are China Standard Time', () => {
    expect(chinaDay(new Date('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(chinaDay(new Date('2026-11-27T16:00:00.000Z'))).toBe('2026-11-28');
    expect(endOfChinaDay('2026-12-11').toISOString()).toBe('2026-12-11T15:59:59.999Z');
    expect(weekday('2026-11-27')).toBe(5);
  });

  test('weekends, holidays and adjusted working days', () => {
    expect(china.info('2026-11-28')).toEqual({ day: '2026-11-28', working: false, reason: 'WEEKEND' });
    expect(china.info('2026-11-30')).toEqual({ day: '2026-11-30', working: true, reason: 'WEEKDAY' });
    expect(china.info('2026-02-16')).toMatchObject({ working: false, reason: 'HOLIDAY', name: '春节' });
    expect(china.info('2026-02-14')).toMatchObject({ working: true, reason: 'ADJUSTED_WORKDAY' }); // a Saturday worked
    expect(china.info('2026-10-10')).toMatchObject({ working: true, reason: 'ADJUSTED_WORKDAY' });
    expect(china.info('2026-01-02')).toMatchObject({ working: false, reason: 'HOLIDAY', name: '元旦' }); // a Friday off
    expect(china.coveredYears).toEqual([2025, 2026]);
  });

  test('the seeded calendar matches the State Council notice for 2026', () => {
    const holidays = CALENDAR.filter(([d, k]) => d.startsWith('2026') && k === 'HOLIDAY').length;
    const workdays = CALENDAR.filter(([d, k]) => d.startsWith('2026') && k === 'WORKDAY').map(([d]) => d);
    expect(holidays).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const d of workdays) expect([0, 6]).toContain(weekday(d));
  });
});

describe('ten working days (Art. 17)', () => {
  test('approved on a Friday: two weekends skipped', () => {
    expect(china.addWorkingDays('2026-11-27', 10)).toBe('2026-12-11');
    expect(china.provisioningDeadline(new Date('2026-11-27T02:00:00Z'))).toEqual({ day: '2026-12-11', at: new Date('2026-12-11T15:59:59.999Z') });
  });

  test('approved on a Saturday: counting starts on Monday', () => {
    expect(china.addWorkingDays('2026-11-28', 1)).toBe('2026-11-30');
    expect(china.addWorkingDays('2026-11-28', 10)).toBe('2026-12-11');
  });

  test('approved late on Friday evening local time is still Friday', () => {
    // 23:30 on Friday 27 November in Hengyang is 15:30Z.
    expect(china.provisioningDeadline(new Date('2026-11-27T15:30:00Z')).day).toBe('2026-12-11');
    // 00:30 on Saturday 28 November local is still the 27th in UTC, but counts from Saturday.
    expect(china.provisioningDeadline(new Date('2026-11-27T16:30:00Z')).day).toBe('2026-12-11');
  });

  test('across the Spring Festival 2026 with its two Saturdays worked', () => {
    // Approved Friday 13 Feb: Sat 14 (worked) = 1, holiday 15-23, 24-27 = 2-5, Sat 28 (worked) = 6, 2-5 Mar = 7-10.
    expect(china.addWorkingDays('2026-02-13', 10)).toBe('2026-03-05');
    expect(weekendsOnly.addWorkingDays('2026-02-13', 10)).toBe('2026-02-27');
  });

  test('across National Day 2026: 20 September and 10 October worked', () => {
    // Approved Fri 18 Sep: Sun 20 worked = 1, 21-24 = 2-5, 25-27 Mid-Autumn off, 28-30 = 6-8, 1-7 Oct off, 8-9 = 9-10.
    expect(china.addWorkingDays('2026-09-18', 10)).toBe('2026-10-09');
    // Approved Wed 30 Sep: 8, 9, Sat 10, 12-16, 19, 20.
    expect(china.addWorkingDays('2026-09-30', 10)).toBe('2026-10-20');
  });

  test('across New Year 2026 (Friday 2 January off, Sunday 4 January worked)', () => {
    expect(china.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(china.addWorkingDays('2025-12-31', 10)).toBe('2026-01-15');
  });

  test('0 working days is the day itself; negative counts are refused', () => {
    expect(china.addWorkingDays('2026-11-25', 0)).toBe('2026-11-25');
    expect(() => china.addWorkingDays('2026-11-25', -1)).toThrow(RangeError);
    expect(() => china.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('delays', () => {
  test('working days between dates exclude the start and include the end', () => {
    expect(china.workingDaysBetween('2026-12-11', '2026-12-11')).toBe(0);
    expect(china.workingDaysBetween('2026-12-11', '2026-12-13')).toBe(0); // the weekend after the deadline
    expect(china.workingDaysBetween('2026-12-11', '2026-12-14')).toBe(1);
    expect(china.workingDaysBetween('2026-12-14', '2026-12-11')).toBe(0);
    expect(china.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
  });

  test('provisioning on the last day is on time; the next working day is one day late', () => {
    expect(china.delayWorkingDays('2026-12-11', new Date('2026-12-11T15:59:00Z'))).toBe(0);
    expect(china.delayWorkingDays('2026-12-11', new Date('2026-12-12T03:00:00Z'))).toBe(0);
    expect(china.delayWorkingDays('2026-12-11', new Date('2026-12-14T03:00:00Z'))).toBe(1);
  });

  test('the calendar can be extended by configuration (e.g. the 2027 notice)', () => {
    const extended = new WorkingCalendar([...CALENDAR.map(([day, kind, name]) => ({ day, kind, name })), { day: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }]);
    expect(china.isWorkingDay('2027-01-01')).toBe(true);
    expect(extended.isWorkingDay('2027-01-01')).toBe(false);
    expect(extended.coveredYears).toEqual([2025, 2026, 2027]);
  });
});
