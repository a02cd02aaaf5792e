/**
 * Checks the whole audit chain: every row's hash recomputes from its content and the previous
 * row's hash, `seq` has no gaps (no row deleted), and the chain head matches the last row (the
 * tail was not cut), and each row's subject rows match the digest its hash covers. Rows of
 * format 1 (written before the uncapped trail) verify with the first formula. Names the first
 * broken row.
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
      // Format 1 rows (before the uncapped trail) carry their subjects in the row and must have
      // no subject rows; later rows' subject rows must match the digest their hash covers.
      const { rows } = await client.query(
        `SELECT seq::bigint AS seq, prev_hash, hash, audit_digest(e) AS recomputed, format, subject_count,
                CASE WHEN format = 1 THEN audit_subjects_digest('{}', '{}') ELSE subjects_digest END AS expected_subjects,
                audit_stored_subjects_digest(seq) AS stored_subjects,
                (SELECT count(*)::int FROM audit_event_subject s WHERE s.event_seq = e.seq) AS stored_count
           FROM audit_event e WHERE seq >= $1 ORDER BY seq LIMIT ${BATCH}`,
        [expectedSeq],
      );
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) return { intact: false, events, brokenAtSeq: expectedSeq, reason: `row ${expectedSeq} is missing (next row is ${seq})` };
        if (r.prev_hash !== previousHash) return { intact: false, events, brokenAtSeq: seq, reason: 'its prev_hash does not match the previous row' };
        if (r.recomputed !== r.hash) return { intact: false, events, brokenAtSeq: seq, reason: 'its content does not match its hash (edited)' };
        if (r.stored_subjects !== r.expected_subjects || (r.format !== 1 && r.stored_count !== r.subject_count)) {
          return { intact: false, events, brokenAtSeq: seq, reason: 'its subjects do not match the digest its hash covers (subject rows added or edited)' };
        }
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
