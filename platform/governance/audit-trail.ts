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
  ['items_served', 'text[]', (e) => e.itemsServed],
  ['items_masked', 'text[]', (e) => e.itemsMasked],
  ['items_refused', 'text[]', (e) => e.itemsRefused],
  ['decision', 'text', (e) => e.decision],
  ['refusal_reason', 'text', (e) => e.refusalReason ?? null],
  ['source_address', 'text', (e) => e.sourceAddress ?? null],
  ['refusal_count', 'integer', (e) => e.refusalCount ?? 1],
  ['operation_hash', 'text', (e) => e.operationHash ?? null],
];
/**
 * Rows written here use digest format 3 (migrations/governance/…_audit_digest_operation_hash: format
 * 2 of …_audit_uncapped plus operation_hash). Rows of formats 1 and 2 verify with their own formula.
 */
export const AUDIT_FORMAT = 3;

const NAMES = COLUMNS.map(([name]) => name);
/**
 * The one statement that appends a batch: the events as one JSON array (in order, so the chain
 * trigger numbers them in order and the i-th new seq is the i-th event), their subjects as three
 * parallel arrays, the subjects' digest computed in PostgreSQL by the same function that
 * verification uses. Its text is the same for every batch size, so the audit writer runs it as a
 * prepared statement (parsed and planned once per connection: planning a statement with a VALUES
 * row per event was a large part of the audit's cost per request, docs/PERFORMANCE.md).
 */
const APPEND = `WITH input AS (
       SELECT a.ord, r.* FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS a(doc, ord),
         jsonb_to_record(a.doc) AS r(${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})),
     subj (ord, subject_key, disclosed) AS (SELECT * FROM unnest(?::int[], ?::text[], ?::boolean[])),
     dig AS (SELECT ord, count(*)::int AS n, audit_subjects_digest(array_agg(subject_key), array_agg(disclosed)) AS digest FROM subj GROUP BY ord),
     ev AS (
       INSERT INTO audit_event (${NAMES.join(', ')}, format, subject_count, subjects_digest, seq, prev_hash, hash)
       SELECT ${NAMES.map((n) => `i.${n}`).join(', ')}, ?::smallint,
              coalesce(d.n, 0), coalesce(d.digest, audit_subjects_digest('{}', '{}')), 0, '', ''
         FROM input i LEFT JOIN dig d ON d.ord = i.ord ORDER BY i.ord
       RETURNING seq, at, subjects_digest),
     numbered AS (SELECT seq, at, subjects_digest, row_number() OVER (ORDER BY seq) AS ord FROM ev)
-- The i-th new seq is the i-th event (inserted in order under the chain head's lock); should
-- that ever not hold, the digests differ, event_seq is NULL and the whole batch fails (closed).
-- A subject row carries its event's time: it lives in the event's monthly partition.
INSERT INTO audit_event_subject (event_seq, subject_key, disclosed, event_at)
SELECT CASE WHEN n.subjects_digest = d.digest THEN n.seq END, s.subject_key, s.disclosed, n.at
  FROM numbered n JOIN dig d ON d.ord = n.ord JOIN subj s ON s.ord = n.ord`;

/**
 * Appends events in one statement (APPEND). `format`: the digest format; an older one only to
 * reproduce a trail an earlier release wrote (tests).
 */
export async function appendAuditEvents(sql: Sql, rows: readonly AuditEvent[], format: number = AUDIT_FORMAT): Promise<void> {
  if (!rows.length) return;
  const events = rows.map((e) => Object.fromEntries(COLUMNS.map(([name, , get]) => [name, get(e)])));
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
  await sql(APPEND, [JSON.stringify(events), pgArray(ords), pgArray(keys), pgArray(disclosed), format]);
}

export const GENESIS_HASH = '0'.repeat(64);
/** audit_subjects_digest('{}', '{}'): SHA-256 of the empty string. */
export const EMPTY_SUBJECTS_DIGEST = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export type ChainStatus = { intact: true; events: number; headHash: string } | { intact: false; events: number; brokenAtSeq: number; reason: string };

export type RowFailure = 'missing' | 'duplicate' | 'link' | 'edited' | 'subjects';

export const FAILURE_REASON: Record<RowFailure, string> = {
  missing: 'the row before it is missing (rows deleted)',
  duplicate: 'its seq appears twice (a row inserted)',
  link: 'its prev_hash does not match the previous row',
  edited: 'its content does not match its hash (edited)',
  subjects: 'its subjects do not match the digest its hash covers (subject rows added or edited)',
};

export interface RangeCheck {
  /** Rows read in the range. */
  events: number;
  /** The first broken row of the range. */
  failure?: { seq: number; kind: RowFailure };
  /** Seq and hash of the range's last row. */
  lastSeq?: number;
  lastHash?: string;
}

/**
 * Checks the rows with lo <= seq <= hi in one pass inside PostgreSQL, set-based (no row comes
 * back to the client unless broken): every row's hash recomputes from its content (audit_digest),
 * each row's prev_hash is the previous row's hash (`prevHash` for row lo; null: not checked, the
 * row before lo is not here), seqs run without gaps or repeats from lo, and each row's subject
 * rows match the count and digest its hash covers (rows of format 1 carry theirs in the row and
 * must have none). Run several ranges on connections sharing one snapshot to use several cores.
 * `gaps`: an archived month, whose seqs interleave with the neighbouring months' at its edges —
 * a missing seq is allowed and the row after it is not linked (its predecessor is elsewhere).
 */
export async function checkChainRange(sql: Sql, lo: number, hi: number, prevHash: string | null, gaps = false): Promise<RangeCheck> {
  // One pass: the window and the subjects' aggregate both come in seq order (index scans), so the
  // join merges without a sort, and only the counters and the first failure are kept.
  const [row] = await sql<{ events: string; last_seq: string | null; failed_seq: string | null; failure: RowFailure | null }>(
    `SELECT count(*)::text AS events, max(seq)::text AS last_seq,
            ((array_agg(seq ORDER BY seq) FILTER (WHERE failure IS NOT NULL))[1])::text AS failed_seq,
            (array_agg(failure ORDER BY seq) FILTER (WHERE failure IS NOT NULL))[1] AS failure
       FROM (
         SELECT ev.seq, CASE
             WHEN NOT ?::boolean AND ev.prior_seq IS NULL AND ev.seq <> ?::bigint THEN 'missing'
             WHEN ev.prior_seq = ev.seq THEN 'duplicate'
             WHEN NOT ?::boolean AND ev.prior_seq IS NOT NULL AND ev.seq <> ev.prior_seq + 1 THEN 'missing'
             WHEN ev.prev_hash IS DISTINCT FROM (CASE
                 WHEN ev.prior_seq = ev.seq - 1 THEN ev.prior_hash
                 WHEN ev.prior_seq IS NULL AND ev.seq = ?::bigint THEN coalesce(?::text, ev.prev_hash)
                 ELSE ev.prev_hash END) THEN 'link'
             WHEN ev.recomputed IS DISTINCT FROM ev.hash THEN 'edited'
             WHEN coalesce(s.digest, ?::text) IS DISTINCT FROM (CASE WHEN ev.format = 1 THEN ?::text ELSE ev.subjects_digest END)
               OR (ev.format <> 1 AND coalesce(s.n, 0) <> ev.subject_count) THEN 'subjects'
           END AS failure
           FROM (SELECT e.seq, e.hash, e.prev_hash, e.format, e.subject_count, e.subjects_digest, audit_digest(e) AS recomputed,
                        lag(e.seq) OVER w AS prior_seq, lag(e.hash) OVER w AS prior_hash
                   FROM audit_event e WHERE e.seq BETWEEN ? AND ? WINDOW w AS (ORDER BY e.seq)) ev
           LEFT JOIN (
             SELECT event_seq, count(*)::int AS n,
                    encode(sha256(convert_to(string_agg(subject_key || chr(31) || CASE WHEN disclosed THEN '1' ELSE '0' END, chr(30)
                      ORDER BY subject_key COLLATE "C"), 'UTF8')), 'hex') AS digest
               FROM audit_event_subject WHERE event_seq BETWEEN ? AND ? GROUP BY event_seq) s ON s.event_seq = ev.seq
       ) checked`,
    [gaps, lo, gaps, lo, prevHash, EMPTY_SUBJECTS_DIGEST, EMPTY_SUBJECTS_DIGEST, lo, hi, lo, hi],
  );
  const [last] = row.last_seq ? await sql<{ hash: string }>(`SELECT hash FROM audit_event WHERE seq = ? LIMIT 1`, [row.last_seq]) : [];
  return {
    events: Number(row.events),
    failure: row.failed_seq ? { seq: Number(row.failed_seq), kind: row.failure! } : undefined,
    lastSeq: row.last_seq ? Number(row.last_seq) : undefined,
    lastHash: last?.hash,
  };
}

/** The first and last seq present, and whether subject rows name events past the last (0, 0 when empty). */
export async function chainExtent(sql: Sql): Promise<{ first: number; last: number; orphanSubjectsAfter: boolean }> {
  const [row] = await sql<{ first: string | null; last: string | null; orphan: boolean }>(
    `SELECT (SELECT min(seq) FROM audit_event)::text AS first, (SELECT max(seq) FROM audit_event)::text AS last,
            EXISTS (SELECT 1 FROM audit_event_subject WHERE event_seq > coalesce((SELECT max(seq) FROM audit_event), 0)) AS orphan`,
  );
  return { first: Number(row.first ?? 0), last: Number(row.last ?? 0), orphanSubjectsAfter: row.orphan };
}

/** The hashes of the rows at these seqs (absent rows are absent from the map). */
export async function hashesAt(sql: Sql, seqs: readonly number[]): Promise<Map<number, string>> {
  if (!seqs.length) return new Map();
  const rows = await sql<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM audit_event WHERE seq = ANY(?::bigint[])`, [
    pgArray(seqs.map(String)),
  ]);
  return new Map(rows.map((r) => [Number(r.seq), r.hash]));
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
