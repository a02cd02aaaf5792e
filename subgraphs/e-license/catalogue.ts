/**
 * The catalogue of 电子证照库: the licence types and issuing agencies (national reference data, in
 * reference/licences.ts, re-exported here for the subgraph's modules) and the status rules of a
 * licence.
 */
import { chinaDay } from '../../platform/time';

export * from '../../reference/licences';

// ---- status -------------------------------------------------------------------------------------

export const LICENSE_STATUSES = ['VALID', 'EXPIRED', 'REVOKED', 'SUSPENDED'] as const;
export type LicenseStatusCode = (typeof LICENSE_STATUSES)[number];
/** What the database stores: EXPIRED is never stored, it is read off the dates. */
export type StoredStatus = 'VALID' | 'REVOKED' | 'SUSPENDED';

/** Today's calendar date in China (UTC+8, no daylight saving), YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return chinaDay(now);
}

/**
 * The status a client sees. REVOKED and SUSPENDED are facts the issuer records; EXPIRED is derived,
 * always the same way: a licence otherwise valid whose last valid day (`validTo`, inclusive) is
 * before today in China. A licence without `validTo` (长期) never expires.
 */
export function effectiveStatus(stored: StoredStatus, validTo: string | null, today: string = chinaToday()): LicenseStatusCode {
  if (stored !== 'VALID') return stored;
  return validTo !== null && validTo < today ? 'EXPIRED' : 'VALID';
}
