/**
 * Sign-in through the city's identity provider (issue 14, item 2, production): a local OpenID
 * provider (oidc-provider, test/support/oidc-issuer.ts) stands for it. The browser's part is
 * played with plain HTTP requests and a cookie jar: the router's /portal/auth/login sends it to the
 * provider (PKCE, state, nonce), the provider's login (and consent) forms are filled in, the provider sends it back
 * to /portal/auth/callback, the portal's one read of /portal/auth/session yields the access token,
 * and that token — the provider's JWT, verified through its JWKS — reads the API as the agency its
 * claims name. A token naming an agency absent from the register reads nothing.
 */
import { randomUUID } from 'node:crypto';
import { gql, routerUrl } from '../support/client';
import { withDb } from '../support/db';
import { startTestIssuer, type RunningIssuer } from '../support/oidc-issuer';
import { syntheticPerson } from '../../seed/synthetic/people';

const person = syntheticPerson(5);
/** `gender` is unconditional: any registered agency's operator reads it. */
const QUERY = `query SignedInGender($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;

/** A browser's cookies, by name (every server here is 127.0.0.1, and cookies do not tell ports apart). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1).trim());
    }
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
  jar.take(response);
  return response;
}

/**
 * Signs in as `login` (the test provider's account name `<agency>/<operator>/<posts>`): follows the
 * redirects from /portal/auth/login, fills in the provider's login form, and stops at the router's
 * answer to the callback. Returns that answer and the jar.
 */
async function signIn(login: string, returnTo = '/portal/'): Promise<{ callback: Response; jar: CookieJar }> {
  const jar = new CookieJar();
  let response = await browse(jar, new URL(`/portal/auth/login?returnTo=${encodeURIComponent(returnTo)}`, routerUrl()).href);
  for (let step = 0; step < 10; step++) {
    const location = response.headers.get('location');
    if (response.status === 200 && response.url.includes('/interaction/')) {
      // The provider's login form (any password; the login names the account), then its consent form.
      const prompt = /name="prompt" value="(\w+)"/.exec(await response.text())?.[1];
      const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'test' } : { prompt: prompt ?? '' });
      response = await browse(jar, response.url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      continue;
    }
    if (response.status !== 302 && response.status !== 303)
      throw new Error(`${response.url} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    const next = new URL(location!, response.url);
    if (next.pathname === '/portal/auth/callback') return { callback: await browse(jar, next.href), jar };
    response = await browse(jar, next.href);
  }
  throw new Error('sign-in did not come back to the router within 10 steps');
}

async function session(jar: CookieJar) {
  const r = await browse(jar, new URL('/portal/auth/session', routerUrl()).href, { headers: { 'sec-fetch-site': 'same-origin' } });
  return { status: r.status, body: (await r.json()) as Record<string, any> };
}

let issuer: RunningIssuer;
beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer?.stop();
});

describe('sign-in through the identity provider (OpenID Connect, code + PKCE)', () => {
  test('the login goes to the provider with PKCE (S256), state and nonce, and keeps the attempt in an HttpOnly cookie', async () => {
    const jar = new CookieJar();
    const r = await browse(jar, new URL('/portal/auth/login', routerUrl()).href);
    expect(r.status).toBe(302);
    const target = new URL(r.headers.get('location')!);
    expect(target.origin).toBe(issuer.url);
    expect(target.searchParams.get('response_type')).toBe('code');
    expect(target.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce', 'client_id', 'redirect_uri']) expect(target.searchParams.get(p)).toBeTruthy();
    expect(target.searchParams.get('code_verifier')).toBeNull();
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('hy_portal_login='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/portal\/auth/);
  });

  test("an operator signs in and reads the API with the provider's token, as the agency its claims name", async () => {
    const { callback, jar } = await signIn('development-reform/alice/operator', '/portal/grants');
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/portal/grants');
    // The token is in no URL: only in an HttpOnly, SameSite=Strict cookie for /portal/auth.
    const cookie = callback.headers.getSetCookie().find((c) => c.startsWith('hy_portal_token='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/portal\/auth;/);

    const s = await session(jar);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ agency: 'development-reform', operator: 'alice', posts: ['operator'] });
    expect(Date.parse(s.body.expiresAt)).toBeGreaterThan(Date.now());
    // It is the provider's own JWT access token, not one the platform minted.
    const claims = JSON.parse(Buffer.from((s.body.accessToken as string).split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(claims.iss).toBe(issuer.url);
    expect(claims.aud).toBe('hengyang-platform-api');
    // Read once: a second read finds nothing.
    expect((await session(jar)).status).toBe(401);

    const correlationId = `oidc-${randomUUID()}`;
    const r = await gql(QUERY, { n: person.idNumber }, { authorization: `Bearer ${s.body.accessToken}`, 'x-request-id': correlationId });
    expect(r.errors).toBeUndefined();
    expect(r.data.personByIdNumber.gender).toBe(person.gender);
    // The audit trail names the agency and the operator from the provider's claims.
    let rows: { agency: string; operator: string }[] = [];
    for (const until = Date.now() + 15_000; !rows.length && Date.now() < until; await new Promise((w) => setTimeout(w, 200))) {
      rows = await withDb('catalog', async (c) => (await c.query(`SELECT agency, operator FROM audit_event WHERE correlation_id = $1`, [correlationId])).rows);
    }
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toEqual({ agency: 'development-reform', operator: 'alice' });
  });

  test('an agency absent from the register signs in at the provider but reads nothing', async () => {
    const { callback, jar } = await signIn('no-such-bureau/mallory/operator');
    expect(callback.status).toBe(303);
    const s = await session(jar);
    expect(s.body.agency).toBe('no-such-bureau');
    const r = await gql(QUERY, { n: person.idNumber }, { authorization: `Bearer ${s.body.accessToken}` });
    expect(JSON.stringify(r.data ?? null)).not.toContain(person.gender);
    expect(r.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
    expect(JSON.stringify(r.errors)).toMatch(/not registered/);
  });

  test('a callback without the sign-in attempt, or with another state, is refused', async () => {
    const none = await fetch(new URL('/portal/auth/callback?code=x&state=y', routerUrl()), { redirect: 'manual' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_REQUEST');

    // A real attempt whose state is swapped on the way back (a forged callback): refused, no token.
    const jar = new CookieJar();
    const login = await browse(jar, new URL('/portal/auth/login', routerUrl()).href);
    const forged = new URL('/portal/auth/callback', routerUrl());
    forged.searchParams.set('code', 'forged-code');
    forged.searchParams.set('state', 'not-the-state');
    forged.searchParams.set('iss', issuer.url);
    expect(login.status).toBe(302);
    const r = await browse(jar, forged.href);
    expect(r.status).toBe(401);
    expect(r.headers.getSetCookie().some((c) => c.startsWith('hy_portal_token=') && !/Max-Age=0/.test(c))).toBe(false);
    expect(jar.has('hy_portal_login')).toBe(false); // the attempt is spent
  });

  test('logout clears the cookies and ends the session at the provider', async () => {
    const { jar } = await signIn('development-reform/alice/operator');
    expect(jar.has('hy_portal_token')).toBe(true);
    const r = await browse(jar, new URL('/portal/auth/logout', routerUrl()).href);
    expect(r.status).toBe(302);
    const target = new URL(r.headers.get('location')!);
    expect(`${target.origin}${target.pathname}`).toBe(`${issuer.url}/session/end`);
    expect(target.searchParams.get('client_id')).toBe('hengyang-portal');
    expect(target.searchParams.get('post_logout_redirect_uri')).toMatch(/\/portal\/$/);
    expect(jar.has('hy_portal_token')).toBe(false);
    expect((await session(jar)).status).toBe(401);
  });
});
