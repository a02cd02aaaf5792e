/**
 * Brings the whole platform up: PostgreSQL (the given server, or an embedded one), one process per
 * subgraph (each migrates and seeds its own database), then the router once every subgraph
 * answers. `npm start`, the tests and the benchmark all launch through here.
 */
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as net from 'node:net';
import { composeSupergraph } from './compose';
import { distPath, spawnService, stopProcess, subgraphUrlEnv, waitForHealth } from './processes';
import { startEmbeddedPostgres, EmbeddedServer } from '../platform/db/embedded';
import { governanceSubgraph, subgraphEntries, type SubgraphEntry } from '../platform/subgraph/registry';
import { ensureDevKeys, usingDevKeys } from '../platform/identity/keys';
import { signingSecret, usingDevSigningSecret } from '../platform/identity/subgraph-signature';
import { isProduction, setting } from '../platform/settings/read';

/** The first restart's delay, its doubling's ceiling, and how long up counts as recovered. */
const RESTART_BACKOFF_MS = 500;
const MAX_RESTART_BACKOFF_MS = 15_000;
const STABLE_AFTER_MS = 60_000;

export interface LaunchOptions {
  /** PostgreSQL server URL; an embedded server is started when absent. */
  databaseUrl?: string;
  /** Router port; subgraph i listens on portBase + i + 1 (4000 → 4001…). */
  portBase?: number;
  seedScale?: number;
  databasePrefix?: string;
  /** Extra environment for every child (e.g. ROUTER_ENGINE for the benchmark). */
  env?: Record<string, string>;
  /** Extra environment for one service, by name ('router' or a subgraph), over `env`. */
  serviceEnv?: Record<string, Record<string, string>>;
  log?: (line: string) => void;
  /** Launch only these subgraphs, with a supergraph composed from them alone (tests of one
   *  subgraph while others are being written). Default: all of schema/subgraphs.json. */
  only?: string[];
  /** Aborting stops whatever has started so far and makes the launch reject (Ctrl-C during start). */
  signal?: AbortSignal;
  /** Print children's output (npm start) or keep it quiet (tests). */
  verbose?: boolean;
  /** Start a process that exits while the platform runs again, with backoff (default true). */
  restart?: boolean;
}

export interface RunningPlatform {
  routerUrl: string;
  subgraphUrls: Record<string, string>;
  /** Each process's current pid (a restarted process has a new one). */
  pids: Record<string, number>;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** Refuses to start on a port something else holds: its /health would answer for a child that
 *  failed to bind, and requests would go to a stranger (another platform, another test run). */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () => reject(new Error(`port ${port} is already in use (another platform or test run?); choose another with --port`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export async function launchPlatform(options: LaunchOptions = {}): Promise<RunningPlatform> {
  const log = options.log ?? ((l: string) => console.log(l));
  const portBase = options.portBase ?? 4000;
  const children: { name: string; proc: ChildProcess }[] = [];
  const pids: Record<string, number> = {};
  let embedded: EmbeddedServer | undefined;
  let stopping = false;
  let running = false;
  const restarts = new Set<NodeJS.Timeout>();

  // Orderly stop: the router first (it stops accepting and finishes its requests, which still
  // need the subgraphs), then the subgraphs, the governance subgraph (grants, audit) last.
  const stop = async () => {
    stopping = true;
    for (const t of restarts) clearTimeout(t);
    const fromEnv = (name: 'SHUTDOWN_DRAIN_MS' | 'SHUTDOWN_GRACE_MS') => (options.env?.[name] !== undefined ? Number(options.env[name]) : setting(name));
    const killAfterMs = fromEnv('SHUTDOWN_DRAIN_MS') + fromEnv('SHUTDOWN_GRACE_MS') + 5000;
    const byName = (pick: (name: string) => boolean) => children.filter((c) => pick(c.name)).map(({ proc }) => stopProcess(proc, killAfterMs));
    await Promise.all(byName((n) => n === 'router'));
    await Promise.all(byName((n) => n !== 'router' && n !== governanceSubgraph()));
    await Promise.all(byName((n) => n === governanceSubgraph()));
    if (embedded) await embedded.stop();
  };

  const aborted = () => options.signal?.aborted === true;
  try {
    let databaseUrl = options.databaseUrl;
    // Production: never the embedded server (start-up checked that every database has a URL).
    if (!databaseUrl && !isProduction()) {
      log('no DATABASE_URL: starting an embedded PostgreSQL');
      embedded = await startEmbeddedPostgres(log);
      databaseUrl = embedded.url;
    }
    if (!fs.existsSync(distPath('platform', 'config.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    if (usingDevKeys()) {
      await ensureDevKeys();
      log('warning: using generated development token keys (.data/dev-keys.json); set PLATFORM_JWKS in production');
    }
    if (usingDevSigningSecret()) {
      signingSecret(); // created once here, before the router and subgraphs read it
      log(
        'warning: using the generated development secret for router → subgraph signatures (.data/subgraph-signing-secret); set SUBGRAPH_SIGNING_SECRET in production',
      );
    }

    // Production processes never migrate: this one-machine launcher does it first, once, under the
    // lock, as `npm run migrate` (the Kubernetes Job) does.
    // Loaded only here: the tests' global setup runs this module, and MikroORM loaded in that realm
    // would leave its global metadata storage to every test file (their ORMs then fail to start).
    if (isProduction()) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { migrateAll } = require('../platform/db/migrate') as typeof import('../platform/db/migrate');
      await migrateAll(databaseUrl, (l) => log(`migrate: ${l}`));
    }

    // A subset always includes the governance subgraph: the others need its grants and audit trail.
    const only = options.only ? [...new Set([governanceSubgraph(), ...options.only])] : undefined;
    const entries = subgraphEntries().filter((e) => !only || only.includes(e.name));
    let supergraphEnv: Record<string, string> = {};
    if (only) {
      const file = path.join(os.tmpdir(), `supergraph-${only.join('+')}-${process.pid}.graphql`);
      fs.writeFileSync(file, composeSupergraph(only));
      supergraphEnv = { SUPERGRAPH_PATH: file };
    }
    const ports: Record<string, number> = {};
    // Offsets follow the config's ports (4001… → base+1…), so a subset keeps each subgraph's offset.
    entries.forEach((e) => (ports[e.name] = portBase + (e.port - 4000)));
    const subgraphUrls = Object.fromEntries(entries.map((e) => [e.name, `http://127.0.0.1:${ports[e.name]}/`]));
    for (const port of [portBase, ...Object.values(ports)]) await assertPortFree(port);
    const baseEnv: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...(options.env ?? {}),
      DATABASE_URL: databaseUrl ?? '',
      ...(options.seedScale ? { SEED_SCALE: String(options.seedScale) } : {}),
      ...(options.databasePrefix ? { DATABASE_PREFIX: options.databasePrefix } : {}),
      // Where the catalog's consistency job reads the base databases (through the router, as quality-check).
      PLATFORM_ROUTER_URL: `http://127.0.0.1:${portBase}/`,
    };

    // Development supervision (what Kubernetes does in production): a process that exits while the
    // platform runs is started again after RESTART_BACKOFF_MS, doubling on each crash in a row up to
    // MAX_RESTART_BACKOFF_MS; a process that stayed up a minute starts over from the first delay.
    const supervise = options.restart ?? true;
    const startChild = (name: string, script: string, env: Record<string, string>, attempt = 0) => {
      if (aborted()) throw new Error('start interrupted');
      const proc = spawnService(name, script, { ...baseEnv, ...env }, log, options.verbose);
      const startedAt = Date.now();
      pids[name] = proc.pid ?? 0;
      proc.on('exit', (code, signal) => {
        if (stopping) return;
        if (!running || !supervise) {
          log(`[${name}] exited unexpectedly (code ${code}, signal ${signal})`);
          return;
        }
        const next = Date.now() - startedAt > STABLE_AFTER_MS ? 0 : attempt + 1;
        const delay = Math.min(RESTART_BACKOFF_MS * 2 ** Math.max(0, next - 1), MAX_RESTART_BACKOFF_MS);
        log(`[${name}] exited unexpectedly (code ${code}, signal ${signal}); restarting it in ${delay} ms (restart ${next || 1} in a row)`);
        const timer = setTimeout(() => {
          restarts.delete(timer);
          if (stopping) return;
          const i = children.findIndex((c) => c.proc === proc);
          if (i >= 0) children.splice(i, 1);
          const again = startChild(name, script, env, next);
          log(`[${name}] restarted (pid ${again.pid})`);
        }, delay);
        restarts.add(timer);
      });
      children.push({ name, proc });
      return proc;
    };

    // The governance subgraph (catalog) first: the others read grants from its database.
    const governance = governanceSubgraph();
    const launch = (e: SubgraphEntry) => ({
      e,
      proc: startChild(e.name, distPath(e.module, 'main.js'), { PORT: String(ports[e.name]), ...supergraphEnv, ...options.serviceEnv?.[e.name] }),
    });
    const first = entries.filter((e) => e.name === governance).map(launch);
    await Promise.all(first.map(({ e, proc }) => waitForHealth(subgraphUrls[e.name], proc, e.name, 300_000, options.signal)));
    const rest = entries.filter((e) => e.name !== governance).map(launch);
    await Promise.all(rest.map(({ e, proc }) => waitForHealth(subgraphUrls[e.name], proc, e.name, 300_000, options.signal)));

    const routerEnv: Record<string, string> = { ROUTER_LISTEN: `127.0.0.1:${portBase}`, ...supergraphEnv };
    for (const e of entries) routerEnv[subgraphUrlEnv(e.name)] = subgraphUrls[e.name];
    const routerUrl = `http://127.0.0.1:${portBase}/`;
    const router = startChild('router', distPath('router', 'main.js'), { ...routerEnv, ...options.serviceEnv?.router });
    await waitForHealth(routerUrl, router, 'router', 300_000, options.signal);

    running = true;
    return { routerUrl, subgraphUrls, pids, databaseUrl: databaseUrl ?? '', stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
