/**
 * PostgreSQL CPU per audit event appended (docs/PERFORMANCE.md, "Third session"): the audit
 * writer's statement, prepared (as the writer runs it) and unprepared, in batches of the given
 * size, on one connection; the backend's CPU time from /proc. Appends real events to the given
 * governance database's trail: point it at a bench database, never at a city's.
 *
 *   node dist/bench/audit-append.js postgres://postgres@127.0.0.1:5432/hybench6600k_catalog [--batch 4] [--events 2000]
 */
import * as fs from 'node:fs';
import { Pool } from 'pg';
import { appendAuditEvents } from '../platform/governance';
import type { AuditEvent } from '../platform/audit/collector';
import { pgPreparedSql, pgSql, type Sql } from '../platform/db/sql';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** User + system CPU of a process in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** An event like one of the bench's thematic query: a licence kind's items, two subjects. */
const event = (i: number): AuditEvent => ({
  at: new Date(),
  requestId: `bench-audit-append-${i}`,
  subgraph: 'e-license',
  agency: 'taxation',
  operator: null,
  actorSubject: 'bench',
  purpose: '综合治税',
  operation: 'Thematic',
  operationHash: 'a'.repeat(64),
  resource: 'BusinessLicense',
  itemsServed: ['BusinessLicense.number', 'BusinessLicense.status', 'BusinessLicense.type', 'LicenseType.name'],
  itemsMasked: [],
  itemsRefused: [],
  subjects: [
    { key: `bench-lp-${i % 1000}`, disclosed: false },
    { key: `bench-licence-${i}`, disclosed: false },
  ],
  decision: 'SERVED',
});

async function measure(url: string, prepared: boolean, batch: number, events: number): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const sql: Sql = prepared ? pgPreparedSql(pool) : pgSql(pool);
    const run = (round: number) =>
      appendAuditEvents(
        sql,
        Array.from({ length: batch }, (_, j) => event(round * batch + j)),
      );
    for (let r = 0; r < 50; r++) await run(r); // warm-up
    const before = cpuMs(rows[0].pid);
    for (let r = 0; r < events / batch; r++) await run(r);
    return ((cpuMs(rows[0].pid) - before) / events) * 1000;
  } finally {
    await pool.end();
  }
}

async function main() {
  const url = process.argv[2];
  if (!url?.startsWith('postgres')) throw new Error('usage: node dist/bench/audit-append.js <governance database URL> [--batch N] [--events N]');
  const batch = arg('batch', 4);
  const events = arg('events', 2000);
  for (const prepared of [false, true, false, true]) {
    const us = await measure(url, prepared, batch, events);
    console.log(`${prepared ? 'prepared  ' : 'unprepared'} batch ${batch}: ${us.toFixed(0)} µs of PostgreSQL CPU per event`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
