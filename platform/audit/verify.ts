/**
 * Verifies the audit trail of the governance database at `databaseUrl` against its hash chain and
 * its signed checkpoints (./checkpoint.ts):
 *
 *  1. every checkpoint line is well formed, of this trail, and signed by a known key;
 *  2. every checkpoint's row still has the hash that was signed (rows of archived months aside):
 *     a rewrite of any earlier row, with every later hash recomputed, changes that hash, which
 *     the chain alone cannot show;
 *  3. the rows after the last good checkpoint (mode FROM_CHECKPOINT, the default) or all rows
 *     (FULL) recompute and link (platform/governance/audit-trail.ts, checkChainRange), in ranges
 *     on several connections that share one snapshot;
 *  4. the chain head names the last row (the tail was not cut), and no subject row names an event
 *     past it.
 *
 * The first failure is reported with the row it names. Optionally the outcome is recorded in
 * `audit_verification` ("last verified", for the portal).
 */
import { Client } from 'pg';
import { pgSql } from '../db/sql';
import {
  FAILURE_REASON,
  GENESIS_HASH,
  auditChainHead,
  chainExtent,
  checkChainRange,
  hashesAt,
  recordAuditVerification,
  type ChainStatus,
  type RangeCheck,
  type VerificationMode,
} from '../governance';
import { checkpointSignatureValid, checkpointVerificationKeys, readCheckpoints, type Checkpoint } from './checkpoint';

export { GENESIS_HASH, type ChainStatus } from '../governance';

export interface VerifyOptions {
  /** FROM_CHECKPOINT (default): rows after the last good checkpoint; FULL: every row. */
  mode?: VerificationMode;
  /** The checkpoint file to check against, or how to name it from the trail id; undefined: none (the chain alone). */
  checkpointFile?: string | ((trailId: string) => string);
  /** Connections checking ranges at once (default 2). */
  parallel?: number;
  /** Record the outcome in audit_verification under this name. */
  recordAs?: string;
  /**
   * An archived month restored into a scratch database (docs/AUDIT.md): every row recomputes,
   * links where its predecessor is in the archive, and the checkpoints whose rows are in it match;
   * the trail is the checkpoints' and the chain head is not consulted.
   */
  archive?: boolean;
}

export interface TrailStatus {
  intact: boolean;
  mode: VerificationMode;
  /** The rows checked: fromSeq..throughSeq. */
  fromSeq: number;
  throughSeq: number;
  events: number;
  headHash: string | null;
  checkpointFile: string | null;
  checkpoints: { inFile: number; matched: number; archived: number; lastGood: Checkpoint | null };
  brokenAtSeq: number | null;
  reason: string | null;
  notes: string[];
}

/** Rows per range: small enough that several ranges keep every connection busy. */
const RANGE_ROWS = 500_000;

class Broken extends Error {
  constructor(
    readonly seq: number,
    reason: string,
  ) {
    super(reason);
  }
}

async function connect(url: string, snapshot?: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  if (snapshot) await client.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, '')}'`);
  return client;
}

async function close(client: Client): Promise<void> {
  await client.query('COMMIT').catch(() => undefined);
  await client.end();
}

/** Checks seq lo..hi in ranges on `parallel` connections sharing `snapshot`; the first failure, else the last hash. */
async function checkRows(
  url: string,
  snapshot: string,
  lo: number,
  hi: number,
  prevHash: string | null,
  parallel: number,
  gaps: boolean,
): Promise<{ events: number; lastHash?: string }> {
  const ranges: { lo: number; hi: number; result?: RangeCheck & { firstPrev?: string } }[] = [];
  for (let start = lo; start <= hi; start += RANGE_ROWS) ranges.push({ lo: start, hi: Math.min(hi, start + RANGE_ROWS - 1) });
  let next = 0;
  const worker = async () => {
    const client = await connect(url, snapshot);
    try {
      const sql = pgSql(client);
      while (next < ranges.length) {
        const range = ranges[next++];
        const result = await checkChainRange(sql, range.lo, range.hi, range.lo === lo ? prevHash : null, gaps);
        // The link into the range's first row is checked here, against the previous range's last row.
        const [first] = await sql<{ prev_hash: string }>(`SELECT prev_hash FROM audit_event WHERE seq = ? LIMIT 1`, [range.lo]);
        range.result = { ...result, firstPrev: first?.prev_hash };
      }
    } finally {
      await close(client);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, ranges.length)) }, worker));
  let events = 0;
  let lastHash: string | undefined;
  let lastSeq: number | undefined;
  for (const [i, range] of ranges.entries()) {
    const r = range.result!;
    const linked = !gaps || lastSeq === range.lo - 1;
    if (i > 0 && linked && r.firstPrev !== undefined && r.firstPrev !== lastHash && !(r.failure && r.failure.seq === range.lo))
      throw new Broken(range.lo, FAILURE_REASON.link);
    if (!r.events && !gaps) throw new Broken(range.lo, FAILURE_REASON.missing);
    if (r.failure) throw new Broken(r.failure.seq, FAILURE_REASON[r.failure.kind]);
    events += r.events;
    if (r.events) {
      lastHash = r.lastHash;
      lastSeq = r.lastSeq;
    }
  }
  return { events, lastHash };
}

/** Verifies the trail (see the header); never throws for a broken trail, only for an unreachable database. */
export async function verifyAuditTrail(databaseUrl: string, options: VerifyOptions = {}): Promise<TrailStatus> {
  const mode = options.mode ?? 'FROM_CHECKPOINT';
  const notes: string[] = [];
  let lines: Awaited<ReturnType<typeof readCheckpoints>> = [];
  const status: TrailStatus = {
    intact: false,
    mode,
    fromSeq: 0,
    throughSeq: 0,
    events: 0,
    headHash: null,
    checkpointFile: null,
    checkpoints: { inFile: 0, matched: 0, archived: 0, lastGood: null },
    brokenAtSeq: null,
    reason: null,
    notes,
  };
  const main = await connect(databaseUrl);
  try {
    const sql = pgSql(main);
    const [{ snapshot }] = await sql<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const head = await auditChainHead(sql);
    const extent = await chainExtent(sql);
    status.throughSeq = head.seq;
    const file = typeof options.checkpointFile === 'function' ? options.checkpointFile(head.trailId) : options.checkpointFile;
    if (file) {
      status.checkpointFile = file;
      lines = await readCheckpoints(file);
      status.checkpoints.inFile = lines.length;
    }

    // 1-2: the checkpoints.
    const keys = checkpointVerificationKeys();
    const checkpoints: Checkpoint[] = [];
    for (const line of lines) {
      const c = line.checkpoint;
      if (!c) throw new Broken(0, `checkpoint file line ${line.line} is ${line.problem}`);
      const trail = options.archive ? (checkpoints[0]?.trail ?? c.trail) : head.trailId;
      if (c.trail !== trail) throw new Broken(c.sequence, `checkpoint file line ${line.line} is of another audit trail (${c.trail}, this is ${trail})`);
      if (!checkpointSignatureValid(c, keys))
        throw new Broken(c.sequence, `checkpoint file line ${line.line} (seq ${c.sequence}): its signature does not verify`);
      if (!options.archive && c.sequence > head.seq)
        throw new Broken(
          head.seq + 1,
          `the checkpoint of ${c.time} names seq ${c.sequence} but the chain head records ${head.seq} rows (rows removed from the end)`,
        );
      checkpoints.push(c);
    }
    const hashes = await hashesAt(
      sql,
      checkpoints.map((c) => c.sequence),
    );
    for (const c of [...checkpoints].sort((a, b) => a.sequence - b.sequence)) {
      const hash = hashes.get(c.sequence);
      if (hash === undefined) {
        if (options.archive) continue; // a row of another month, not in this archive
        if (c.sequence < extent.first) {
          status.checkpoints.archived += 1;
          continue;
        }
        throw new Broken(c.sequence, `the row of the checkpoint of ${c.time} is missing (rows deleted)`);
      }
      if (hash !== c.hash) throw new Broken(c.sequence, `its hash differs from the checkpoint signed ${c.time}: the trail was rewritten at or before this row`);
      status.checkpoints.matched += 1;
      status.checkpoints.lastGood = c;
    }
    if (file && !lines.length) notes.push(`no checkpoints in ${file}`);

    // 3: the rows.
    const anchor = mode === 'FROM_CHECKPOINT' && !options.archive ? status.checkpoints.lastGood : null;
    let lo: number;
    let prevHash: string | null;
    if (anchor) {
      lo = anchor.sequence + 1;
      prevHash = anchor.hash;
    } else {
      lo = extent.first || 1;
      const before = checkpoints.find((c) => c.sequence === lo - 1);
      prevHash = lo === 1 ? GENESIS_HASH : (before?.hash ?? null);
      if (options.archive) notes.push(`the archive holds seq ${extent.first}..${extent.last}; its edges link to the neighbouring months`);
      else if (lo > 1 && !before) notes.push(`rows before seq ${lo} are archived; row ${lo}'s link to them is checked with the archive`);
    }
    status.fromSeq = lo;
    let lastHash = anchor?.hash ?? (lo === 1 ? GENESIS_HASH : undefined);
    const hi = options.archive ? extent.last : head.seq;
    status.throughSeq = hi;
    if (lo <= hi) {
      const rows = await checkRows(databaseUrl, snapshot, lo, hi, prevHash, options.parallel ?? 2, options.archive ?? false);
      status.events = rows.events;
      lastHash = rows.lastHash;
    }

    // 4: the head and the tail.
    if (options.archive) {
      status.intact = true;
      status.headHash = lastHash ?? null;
      return status;
    }
    if (extent.last > head.seq) throw new Broken(head.seq + 1, `rows past the chain head (${head.seq}) exist (rows inserted around the chain)`);
    if (extent.last < head.seq)
      throw new Broken(extent.last + 1, `the chain head records ${head.seq} rows but the last is ${extent.last} (rows removed from the end)`);
    if (head.seq > 0 && lastHash !== undefined && lastHash !== head.hash)
      throw new Broken(head.seq, `the chain head's hash does not match row ${head.seq} (rows removed from the end)`);
    if (extent.orphanSubjectsAfter) throw new Broken(head.seq + 1, 'subject rows name events past the chain head (subject rows added)');
    status.intact = true;
    status.headHash = head.hash;
  } catch (e) {
    if (!(e instanceof Broken)) throw e;
    status.brokenAtSeq = e.seq;
    status.reason = e.message;
    status.events = status.fromSeq ? Math.max(0, e.seq - status.fromSeq) : 0;
  } finally {
    await close(main);
  }
  if (options.recordAs) {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await recordAuditVerification(pgSql(client), {
        mode,
        fromSeq: status.fromSeq,
        throughSeq: status.throughSeq,
        events: status.events,
        checkpoints: status.checkpoints.matched,
        intact: status.intact,
        reason: status.reason,
        byWhom: options.recordAs,
      });
    } finally {
      await client.end();
    }
  }
  return status;
}

/** The whole chain without checkpoints, in the older shape (tests, the scale-out check). */
export async function verifyAuditChain(databaseUrl: string): Promise<ChainStatus> {
  const s = await verifyAuditTrail(databaseUrl, { mode: 'FULL' });
  return s.intact
    ? { intact: true, events: s.events, headHash: s.headHash! }
    : { intact: false, events: s.events, brokenAtSeq: s.brokenAtSeq!, reason: s.reason! };
}
