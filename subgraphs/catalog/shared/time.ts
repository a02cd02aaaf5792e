/** Small date helpers of the catalog subgraph (instants are UTC; local dates are China Standard Time). */
import { badUserInput } from '../../../platform/errors';
import { CHINA_OFFSET_MS } from '../../../platform/time';
import { endOfChinaDay, isIsoDay } from '../calendar/working-days';

export function addYears(d: Date, years: number): Date {
  const r = new Date(d.getTime());
  r.setUTCFullYear(r.getUTCFullYear() + years);
  return r;
}

/** Start of a local (China Standard Time) day as an instant. */
export function startOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** A time bound: YYYY-MM-DD (the start of that local day) or an ISO 8601 instant with a zone. */
export function parseInstant(value: string, argument: string): Date {
  if (isIsoDay(value)) return startOfChinaDay(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
  throw badUserInput(`Argument "${argument}" must be YYYY-MM-DD or an ISO 8601 instant with a zone, got ${JSON.stringify(value)}`, { argument });
}

/** The local year [start, end) as instants. */
export function chinaYear(year: number): { start: Date; end: Date } {
  return { start: startOfChinaDay(`${year}-01-01`), end: startOfChinaDay(`${year + 1}-01-01`) };
}

export { endOfChinaDay };
