/**
 * Class 11 of issue 8 — operations never hurt the platform. `npm run -s audit:verify`, run without
 * DATABASE_URL while `npm start` ran, took the running embedded PostgreSQL for an orphan and
 * stopped it; and a dropped database connection crashed a subgraph (the audit writer's pool had
 * no `error` listener) while `/health` kept saying 200. Now the verifier only reads (it uses a
 * running embedded server and never stops it), a lost connection is an error the subgraph survives
 * (requests fail closed with a code, pools reconnect), and `/ready` says whether the database and
 * the grant store are reachable.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asAgency, gql, subgraphUrl } from '../support/client';
import { withDb } from '../support/db';
import { syntheticPerson } from '../../seed/synthetic/people';

const ROOT = path.resolve(__dirname, '..', '..');
const person = syntheticPerson(5);
const QUERY = `query($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;
const subgraphs = () => Object.keys(JSON.parse(process.env.TEST_SUBGRAPH_URLS!));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 0; // not listening: the process is gone
  }
}

/** Waits until every subgraph is ready again (the tests after this one need a healthy platform). */
async function allReady(timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const codes = await Promise.all(subgraphs().map((n) => status(new URL('/ready', subgraphUrl(n)).toString())));
    if (codes.every((c) => c === 200)) return;
    if (Date.now() > deadline)
      throw new Error(
        `subgraphs not ready: ${subgraphs()
          .map((n, i) => `${n} ${codes[i]}`)
          .join(', ')}`,
      );
    await sleep(200);
  }
}

async function terminateBackends(subgraph: string): Promise<number> {
  return withDb(subgraph, async (c) => {
    const r = await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    return r.rowCount ?? 0;
  });
}

describe('operations (issue 8, class 11)', () => {
  test('audit:verify without DATABASE_URL uses a running embedded server and never stops it', async () => {
    // A stand-in for `npm start`'s embedded PostgreSQL: a live process named in postmaster.pid,
    // listening (line 4) on the test server's port. The old verifier sent it SIGINT as an "orphan".
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-pg-'));
    const owner = spawn('sleep', ['120'], { stdio: 'ignore' });
    try {
      const port = new URL(process.env.TEST_DATABASE_URL!).port || '5432';
      fs.writeFileSync(path.join(dir, 'postmaster.pid'), `${owner.pid}\n${dir}\n0\n${port}\n\n127.0.0.1\n`);
      const env: Record<string, string> = { ...(process.env as Record<string, string>), EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: port };
      delete env.DATABASE_URL;
      const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'audit-verify.js')], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
      expect(run.stdout).toMatch(/audit chain intact/);
      expect(run.status).toBe(0);
      expect(owner.exitCode).toBeNull();
      expect(() => process.kill(owner.pid!, 0)).not.toThrow(); // the "server" still runs
      expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(false); // and none was initialised
    } finally {
      owner.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Every subgraph still answers queries.
    await allReady();
    const r = await gql(QUERY, { n: person.idNumber }, await asAgency('development-reform'));
    expect(r.data.personByIdNumber.gender).toBe(person.gender);
  });

  test('every subgraph answers /ready with 200 and says what it checked', async () => {
    for (const name of subgraphs()) {
      const res = await fetch(new URL('/ready', subgraphUrl(name)));
      expect([name, res.status]).toEqual([name, 200]);
      expect(await res.json()).toMatchObject({ status: 'ready', database: 'ok', grants: 'ok' });
    }
  });

  test("killing the governance database's connections (audit pool, grant store) crashes no subgraph", async () => {
    const headers = await asAgency('development-reform');
    expect((await gql(QUERY, { n: person.idNumber }, headers)).errors).toBeUndefined(); // pools hold idle connections now
    expect(await terminateBackends('catalog')).toBeGreaterThan(0);
    await sleep(500);
    for (const name of subgraphs()) expect([name, await status(new URL('/health', subgraphUrl(name)).toString())]).toEqual([name, 200]);
    await allReady();
    const r = await gql(QUERY, { n: person.idNumber }, headers);
    expect(r.errors).toBeUndefined();
    expect(r.data.personByIdNumber.gender).toBe(person.gender);
  });

  test("killing a subgraph's own database connections: it survives and answers again", async () => {
    const headers = await asAgency('development-reform');
    expect((await gql(QUERY, { n: person.idNumber }, headers)).errors).toBeUndefined();
    expect(await terminateBackends('population')).toBeGreaterThan(0);
    await sleep(300);
    expect(await status(new URL('/health', subgraphUrl('population')).toString())).toBe(200);
    // The first query may meet a dead pooled connection: a coded refusal, never data-less 200 or a crash.
    const first = await gql(QUERY, { n: person.idNumber }, headers, subgraphUrl('population'));
    if (first.errors) expect(['SERVICE_UNAVAILABLE', 'AUDIT_UNAVAILABLE']).toContain(first.errors[0].extensions?.code);
    else expect(first.data.personByIdNumber.gender).toBe(person.gender);
    await allReady();
    let r = await gql(QUERY, { n: person.idNumber }, headers);
    for (let i = 0; i < 10 && r.errors; i++) {
      await sleep(200);
      r = await gql(QUERY, { n: person.idNumber }, headers);
    }
    expect(r.data.personByIdNumber.gender).toBe(person.gender);
  });

  test('variant: a database that refuses connections → /ready 503 naming it, queries fail closed with 503, then recover', async () => {
    const headers = await asAgency('development-reform');
    const database = `${process.env.DATABASE_PREFIX}_population`;
    await withDb('catalog', (c) => c.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`));
    try {
      await withDb('catalog', (c) => c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]));
      await sleep(300);
      const ready = await fetch(new URL('/ready', subgraphUrl('population')));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
      const direct = await gql(QUERY, { n: person.idNumber }, headers, subgraphUrl('population'));
      expect(direct.status).toBe(503);
      expect(direct.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(direct.data ?? null)).not.toContain(person.gender);
      expect(await status(new URL('/health', subgraphUrl('population')).toString())).toBe(200); // liveness
    } finally {
      await withDb('catalog', (c) => c.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`));
    }
    await allReady();
    const r = await gql(QUERY, { n: person.idNumber }, headers);
    expect(r.data.personByIdNumber.gender).toBe(person.gender);
  });
});
