/**
 * The image's entrypoint and the generated settings, without a container engine (issue 12,
 * deployment): `deploy/entrypoint.sh <name>` with exactly what a compose service gets —
 * deploy/settings.env, the secrets, a DATABASE_URL — runs the migration, then the governance
 * subgraph, a base subgraph and the router in production mode, each ready, answering through the
 * router; the process is node itself (exec: SIGTERM reaches it and it exits 0); an unknown name
 * exits 2 naming the valid ones. Own databases (`<prefix>_deploy_*`), own ports (base + 60…).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dropDatabase } from '../../platform/db/databases';
import { TEST_ENV } from '../support/env';

const root = path.resolve(__dirname, '..', '..');
const entrypoint = path.join(root, 'deploy', 'entrypoint.sh');
const subgraphs = (JSON.parse(fs.readFileSync(path.join(root, 'schema', 'subgraphs.json'), 'utf8')) as { subgraphs: { name: string; port: number }[] })
  .subgraphs;
const base = Number(process.env.TEST_PORT_BASE || 4100) + 60;
const prefix = `${TEST_ENV.DATABASE_PREFIX}_deploy`;
const portOf = (name: string) => base + (subgraphs.find((s) => s.name === name)!.port - 4000);

/** deploy/settings.env as compose's env_file reads it. */
function settingsFile(): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(path.join(root, 'deploy', 'settings.env'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

const jwk = (kid: string) => ({ ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }), kid });

/** A compose service's environment: settings file, secrets file, its own values; nothing inherited but PATH. */
function serviceEnv(): Record<string, string> {
  const token = jwk('k1');
  delete (token as { d?: string }).d;
  const env: Record<string, string> = {
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    ...settingsFile(),
    PLATFORM_JWKS: JSON.stringify({ keys: [token] }),
    PLATFORM_HMAC_KEY: randomBytes(32).toString('base64'),
    SUBGRAPH_SIGNING_SECRET: randomBytes(32).toString('base64'),
    LICENSE_ISSUER_KEYS: JSON.stringify({ keys: [jwk('market-regulation-430408')] }),
    AUDIT_CHECKPOINT_KEY: JSON.stringify(jwk('audit')),
    DATABASE_URL: process.env.TEST_DATABASE_URL!,
    DATABASE_PREFIX: prefix,
    // Here all processes share one host: loopback, and each on its own port (compose: one container each).
    HOST: '127.0.0.1',
    ROUTER_LISTEN: `127.0.0.1:${base}`,
  };
  for (const s of subgraphs) env[`${s.name.toUpperCase().replace(/-/g, '_')}_URL`] = `http://127.0.0.1:${portOf(s.name)}/`;
  return env;
}

const running: { name: string; proc: ChildProcess; exit: Promise<number | null>; output: string[] }[] = [];

function start(name: string, env: Record<string, string>) {
  const proc = spawn('sh', [entrypoint, name], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  proc.stdout.on('data', (d) => output.push(String(d)));
  proc.stderr.on('data', (d) => output.push(String(d)));
  const exit = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const entry = { name, proc, exit, output };
  running.push(entry);
  return entry;
}

async function ready(url: string, entry: (typeof running)[number]): Promise<string> {
  const deadline = Date.now() + 120_000;
  let last = '';
  while (Date.now() < deadline) {
    if (entry.proc.exitCode !== null) throw new Error(`${entry.name} exited ${entry.proc.exitCode}:\n${entry.output.join('')}`);
    last = await fetch(new URL('/ready', url)).then(
      async (r) => `${r.status} ${await r.text()}`,
      () => '',
    );
    if (last.startsWith('200')) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${entry.name} not ready within 120 s (last: ${last}):\n${entry.output.join('')}`);
}

async function dropOurs() {
  for (const s of subgraphs) await dropDatabase(process.env.TEST_DATABASE_URL!, `${prefix}_${s.name.replace(/-/g, '_')}`);
}

afterAll(async () => {
  for (const r of running) if (r.proc.exitCode === null && r.proc.signalCode === null) r.proc.kill('SIGKILL');
  await Promise.all(running.map((r) => r.exit));
  await dropOurs();
});

describe('deploy/entrypoint.sh with the generated compose settings', () => {
  test('an unknown process name exits 2, naming the valid ones', () => {
    const run = spawnSync('sh', [entrypoint, 'no-such-process'], { cwd: root, env: serviceEnv(), encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`run one of router, migrate, audit-verify, ${subgraphs.map((s) => s.name).join(', ')}`);
  });

  test('migrate, then catalog, population and the router start in production mode, serve, and stop on SIGTERM', async () => {
    await dropOurs();
    const env = serviceEnv();
    expect(env.NODE_ENV).toBe('production');

    const migrate = start('migrate', env);
    const migrated = await migrate.exit;
    expect({ code: migrated, output: migrated === 0 ? '' : migrate.output.join('') }).toEqual({ code: 0, output: '' });

    const catalog = start('catalog', { ...env, PORT: String(portOf('catalog')) });
    expect(await ready(`http://127.0.0.1:${portOf('catalog')}/`, catalog)).toMatch(/^200 .*"database":"ok"/);
    const population = start('population', { ...env, PORT: String(portOf('population')) });
    expect(await ready(`http://127.0.0.1:${portOf('population')}/`, population)).toMatch(/^200 .*"grants":"ok"/);
    const router = start('router', env);
    expect(await ready(`http://127.0.0.1:${base}/`, router)).toMatch(/^200/);

    // exec: the process started as `sh entrypoint.sh router` is now node running the router itself.
    const cmdline = fs.readFileSync(`/proc/${router.proc.pid}/cmdline`, 'utf8').split('\0');
    expect(path.basename(cmdline[0])).toMatch(/^node/);
    expect(cmdline.some((a) => a.endsWith(path.join('dist', 'router', 'main.js')))).toBe(true);

    const answer = await fetch(`http://127.0.0.1:${base}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });

    // `audit-verify` runs from the entrypoint too (DEPLOY.md's backup checkpoint).
    const verify = spawnSync('sh', [entrypoint, 'audit-verify'], { cwd: root, env, encoding: 'utf8' });
    expect({ status: verify.status, out: verify.stdout }).toEqual({ status: 0, out: expect.stringMatching(/^audit chain intact/) });

    for (const r of [router, population, catalog]) r.proc.kill('SIGTERM');
    expect(await Promise.all([router.exit, population.exit, catalog.exit])).toEqual([0, 0, 0]);
  }, 300_000);
});
