/**
 * The benchmark's "policy off" switch (issue 15: BENCH_POLICY_OFF=true serves without shield,
 * masking and audit) can never be turned on in production: the start-up settings check refuses it
 * for every process kind, the one function that reads it refuses it again, and a real subgraph
 * process given a complete production environment with the switch exits 1 naming it, before it
 * opens a database or a port. If any of these came back, a production deployment could serve
 * unmasked, unaudited data.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { settingProblems } from '../../platform/settings/check';
import { benchPolicyOff } from '../../platform/policy/bench-policy-off';

const ROOT = path.resolve(__dirname, '..', '..');
const JWK = { kty: 'OKP', crv: 'Ed25519', x: 'x', d: 'd', kid: 'k' };
/** Everything a production process needs (the values are not used: the check stops first). */
const PRODUCTION: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  PLATFORM_JWKS: JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'k' }] }),
  PLATFORM_HMAC_KEY: randomBytes(32).toString('base64url'),
  SUBGRAPH_SIGNING_SECRET: randomBytes(32).toString('base64url'),
  LICENSE_ISSUER_KEYS: JSON.stringify({ keys: [JWK] }),
  AUDIT_CHECKPOINT_KEY: JSON.stringify(JWK),
  // A server nobody listens on: a process that got past the check would fail differently.
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
};

const refusal = (lines: string[]) => lines.filter((l) => /BENCH_POLICY_OFF/.test(l));

test('production refuses BENCH_POLICY_OFF=true for every kind of process', () => {
  for (const who of [{ kind: 'router' }, { kind: 'launcher' }, { kind: 'migrate' }, { kind: 'subgraph', subgraph: 'population' }] as const) {
    expect(settingProblems(who, PRODUCTION)).toEqual([]);
    expect(refusal(settingProblems(who, { ...PRODUCTION, BENCH_POLICY_OFF: 'true' }))).toEqual([
      'BENCH_POLICY_OFF is a benchmark switch and is refused when NODE_ENV=production',
    ]);
  }
  // Only the literal default passes; anything else is refused or malformed.
  expect(refusal(settingProblems({ kind: 'router' }, { ...PRODUCTION, BENCH_POLICY_OFF: 'false' }))).toEqual([]);
  expect(refusal(settingProblems({ kind: 'router' }, { ...PRODUCTION, BENCH_POLICY_OFF: '1' }))).toEqual([
    'BENCH_POLICY_OFF must be one of false, true',
    'BENCH_POLICY_OFF is a benchmark switch and is refused when NODE_ENV=production',
  ]);
});

test('the switch itself refuses production, and is off unless set', () => {
  expect(() => benchPolicyOff({ ...PRODUCTION, BENCH_POLICY_OFF: 'true' })).toThrow(/refused when NODE_ENV=production/);
  expect(benchPolicyOff({ ...PRODUCTION })).toBe(false);
  expect(benchPolicyOff({ NODE_ENV: 'development' })).toBe(false);
  expect(benchPolicyOff({ NODE_ENV: 'development', BENCH_POLICY_OFF: 'true' })).toBe(true);
});

test('a production subgraph process with the switch exits 1 naming it, before it serves', async () => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...PRODUCTION, BENCH_POLICY_OFF: 'true', PORT: '1' };
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'subgraphs', 'population', 'main.js')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d) => (output += String(d)));
    proc.stderr.on('data', (d) => (output += String(d)));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`the subgraph did not exit within 60 s:\n${output}`));
    }, 60_000);
    proc.on('exit', (c) => {
      clearTimeout(timer);
      resolve({ code: c, output });
    });
  });
  expect(code).toBe(1);
  expect(output).toContain('BENCH_POLICY_OFF is a benchmark switch and is refused when NODE_ENV=production');
  expect(output).not.toMatch(/ready at|WITHOUT shield/);
});
