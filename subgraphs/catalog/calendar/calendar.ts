/**
 * The platform's working calendar: the `calendar_day` table (China's public holidays and adjusted
 * working days, seeded for 2025-2026 and maintained by the bureau with Mutation.setCalendarDay),
 * plus, optionally, a JSON file named by WORKING_CALENDAR_FILE (`[{"day":"2027-01-01","kind":
 * "HOLIDAY","name":"元旦"}]`) whose entries take precedence, for deployments that manage the
 * calendar as configuration.
 */
import * as fs from 'node:fs';
import type { Query } from '../shared/sql';
import { CalendarOverride, WorkingCalendar, isIsoDay } from './working-days';
import { setting } from '../../../platform/settings/read';

function configuredOverrides(): CalendarOverride[] {
  const file = setting('WORKING_CALENDAR_FILE');
  if (!file) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as CalendarOverride[];
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array of {day, kind, name}`);
  for (const o of parsed) {
    if (!isIsoDay(o.day) || !['HOLIDAY', 'WORKDAY'].includes(o.kind)) throw new Error(`${file}: bad calendar entry ${JSON.stringify(o)}`);
  }
  return parsed;
}

export async function loadCalendar(q: Query): Promise<WorkingCalendar> {
  const rows = await q<{ day: string; kind: 'HOLIDAY' | 'WORKDAY'; name: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM calendar_day`);
  return new WorkingCalendar([...rows, ...configuredOverrides()]);
}
