/**
 * The consistency job on a schedule inside the catalog process: every QUALITY_CHECK_INTERVAL_MINUTES
 * (default 1440, once a day; 0 turns it off — the tests do, and run it through
 * Mutation.runConsistencyCheck instead). The first run waits one interval after start-up, so that
 * the router and the base subgraphs, started after the catalog, are up. A failed run is logged and
 * retried at the next tick; runs never overlap.
 */
import { Pool } from 'pg';
import { governanceDatabaseUrl } from '../../../platform/governance';
import { routerReader } from './reader';
import { clientTransaction, runConsistencyCheck, summaryLine } from './job';

const DEFAULT_INTERVAL_MINUTES = 1440;

export function qualityCheckIntervalMs(): number {
  const raw = process.env.QUALITY_CHECK_INTERVAL_MINUTES;
  const minutes = raw == null || raw === '' ? DEFAULT_INTERVAL_MINUTES : Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`QUALITY_CHECK_INTERVAL_MINUTES must be a number of minutes ≥ 0, got ${JSON.stringify(raw)}`);
  return minutes * 60_000;
}

/** Starts the schedule (nothing when the interval is 0); returns a stop function. */
export function startConsistencySchedule(log: (line: string) => void = console.log): () => Promise<void> {
  const interval = qualityCheckIntervalMs();
  if (interval === 0) return async () => undefined;
  const pool = new Pool({ connectionString: governanceDatabaseUrl(), max: 2 });
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      const client = await pool.connect();
      try {
        log(`catalog: ${summaryLine(await runConsistencyCheck(await routerReader(), clientTransaction(client)))}`);
      } catch (e) {
        log(`catalog: consistency check failed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        client.release();
      }
    })().finally(() => (running = null));
  };
  const timer = setInterval(tick, interval);
  timer.unref();
  log(`catalog: consistency check every ${interval / 60_000} minutes (QUALITY_CHECK_INTERVAL_MINUTES)`);
  return async () => {
    clearInterval(timer);
    await running;
    await pool.end();
  };
}
