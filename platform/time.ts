/**
 * Dates as the city lives them: China Standard Time (UTC+8, no daylight saving) and calendar
 * days written YYYY-MM-DD. One place for what ID validation, licence expiry, credit publicity
 * and the working-day calendar all need.
 */

export const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The local date in China of an instant (default now), YYYY-MM-DD. */
export function chinaDay(instant: Date = new Date()): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether a value is a real calendar date written YYYY-MM-DD (no 30 February). */
export function isIsoDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}
