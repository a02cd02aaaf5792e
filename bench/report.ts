/**
 * The bench's outputs: bench/results/<date>.json with every figure, the table printed to stdout,
 * and the same table in README.md between `<!-- bench:start -->` and `<!-- bench:end -->`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../platform/config';
import type { Summary } from './load';

export interface Measured extends Summary {
  /** SQL statements per request (subgraph counters for ours and the peer; our own count for the floor). */
  sqlPerRequest: number;
  /** CPU ms per request of each process involved (router or peer router, subgraphs, PostgreSQL,
   *  and this process: the load generator, plus the floor's own work), and their sum. */
  cpuMsPerRequest: Record<string, number>;
  cpuMsTotalPerRequest: number;
}

export interface WorkloadResult {
  key: string;
  title: string;
  description: string;
  ours?: Measured;
  peer?: Measured;
  /** The Hive runtime with the Rust planner alone (bench/bare-engine.ts), same subgraphs. */
  bareEngine?: Measured;
  /** Our router in front of the same subgraphs started with BENCH_POLICY_OFF (no shield, masking, audit). */
  policyOff?: Measured;
  floor?: Measured;
  /** ours rps ÷ peer rps, ÷ bare engine rps, ÷ policy-off rps, ÷ floor rps. */
  oursToPeer?: number;
  oursToBareEngine?: number;
  policyOnToOff?: number;
  oursToFloor?: number;
  /** Peak RSS (VmHWM, MiB) of each process during this workload (reset before it). */
  peakRssMiB: Record<string, number>;
  notes: string[];
}

/** (a) at a fixed arrival rate (half of our router's closed-loop rps), latency from the scheduled start. */
export interface OpenLoopResult {
  workload: string;
  targetRps: number;
  achievedRps: number;
  requests: number;
  errors: number;
  /** Scheduled requests not sent because 1,000 were already in flight. */
  dropped: number;
  p50: number;
  p99: number;
  max: number;
  cpuMsTotalPerRequest: number;
}

export interface BenchResults {
  date: string;
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string };
  postgres: { version: string; maxConnections: number; server: 'embedded' | 'DATABASE_URL' };
  git: { commit: string; dirty: boolean };
  databasePrefix: string;
  scale: number;
  legalPersons: number;
  concurrency: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  floorPoolMax: number;
  subgraphs: string[];
  leftOut: { part: string; fields: string }[];
  grant?: { agency: string; purpose: string; items: string[]; addedByBench: string[] };
  /** Platform start-up; the seed (scripts/seed.js, one subgraph after another) when this run seeded. */
  launch: { seconds: number; seedSeconds: number; seeded: Record<string, number>; migrated: Record<string, string> };
  /** The last earlier run at this scale that seeded (when this one did not). */
  lastSeed?: SeedRecord;
  workloads: WorkloadResult[];
  openLoop?: OpenLoopResult;
  /** Largest peak of each process over the workloads, MiB. */
  peakRssMiB: Record<string, number>;
  peakRssReset: boolean;
}

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || !Number.isFinite(n) ? '–' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '–' : `${n < 10 ? fmt(n, 2) : fmt(n, 1)} ms`);
const ratio = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '–' : `${fmt(n, 2)}×`);

function table(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'r' ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

const TARGETS = [
  ['ours', 'ours'],
  ['peer', 'peer (@apollo/gateway)'],
  ['bareEngine', 'bare engine'],
  ['policyOff', 'policy off'],
  ['floor', 'floor (SQL)'],
] as const;

/** Every target of every workload: rps, p50, p99, CPU ms per request (platform + PostgreSQL), SQL per request. */
export function mainTable(r: BenchResults): string {
  const rows: string[][] = [];
  for (const w of r.workloads) {
    for (const [key, label] of TARGETS) {
      const m = w[key];
      if (!m) continue;
      rows.push([w.key, label, fmt(m.rps), ms(m.p50), ms(m.p99), fmt(m.cpuMsTotalPerRequest, 2), fmt(m.sqlPerRequest, 2)]);
    }
  }
  return table(['workload', 'target', 'rps', 'p50', 'p99', 'CPU ms/req', 'SQL/req'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r']);
}

/** The ratios the issue asks for, per workload. */
export function ratioTable(r: BenchResults): string {
  return table(
    ['workload', 'ours/peer', 'ours/bare engine', 'policy on/off', 'ours/floor'],
    r.workloads.map((w) => [w.title, ratio(w.oursToPeer), ratio(w.oursToBareEngine), ratio(w.policyOnToOff), ratio(w.oursToFloor)]),
    ['l', 'r', 'r', 'r', 'r'],
  );
}

export function openLoopLine(r: BenchResults): string {
  const o = r.openLoop;
  if (!o) return '';
  return (
    `Open loop, ${o.workload} through our router at a fixed ${fmt(o.targetRps)} requests/s (half its closed-loop rps), latency from each request's scheduled start: ` +
    `p50 ${ms(o.p50)}, p99 ${ms(o.p99)}, max ${ms(o.max)}; ${fmt(o.achievedRps)} rps achieved, ${o.errors} errors, ${o.dropped} dropped, CPU ${fmt(o.cpuMsTotalPerRequest, 2)} ms/req.`
  );
}

function errorsLine(r: BenchResults): string {
  return r.workloads.map((w) => `${w.key} ${TARGETS.map(([key]) => (w[key] ? String(w[key].errors) : '–')).join(' / ')}`).join('; ');
}

function cpuTable(r: BenchResults): string {
  // One column per process kind: a policy-off subgraph (off:<name>) shares its column with its twin.
  const column = (n: string) => n.replace(/^off:/, '');
  const names = [
    ...new Set(
      r.workloads
        .flatMap((w) => TARGETS.flatMap(([key]) => Object.keys(w[key]?.cpuMsPerRequest ?? {}).map(column)))
        .map((n) => (/router|engine/.test(n) ? 'router' : n)),
    ),
  ];
  const order = (n: string) => (n === 'router' ? 0 : n === 'postgres' ? 3 : n === 'bench' ? 4 : 2);
  names.sort((a, b) => order(a) - order(b));
  const rows: string[][] = [];
  for (const w of r.workloads) {
    for (const [key, kind] of TARGETS) {
      const m = w[key];
      if (!m) continue;
      const by: Record<string, number> = {};
      for (const [n, v] of Object.entries(m.cpuMsPerRequest)) {
        const c = /router|engine/.test(n) ? 'router' : column(n);
        by[c] = (by[c] ?? 0) + v;
      }
      rows.push([w.key, kind, fmt(m.cpuMsTotalPerRequest, 2), ...names.map((n) => (by[n] === undefined ? '' : fmt(by[n], 2)))]);
    }
  }
  return table(
    ['workload', 'target', 'total (without load generator)', ...names.map((n) => (n === 'bench' ? 'load generator' : n === 'router' ? 'router / engine' : n))],
    rows,
    ['l', 'l', 'r', ...names.map(() => 'r' as const)],
  );
}

function rssTable(r: BenchResults): string {
  const processes = Object.keys(r.peakRssMiB);
  return table(
    ['process', ...r.workloads.map((w) => w.key), 'peak'],
    processes.map((p) => [p, ...r.workloads.map((w) => fmt(w.peakRssMiB[p])), fmt(r.peakRssMiB[p])]),
    ['l', ...r.workloads.map(() => 'r' as const), 'r'],
  );
}

export function machineLine(r: BenchResults): string {
  const m = r.machine;
  return `${m.cpu}, ${m.cores} cores, ${fmt(m.memoryGiB, 1)} GiB, ${m.os}; Node ${m.node}; PostgreSQL ${r.postgres.version} (${r.postgres.server === 'embedded' ? 'embedded server' : 'DATABASE_URL'}, max_connections ${r.postgres.maxConnections}); commit ${r.git.commit.slice(0, 12)}${r.git.dirty ? ' with uncommitted changes' : ''}`;
}

export interface SeedRecord {
  date: string;
  scale: number;
  /** Seconds per subgraph. */
  seconds: Record<string, number>;
  /** Wall time of the whole seed. */
  wall: number;
}

export function renderMarkdown(r: BenchResults): string {
  const out: string[] = [];
  out.push(
    `Measured with \`${r.command}\` on ${r.date}: ${fmt(r.scale)} persons and ${fmt(r.legalPersons)} legal persons, ` +
      `${r.concurrency} requests in flight, ${r.durationSeconds} s measured per workload and target after ${r.warmupSeconds} s of warm-up, ` +
      `in ${r.rounds} alternating rounds (every target in turn, then in reverse order) so that the machine's drift hits them alike. ` +
      `*Ours* is our router (Hive Gateway runtime) and subgraphs, *peer* is \`@apollo/gateway\` in \`@apollo/server\` in front of the same subgraphs, ` +
      `*bare engine* is the Hive runtime with the Rust planner alone (bench/bare-engine.ts: signs subgraph requests, nothing else of ours) in front of them, ` +
      `*policy off* is our router in front of a second set of the same subgraphs started with \`BENCH_POLICY_OFF=true\` (no shield, masking or audit; refused in production), ` +
      `*floor* is the same data fetched by hand-written SQL with \`pg\` (one query per database, no HTTP, no policy, no audit). ` +
      `CPU ms per request is every process of the target and PostgreSQL, without the load generator. ` +
      `Ratios are of requests per second within this one run; absolute figures depend on the machine, which is shared and noisy.`,
    '',
    mainTable(r),
    '',
    ratioTable(r),
    '',
    ...(r.openLoop ? [openLoopLine(r), ''] : []),
    `Workloads: ${r.workloads.map((w) => `**${w.key}** ${w.description}`).join('; ')}.`,
    '',
    `Errors (ours / peer / bare engine / policy off / floor): ${errorsLine(r)}.`,
    '',
    'CPU time per request in ms, by process (from /proc; PostgreSQL is every process of the server' +
      (r.postgres.server === 'embedded' ? ', which only the bench uses' : ', which other work may share: an upper bound') +
      '; the load generator is this process, which for the floor also runs the hand-written data access). ' +
      'Less disturbed by other work on the machine than requests per second:',
    '',
    cpuTable(r),
    '',
    'Peak RSS in MiB (VmHWM of each process, reset before each workload' +
      (r.peakRssReset ? '' : ' — reset unavailable here, so peaks include start-up and seeding') +
      '):',
    '',
    rssTable(r),
    '',
    `Machine: ${machineLine(r)}.`,
  );
  if (r.leftOut.length) {
    out.push('', `Left out (subgraph not in schema/subgraphs.json at run time): ${r.leftOut.map((l) => `${l.part} — ${l.fields}`).join('; ')}.`);
  }
  if (r.grant?.addedByBench.length) {
    out.push(
      '',
      `The thematic caller (${r.grant.agency}, purpose ${r.grant.purpose}) reads conditional items ${r.grant.items.join(', ')}; ` +
        `the bench granted ${r.grant.addedByBench.join(', ')} in its own catalog database for the run and revoked it after.`,
    );
  }
  const seeded: SeedRecord | undefined = Object.keys(r.launch.seeded).length
    ? { date: r.date, scale: r.scale, seconds: r.launch.seeded, wall: r.launch.seedSeconds }
    : r.lastSeed;
  if (seeded) {
    const per = Object.entries(seeded.seconds)
      .map(([k, v]) => `${k} ${fmt(v, 1)} s`)
      .join(', ');
    out.push(
      '',
      `Seeding ${fmt(seeded.scale)} persons (\`scripts/seed.js\`, one subgraph after another, measured ${seeded.date}): ${per}; ` +
        `${fmt(seeded.wall, 0)} s in all. The bench keeps its databases (\`${r.databasePrefix}_*\`) between runs, so later runs at the same scale skip it.`,
    );
  }
  return out.join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

export function updateReadme(markdown: string): string {
  const file = path.join(repoRoot, 'README.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const block = `${START}\n${markdown}\n${END}`;
  let next: string;
  const s = current.indexOf(START);
  const e = current.indexOf(END);
  if (s >= 0 && e > s) next = current.slice(0, s) + block + current.slice(e + END.length);
  else next = `${current.replace(/\s*$/, '')}${current.trim() ? '\n\n' : ''}## Benchmark\n\n${block}\n`;
  fs.writeFileSync(file, next);
  return file;
}

export function writeResults(r: BenchResults): string {
  const dir = path.join(repoRoot, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.date}-${r.scale}.json`);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(r, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

/** The latest earlier run at this scale that seeded, to quote its seeding time. */
export function lastSeeding(scale: number): SeedRecord | undefined {
  const dir = path.join(repoRoot, 'bench', 'results');
  if (!fs.existsSync(dir)) return undefined;
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => /^\d{4}-\d{2}-\d{2}.*\.json$/.test(x))
    .sort()
    .reverse()) {
    try {
      const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as BenchResults;
      if (r.scale !== scale) continue;
      if (r.launch && Object.keys(r.launch.seeded ?? {}).length) {
        return { date: r.date, scale, seconds: r.launch.seeded, wall: r.launch.seedSeconds };
      }
      if (r.lastSeed) return r.lastSeed;
    } catch {
      /* skip unreadable files */
    }
  }
  return undefined;
}
