/**
 * Which years the working calendar covers (issue 10, item 9). A year with no declared holiday counts
 * weekends only: deadlines in it are then too short around public holidays. The State Council
 * publishes each year's holiday arrangement (国务院办公厅关于…年部分节假日安排的通知) late in the
 * year before; until the bureau enters it (Mutation.setCalendarDay or WORKING_CALENDAR_FILE), the
 * catalog warns at start-up for this year and the next.
 */
import { Client } from 'pg';
import { governanceDatabaseUrl } from '../../../platform/governance';
import { pgSql } from '../../../platform/db/sql';
import { chinaDay } from '../../../platform/time';
import { loadCalendar } from './calendar';
import type { WorkingCalendar } from './working-days';

/** Warnings for this year and the next when the calendar declares no holiday in them. */
export function calendarCoverageWarnings(calendar: WorkingCalendar, today = chinaDay()): string[] {
  const year = Number(today.slice(0, 4));
  const covered = new Set(calendar.coveredYears);
  return [year, year + 1]
    .filter((y) => !covered.has(y))
    .map(
      (y) =>
        `catalog: warning: the working calendar has no public holidays for ${y}: deadlines in ${y} count weekends only until the bureau ` +
        `enters the State Council's ${y} holiday arrangement (Mutation.setCalendarDay or WORKING_CALENDAR_FILE)`,
    );
}

/** Logs the coverage warnings, reading the calendar from the governance database; never throws. */
export async function warnUncoveredCalendarYears(log: (line: string) => void = console.warn): Promise<void> {
  const client = new Client({ connectionString: governanceDatabaseUrl() });
  try {
    await client.connect();
    for (const w of calendarCoverageWarnings(await loadCalendar(pgSql(client)))) log(w);
  } catch (e) {
    log(`catalog: warning: could not check the working calendar's coverage (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
