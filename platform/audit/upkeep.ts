/**
 * The audit trail's periodic upkeep, run by the catalog process (subgraphs/catalog/background.ts):
 *
 *  - partitions: at start and every hour, the monthly partitions from the current month through
 *    AUDIT_MONTHS_AHEAD months ahead, judged by the real clock and by the platform clock (tests
 *    and demos move the latter past a month's end), so that an insert never falls back to the
 *    DEFAULT partition on a normal day;
 *  - checkpoints: every AUDIT_CHECKPOINT_INTERVAL, the chain head signed (./checkpoint.ts),
 *    appended to the checkpoint file, recorded in `audit_checkpoint` and POSTed to
 *    AUDIT_CHECKPOINT_URL when set. A transaction-scoped advisory lock lets one catalog replica
 *    write each one; nothing is signed while the head has not moved.
 *
 * Neither stops the process when it fails: it logs and tries again on its next tick.
 */
import { Pool, type PoolClient } from 'pg';
import { pgSql } from '../db/sql';
import { auditChainHead, ensureAuditPartitions, markAuditCheckpointPushed, platformNow, recentAuditCheckpoints, recordAuditCheckpoint } from '../governance';
import { setting } from '../settings/read';
import { appendCheckpoint, checkpointFilePath, checkpointKey, pushCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint';

const PARTITION_INTERVAL_MS = 3_600_000;
/** pg_try_advisory_xact_lock key of the checkpoint writer ('audit-ck' as a number). */
const CHECKPOINT_LOCK = 0x61756469746b;

/** Creates the partitions the current month (real and platform clock) and the months ahead need; the number created. */
export async function maintainAuditPartitions(client: PoolClient | Pool): Promise<number> {
  const sql = pgSql(client);
  const real = new Date();
  const platform = await platformNow(sql);
  const [from, through] = real <= platform ? [real, platform] : [platform, real];
  return ensureAuditPartitions(sql, from, through);
}

/**
 * Signs the chain head and writes it out, unless another replica holds the lock or the head has
 * not moved since the last checkpoint. The file comes first: a checkpoint recorded in the database
 * is always in the file. Returns the checkpoint written, if any.
 */
export async function writeAuditCheckpoint(pool: Pool, options: { file?: string; url?: string } = {}): Promise<Checkpoint | undefined> {
  const url = options.url ?? setting('AUDIT_CHECKPOINT_URL');
  const client = await pool.connect();
  let written: Checkpoint | undefined;
  try {
    const sql = pgSql(client);
    await client.query('BEGIN');
    const [{ locked }] = await sql<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(${CHECKPOINT_LOCK}) AS locked`);
    if (locked) {
      const head = await auditChainHead(sql);
      const [last] = await recentAuditCheckpoints(sql, 1);
      if (head.seq > 0 && (!last || last.seq < head.seq)) {
        written = signCheckpoint({ trail: head.trailId, sequence: head.seq, hash: head.hash }, checkpointKey());
        await appendCheckpoint(options.file ?? checkpointFilePath(head.trailId), written);
        await recordAuditCheckpoint(sql, written);
      }
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  if (written && url) await markAuditCheckpointPushed(pgSql(pool), written.sequence, await pushCheckpoint(url, written));
  return written;
}

/** Starts both tasks on the governance database at `databaseUrl` (the first partition pass awaited); returns the stop. */
export async function startAuditUpkeep(databaseUrl: string, log: (line: string) => void = console.warn): Promise<() => Promise<void>> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', (e) => log(`catalog: audit upkeep connection lost (${e.message})`));
  const partitions = async () => {
    try {
      const created = await maintainAuditPartitions(pool);
      if (created) log(`catalog: created ${created} monthly audit partition(s)`);
    } catch (e) {
      log(`catalog: audit partition upkeep failed (${e instanceof Error ? e.message : String(e)})`);
    }
  };
  const checkpoint = async () => {
    try {
      await writeAuditCheckpoint(pool);
    } catch (e) {
      log(`catalog: audit checkpoint failed (${e instanceof Error ? e.message : String(e)})`);
    }
  };
  if (checkpointKey().derived) log('catalog: audit checkpoints are signed with a key derived from the development pseudonym key (set AUDIT_CHECKPOINT_KEY)');
  await partitions();
  let running: Promise<void> | undefined;
  const every = (ms: number, task: () => Promise<void>) => {
    const timer = setInterval(() => {
      if (running) return; // a slow pass is not overlapped by the next tick
      running = task().finally(() => {
        running = undefined;
      });
    }, ms);
    timer.unref();
    return timer;
  };
  const timers = [every(PARTITION_INTERVAL_MS, partitions), every(setting('AUDIT_CHECKPOINT_INTERVAL') * 1000, checkpoint)];
  return async () => {
    timers.forEach(clearInterval);
    await running;
    await checkpoint(); // the head at an orderly stop is anchored too
    await pool.end();
  };
}
