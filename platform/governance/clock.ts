/**
 * The platform clock (issue 10, item 9): the instant deadlines are judged against. In development
 * and tests an offset from real time may be set (`platform_clock`, one row in the governance
 * database), so that a test moves time for every process at once — past a working-day deadline —
 * instead of sleeping. In production (NODE_ENV=production) the row is ignored and setting it is
 * refused: there, the platform clock is the real clock.
 */
import type { Sql } from '../db/sql';

export { isProduction } from '../settings/read';
import { isProduction } from '../settings/read';

/** The offset in milliseconds the platform clock runs ahead of real time (0 in production). */
export async function platformClockOffset(sql: Sql): Promise<number> {
  if (isProduction()) return 0;
  const [row] = await sql<{ offset_ms: string }>(`SELECT offset_ms FROM platform_clock WHERE id`);
  return row ? Number(row.offset_ms) : 0;
}

/** The platform's now. */
export async function platformNow(sql: Sql): Promise<Date> {
  return new Date(Date.now() + (await platformClockOffset(sql)));
}

/** Moves the platform clock to run `offsetMs` ahead of real time (0 resets it). Not in production. */
export async function setPlatformClockOffset(sql: Sql, offsetMs: number, note = ''): Promise<void> {
  if (isProduction()) throw new Error('The platform clock cannot be moved when NODE_ENV=production');
  if (!Number.isSafeInteger(offsetMs)) throw new RangeError(`clock offset must be a whole number of milliseconds, got ${offsetMs}`);
  await sql(
    `INSERT INTO platform_clock (id, offset_ms, note) VALUES (true, ?, ?)
     ON CONFLICT (id) DO UPDATE SET offset_ms = EXCLUDED.offset_ms, note = EXCLUDED.note, set_at = now()`,
    [offsetMs, note],
  );
}
