/**
 * The catalog process's background work, started after the subgraph serves (main.ts):
 *   - the webhook dispatcher (platform/webhooks/dispatcher.ts), always;
 *   - the scheduled rectification scan, every RECTIFICATION_SCAN_INTERVAL_MS milliseconds when set
 *     (off by default and when 0): the same scan as Mutation.raiseRectificationNotices, run as the
 *     bureau, so that notices are raised and escalated without anyone pressing the button.
 * Neither stops the subgraph when it fails: it logs and tries again on its next tick.
 */
import { Pool } from 'pg';
import { pgSql } from '../../platform/db/sql';
import { governanceDatabaseUrl } from '../../platform/governance';
import { WebhookDispatcher } from '../../platform/webhooks/dispatcher';
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

export async function startBackground(log: (line: string) => void = console.warn): Promise<() => Promise<void>> {
  const url = governanceDatabaseUrl();
  const dispatcher = new WebhookDispatcher(url);
  await dispatcher.start();
  const interval = scanInterval();
  let timer: NodeJS.Timeout | undefined;
  let pool: Pool | undefined;
  if (interval > 0) {
    pool = new Pool({ connectionString: url, max: 1 });
    pool.on('error', (e) => log(`catalog: scheduled scan connection lost (${e.message})`));
    const scanPool = pool;
    let running = false;
    timer = setInterval(() => {
      if (running) return;
      running = true;
      void (async () => {
        const client = await scanPool.connect();
        try {
          const calendar = await loadCalendar(pgSql(client));
          await client.query('BEGIN');
          const result = await scanForNotices(
            pgSql(client),
            { agency: BUREAU, operator: 'scheduled-scan', roles: [Role.APPROVER] },
            calendar,
            currentCatalogue(),
          );
          await client.query('COMMIT');
          if (result.raised.length || result.escalated.length)
            log(`catalog: scheduled rectification scan raised ${result.raised.length} and escalated ${result.escalated.length} notices`);
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          log(`catalog: scheduled rectification scan failed (${e instanceof Error ? e.message : String(e)})`);
        } finally {
          client.release();
          running = false;
        }
      })();
    }, interval);
    timer.unref();
  }
  return async () => {
    if (timer) clearInterval(timer);
    await Promise.all([dispatcher.close(), pool?.end()]);
  };
}
