/**
 * `npm run bench:audit-verify -- [--rows N] [--parallel P] [--keep]`: how fast `audit:verify`
 * checks a large trail (issue 13, item 4: 10 million rows in under a minute). Not a test.
 *
 * Builds a throw-away governance database (`<DATABASE_PREFIX>_audit_bench`, default prefix
 * `hyauditbench`, on DATABASE_URL's server), migrated as the catalog's, and fills it with N events
 * spread over three months (so over several monthly partitions) and one subject row per event on
 * average (0, 1 or 2, written by one INSERT … SELECT after the events). The chain is computed here with the same formula as the database's
 * audit_digest (format 3) and the rows arrive by COPY with triggers off for the load (session
 * replication role), then the chain head is set — the verification that follows recomputes every
 * hash in PostgreSQL, so a formula that differed would show as a broken chain, not a fast one.
 * Then it times verifyAuditTrail in FULL mode (every row) and prints one JSON line.
 * Reuses the filled database when it already holds N rows (--keep leaves it for the next run).
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrate, openOrm } from '../platform/db/orm';
import { dropDatabase, ensureDatabase, withDatabase } from '../platform/db/databases';
import { verifyAuditTrail } from '../platform/audit/verify';
import { GENESIS_HASH } from '../platform/governance';
import { subgraph as catalog } from '../subgraphs/catalog';

const RS = '\x1e';
const US = '\x1f';
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const AGENCIES = ['taxation', 'human-resources', 'civil-affairs', 'market-regulation', 'public-security'];
const PURPOSES = ['综合治税', '社会保险待遇资格认证', '最低生活保障审核', '', '市场主体登记'];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** COPY text format: backslash, tab and newline escaped; our values hold none, but keep it right. */
const copyText = (v: string) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
const copyArray = (items: string[]) => `{${items.map((i) => `"${i}"`).join(',')}}`;

/** Event seq's k-th subject key; SUBJECT_ROWS writes the same ones in SQL. */
const subjectKey = (seq: number, k: number) => `p${(seq * 7919 + k * 104729) % 5_000_000}`;
const SUBJECT_ROWS = `INSERT INTO audit_event_subject (event_seq, subject_key, disclosed, event_at)
  SELECT e.seq, 'p' || ((e.seq * 7919 + k * 104729) % 5000000)::text, true, e.at
    FROM audit_event e, generate_series(0, (e.seq % 3)::int - 1) AS k`;

/** The events as two COPY streams, chained with audit_digest's format 3. */
function* generate(rows: number, start: number, spanMs: number): Generator<string> {
  let prev = GENESIS_HASH;
  let batch = '';
  for (let seq = 1; seq <= rows; seq++) {
    const at = new Date(start + Math.floor((seq / rows) * spanMs));
    const atText = at.toISOString().replace('Z', '000Z');
    const agency = AGENCIES[seq % AGENCIES.length];
    const purpose = PURPOSES[seq % PURPOSES.length];
    const requestId = `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
    const keys = Array.from({ length: seq % 3 }, (_, k) => subjectKey(seq, k)).sort();
    const subjectsDigest = sha256(keys.map((k) => `${k}${US}1`).join(RS));
    const served = ['Person.name', 'Person.gender'];
    const operationHash = sha256(`query Lookup${seq % 7} { person { name } }`);
    const fields = [
      'v3',
      String(seq),
      atText,
      requestId,
      '',
      'population',
      agency,
      'true',
      'clerk-1',
      '',
      purpose,
      'Lookup',
      'Person',
      served.join(US),
      '',
      '',
      '',
      String(keys.length),
      subjectsDigest,
      '',
      '',
      '1',
      operationHash,
      'SERVED',
      prev,
    ];
    const hash = sha256(fields.join(RS));
    // seq, at, request_id, correlation_id, subgraph, agency, agency_verified, operator, purpose, operation, resource,
    // items_served, format, subject_count, subjects_digest, refusal_count, operation_hash, decision, prev_hash, hash
    batch += `${[seq, at.toISOString(), requestId, '\\N', 'population', agency, 't', 'clerk-1', purpose === '' ? '' : copyText(purpose), 'Lookup', 'Person', copyArray(served), 3, keys.length, subjectsDigest, 1, operationHash, 'SERVED', prev, hash].join('\t')}\n`;
    prev = hash;
    if (seq % 2000 === 0) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

async function fill(url: string, rows: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const spanMs = 90 * 86_400_000;
    const start = Date.now() - spanMs;
    await client.query(`SELECT audit_ensure_partitions($1::timestamptz, now())`, [new Date(start)]);
    await client.query(`SET session_replication_role = replica`); // no chain trigger: the rows come chained
    let lastHash = GENESIS_HASH;
    const events = client.query(
      copyFrom(`COPY audit_event (seq, at, request_id, correlation_id, subgraph, agency, agency_verified, operator, purpose, operation, resource,
        items_served, format, subject_count, subjects_digest, refusal_count, operation_hash, decision, prev_hash, hash) FROM STDIN`),
    );
    const source = generate(rows, start, spanMs);
    await pipeline(
      Readable.from(
        (function* () {
          for (const chunk of source) {
            const m = /\t([0-9a-f]{64})\n$/.exec(chunk);
            if (m) lastHash = m[1];
            yield chunk;
          }
        })(),
      ),
      events,
    );
    await client.query(SUBJECT_ROWS);
    await client.query(`UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1`, [rows, lastHash]);
    await client.query(`RESET session_replication_role`);
    await client.query(`VACUUM ANALYZE audit_event`);
    await client.query(`VACUUM ANALYZE audit_event_subject`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const rows = arg('--rows', 10_000_000);
  const parallel = arg('--parallel', 2);
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL must name a PostgreSQL server (the bench creates a database on it)');
  const database = `${process.env.DATABASE_PREFIX ?? 'hyauditbench'}_audit_bench`;
  const url = withDatabase(server, database);
  let filled: boolean;
  try {
    const c = new Client({ connectionString: url });
    await c.connect();
    filled = Number((await c.query(`SELECT last_seq FROM audit_chain_head`)).rows[0].last_seq) === rows;
    await c.end();
  } catch {
    filled = false;
  }
  if (!filled) {
    await dropDatabase(server, database).catch(() => undefined);
    await ensureDatabase(server, database);
    const orm = await openOrm(catalog, url);
    await migrate(orm);
    await orm.close();
    const t = Date.now();
    await fill(url, rows);
    console.error(`filled ${rows} events in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const started = Date.now();
  const status = await verifyAuditTrail(url, { mode: 'FULL', parallel });
  const seconds = (Date.now() - started) / 1000;
  const c = new Client({ connectionString: url });
  await c.connect();
  const size = (await c.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s, (SELECT count(*) FROM audit_event_subject)::int AS subjects`))
    .rows[0];
  const version = (await c.query(`SHOW server_version`)).rows[0].server_version;
  await c.end();
  console.log(
    JSON.stringify({
      rows,
      subjectRows: size.subjects,
      databaseSize: size.s,
      parallel,
      intact: status.intact,
      reason: status.reason,
      seconds: Number(seconds.toFixed(1)),
      rowsPerSecond: Math.round(status.events / seconds),
      machine: `${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores, PostgreSQL ${version}`,
    }),
  );
  if (!process.argv.includes('--keep')) await dropDatabase(server, database);
}

main().catch((e: unknown) => {
  console.error('bench:audit-verify failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
