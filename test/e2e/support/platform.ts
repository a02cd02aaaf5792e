/**
 * One fault test's own platform: the built platform (dist/) launched as `npm start` launches it, on
 * the test's own ports and `<TEST_DATABASE_PREFIX>_<name>_*` databases, with only the subgraphs the
 * test needs (population, legal-person and the governance subgraph by default). A subgraph's (or
 * the governance) database can live on a PostgreSQL server of its own (scripts/pg-server.ts),
 * reached through its per-database URL (`<SUBGRAPH>_DATABASE_URL`, `GOVERNANCE_DATABASE_URL`), so
 * that the test can stop that server alone. Every launcher line is kept in `log`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { launchPlatform, type RunningPlatform } from '../../../scripts/launcher';
import { databaseName, dropDatabase, withDatabase } from '../../../platform/db/databases';
import { databaseUrlVariable } from '../../../platform/settings/per-subgraph';
import { governanceSubgraph } from '../../../platform/subgraph/registry';
import { issueDevToken } from '../../../platform/identity/tokens';
import { TEST_ENV } from '../../support/env';
import { startOwnServer, type OwnServer } from '../../../scripts/pg-server';

export interface FaultPlatformOptions {
  /** Short folder name: part of the database prefix (`hyflt_kill_population`…). */
  name: string;
  /** Router port; subgraphs at +1…+6, an own PostgreSQL server at +50. */
  portBase: number;
  only?: string[];
  /** This subgraph's database (or 'governance') runs on a PostgreSQL server of its own. */
  ownServerFor?: string;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Rewrites router.yaml for this platform (e.g. shorter traffic_shaping timeouts). */
  routerYaml?: (yaml: string) => string;
}

export interface FaultPlatform {
  platform: RunningPlatform;
  routerUrl: string;
  server?: OwnServer;
  /** Every line the launcher logged (restarts included). */
  log: string[];
  governanceUrl: string;
  populationUrl: string;
  sample: { idNumbers: string[]; usccs: string[] };
  stop(): Promise<void>;
}

const repo = path.resolve(__dirname, '..', '..', '..');

async function rows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function startFaultPlatform(options: FaultPlatformOptions): Promise<FaultPlatform> {
  const prefix = `${process.env.TEST_DATABASE_PREFIX || 'hyflt'}_${options.name}`;
  const only = options.only ?? ['population', 'legal-person'];
  const governance = governanceSubgraph();
  const env: Record<string, string> = { ...TEST_ENV, DATABASE_PREFIX: prefix, ...(options.env ?? {}) };
  // No trace receiver here: nothing should wait on one.
  delete (env as Record<string, string | undefined>).OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  Object.assign(process.env, { DATABASE_PREFIX: prefix });
  env.LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-logs-`));

  let databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl) {
    for (const s of [governance, ...only]) await dropDatabase(databaseUrl, databaseName(s));
  }
  let server: OwnServer | undefined;
  // No server given: one of this test's own for the whole platform.
  let shared: OwnServer | undefined;
  if (!databaseUrl) {
    shared = await startOwnServer(options.portBase + 60, `${prefix}_unused`);
    databaseUrl = shared.databaseUrl.replace(/[^/]+$/, 'postgres');
  }
  if (options.ownServerFor) {
    const subgraph = options.ownServerFor === 'governance' ? governance : options.ownServerFor;
    server = await startOwnServer(options.portBase + 50, databaseName(subgraph));
    env[databaseUrlVariable(subgraph)] = server.databaseUrl;
  }
  if (options.routerYaml) {
    const file = path.join(env.LOG_DIR, 'router.yaml');
    fs.writeFileSync(file, options.routerYaml(fs.readFileSync(path.join(repo, 'router.yaml'), 'utf8')));
    env.ROUTER_CONFIG = file;
  }
  const log: string[] = [];
  let platform: RunningPlatform;
  try {
    platform = await launchPlatform({
      databaseUrl,
      portBase: options.portBase,
      only,
      seedScale: 300,
      databasePrefix: prefix,
      env,
      // Before the suite's hook times out: an abandoned launch would leave its processes running.
      signal: AbortSignal.timeout(540_000),
      log: (l) => {
        log.push(`${new Date().toISOString()} ${l}`);
        if (/exited|restart/i.test(l)) process.stderr.write(`[${options.name}] ${l}\n`);
      },
    });
  } catch (e) {
    await server?.dispose();
    await shared?.dispose();
    throw e;
  }
  databaseUrl = platform.databaseUrl;
  const urlOf = (s: string) => env[databaseUrlVariable(s)] || withDatabase(databaseUrl, databaseName(s));
  const governanceUrl = urlOf(governance);
  const populationUrl = urlOf('population');
  const idNumbers = (await rows(populationUrl, 'SELECT id_number FROM person ORDER BY id LIMIT 20')).map((r) => String(r.id_number));
  const usccs = only.includes('legal-person')
    ? (await rows(urlOf('legal-person'), 'SELECT uscc FROM legal_person ORDER BY id LIMIT 20')).map((r) => String(r.uscc))
    : [];
  return {
    platform,
    routerUrl: platform.routerUrl,
    server,
    log,
    governanceUrl,
    populationUrl,
    sample: { idNumbers, usccs },
    async stop() {
      await platform.stop();
      await server?.dispose();
      await shared?.dispose();
    },
  };
}

/** Audit rows of the governance database whose request id is among `ids` (distinct ids found). */
export async function auditedRequests(governanceUrl: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const c = new Client({ connectionString: governanceUrl });
  await c.connect();
  try {
    const r = await c.query('SELECT DISTINCT request_id FROM audit_event WHERE request_id = ANY($1)', [ids]);
    return new Set(r.rows.map((x) => String(x.request_id)));
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** An agency operator's headers, with the purpose its grant names. */
export async function agencyHeaders(agency: string, purpose: string): Promise<Record<string, string>> {
  const token = await issueDevToken({ agency, ttl: '30m' });
  return { authorization: `Bearer ${token}`, 'x-purpose': encodeURIComponent(purpose), 'content-type': 'application/json' };
}
