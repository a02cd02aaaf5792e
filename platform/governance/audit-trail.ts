/**
 * The audit trail's tables (`audit_event`, `audit_event_subject`, `audit_chain_head`): appending
 * events, and verifying the hash chain. The chain itself is computed inside PostgreSQL by the
 * governance migrations' trigger and digest functions, under the row lock of the chain head, so
 * concurrent writers from every process still produce one unbroken chain in `seq` order.
 */
import type { AuditEvent } from '../audit/collector';
import { pgArray, type Sql } from '../db/sql';

/** The event columns the writer sets, with their SQL types; seq, prev_hash and hash are set by the chain trigger. */
const COLUMNS: [string, string, (e: AuditEvent) => unknown][] = [
  ['at', 'timestamptz', (e) => e.at],
  ['request_id', 'text', (e) => e.requestId],
  ['correlation_id', 'text', (e) => e.correlationId ?? null],
  ['subgraph', 'text', (e) => e.subgraph],
  ['agency', 'text', (e) => e.agency],
  ['agency_verified', 'boolean', (e) => e.agencyVerified ?? (e.agency ? true : null)],
  ['operator', 'text', (e) => e.operator],
  ['actor_subject', 'text', (e) => e.actorSubject],
  ['purpose', 'text', (e) => e.purpose],
  ['operation', 'text', (e) => e.operation],
  ['resource', 'text', (e) => e.resource],
  ['items_served', 'text[]', (e) => pgArray(e.itemsServed)],
  ['items_masked', 'text[]', (e) => pgArray(e.itemsMasked)],
  ['items_refused', 'text[]', (e) => pgArray(e.itemsRefused)],
  ['decision', 'text', (e) => e.decision],
  ['refusal_reason', 'text', (e) => e.refusalReason ?? null],
  ['source_address', 'text', (e) => e.sourceAddress ?? null],
  ['refusal_count', 'integer', (e) => e.refusalCount ?? 1],
  ['operation_hash', 'text', (e) => e.operationHash ?? null],
];
/** Rows written here use the second digest formula (migrations/governance/…_audit_uncapped). */
export const AUDIT_FORMAT = 2;

/**
 * Appends events in one statement: the events (in order, so the chain trigger numbers them in
 * order and the i-th new seq is the i-th event) and every one of their subjects, with the
 * subjects' digest computed in PostgreSQL by the same function that verification uses.
 */
export async function appendAuditEvents(sql: Sql, rows: readonly AuditEvent[]): Promise<void> {
  if (!rows.length) return;
  const values: unknown[] = [];
  // Placeholders are numbered in the order they appear in the statement, which is the push order.
  const param = (v: unknown, type: string) => {
    values.push(v);
    return `?::${type}`;
  };
  const tuples = rows.map((e, i) => `(${[param(i + 1, 'int'), ...COLUMNS.map(([, type, get]) => param(get(e), type))].join(', ')})`);
  const ords: number[] = [];
  const keys: string[] = [];
  const disclosed: boolean[] = [];
  rows.forEach((e, i) =>
    e.subjects.forEach((s) => {
      ords.push(i + 1);
      keys.push(s.key);
      disclosed.push(s.disclosed);
    }),
  );
  const names = COLUMNS.map(([name]) => name);
  await sql(
    `WITH input (ord, ${names.join(', ')}) AS (VALUES ${tuples.join(', ')}),
          subj (ord, subject_key, disclosed) AS (SELECT * FROM unnest(${param(pgArray(ords), 'int[]')}, ${param(pgArray(keys), 'text[]')}, ${param(pgArray(disclosed), 'boolean[]')})),
          dig AS (SELECT ord, count(*)::int AS n, audit_subjects_digest(array_agg(subject_key), array_agg(disclosed)) AS digest FROM subj GROUP BY ord),
          ev AS (
            INSERT INTO audit_event (${names.join(', ')}, format, subject_count, subjects_digest, seq, prev_hash, hash)
            SELECT ${names.map((n) => `i.${n}`).join(', ')}, ${AUDIT_FORMAT},
                   coalesce(d.n, 0), coalesce(d.digest, audit_subjects_digest('{}', '{}')), 0, '', ''
              FROM input i LEFT JOIN dig d ON d.ord = i.ord ORDER BY i.ord
            RETURNING seq, subjects_digest),
          numbered AS (SELECT seq, subjects_digest, row_number() OVER (ORDER BY seq) AS ord FROM ev)
     -- The i-th new seq is the i-th event (inserted in order under the chain head's lock); should
     -- that ever not hold, the digests differ, event_seq is NULL and the whole batch fails (closed).
     INSERT INTO audit_event_subject (event_seq, subject_key, disclosed)
     SELECT CASE WHEN n.subjects_digest = d.digest THEN n.seq END, s.subject_key, s.disclosed
       FROM numbered n JOIN dig d ON d.ord = n.ord JOIN subj s ON s.ord = n.ord`,
    values,
  );
}

export const GENESIS_HASH = '0'.repeat(64);

export type ChainStatus = { intact: true; events: number; headHash: string } | { intact: false; events: number; brokenAtSeq: number; reason: string };

const BATCH = 5000;

/**
 * Checks the whole chain: every row's hash recomputes from its content and the previous row's
 * hash, `seq` has no gaps (no row deleted), the chain head matches the last row (the tail was not
 * cut), and each row's subject rows match the digest its hash covers. Rows of format 1 (written
 * before the uncapped trail) verify with the first formula. Names the first broken row.
 */
export async function verifyChain(sql: Sql): Promise<ChainStatus> {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let events = 0;
  for (;;) {
    // Format 1 rows (before the uncapped trail) carry their subjects in the row and must have
    // no subject rows; later rows' subject rows must match the digest their hash covers.
    const rows = await sql<{
      seq: string;
      prev_hash: string;
      hash: string;
      recomputed: string;
      format: number;
      subject_count: number;
      expected_subjects: string;
      stored_subjects: string;
      stored_count: number;
    }>(
      `SELECT seq::bigint AS seq, prev_hash, hash, audit_digest(e) AS recomputed, format, subject_count,
              CASE WHEN format = 1 THEN audit_subjects_digest('{}', '{}') ELSE subjects_digest END AS expected_subjects,
              audit_stored_subjects_digest(seq) AS stored_subjects,
              (SELECT count(*)::int FROM audit_event_subject s WHERE s.event_seq = e.seq) AS stored_count
         FROM audit_event e WHERE seq >= ? ORDER BY seq LIMIT ${BATCH}`,
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
  const [head] = await sql<{ last_seq: string; last_hash: string }>('SELECT last_seq::bigint AS last_seq, last_hash FROM audit_chain_head WHERE id = 1');
  if (!head || Number(head.last_seq) !== events || head.last_hash !== previousHash) {
    return {
      intact: false,
      events,
      brokenAtSeq: events + 1,
      reason: `the chain head records ${head?.last_seq} rows but ${events} remain (rows removed from the end)`,
    };
  }
  return { intact: true, events, headHash: previousHash };
}

/** The chain position of the last event at or before `asOf` (= events written by then), 0 when none. */
export async function auditEventsWrittenBy(sql: Sql, asOf: Date): Promise<number> {
  const [row] = await sql<{ seq: string }>(`SELECT seq::text AS seq FROM audit_event WHERE at <= ? ORDER BY at DESC LIMIT 1`, [asOf]);
  return row ? Number(row.seq) : 0;
}

export interface AgencyUsage {
  agency: string;
  requests: number;
  served: number;
  masked: number;
  refusals: number;
  refusedRequests: number;
}

/** Per agency, what its requests in [start, end) were served and refused, outside the excluded subgraphs. */
export async function auditUsageByAgency(sql: Sql, start: Date, end: Date, excludeSubgraphs: readonly string[]): Promise<AgencyUsage[]> {
  const rows = await sql<{ agency: string; requests: string; served: string; masked: string; refusals: string; refused_requests: string }>(
    `SELECT agency,
            count(DISTINCT request_id)::text AS requests,
            coalesce(sum(cardinality(items_served) + cardinality(items_masked)), 0)::text AS served,
            coalesce(sum(cardinality(items_masked)), 0)::text AS masked,
            coalesce(sum(cardinality(items_refused)), 0)::text AS refusals,
            count(DISTINCT request_id) FILTER (WHERE cardinality(items_refused) > 0)::text AS refused_requests
       FROM audit_event
      WHERE at >= ? AND at < ? AND agency IS NOT NULL AND NOT (subgraph = ANY(?::text[]))
      GROUP BY agency`,
    [start, end, pgArray(excludeSubgraphs)],
  );
  return rows.map((r) => ({
    agency: r.agency,
    requests: Number(r.requests),
    served: Number(r.served),
    masked: Number(r.masked),
    refusals: Number(r.refusals),
    refusedRequests: Number(r.refused_requests),
  }));
}
