/**
 * What the bench needs around the launched platform: its databases (kept between runs, dropped
 * when seeded at another scale), the peer router process, the subgraphs' SQL counters, peak RSS
 * of each process, the bench grant for the thematic caller, and the PostgreSQL server's facts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { repoRoot } from '../platform/config';
import { databaseName, dropDatabase, withDatabase } from '../platform/db/databases';
import { pgSql } from '../platform/db/sql';
import { agencyControls, setAgencyControls } from '../platform/governance/agency-controls';
import { issueGrant, loadLiveGrants, revokeGrant as revokeGovernanceGrant } from '../platform/governance';
import { assertLoopback } from './load';
import { distPath, spawnService, stopProcess, subgraphUrlEnv, waitForHealth } from '../scripts/processes';

type Log = (line: string) => void;

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function serverFacts(serverUrl: string): Promise<{ version: string; maxConnections: number }> {
  return withClient(serverUrl, async (c) => {
    const { rows } = await c.query(`SELECT current_setting('server_version') AS v, current_setting('max_connections')::int AS m`);
    return { version: rows[0].v as string, maxConnections: rows[0].m as number };
  });
}

/**
 * The bench's databases are kept between runs so that the seed is paid once. When they hold
 * another scale (or --fresh), drop them all. Returns the subgraphs whose database must be seeded
 * (all after a drop; otherwise those without a database yet, e.g. a subgraph that just landed).
 */
export async function prepareBenchDatabases(
  serverUrl: string,
  prefix: string,
  scale: number,
  fresh: boolean,
  subgraphs: string[],
  log: Log,
): Promise<string[]> {
  const existing = await withClient(serverUrl, async (c) =>
    (await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1`, [`${prefix}\\_%`])).rows.map((r) => r.datname as string),
  );
  let reason = fresh ? '--fresh' : '';
  const population = databaseName('population');
  if (!reason && existing.includes(population)) {
    try {
      const persons = await withClient(withDatabase(serverUrl, population), async (c) => Number((await c.query('SELECT count(*) AS n FROM person')).rows[0].n));
      if (persons !== scale) reason = `they hold ${persons} persons, not ${scale}`;
    } catch (e) {
      reason = `the population database cannot be read (${(e as Error).message})`;
    }
  }
  if (reason && existing.length) {
    log(`dropping the bench databases (${reason}): ${existing.join(', ')}`);
    for (const name of existing) await dropDatabase(serverUrl, name);
    return subgraphs;
  }
  const missing = subgraphs.filter((s) => !existing.includes(databaseName(s)));
  const kept = subgraphs.filter((s) => !missing.includes(s));
  if (kept.length) log(`keeping the bench databases of ${kept.join(', ')} (seeded at scale ${scale})`);
  return missing;
}

/**
 * Seeds the bench databases with `npm run seed`'s script (dist/scripts/seed.js), one subgraph
 * after another, before the platform starts: the launcher would otherwise seed them all at once
 * inside its start-up timeout. Returns each subgraph's seeding time in seconds.
 */
export async function seedDatabases(
  serverUrl: string,
  prefix: string,
  scale: number,
  subgraphs: string[],
  all: boolean,
  log: Log,
): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  const runs = all ? [undefined] : subgraphs;
  for (const only of runs) {
    await new Promise<void>((resolve, reject) => {
      const args = [path.join(repoRoot, 'dist', 'scripts', 'seed.js'), '--scale', String(scale), ...(only ? ['--only', only] : [])];
      const proc = spawn(process.execPath, args, {
        cwd: repoRoot,
        env: { ...(process.env as Record<string, string>), DATABASE_URL: serverUrl, DATABASE_PREFIX: prefix },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const onSignal = () => proc.kill('SIGTERM');
      process.once('SIGINT', onSignal);
      let buffered = '';
      const relay = (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^(\S+): seeded at scale \d+ in ([\d.]+) s/.exec(line);
          if (m) seconds[m[1]] = Number(m[2]);
          if (line.trim()) log(`[seed] ${line}`);
        }
      };
      proc.stdout?.on('data', relay);
      proc.stderr?.on('data', relay);
      proc.on('exit', (code) => {
        process.off('SIGINT', onSignal);
        if (code === 0) resolve();
        else reject(new Error(`seeding ${only ?? 'the databases'} failed (exit code ${code})`));
      });
    });
  }
  return seconds;
}

/** Makes sure `agency` holds a live grant for `items` with `purpose`, adding one for the missing
 *  items (in the bench's own catalog database). Returns the id of the grant added, if any. */
export async function ensureGrant(governanceUrl: string, agency: string, purpose: string, items: string[]): Promise<{ added?: string; missing: string[] }> {
  if (!items.length) return { missing: [] };
  return withClient(governanceUrl, async (c) => {
    const sql = pgSql(c);
    const now = Date.now();
    const held = new Set(
      (await loadLiveGrants(sql, new Date(now)))
        .filter((g) => g.agency === agency && g.purposes.has(purpose) && !g.rowScope && g.validFrom.getTime() <= now)
        .flatMap((g) => [...g.items]),
    );
    const missing = items.filter((i) => !held.has(i));
    if (!missing.length) return { missing };
    const added = await issueGrant(sql, {
      agency,
      items: missing,
      purposes: [purpose],
      validFrom: new Date(now - 60_000),
      validTo: new Date(now + 86_400_000),
    });
    return { added, missing };
  });
}

/**
 * Raises an agency's rate limits for the run, as an operator would for a load test through the
 * agency register (issue 13): the limiter still runs on every request (its cost is measured), it
 * just does not refuse. Returns a function that puts the agency's previous overrides back.
 */
export async function liftRateLimits(governanceUrl: string, agency: string): Promise<() => Promise<void>> {
  const before = await withClient(governanceUrl, (c) => agencyControls(pgSql(c), agency));
  await withClient(governanceUrl, (c) => setAgencyControls(pgSql(c), agency, { requestsPerSecond: 1_000_000, costPerSecond: 1_000_000_000 }));
  return () =>
    withClient(governanceUrl, async (c) => {
      await setAgencyControls(pgSql(c), agency, { requestsPerSecond: before?.requestsPerSecond ?? null, costPerSecond: before?.costPerSecond ?? null });
    });
}

export async function revokeGrant(governanceUrl: string, id: string): Promise<void> {
  await withClient(governanceUrl, (c) => revokeGovernanceGrant(pgSql(c), id, 'benchmark finished', 'benchmark'));
}

/** Sum of `sql_statements_total` over the subgraphs, and each one's. */
export async function sqlCounters(subgraphUrls: Record<string, string>): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => {
      const text = await (await fetch(new URL('/metrics', assertLoopback(url)))).text();
      const m = /sql_statements_total\{[^}]*\}\s+(\d+)/.exec(text);
      return [name, m ? Number(m[1]) : NaN] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** VmHWM (peak resident set) and VmRSS of a process, in MiB. */
export function memoryOf(pid: number): { peakMiB: number; rssMiB: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peakMiB: Math.round(kb('VmHWM') / 102.4) / 10, rssMiB: Math.round(kb('VmRSS') / 102.4) / 10 };
  } catch {
    return undefined;
  }
}

/** Resets a process's peak RSS to its current RSS (Linux: "5" > /proc/<pid>/clear_refs), so that
 *  the peak measured covers the workload, not the seed or an earlier workload. */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface PeerRouter {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A second router process, ROUTER_ENGINE=apollo-gateway, in front of the same subgraphs. */
export async function startPeerRouter(port: number, supergraphPath: string, subgraphUrls: Record<string, string>, log: Log): Promise<PeerRouter> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ROUTER_ENGINE: 'apollo-gateway',
    ROUTER_LISTEN: `127.0.0.1:${port}`,
    SUPERGRAPH_PATH: supergraphPath,
  };
  for (const [name, url] of Object.entries(subgraphUrls)) env[subgraphUrlEnv(name)] = url;
  const proc = spawnService('peer-router', distPath('router', 'main.js'), env, log);
  let stopping = false;
  proc.on('exit', (code, signal) => {
    if (!stopping) log(`[peer-router] exited unexpectedly (code ${code}, signal ${signal})`);
  });
  const stop = () => {
    stopping = true;
    return stopProcess(proc);
  };
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHealth(url, proc, 'peer router', 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: proc.pid ?? 0, stop };
}

/** The bare engine (bench/bare-engine.ts) in front of the same subgraphs. */
export async function startBareEngine(port: number, supergraphPath: string, subgraphUrls: Record<string, string>, log: Log): Promise<PeerRouter> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), BARE_ENGINE_PORT: String(port), SUPERGRAPH_PATH: supergraphPath };
  for (const [name, url] of Object.entries(subgraphUrls)) env[subgraphUrlEnv(name)] = url;
  const proc = spawnService('bare-engine', distPath('bench', 'bare-engine.js'), env, log);
  let stopping = false;
  proc.on('exit', (code, signal) => {
    if (!stopping) log(`[bare-engine] exited unexpectedly (code ${code}, signal ${signal})`);
  });
  const stop = () => {
    stopping = true;
    return stopProcess(proc);
  };
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHealth(url, proc, 'bare engine', 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: proc.pid ?? 0, stop };
}

// ---- CPU time per process ---------------------------------------------------------------------

const TICK_MS = 10; // USER_HZ is 100 on Linux

function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, ms. */
function cpuMs(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) * TICK_MS : undefined;
}

/** The PostgreSQL server process (postmaster) behind a connection, when it runs on this machine. */
export async function postmasterPid(serverUrl: string): Promise<number | undefined> {
  // Read while connected: the backend process ends with the connection.
  return withClient(serverUrl, async (c) => {
    const f = statFields(Number((await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid));
    return f ? Number(f[1]) : undefined;
  });
}

export type CpuSnapshot = { named: Record<string, number>; postgres: Map<number, number>; bench: number };

/**
 * CPU time of the platform's processes, of every PostgreSQL process (children of the postmaster:
 * backends, WAL writer…) and of this process (the load generator, and the floor's client): the
 * cost of a request, which a busy shared machine disturbs much less than requests per second.
 */
export class CpuMeter {
  constructor(
    private readonly pids: Record<string, number>,
    private readonly postmaster?: number,
  ) {}

  snapshot(): CpuSnapshot {
    const named: Record<string, number> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const ms = cpuMs(pid);
      if (ms !== undefined) named[name] = ms;
    }
    const postgres = new Map<number, number>();
    if (this.postmaster) {
      for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        const pid = Number(entry);
        const f = statFields(pid);
        if (f && (pid === this.postmaster || Number(f[1]) === this.postmaster)) postgres.set(pid, (Number(f[11]) + Number(f[12])) * TICK_MS);
      }
    }
    const usage = process.cpuUsage();
    return { named, postgres, bench: (usage.user + usage.system) / 1000 };
  }

  /** ms of CPU per process between two snapshots; PostgreSQL processes summed as "postgres". */
  static between(a: CpuSnapshot, b: CpuSnapshot): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, ms] of Object.entries(b.named)) if (a.named[name] !== undefined) out[name] = ms - a.named[name];
    if (b.postgres.size) {
      let pg = 0;
      for (const [pid, ms] of b.postgres) pg += ms - (a.postgres.get(pid) ?? 0);
      out.postgres = pg;
    }
    out.bench = b.bench - a.bench;
    return out;
  }
}
