/**
 * The catalog process's background work, started after the subgraph serves (main.ts):
 *   - the webhook dispatcher (platform/webhooks/dispatcher.ts), always;
 *   - the scheduled rectification scan, every RECTIFICATION_SCAN_INTERVAL_MS milliseconds when set
 *     (off by default and when 0): the same scan as Mutation.raiseRectificationNotices, run as the
 *     bureau, so that notices are raised and escalated without anyone pressing the button;
 *   - the audit trail's upkeep (platform/audit/upkeep.ts): monthly partitions made ahead, signed
 *     checkpoints of the chain head written outside the database, always.
 * Neither stops the subgraph when it fails: it logs and tries again on its next tick.
 */
import { Pool } from 'pg';
import { pgSql } from '../../platform/db/sql';
import { governanceDatabaseUrl } from '../../platform/governance';
import { WebhookDispatcher } from '../../platform/webhooks/dispatcher';
import { startAuditUpkeep } from '../../platform/audit/upkeep';
import { loadCalendar } from './calendar/calendar';
import { currentCatalogue } from './catalogue/catalogue';
import { scanForNotices } from './notices/notices';
import { BUREAU, Role } from './shared/actors';

/** The interval of the scheduled scan in ms (0: off). */
export function scanInterval(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RECTIFICATION_SCAN_INTERVAL_MS;
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || (n > 0 && n < 1000))
    throw new RangeError(`RECTIFICATION_SCAN_INTERVAL_MS must be 0 (off) or at least 1000, got ${JSON.stringify(raw)}`);
  return n;
}

/** Runs the rectification scan as the bureau every `interval` ms on `url`'s database; returns the stop. */
export function startScheduledScan(url: string, interval: number, log: (line: string) => void = console.warn): () => Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  pool.on('error', (e) => log(`catalog: scheduled scan connection lost (${e.message})`));
  let running: Promise<void> | undefined;
  const tick = async () => {
    const client = await pool.connect();
    try {
      const calendar = await loadCalendar(pgSql(client));
      await client.query('BEGIN');
      const actor = { agency: BUREAU, operator: 'scheduled-scan', roles: [Role.APPROVER] };
      const result = await scanForNotices(pgSql(client), actor, calendar, currentCatalogue());
      await client.query('COMMIT');
      if (result.raised.length || result.escalated.length)
        log(`catalog: scheduled rectification scan raised ${result.raised.length} and escalated ${result.escalated.length} notices`);
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      log(`catalog: scheduled rectification scan failed (${e instanceof Error ? e.message : String(e)})`);
    } finally {
      client.release();
    }
  };
  const timer = setInterval(() => {
    if (running) return; // a slow scan is not overlapped by the next tick
    running = tick().finally(() => {
      running = undefined;
    });
  }, interval);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await pool.end();
  };
}

export async function startBackground(log: (line: string) => void = console.warn): Promise<() => Promise<void>> {
  const url = governanceDatabaseUrl();
  const dispatcher = new WebhookDispatcher(url);
  await dispatcher.start();
  const interval = scanInterval();
  const stopScan = interval > 0 ? startScheduledScan(url, interval, log) : undefined;
  const stopUpkeep = await startAuditUpkeep(url, log);
  return async () => {
    await Promise.all([dispatcher.close(), stopScan?.(), stopUpkeep()]);
  };
}
