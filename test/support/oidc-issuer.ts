/**
 * The test identity provider (./oidc-issuer-main.ts) for the sign-in tests: started on
 * TEST_PORT_BASE + 88, where the shared test platform's OIDC_ISSUER points (./env.ts). Its RSA key
 * lives in a file that every test file reuses (created once per machine and prefix), so the
 * platform's cached copy of the provider's JWKS stays right from one test file to the next; the
 * security tests sign tokens with it directly to set claims the login form cannot.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { distPath, spawnService, stopProcess } from '../../scripts/processes';
import { TEST_ENV, testIssuerUrl } from './env';

const keysFile = () => path.join(os.tmpdir(), `${TEST_ENV.DATABASE_PREFIX}-oidc-issuer-keys.json`);

/** The provider's signing key (RS256, kid `test-issuer-1`), created on first use. */
export async function issuerKeys(): Promise<{ privateJwk: JWK }> {
  const file = keysFile();
  if (!fs.existsSync(file)) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const privateJwk = { ...(await exportJWK(privateKey)), kid: 'test-issuer-1', alg: 'RS256', use: 'sig' };
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ privateJwk }), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch {
      /* another run created it first: use theirs */
    }
    fs.unlinkSync(tmp);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { privateJwk: JWK };
}

export interface RunningIssuer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the provider and waits for its discovery document. */
export async function startTestIssuer(): Promise<RunningIssuer> {
  await issuerKeys();
  const url = testIssuerUrl();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ISSUER_URL: url,
    ISSUER_KEYS_FILE: keysFile(),
    ISSUER_AUDIENCE: TEST_ENV.OIDC_AUDIENCE,
    ISSUER_RESOURCE: TEST_ENV.OIDC_RESOURCE,
    ISSUER_CLIENT_ID: TEST_ENV.OIDC_CLIENT_ID,
    ISSUER_CLIENT_SECRET: TEST_ENV.OIDC_CLIENT_SECRET,
    ISSUER_REDIRECT_URI: TEST_ENV.OIDC_REDIRECT_URI,
    ISSUER_POST_LOGOUT_REDIRECT_URI: TEST_ENV.OIDC_POST_LOGOUT_REDIRECT_URI,
  };
  const child: ChildProcess = spawnService('oidc-issuer', distPath('test', 'support', 'oidc-issuer-main.js'), env, (l) => process.stderr.write(`${l}\n`));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the test identity provider exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/.well-known/openid-configuration`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the test identity provider did not start within 20 s');
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, stop: () => stopProcess(child) };
}

export interface IssuerTokenOptions {
  issuer?: string;
  audience?: string;
  /** Seconds from now (negative: already expired). */
  expiresIn?: number;
  /** Another key than the provider's (same kid unless `kid` says otherwise). */
  key?: CryptoKey;
  kid?: string;
  alg?: string;
}

/** A token signed as the provider signs its access tokens, with any claims (for the security tests). */
export async function issuerToken(claims: Record<string, unknown>, options: IssuerTokenOptions = {}): Promise<string> {
  const { privateJwk } = await issuerKeys();
  const key = options.key ?? ((await importJWK(privateJwk, 'RS256')) as CryptoKey);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? privateJwk.kid, typ: 'at+jwt' })
    .setIssuer(options.issuer ?? testIssuerUrl())
    .setAudience(options.audience ?? TEST_ENV.OIDC_AUDIENCE)
    .setSubject(String(claims.preferred_username ?? 'someone'))
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (options.expiresIn ?? 600))
    .sign(key);
}
