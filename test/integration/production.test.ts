/**
 * Production mode (issue 12, items 1-2), with real processes from dist/ against the machine's
 * PostgreSQL:
 * - with NODE_ENV=production and no settings, `npm start`, the router and a subgraph exit non-zero
 *   with one line per missing setting, naming it;
 * - `npm run migrate` twice at once: every migration applied exactly once (advisory lock);
 * - a production subgraph refuses an unmigrated database instead of migrating it;
 * - with the settings (keys generated here) the platform starts with no demo data, trusts only the
 *   configured token keys, never writes development keys, and a replica that is stopped answers
 *   /ready 503 "draining" while /health stays 200.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Client } from 'pg';
import { dropDatabase, withDatabase } from '../../platform/db/databases';
import { subgraphEntries } from '../../platform/subgraph/registry';
import { issueDevToken } from '../../platform/identity/tokens';
import { MIGRATION_LOCK_KEY } from '../../platform/db/migrate';

const ROOT = path.resolve(__dirname, '..', '..');
const dist = (...p: string[]) => path.join(ROOT, 'dist', ...p);
const server = () => process.env.TEST_DATABASE_URL!;
const base = `${process.env.DATABASE_PREFIX}_p${Date.now().toString(36)}`;
const PORT = Number(process.env.TEST_PORT_BASE || 4100) + 40; // router; subgraphs +1…+6, a spare replica +10
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-production-'));
const prefixes: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += String(d)));
    proc.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${script} did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Only what a real installation has: no inherited test settings (the test pseudonym key is too short for production). */
const bare = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' });

let keys: { env: Record<string, string>; sign: (claims: Record<string, unknown>) => Promise<string> };

beforeAll(async () => {
  const token = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = `prod-test-${Date.now().toString(36)}`;
  const publicJwk = { ...(await exportJWK(token.publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const licence = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const checkpoint = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  keys = {
    env: {
      PLATFORM_JWKS: JSON.stringify({ keys: [publicJwk] }),
      PLATFORM_HMAC_KEY: randomBytes(32).toString('base64url'),
      SUBGRAPH_SIGNING_SECRET: randomBytes(32).toString('base64url'),
      LICENSE_ISSUER_KEYS: JSON.stringify({ keys: [{ ...(await exportJWK(licence.privateKey)), kid: 'data-bureau' }] }),
      AUDIT_CHECKPOINT_KEY: JSON.stringify(await exportJWK(checkpoint.privateKey)),
      // Where development keys would be written: they must never appear.
      DEV_KEYS_PATH: path.join(tmp, 'dev-keys.json'),
      SUBGRAPH_SIGNING_SECRET_PATH: path.join(tmp, 'subgraph-signing-secret'),
    },
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
        .setIssuer('https://auth.hengyang.gov.cn')
        .setAudience('hengyang-data-sharing')
        .setSubject(String(claims.operator))
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(token.privateKey),
  };
});

afterAll(async () => {
  for (const prefix of prefixes) for (const e of subgraphEntries()) await dropDatabase(server(), `${prefix}_${e.name.replace(/-/g, '_')}`);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const productionEnv = (prefix: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  if (!prefixes.includes(prefix)) prefixes.push(prefix);
  return { ...bare(), ...keys.env, DATABASE_URL: server(), DATABASE_PREFIX: prefix, ...extra };
};

async function query<T>(database: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: withDatabase(server(), database) });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('NODE_ENV=production without settings', () => {
  test('npm start exits 1 listing every missing setting, one line each', async () => {
    const r = await run(dist('scripts', 'start.js'), bare());
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('missing '));
    for (const name of ['PLATFORM_JWKS', 'PLATFORM_HMAC_KEY', 'SUBGRAPH_SIGNING_SECRET', 'LICENSE_ISSUER_KEYS', 'AUDIT_CHECKPOINT_KEY', 'DATABASE_URL']) {
      expect([name, lines.filter((l) => l.startsWith(`missing ${name} `) || l.startsWith(`missing ${name}:`)).length]).toEqual([name, 1]);
    }
    expect(r.stdout).not.toMatch(/embedded PostgreSQL/);
  });

  test('the router and a subgraph exit 1 naming what they need', async () => {
    const router = await run(dist('router', 'main.js'), bare());
    expect(router.code).toBe(1);
    expect(router.stderr).toMatch(/^missing PLATFORM_JWKS \(or PLATFORM_JWKS_URL or OIDC_ISSUER\)/m);
    expect(router.stderr).toMatch(/^missing SUBGRAPH_SIGNING_SECRET/m);
    const catalog = await run(dist('subgraphs', 'catalog', 'main.js'), { ...bare(), PLATFORM_HMAC_KEY: 'too-short' });
    expect(catalog.code).toBe(1);
    expect(catalog.stderr).toMatch(/^missing AUDIT_CHECKPOINT_KEY/m);
    expect(catalog.stderr).toMatch(/^PLATFORM_HMAC_KEY must be at least 32 characters in production/m);
    expect(catalog.stderr).not.toContain('too-short'); // a secret's value is never echoed
  });

  test('a malformed value stops any process, naming the variable (no silent default)', async () => {
    const r = await run(dist('router', 'main.js'), { PATH: process.env.PATH, LOOKUP_BUDGET_PER_DAY: '20k', ROUTER_ENGINE: 'hiev' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^LOOKUP_BUDGET_PER_DAY must be a whole number$/m);
    expect(r.stderr).toMatch(/^ROUTER_ENGINE must be one of hive, apollo-gateway$/m);
  });
});

describe('migrations', () => {
  test('two `npm run migrate` at once: the second waits for the lock, each migration is applied once', async () => {
    const prefix = `${base}m`;
    const governance = `${prefix}_catalog`;
    const admin = new Client({ connectionString: server() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${governance}`);
    await admin.end();
    // Hold the governance database's migration lock, as a runner in the middle of its work would.
    const holder = new Client({ connectionString: withDatabase(server(), governance) });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const outputs = ['', ''];
    const runs = outputs.map((_, i) => {
      const proc = spawn(process.execPath, [dist('scripts', 'migrate.js')], { cwd: ROOT, env: productionEnv(prefix), stdio: ['ignore', 'pipe', 'pipe'] });
      proc.stdout.on('data', (d) => (outputs[i] += String(d)));
      proc.stderr.on('data', (d) => (outputs[i] += String(d)));
      return new Promise<number | null>((r) => proc.once('exit', r));
    });
    try {
      await until('both runs waiting', async () =>
        outputs.every((o) => o.includes('catalog: another runner is migrating this database; waiting')) ? true : undefined,
      );
      expect(await query(governance, `SELECT tablename FROM pg_tables WHERE tablename = 'agency'`)).toEqual([]); // nothing applied while waiting
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      await holder.end();
    }
    expect(await Promise.all(runs)).toEqual([0, 0]);
    for (const entry of subgraphEntries()) {
      // (The definitions are not loaded here: their entities would leak into the next test file's ORM.)
      const rows = await query<{ name: string }>(`${prefix}_${entry.name.replace(/-/g, '_')}`, 'SELECT name FROM mikro_orm_migrations ORDER BY id');
      const expected = rows.map((r) => r.name);
      expect([entry.name, expected.length > 0, new Set(expected).size]).toEqual([entry.name, true, expected.length]);
      // One run applied them all, the other found the database up to date.
      const said = outputs.map((out) => new RegExp(`^${entry.name}: (applied .*|up to date)$`, 'm').exec(out)?.[1]);
      expect([entry.name, said.sort()]).toEqual([entry.name, [`applied ${expected.join(', ')}`, 'up to date'].sort()]);
    }
  });

  test('a production subgraph refuses an unmigrated database and does not touch it', async () => {
    const prefix = `${base}u`;
    const env = productionEnv(prefix, { PORT: String(PORT + 20) });
    const admin = new Client({ connectionString: server() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${prefix}_population`);
    await admin.end();
    const r = await run(dist('subgraphs', 'population', 'main.js'), env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/population: the database has \d+ pending migration\(s\) \(Migration\d+_init.*run `npm run migrate` first/);
    expect(await query(`${prefix}_population`, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);
  });
});

describe('the platform in production', () => {
  const prefix = `${base}s`;
  let launcher: ReturnType<typeof spawn>;
  let output = '';
  const routerUrl = `http://127.0.0.1:${PORT}/`;

  beforeAll(async () => {
    launcher = spawn(process.execPath, [dist('scripts', 'start.js'), '--port', String(PORT)], {
      cwd: ROOT,
      env: productionEnv(prefix, { SEED_SCALE: '50' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launcher.stdout!.on('data', (d) => (output += String(d)));
    launcher.stderr!.on('data', (d) => (output += String(d)));
    const exited = new Promise<never>((_, reject) => launcher.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`))));
    await Promise.race([until('the platform', async () => (output.includes('platform ready') ? true : undefined), 240_000), exited]);
  }, 300_000);

  afterAll(async () => {
    if (launcher.exitCode === null) {
      const exited = new Promise((r) => launcher.once('exit', r));
      launcher.kill('SIGTERM');
      await exited;
    }
  });

  // The platform's own consistency actor (quality-check, issue 11) and its one standing grant are
  // part of the platform, not demo data.
  test('no demo data: the register holds the bureau and the platform’s own actor, no other grants, no persons', async () => {
    expect(output).toMatch(/migrate: population: applied Migration/);
    expect(await query(`${prefix}_catalog`, 'SELECT code FROM agency ORDER BY code')).toEqual([{ code: 'data-bureau' }, { code: 'quality-check' }]);
    expect(await query(`${prefix}_catalog`, "SELECT count(*)::int AS n FROM sharing_grant WHERE agency_code <> 'quality-check'")).toEqual([{ n: 0 }]);
    expect(await query(`${prefix}_population`, 'SELECT count(*)::int AS n FROM person')).toEqual([{ n: 0 }]);
    expect(output).not.toMatch(/seeded demo data|embedded PostgreSQL|development keys|development secret/);
  });

  test('it trusts the configured token keys only and never writes development keys', async () => {
    const ask = (authorization: string) =>
      fetch(routerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ agencies { code } }' }),
      });
    const token = await keys.sign({ agency: 'data-bureau', operator: 'bureau-1', roles: ['operator'] });
    const good = await ask(`Bearer ${token}`);
    expect(await good.json()).toEqual({ data: { agencies: [{ code: 'data-bureau' }, { code: 'quality-check' }] } });
    // A token signed with the development keys (as `npm run token` makes) is not trusted.
    const dev = await ask(`Bearer ${await issueDevToken({ agency: 'data-bureau', roles: ['operator'] })}`);
    expect(dev.status).toBe(401);
    expect(fs.existsSync(keys.env.DEV_KEYS_PATH)).toBe(false);
    expect(fs.existsSync(keys.env.SUBGRAPH_SIGNING_SECRET_PATH)).toBe(false);
  });

  test('/health and /ready answer on the router and every subgraph', async () => {
    const urls = [routerUrl, ...subgraphEntries().map((e) => `http://127.0.0.1:${PORT + e.port - 4000}/`)];
    for (const url of urls) {
      const health = await fetch(new URL('/health', url));
      expect([url, health.status, await health.json()]).toEqual([url, 200, { status: 'ok' }]);
      const ready = await fetch(new URL('/ready', url));
      expect([url, ready.status, ((await ready.json()) as { status: string }).status]).toEqual([url, 200, 'ready']);
    }
  });

  test('a second replica LISTENs over GOVERNANCE_LISTEN_DATABASE_URL; stopped, it answers /ready 503 "draining" while /health stays 200, then exits 0', async () => {
    // A second population replica on the same (migrated) database, as a Deployment scales out.
    const port = PORT + 10;
    const replica = spawn(process.execPath, [dist('subgraphs', 'population', 'main.js')], {
      cwd: ROOT,
      env: productionEnv(prefix, {
        PORT: String(port),
        SHUTDOWN_DRAIN_MS: '3000',
        // LISTEN over its own (direct) connection, as behind a transaction pooler; named to be found below.
        GOVERNANCE_LISTEN_DATABASE_URL: `${withDatabase(server(), `${prefix}_catalog`)}?application_name=${prefix}_listen`,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    replica.stderr.on('data', (d) => (log += String(d)));
    const exited = new Promise<number | null>((r) => replica.once('exit', (code) => r(code)));
    const url = `http://127.0.0.1:${port}`;
    await until(`the replica (${log})`, async () => ((await fetch(`${url}/ready`)).status === 200 ? true : undefined), 60_000);
    const listeners = await query<{ query: string }>('postgres', `SELECT query FROM pg_stat_activity WHERE application_name = '${prefix}_listen'`);
    expect(listeners.map((l) => l.query)).toContainEqual(expect.stringMatching(/^(LISTEN grants_changed|SELECT)/));
    replica.kill('SIGTERM');
    const body = await until('draining', async () => {
      const r = await fetch(`${url}/ready`);
      return r.status === 503 ? await r.json() : undefined;
    });
    expect(body).toEqual({ status: 'unavailable', reason: 'draining' });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await exited).toBe(0);
  });
});
