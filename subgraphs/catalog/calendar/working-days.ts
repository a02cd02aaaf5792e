/**
 * The working-day calendar on which Art. 17's deadline is counted: "由数据提供部门在十个工作日内
 * 向共享平台提供数据". A day is a working day when it is Monday to Friday and not a public holiday,
 * or when it is a weekend day declared an adjusted working day (调休上班). Days are local dates in
 * China Standard Time (UTC+8, no daylight saving), written YYYY-MM-DD. Pure: the caller supplies
 * the holidays and adjusted working days (the `calendar_day` table, plus configuration).
 */
import { CHINA_OFFSET_MS, chinaDay, isIsoDay } from '../../../platform/time';

export type CalendarDayKind = 'HOLIDAY' | 'WORKDAY';

export interface CalendarOverride {
  day: string;
  kind: CalendarDayKind;
  name: string;
}

/** Working days the provider has to provision an approved application (Art. 17). */
export const PROVISIONING_WORKING_DAYS = 10;

const DAY_MS = 86_400_000;

export { chinaDay, isIsoDay };

function assertDay(day: string): void {
  if (!isIsoDay(day)) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(day)}`);
}

/** The last millisecond of a local day, as an instant. */
export function endOfChinaDay(day: string): Date {
  assertDay(day);
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS + DAY_MS - 1);
}

export function addCalendarDays(day: string, n: number): string {
  assertDay(day);
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  assertDay(day);
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export interface DayInfo {
  day: string;
  working: boolean;
  /** WEEKDAY, WEEKEND, HOLIDAY (法定节假日 and its bridging days) or ADJUSTED_WORKDAY (调休上班). */
  reason: 'WEEKDAY' | 'WEEKEND' | 'HOLIDAY' | 'ADJUSTED_WORKDAY';
  name?: string;
}

export class WorkingCalendar {
  private readonly overrides = new Map<string, CalendarOverride>();

  constructor(overrides: Iterable<CalendarOverride> = []) {
    for (const o of overrides) {
      assertDay(o.day);
      this.overrides.set(o.day, o);
    }
  }

  /** Years with at least one declared holiday: years outside count weekends only. */
  get coveredYears(): number[] {
    return [...new Set([...this.overrides.values()].filter((o) => o.kind === 'HOLIDAY').map((o) => Number(o.day.slice(0, 4))))].sort();
  }

  info(day: string): DayInfo {
    const o = this.overrides.get(day);
    if (o) return { day, working: o.kind === 'WORKDAY', reason: o.kind === 'WORKDAY' ? 'ADJUSTED_WORKDAY' : 'HOLIDAY', name: o.name };
    const w = weekday(day);
    return w === 0 || w === 6 ? { day, working: false, reason: 'WEEKEND' } : { day, working: true, reason: 'WEEKDAY' };
  }

  isWorkingDay(day: string): boolean {
    return this.info(day).working;
  }

  /** The n-th working day after `day` (`day` itself is not counted: a deadline of ten working days
   *  from an approval on day D ends on the tenth working day after D). n = 0 gives `day`. */
  addWorkingDays(day: string, n: number): string {
    assertDay(day);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    let d = day;
    for (let left = n; left > 0;) {
      d = addCalendarDays(d, 1);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /** Working days in (from, to]: 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number {
    assertDay(from);
    assertDay(to);
    let count = 0;
    for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (this.isWorkingDay(d)) count += 1;
    return count;
  }

  /** The provisioning deadline of an application approved at `approvedAt`: the last local day and
   *  the instant it ends. */
  provisioningDeadline(approvedAt: Date, workingDays = PROVISIONING_WORKING_DAYS): { day: string; at: Date } {
    const day = this.addWorkingDays(chinaDay(approvedAt), workingDays);
    return { day, at: endOfChinaDay(day) };
  }

  /** Working days by which provisioning at `doneAt` (or, while pending, `now`) is late: 0 on time. */
  delayWorkingDays(deadlineDay: string, doneAt: Date): number {
    return this.workingDaysBetween(deadlineDay, chinaDay(doneAt));
  }
}
