/**
 * Checks the whole audit chain: every row's hash recomputes from its content and the previous
 * row's hash, `seq` has no gaps (no row deleted), and the chain head matches the last row (the
 * tail was not cut). Names the first broken row.
 */
import { Client } from 'pg';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainStatus =
  | { intact: true; events: number; headHash: string }
  | { intact: false; events: number; brokenAtSeq: number; reason: string };

const BATCH = 5000;

export async function verifyAuditChain(databaseUrl: string): Promise<ChainStatus> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let previousHash = GENESIS_HASH;
    let expectedSeq = 1;
    let events = 0;
    for (;;) {
      const { rows } = await client.query(
        `SELECT seq::bigint AS seq, prev_hash, hash, audit_digest(e) AS recomputed
           FROM audit_event e WHERE seq >= $1 ORDER BY seq LIMIT ${BATCH}`,
        [expectedSeq],
      );
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) return { intact: false, events, brokenAtSeq: expectedSeq, reason: `row ${expectedSeq} is missing (next row is ${seq})` };
        if (r.prev_hash !== previousHash) return { intact: false, events, brokenAtSeq: seq, reason: 'its prev_hash does not match the previous row' };
        if (r.recomputed !== r.hash) return { intact: false, events, brokenAtSeq: seq, reason: 'its content does not match its hash (edited)' };
        previousHash = r.hash;
        expectedSeq += 1;
        events += 1;
      }
      if (rows.length < BATCH) break;
    }
    const head = (await client.query('SELECT last_seq::bigint AS last_seq, last_hash FROM audit_chain_head WHERE id = 1')).rows[0];
    if (!head || Number(head.last_seq) !== events || head.last_hash !== previousHash) {
      return { intact: false, events, brokenAtSeq: events + 1, reason: `the chain head records ${head?.last_seq} rows but ${events} remain (rows removed from the end)` };
    }
    return { intact: true, events, headHash: previousHash };
  } finally {
    await client.end();
  }
}
