/**
 * Issue 14 — the portal's development sign-in is no side door. POST /portal/dev/sign-in mints any
 * agency's token, so it must not exist where real tokens matter: with NODE_ENV=production, and
 * with a real identity provider's keys (PLATFORM_JWKS) in any mode, the path is a plain 404 (a
 * router started here against the test governance database). Where it exists (development with
 * the generated keys), it takes only a JSON POST (a cross-site form cannot send one), checks what
 * it is asked for, and its token carries exactly the agency and posts chosen.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { decodeJwt, exportJWK, generateKeyPair } from 'jose';
import { gql, routerUrl } from '../support/client';

const ROOT = path.resolve(__dirname, '..', '..');
const PORT = Number(process.env.TEST_PORT_BASE || 4100) + 85;
const PATH = '/portal/dev/sign-in';

const post = (base: string, body: unknown, contentType = 'application/json') =>
  fetch(new URL(PATH, base), { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(body) });

describe('where real tokens matter', () => {
  const routers: ChildProcess[] = [];
  afterAll(() => {
    for (const r of routers) r.kill('SIGTERM');
  });

  async function startRouter(port: number, env: Record<string, string>): Promise<string> {
    const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'router', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: process.env.TEST_DATABASE_URL,
        DATABASE_PREFIX: process.env.DATABASE_PREFIX,
        ROUTER_LISTEN: `127.0.0.1:${port}`,
        SUBGRAPH_SIGNING_SECRET: randomBytes(32).toString('base64url'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    routers.push(proc);
    let output = '';
    proc.stdout.on('data', (d) => (output += String(d)));
    proc.stderr.on('data', (d) => (output += String(d)));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`router exited ${proc.exitCode}:\n${output}`);
      const up = await fetch(`${base}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (up) return base;
      if (Date.now() > deadline) throw new Error(`router did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('is a plain 404 with NODE_ENV=production, and with an identity provider’s keys in development', async () => {
    const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'idp', alg: 'EdDSA', use: 'sig' }] });
    const [production, withKeys] = await Promise.all([
      startRouter(PORT, { NODE_ENV: 'production', PLATFORM_JWKS: jwks }),
      startRouter(PORT + 1, { NODE_ENV: 'development', PLATFORM_JWKS: jwks }),
    ]);
    for (const base of [production, withKeys]) {
      const minted = await post(base, { agency: 'data-bureau', roles: ['approver', 'security-admin'] });
      expect({ base, status: minted.status }).toEqual({ base, status: 404 });
      expect(await minted.text()).not.toMatch(/token|eyJ/);
      const probed = await fetch(new URL(PATH, base));
      expect(probed.status).toBe(404);
      // The portal page itself is served: only the minting path is gone.
      expect((await fetch(new URL('/portal/', base))).status).toBe(200);
    }
  });
});

describe('in development with the generated keys', () => {
  const base = () => routerUrl();

  it('takes only a JSON POST', async () => {
    expect((await fetch(new URL(PATH, base()))).status).toBe(405);
    // A cross-site form can send text/plain or a urlencoded body, never application/json.
    expect((await post(base(), { agency: 'taxation', roles: ['operator'] }, 'text/plain')).status).toBe(415);
    expect((await post(base(), { agency: 'taxation', roles: ['operator'] }, 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it('refuses what it cannot mint, with a coded error', async () => {
    for (const body of [
      { agency: 'Taxation!', roles: ['operator'] },
      { agency: 'taxation', roles: ['root'] },
      { agency: 'taxation', roles: [] },
      { agency: 'taxation', roles: ['operator'], operator: 'a b' },
      { subject: '430000000000000000' },
      [],
    ]) {
      const r = await post(base(), body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
      expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('mints exactly the agency and posts chosen, and the token works through the public API', async () => {
    const r = await post(base(), { agency: 'taxation', roles: ['security-admin'] });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const { token } = (await r.json()) as { token: string };
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ agency: 'taxation', roles: ['security-admin'], operator: 'taxation-security-admin' });
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(8 * 3600);
    // A security administrator's token: the audit search answers, the base data does not.
    const search = await gql(`{ auditEvents(first: 1) { totalCount } }`, {}, { authorization: `Bearer ${token}` });
    expect(search.errors).toBeUndefined();
    const read = await gql(
      `{ persons(first: 1) { edges { node { name } } } }`,
      {},
      { authorization: `Bearer ${token}`, 'x-purpose': encodeURIComponent('综合治税') },
    );
    expect(read.errors?.[0].extensions?.requiredRole).toBe('operator');
  });
});
