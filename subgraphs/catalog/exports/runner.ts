/**
 * Runs queued batch export jobs inside the catalog process: one job at a time per process, claimed
 * with SKIP LOCKED so that several catalog replicas share the queue; woken at once by a request in
 * this process and otherwise polling every two seconds (a request taken by another replica, a
 * restart). Each tick also deletes files whose time is up (EXPORT_EXPIRY_HOURS on the platform
 * clock). A job whose process died stops beating and is failed by the next claim (governance/exports.ts).
 */
import { Pool } from 'pg';
import { pgSql } from '../../../platform/db/sql';
import { claimNextExport, expireExports, governanceDatabaseUrl, platformNow } from '../../../platform/governance';
import { runExport } from './job';

const POLL_MS = 2000;
/** A running job updates its heartbeat at least with every chunk; one silent this long is dead. */
const STALE_AFTER_MS = 5 * 60_000;

const routerUrl = () => process.env.PLATFORM_ROUTER_URL || 'http://127.0.0.1:4000/';

let wakeCurrent: (() => void) | undefined;

/** Asks this process's runner to look at the queue now (after a request committed). */
export function wakeExportRunner(): void {
  wakeCurrent?.();
}

export function startExportRunner(log: (line: string) => void = console.warn): () => Promise<void> {
  const pool = new Pool({ connectionString: governanceDatabaseUrl(), max: 2 });
  pool.on('error', (e) => log(`catalog: export runner connection lost (${e.message})`));
  const sql = pgSql(pool);
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const drain = async () => {
    await expireExports(sql, await platformNow(sql));
    for (let job = await claimNextExport(sql, STALE_AFTER_MS); job && !stopped; job = await claimNextExport(sql, STALE_AFTER_MS)) {
      await runExport(sql, job, routerUrl());
    }
  };
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((e: unknown) => log(`catalog: export runner: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  wakeCurrent = tick;
  const timer = setInterval(tick, POLL_MS);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    wakeCurrent = undefined;
    await running;
    await pool.end();
  };
}
