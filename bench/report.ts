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
  floor?: Measured;
  /** ours rps ÷ peer rps, ours rps ÷ floor rps. */
  oursToPeer?: number;
  oursToFloor?: number;
  /** Peak RSS (VmHWM, MiB) of each process during this workload (reset before it). */
  peakRssMiB: Record<string, number>;
  notes: string[];
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

export function mainTable(r: BenchResults): string {
  return table(
    ['workload', 'ours rps', 'p50', 'p99', 'SQL/req', 'peer rps', 'ours/peer', 'floor rps', 'ours/floor'],
    r.workloads.map((w) => [
      w.title,
      fmt(w.ours?.rps),
      ms(w.ours?.p50),
      ms(w.ours?.p99),
      fmt(w.ours?.sqlPerRequest, 2),
      fmt(w.peer?.rps),
      ratio(w.oursToPeer),
      fmt(w.floor?.rps),
      ratio(w.oursToFloor),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

function detailTable(r: BenchResults): string {
  return table(
    ['workload', 'peer p50', 'peer p99', 'peer SQL/req', 'floor p50', 'floor p99', 'floor SQL/req', 'errors ours/peer/floor'],
    r.workloads.map((w) => [
      w.title,
      ms(w.peer?.p50),
      ms(w.peer?.p99),
      fmt(w.peer?.sqlPerRequest, 2),
      ms(w.floor?.p50),
      ms(w.floor?.p99),
      fmt(w.floor?.sqlPerRequest, 2),
      [w.ours, w.peer, w.floor].map((m) => (m ? String(m.errors) : '–')).join(' / '),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

function cpuTable(r: BenchResults): string {
  const names = [...new Set(r.workloads.flatMap((w) => [w.ours, w.peer, w.floor].flatMap((m) => Object.keys(m?.cpuMsPerRequest ?? {}))))];
  const order = (n: string) => (n === 'router' ? 0 : n === 'peer-router' ? 1 : n === 'postgres' ? 3 : n === 'bench' ? 4 : 2);
  names.sort((a, b) => order(a) - order(b));
  const rows: string[][] = [];
  for (const w of r.workloads) {
    for (const [kind, m] of [
      ['ours', w.ours],
      ['peer', w.peer],
      ['floor', w.floor],
    ] as const) {
      if (!m) continue;
      rows.push([w.key, kind, fmt(m.cpuMsTotalPerRequest, 2), ...names.map((n) => (m.cpuMsPerRequest[n] === undefined ? '' : fmt(m.cpuMsPerRequest[n], 2)))]);
    }
  }
  return table(['workload', 'target', 'total', ...names.map((n) => (n === 'bench' ? 'load generator' : n))], rows, [
    'l',
    'l',
    'r',
    ...names.map(() => 'r' as const),
  ]);
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
      `in ${r.rounds} alternating rounds (ours → peer → floor, then the reverse) so that the machine's drift hits all three alike. ` +
      `*Ours* is our router (Hive Gateway runtime), *peer* is \`@apollo/gateway\` in \`@apollo/server\` in front of the same subgraphs, ` +
      `*floor* is the same data fetched by hand-written SQL with \`pg\` (one query per database, no HTTP, no policy, no audit). ` +
      `Ratios are of requests per second within this one run; absolute figures depend on the machine, which is shared and noisy.`,
    '',
    mainTable(r),
    '',
    `Workloads: ${r.workloads.map((w) => `**${w.key}** ${w.description}`).join('; ')}.`,
    '',
    detailTable(r),
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
  const file = path.join(dir, `${r.date}.json`);
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
