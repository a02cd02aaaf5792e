/** Command-line options of `npm run bench` (`npm run bench -- --scale 20000 --duration 5`). */

export interface BenchOptions {
  /** Persons in the synthetic city; legal persons = scale / 5. */
  scale: number;
  /** Requests in flight at once, for every target. */
  concurrency: number;
  /** Seconds of measurement per workload and target (split across `rounds`). */
  duration: number;
  /** Seconds of warm-up per workload and target, not measured. */
  warmup: number;
  /** Measurements alternate ours → peer → floor, then floor → peer → ours, … this many times. */
  rounds: number;
  /** Upper bound of requests in one measurement (keeps the latency buffer bounded). */
  maxRequests: number;
  /** PostgreSQL server; the launcher's embedded server when absent. */
  databaseUrl?: string;
  databasePrefix: string;
  portBase: number;
  /** Restrict the subgraphs launched (population, legal-person and catalog are always needed). */
  only?: string[];
  /** Drop the bench databases first, so that they are migrated and seeded again. */
  fresh: boolean;
  /** Skip the peer (@apollo/gateway), the bare engine, the policy-off platform, the floor
   *  (hand-written SQL) or the open-loop run of (a). */
  peer: boolean;
  bare: boolean;
  policyOff: boolean;
  floor: boolean;
  openLoop: boolean;
  /** Write bench/results/<date>.json and the README section (off: print only). */
  write: boolean;
  verbose: boolean;
  /** Write a V8 CPU profile of every process the bench starts into this folder (node --cpu-prof). */
  cpuProfDir?: string;
}

const HELP = `npm run bench -- [options]
  --scale N            persons in the synthetic city (default 100000; legal persons = N/5)
  --concurrency N      requests in flight (default 16)
  --duration S         measured seconds per workload and target (default 10)
  --warmup S           warm-up seconds per workload and target (default 2)
  --rounds N           alternate ours/peer/floor this many times within --duration (default 4)
  --max-requests N     bound on requests per measurement (default 1000000)
  --database-url URL   PostgreSQL server (default $DATABASE_URL; else an embedded one in .data/bench-pg, port 5497)
  --database-prefix P  database names P_<subgraph> (default hybench at scale 100000, else hybench<N/1000>k,
                       e.g. hybench6600k; kept between runs, so a later run at that scale skips the seed)
  --port-base N        router port; subgraphs on N+1…, the bare engine on N+8, the peer router on N+9,
                       the policy-off platform on N+10… (default 4700)
  --only a,b           launch only these subgraphs (plus population, legal-person, catalog)
  --fresh              drop the bench databases first (re-migrate and re-seed)
  --no-peer            skip @apollo/gateway
  --no-bare            skip the bare engine (Hive runtime alone)
  --no-policy-off      skip the policy-off platform (BENCH_POLICY_OFF subgraphs)
  --no-floor           skip the hand-written SQL floor
  --no-open-loop       skip the open-loop run of (a) at half its measured rate
  --no-write           print only: no results file, no README update
  --verbose            relay every line the platform's processes print
  --cpu-prof DIR       every process the bench starts writes a V8 CPU profile (.cpuprofile) into DIR
                       when it stops (node --cpu-prof; open in Chrome DevTools or speedscope)`;

function positive(name: string, value: string | undefined, integer = true): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} needs a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(value)}`);
  }
  return n;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const o: BenchOptions = {
    scale: 100_000,
    concurrency: 16,
    duration: 10,
    warmup: 2,
    rounds: 4,
    maxRequests: 1_000_000,
    databaseUrl: env.DATABASE_URL || undefined,
    databasePrefix: '',
    portBase: 4700,
    fresh: false,
    peer: true,
    bare: true,
    policyOff: true,
    floor: true,
    openLoop: true,
    write: true,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--scale':
        o.scale = positive('scale', value());
        break;
      case '--concurrency':
        o.concurrency = positive('concurrency', value());
        break;
      case '--duration':
        o.duration = positive('duration', value(), false);
        break;
      case '--warmup': {
        const v = value();
        o.warmup = v === '0' ? 0 : positive('warmup', v, false);
        break;
      }
      case '--rounds':
        o.rounds = positive('rounds', value());
        break;
      case '--max-requests':
        o.maxRequests = positive('max-requests', value());
        break;
      case '--database-url':
        o.databaseUrl = value();
        break;
      case '--database-prefix': {
        const v = value();
        if (!v || !/^[a-z][a-z0-9_]*$/.test(v)) throw new Error(`--database-prefix must be lower-case letters, digits and _, got ${JSON.stringify(v)}`);
        o.databasePrefix = v;
        break;
      }
      case '--port-base':
        o.portBase = positive('port-base', value());
        break;
      case '--only':
        o.only = (value() ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--fresh':
        o.fresh = true;
        break;
      case '--no-peer':
        o.peer = false;
        break;
      case '--no-floor':
        o.floor = false;
        break;
      case '--no-bare':
        o.bare = false;
        break;
      case '--no-policy-off':
        o.policyOff = false;
        break;
      case '--no-open-loop':
        o.openLoop = false;
        break;
      case '--no-write':
        o.write = false;
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--cpu-prof': {
        const v = value();
        if (!v) throw new Error('--cpu-prof needs a folder');
        o.cpuProfDir = v;
        break;
      }
      case '--help':
      case '-h':
        console.log(HELP);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n${HELP}`);
    }
  }
  if (o.scale < 1000) throw new Error('--scale must be at least 1000 (the page workload needs a few hundred legal persons)');
  o.databasePrefix ||= defaultDatabasePrefix(o.scale);
  return o;
}

/** One set of kept databases per scale: `hybench` at 100,000 (as before), `hybench6600k` at 6.6 million. */
export function defaultDatabasePrefix(scale: number): string {
  if (scale === 100_000) return 'hybench';
  return scale % 1000 === 0 ? `hybench${scale / 1000}k` : `hybench${scale}`;
}
