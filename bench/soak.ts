/**
 * The soak benchmark (issue 13): `npm run soak -- --minutes N`. The platform (population,
 * legal-person and the catalog by default; population's and the governance database each on a
 * PostgreSQL server of their own, so that they can be stopped) under the benchmark's three
 * workloads (bench/queries.ts: lookup, thematic query, page of 50) at a steady rate, with the faults
 * of test/e2e/ injected on a schedule, one per phase:
 *
 *   warm-up → subgraph killed (SIGKILL; the launcher restarts it) → population's PostgreSQL stopped
 *   15 s → governance database stopped 15 s → slow subgraph (its table locked 12 s, past the
 *   router's 10 s timeout) → calm → SIGTERM (the launcher's orderly stop) under load.
 *
 * It writes bench/results/soak-<date>.json and the README's soak section: requests, errors by code
 * and p99 per phase, each fault's recovery time, RSS per process after warm-up and at the end, and
 * the audit check: every answer that carried data has its audit record (request id) in the trail.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { launchPlatform, type RunningPlatform } from '../scripts/launcher';
import { composeSupergraph } from '../scripts/compose';
import { repoRoot } from '../platform/config';
import { databaseName, dropDatabase, withDatabase } from '../platform/db/databases';
import { databaseUrlVariable } from '../platform/settings/per-subgraph';
import { governanceSubgraph } from '../platform/subgraph/registry';
import { issueDevToken } from '../platform/identity/tokens';
import { startOwnServer, type OwnServer } from '../scripts/pg-server';
import { conditionalItems, itemsRead, LOOKUP, pageQuery, supergraphSchema, THEMATIC_CALLER, thematicQuery, type OptionalPart } from './queries';
import { ensureGrant, memoryOf } from './platform';

interface Options {
  minutes: number;
  rate: number;
  databaseUrl: string;
  prefix: string;
  portBase: number;
  only: string[];
  write: boolean;
}

function parse(argv: string[]): Options {
  const o: Options = {
    minutes: 10,
    rate: 8,
    databaseUrl: process.env.DATABASE_URL ?? '',
    prefix: 'hysoak',
    portBase: 4800,
    only: ['population', 'legal-person'],
    write: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, v] = [argv[i], argv[i + 1]];
    if (flag === '--minutes') o.minutes = Number(v);
    else if (flag === '--rate') o.rate = Number(v);
    else if (flag === '--database-url') o.databaseUrl = v;
    else if (flag === '--port-base') o.portBase = Number(v);
    else if (flag === '--database-prefix') o.prefix = v;
    else if (flag === '--only') o.only = v.split(',');
    else if (flag === '--no-write') {
      o.write = false;
      continue;
    } else throw new Error(`unknown option ${flag} (--minutes N, --rate R per second, --database-url, --port-base, --database-prefix, --only a,b, --no-write)`);
    i++;
  }
  if (!(o.minutes > 0) || !(o.rate > 0)) throw new Error('--minutes and --rate must be positive');
  if (!o.databaseUrl) throw new Error('the soak needs a PostgreSQL server for the other databases: --database-url or DATABASE_URL');
  return o;
}

interface Outcome {
  workload: string;
  phase: string;
  sentAt: number;
  at: number;
  status: number;
  codes: string[];
  served: boolean;
  requestId?: string;
}

interface Workload {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
  headers: Record<string, string>;
}

const log = (l: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${l}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rows(url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function send(routerUrl: string, w: Workload, phase: string): Promise<Outcome> {
  const sentAt = Date.now();
  try {
    const res = await fetch(routerUrl, { method: 'POST', headers: w.headers, body: JSON.stringify({ query: w.query, variables: w.variables() }) });
    const body = (await res.json().catch(() => ({}))) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
    return {
      workload: w.name,
      phase,
      sentAt,
      at: Date.now(),
      status: res.status,
      codes: (body.errors ?? []).map((e) => e.extensions?.code ?? 'NONE'),
      served: !!body.data && Object.values(body.data).some((v) => v !== null && v !== undefined),
      requestId: res.headers.get('x-request-id') ?? undefined,
    };
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code ?? 'NETWORK_ERROR';
    return { workload: w.name, phase, sentAt, at: Date.now(), status: 0, codes: [code], served: false };
  }
}

function p99(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]);
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const governance = governanceSubgraph();
  const names = [governance, ...o.only];
  const started = Date.now();
  process.env.DATABASE_PREFIX = o.prefix;
  for (const s of names) await dropDatabase(o.databaseUrl, databaseName(s));
  const populationServer = await startOwnServer(o.portBase + 50, databaseName('population'));
  const governanceServer = await startOwnServer(o.portBase + 51, databaseName(governance));
  const servers: OwnServer[] = [populationServer, governanceServer];
  const env: Record<string, string> = {
    DATABASE_PREFIX: o.prefix,
    [databaseUrlVariable('population')]: populationServer.databaseUrl,
    [databaseUrlVariable(governance)]: governanceServer.databaseUrl,
    QUALITY_CHECK_INTERVAL_MINUTES: '0',
  };
  const launchLog: string[] = [];
  let platform: RunningPlatform | undefined;
  // Ctrl-C: stop what was started (the platform, both servers), then exit.
  process.once('SIGINT', () => {
    log('interrupted: stopping the platform and the servers');
    void (async () => {
      await platform?.stop().catch(() => undefined);
      for (const s of servers) await s.dispose();
      process.exit(130);
    })();
  });
  try {
    platform = await launchPlatform({
      databaseUrl: o.databaseUrl,
      portBase: o.portBase,
      only: o.only,
      seedScale: 1000,
      databasePrefix: o.prefix,
      env,
      log: (l) => {
        launchLog.push(`${new Date().toISOString()} ${l}`);
        if (/exited|restart/.test(l)) log(l);
      },
    });
    log(`platform up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const routerUrl = platform.routerUrl;
    const governanceUrl = governanceServer.databaseUrl;
    const populationUrl = populationServer.databaseUrl;

    // The benchmark's workloads, over the subgraphs present, and the grants they need.
    const parts = new Set(o.only.filter((n) => ['e-license', 'credit', 'geospatial'].includes(n)) as OptionalPart[]);
    const schema = supergraphSchema(composeSupergraph(names));
    const thematic = thematicQuery(parts);
    const page = pageQuery(parts);
    for (const [caller, query] of [
      [LOOKUP, LOOKUP.query],
      [THEMATIC_CALLER, thematic],
      [THEMATIC_CALLER, page],
    ] as const) {
      await ensureGrant(governanceUrl, caller.agency, caller.purpose, conditionalItems(itemsRead(schema, query), caller.agency));
    }
    const idNumbers = (await rows(populationUrl, 'SELECT id_number FROM person ORDER BY id LIMIT 200')).map((r) => String(r.id_number));
    const usccs = (await rows(withDatabase(o.databaseUrl, databaseName('legal-person')), 'SELECT uscc FROM legal_person ORDER BY id LIMIT 200')).map((r) =>
      String(r.uscc),
    );
    const headers = async (agency: string, purpose: string) => ({
      authorization: `Bearer ${await issueDevToken({ agency, ttl: `${o.minutes + 30}m` })}`,
      'x-purpose': encodeURIComponent(purpose),
      'content-type': 'application/json',
    });
    let n = 0;
    const workloads: Workload[] = [
      {
        name: 'lookup',
        query: LOOKUP.query,
        variables: () => ({ idNumber: idNumbers[n++ % idNumbers.length] }),
        headers: await headers(LOOKUP.agency, LOOKUP.purpose),
      },
      {
        name: 'thematic',
        query: thematic,
        variables: () => ({ uscc: usccs[n++ % usccs.length] }),
        headers: await headers(THEMATIC_CALLER.agency, THEMATIC_CALLER.purpose),
      },
      { name: 'page', query: page, variables: () => ({}), headers: await headers(THEMATIC_CALLER.agency, THEMATIC_CALLER.purpose) },
    ];

    // ---- the steady load: an open loop at --rate requests per second (at most 64 in flight) ----
    const outcomes: Outcome[] = [];
    let phase = 'warm-up';
    let loading = true;
    let inFlight = 0;
    const pending = new Set<Promise<void>>();
    const loader = (async () => {
      const interval = 1000 / o.rate;
      let next = Date.now();
      let i = 0;
      while (loading) {
        if (inFlight < 64) {
          inFlight++;
          const p = send(routerUrl, workloads[i++ % workloads.length], phase).then((r) => {
            outcomes.push(r);
            inFlight--;
          });
          pending.add(p);
          void p.finally(() => pending.delete(p));
        }
        next += interval;
        await sleep(Math.max(0, next - Date.now()));
      }
    })();

    const rss = (pids: Record<string, number>) => Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, memoryOf(pid)?.rssMiB ?? null]));
    /** First answer with data of `workload` sent after `t`: how long the fault took to clear. */
    const recovered = async (workload: string, t: number, ceilingMs: number): Promise<number | null> => {
      const deadline = Date.now() + ceilingMs;
      while (Date.now() < deadline) {
        const hit = outcomes.find((x) => x.workload === workload && x.sentAt >= t && x.served);
        if (hit) return hit.at - t;
        await sleep(100);
      }
      return null;
    };
    const total = o.minutes * 60_000;
    // Warm-up and calm get the remainder; each fault phase a fixed share.
    const faultPhase = Math.max(30_000, Math.floor(total / 7));
    const warm = Math.max(20_000, total - faultPhase * 5);
    const phases: { name: string; startedAt: number; endedAt?: number; fault?: string; recoveryMs?: number | null; bound?: string }[] = [];
    const begin = (name: string, fault?: string) => {
      phase = name;
      phases.push({ name, startedAt: Date.now(), fault });
      log(`phase ${name}${fault ? `: ${fault}` : ''}`);
      return phases[phases.length - 1];
    };

    begin('warm-up');
    await sleep(warm);
    const rssStart = rss(platform.pids);

    let p = begin('subgraph-killed', 'legal-person SIGKILL; the launcher restarts it');
    const killed = platform.pids['legal-person'];
    process.kill(killed, 'SIGKILL');
    const upAt = await (async () => {
      for (;;) {
        if (platform.pids['legal-person'] !== killed) {
          try {
            if ((await fetch(new URL('/health', platform.subgraphUrls['legal-person']))).ok) return Date.now();
          } catch {
            /* not up yet */
          }
        }
        await sleep(50);
      }
    })();
    p.recoveryMs = await recovered('thematic', upAt, 60_000);
    p.bound = 'answers within 5 s of the subgraph being up';
    await sleep(Math.max(0, p.startedAt + faultPhase - Date.now()));

    p = begin('population-database-stopped', "population's PostgreSQL stopped for 15 s");
    await populationServer.stop();
    await sleep(15_000);
    await populationServer.start();
    const popBack = Date.now();
    p.recoveryMs = await recovered('lookup', popBack, 60_000);
    p.bound = 'recovers by itself (no restart)';
    await sleep(Math.max(0, p.startedAt + faultPhase - Date.now()));

    p = begin('governance-database-stopped', 'governance PostgreSQL (grants, audit) stopped for 15 s');
    await governanceServer.stop();
    await sleep(15_000);
    await governanceServer.start();
    const govBack = Date.now();
    p.recoveryMs = await recovered('thematic', govBack, 60_000);
    p.bound = 'recovers by itself (no restart)';
    await sleep(Math.max(0, p.startedAt + faultPhase - Date.now()));

    p = begin('slow-subgraph', "population's person table locked 12 s (router subgraph timeout 10 s)");
    const locker = new Client({ connectionString: populationUrl });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE person IN ACCESS EXCLUSIVE MODE');
    await sleep(12_000);
    // Statements still waiting on the lock after the timeout: statement_timeout cancelled the rest.
    const waiting = Number(
      (
        await rows(
          populationUrl,
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND now() - query_start > interval '11 seconds'`,
        )
      )[0].n,
    );
    await locker.query('ROLLBACK');
    await locker.end();
    const lockGone = Date.now();
    p.recoveryMs = await recovered('lookup', lockGone, 60_000);
    p.bound = `statements waiting past the timeout when the lock ended: ${waiting}`;
    await sleep(Math.max(0, p.startedAt + faultPhase - Date.now()));

    begin('calm');
    await sleep(Math.max(10_000, faultPhase));
    const rssEnd = rss(platform.pids);

    p = begin('sigterm', 'the launcher stops the platform under load');
    const pids = Object.values(platform.pids);
    await platform.stop();
    p.recoveryMs = null;
    loading = false;
    await loader;
    await Promise.all([...pending]);
    const left = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    const end = Date.now();
    phases.forEach((ph, i) => (ph.endedAt = phases[i + 1]?.startedAt ?? end));

    // ---- the audit check: every answer with data has its audit record ----
    const served = outcomes.filter((x) => x.served && x.requestId).map((x) => x.requestId!);
    const audited = new Set<string>();
    for (let i = 0; i < served.length; i += 5000) {
      const r = await rows(governanceUrl, 'SELECT DISTINCT request_id FROM audit_event WHERE request_id = ANY($1)', [served.slice(i, i + 5000)]);
      for (const x of r) audited.add(String(x.request_id));
    }
    const unaudited = served.filter((id) => !audited.has(id)).length;

    const byPhase = phases.map((ph) => {
      const mine = outcomes.filter((x) => x.phase === ph.name);
      const codes: Record<string, number> = {};
      for (const x of mine) for (const c of new Set(x.codes)) codes[c] = (codes[c] ?? 0) + 1;
      return {
        phase: ph.name,
        fault: ph.fault ?? null,
        seconds: Math.round(((ph.endedAt ?? end) - ph.startedAt) / 100) / 10,
        requests: mine.length,
        served: mine.filter((x) => x.served).length,
        withErrors: mine.filter((x) => x.codes.length).length,
        errorsByCode: codes,
        p99Ms: p99(mine.map((x) => x.at - x.sentAt)),
        recoveryMs: ph.recoveryMs ?? null,
        bound: ph.bound ?? null,
      };
    });
    const growth = Object.fromEntries(
      Object.keys(rssEnd).map((k) => {
        const a = rssStart[k];
        const b = rssEnd[k];
        return [k, a && b ? Math.round(((b - a) / a) * 1000) / 10 : null];
      }),
    );
    const result = {
      date: new Date(started).toISOString(),
      minutes: o.minutes,
      ratePerSecond: o.rate,
      subgraphs: names,
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10), note: 'shared, busy 2-core machine' },
      requests: outcomes.length,
      served: served.length,
      errorsByCode: byPhase.reduce<Record<string, number>>((acc, ph) => {
        for (const [c, k] of Object.entries(ph.errorsByCode)) acc[c] = (acc[c] ?? 0) + k;
        return acc;
      }, {}),
      phases: byPhase,
      rssMiB: {
        afterWarmUp: rssStart,
        end: rssEnd,
        growthPercent: growth,
        note: 'legal-person was restarted (SIGKILL phase): its figures are of the new process',
      },
      audit: { servedAnswers: served.length, audited: served.length - unaudited, unaudited },
      processesLeftAfterStop: left.length,
      restartsLogged: launchLog.filter((l) => /restarted \(pid/.test(l)),
    };
    console.log(JSON.stringify(result, null, 2));
    if (o.write) {
      const file = path.join(repoRoot, 'bench', 'results', `soak-${result.date.slice(0, 10)}.json`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      updateSoakSection(result);
      log(`wrote ${path.relative(repoRoot, file)} and the README's soak section`);
    }
    platform = undefined;
  } finally {
    await platform?.stop();
    for (const s of servers) await s.dispose();
  }
}

type SoakResult = {
  date: string;
  minutes: number;
  ratePerSecond: number;
  machine: { loadAverage: number[] };
  requests: number;
  phases: {
    phase: string;
    fault: string | null;
    requests: number;
    served: number;
    errorsByCode: Record<string, number>;
    p99Ms: number;
    recoveryMs: number | null;
    bound: string | null;
  }[];
  rssMiB: { afterWarmUp: Record<string, number | null>; end: Record<string, number | null>; growthPercent: Record<string, number | null> };
  audit: { servedAnswers: number; unaudited: number };
  processesLeftAfterStop: number;
};

const START = '<!-- soak:start -->';
const END = '<!-- soak:end -->';

function updateSoakSection(r: SoakResult): void {
  const lines = [
    `Last run ${r.date.slice(0, 16).replace('T', ' ')} UTC: \`npm run soak -- --minutes ${r.minutes}\`, ${r.ratePerSecond} requests/s of the three bench workloads, ${r.requests} requests.`,
    `**The machine is shared and busy** (2 cores, load average ${r.machine.loadAverage.join(' / ')} at the end): latencies are this machine's, not the platform's.`,
    '',
    '| phase | fault | requests | with data | errors by code | p99 ms | recovery |',
    '|---|---|---|---|---|---|---|',
    ...r.phases.map(
      (p) =>
        `| ${p.phase} | ${p.fault ?? ''} | ${p.requests} | ${p.served} | ${
          Object.entries(p.errorsByCode)
            .map(([c, k]) => `${c} ${k}`)
            .join(', ') || '—'
        } | ${p.p99Ms} | ${p.recoveryMs === null ? '—' : `${(p.recoveryMs / 1000).toFixed(1)} s`}${p.bound ? ` (${p.bound})` : ''} |`,
    ),
    '',
    '| process | RSS after warm-up (MiB) | RSS at the end (MiB) | growth |',
    '|---|---|---|---|',
    ...Object.keys(r.rssMiB.end).map((k) => `| ${k} | ${r.rssMiB.afterWarmUp[k] ?? '—'} | ${r.rssMiB.end[k] ?? '—'} | ${r.rssMiB.growthPercent[k] ?? '—'} % |`),
    '',
    `Audit: ${r.audit.servedAnswers} answers carried data, ${r.audit.unaudited} of them without an audit record. Processes left after the orderly stop: ${r.processesLeftAfterStop}.`,
  ];
  const file = path.join(repoRoot, 'README.md');
  const current = fs.readFileSync(file, 'utf8');
  const block = `${START}\n${lines.join('\n')}\n${END}`;
  const s = current.indexOf(START);
  const e = current.indexOf(END);
  fs.writeFileSync(
    file,
    s >= 0 && e > s ? current.slice(0, s) + block + current.slice(e + END.length) : `${current.replace(/\s*$/, '')}\n\n### Soak\n\n${block}\n`,
  );
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`soak failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  });
}
