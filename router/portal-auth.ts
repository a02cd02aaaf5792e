/**
 * The portal's sign-in through the city's identity provider (issue 14): OpenID Connect
 * authorization code with PKCE, by openid-client, on the router's own origin.
 *
 *   GET /portal/auth/login[?returnTo=/portal/…]  → 302 to the provider (PKCE S256, state, nonce)
 *   GET /portal/auth/callback                    → code exchanged, state/nonce/PKCE checked, the
 *                                                  access token verified as every request's is,
 *                                                  then 303 to returnTo with a short-lived cookie
 *   GET /portal/auth/session                     → once: {accessToken, expiresAt, agency, operator, posts}
 *   GET|POST /portal/auth/logout                 → cookies cleared, 302 to the provider's end-session
 *
 * The token reaches the page through an HttpOnly, SameSite=Strict cookie scoped to /portal/auth,
 * read once by the portal's same-origin fetch of /portal/auth/session (never in a URL, so never in
 * a history, a Referer or an access log); the portal then sends it as `Authorization: Bearer` to
 * the GraphQL API like any agency application (no cookie ever authenticates a GraphQL request, so
 * there is no CSRF on it). These routes are answered before CORS: no other origin may read them.
 * docs/DECISIONS.md (issue 14, sign-in) says why.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as client from 'openid-client';
import { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import { identify } from '../platform/identity/tokens';
import { acceptableProviderUrl, oidcIssuer } from '../platform/identity/oidc';
import { ErrorCode } from '../platform/errors';
import { SettingError } from '../platform/settings/read';
import { setting } from '../platform/settings/read';
import { httpError, sendError, sendJson } from './http';

export const PORTAL_AUTH_PATH = '/portal/auth/';
const COOKIE_PATH = '/portal/auth';
/** The login attempt (PKCE verifier, state, nonce, return path): until the provider sends the browser back. */
const LOGIN_COOKIE = 'hy_portal_login';
const LOGIN_COOKIE_SECONDS = 600;
/** The access token, between the callback and the portal's one read of /portal/auth/session. */
const TOKEN_COOKIE = 'hy_portal_token';
const TOKEN_COOKIE_SECONDS = 120;
const DEFAULT_RETURN = '/portal/';
/** A return path under /portal/ made of plain URL characters: never another origin (`//host`, `/\host`). */
const RETURN_PATH = /^\/portal\/(?![/\\])[A-Za-z0-9\-._~/?=&%#]*$/;

interface ClientSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  postLogoutRedirectUri?: string;
  scope: string;
  resource?: string;
}

/** The sign-in settings, or undefined when sign-in is off; a half-configured client is a start-up error naming the variable. */
export function portalClientSettings(): ClientSettings | undefined {
  const clientId = setting('OIDC_CLIENT_ID');
  if (!clientId) return undefined;
  const issuer = oidcIssuer();
  if (!issuer) throw new SettingError('OIDC_ISSUER', 'is required with OIDC_CLIENT_ID (the provider the portal signs in with)');
  const redirectUri = setting('OIDC_REDIRECT_URI');
  if (!redirectUri) throw new SettingError('OIDC_REDIRECT_URI', 'is required with OIDC_CLIENT_ID (the router’s public …/portal/auth/callback URL)');
  if (new URL(redirectUri).pathname !== `${PORTAL_AUTH_PATH}callback`) throw new SettingError('OIDC_REDIRECT_URI', `must end in ${PORTAL_AUTH_PATH}callback`);
  const scope = setting('OIDC_SCOPE').split(/\s+/);
  return {
    issuer,
    clientId,
    clientSecret: setting('OIDC_CLIENT_SECRET'),
    redirectUri,
    postLogoutRedirectUri: setting('OIDC_POST_LOGOUT_REDIRECT_URI'),
    scope: [...new Set(['openid', ...scope])].join(' '),
    resource: setting('OIDC_RESOURCE'),
  };
}

function cookie(name: string, value: string, maxAge: number, sameSite: 'Lax' | 'Strict', secure: boolean): string {
  return `${name}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=${sameSite}${secure ? '; Secure' : ''}`;
}

function cookiesOf(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return jar;
}

interface LoginAttempt {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

function readAttempt(value: string | undefined): LoginAttempt | undefined {
  if (!value) return undefined;
  try {
    const a = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<LoginAttempt>;
    if ([a.verifier, a.state, a.nonce, a.returnTo].every((v) => typeof v === 'string') && RETURN_PATH.test(a.returnTo!)) return a as LoginAttempt;
  } catch {
    /* not ours */
  }
  return undefined;
}

function noStore(res: ServerResponse): void {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('pragma', 'no-cache');
  res.setHeader('referrer-policy', 'no-referrer');
}

function redirect(res: ServerResponse, status: 302 | 303, location: string): void {
  res.statusCode = status;
  res.setHeader('location', location);
  res.end();
}

/** The routes under /portal/auth/; `handle` answers every request whose path starts there. */
export function createPortalAuth(log: (message: string) => void) {
  const settings = portalClientSettings();
  const secure = settings ? new URL(settings.redirectUri).protocol === 'https:' : false;
  let configuration: Promise<client.Configuration> | undefined;

  /** The provider's metadata by discovery (openid-client), once; a failure is retried by the next sign-in. */
  function provider(s: ClientSettings): Promise<client.Configuration> {
    configuration ??= client
      .discovery(
        new URL(s.issuer),
        s.clientId,
        s.clientSecret ? { client_secret: s.clientSecret } : undefined,
        s.clientSecret ? client.ClientSecretBasic(s.clientSecret) : client.None(),
        // Plain HTTP only to a provider on this machine (a test provider); otherwise openid-client insists on https.
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to stand out; used for loopback alone
        { execute: acceptableProviderUrl(s.issuer) && new URL(s.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [], timeout: 5 },
      )
      .catch((e: unknown) => {
        configuration = undefined;
        throw e;
      });
    return configuration;
  }

  async function login(s: ClientSettings, url: URL, res: ServerResponse): Promise<void> {
    const config = await provider(s);
    const requested = url.searchParams.get('returnTo') ?? DEFAULT_RETURN;
    const attempt: LoginAttempt = {
      verifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
      returnTo: RETURN_PATH.test(requested) ? requested : DEFAULT_RETURN,
    };
    const target = client.buildAuthorizationUrl(config, {
      redirect_uri: s.redirectUri,
      scope: s.scope,
      code_challenge: await client.calculatePKCECodeChallenge(attempt.verifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      nonce: attempt.nonce,
      ...(s.resource ? { resource: s.resource } : {}),
    });
    // Lax, not Strict: the provider sends the browser back by a cross-site navigation, which must carry it.
    res.setHeader('set-cookie', cookie(LOGIN_COOKIE, Buffer.from(JSON.stringify(attempt)).toString('base64url'), LOGIN_COOKIE_SECONDS, 'Lax', secure));
    redirect(res, 302, target.href);
  }

  async function callback(s: ClientSettings, req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
    const attempt = readAttempt(cookiesOf(req).get(LOGIN_COOKIE));
    // The attempt is used once, whatever happens next.
    res.setHeader('set-cookie', cookie(LOGIN_COOKIE, '', 0, 'Lax', secure));
    if (!attempt) throw httpError(400, 'No sign-in is in progress in this browser; start again at /portal/auth/login', ErrorCode.BAD_REQUEST);
    const config = await provider(s);
    const current = new URL(s.redirectUri);
    current.search = url.search;
    let tokens: client.TokenEndpointResponse;
    try {
      tokens = await client.authorizationCodeGrant(
        config,
        current,
        { pkceCodeVerifier: attempt.verifier, expectedState: attempt.state, expectedNonce: attempt.nonce, idTokenExpected: true },
        s.resource ? { resource: s.resource } : undefined,
      );
    } catch (e) {
      // The provider's refusal (access_denied), a state or nonce that does not match, a code used twice.
      const reason =
        e instanceof client.AuthorizationResponseError ? e.error : e instanceof Error ? ((e as Error & { code?: string }).code ?? e.name) : 'error';
      throw httpError(401, `Sign-in failed at the identity provider (${reason}); start again at /portal/auth/login`, ErrorCode.UNAUTHENTICATED, { reason });
    }
    // The token is verified exactly as the API will verify it: one that would be refused there is refused here.
    await identify(`Bearer ${tokens.access_token}`);
    res.setHeader('set-cookie', [
      cookie(LOGIN_COOKIE, '', 0, 'Lax', secure),
      cookie(TOKEN_COOKIE, tokens.access_token, TOKEN_COOKIE_SECONDS, 'Strict', secure),
    ]);
    redirect(res, 303, attempt.returnTo);
  }

  async function session(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A fetch from another site (a browser says so) never gets the token, whatever its cookies.
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') throw httpError(403, 'The session is read by the portal itself only', ErrorCode.FORBIDDEN);
    const token = cookiesOf(req).get(TOKEN_COOKIE);
    res.setHeader('set-cookie', cookie(TOKEN_COOKIE, '', 0, 'Strict', secure)); // read once
    if (!token) throw httpError(401, 'Not signed in; sign in at /portal/auth/login', ErrorCode.UNAUTHENTICATED);
    const identity = await identify(`Bearer ${token}`);
    const { exp } = decodeJwt(token);
    sendJson(res, 200, {
      accessToken: token,
      expiresAt: new Date((exp ?? 0) * 1000).toISOString(),
      agency: identity.agency ?? null,
      operator: identity.operator ?? null,
      posts: identity.kind === 'agency' ? identity.roles : [],
      subjectKey: identity.subjectKey ?? null,
    });
  }

  async function logout(s: ClientSettings, res: ServerResponse): Promise<void> {
    res.setHeader('set-cookie', [cookie(LOGIN_COOKIE, '', 0, 'Lax', secure), cookie(TOKEN_COOKIE, '', 0, 'Strict', secure)]);
    const config = await provider(s).catch(() => undefined);
    if (config?.serverMetadata().end_session_endpoint) {
      const params: Record<string, string> = {};
      if (s.postLogoutRedirectUri) params.post_logout_redirect_uri = s.postLogoutRedirectUri;
      redirect(res, 302, client.buildEndSessionUrl(config, params).href);
      return;
    }
    redirect(res, 302, DEFAULT_RETURN);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    noStore(res);
    try {
      if (!settings) throw httpError(404, 'Sign-in by OpenID Connect is not configured on this router (OIDC_CLIENT_ID)', ErrorCode.NOT_FOUND);
      const route = url.pathname.slice(PORTAL_AUTH_PATH.length);
      const method = req.method ?? 'GET';
      const routes: Record<string, (() => Promise<void>) | undefined> = {
        login: () => login(settings, url, res),
        callback: () => callback(settings, req, url, res),
        session: () => session(req, res),
        logout: () => logout(settings, res),
      };
      const answer = Object.hasOwn(routes, route) ? routes[route] : undefined;
      if (!answer) throw httpError(404, `Not found; sign-in is at ${PORTAL_AUTH_PATH}login`, ErrorCode.NOT_FOUND);
      const allowed = route === 'logout' ? ['GET', 'POST'] : ['GET'];
      if (!allowed.includes(method)) {
        throw httpError(405, `Method ${method} is not allowed; use ${allowed.join(' or ')}`, ErrorCode.METHOD_NOT_ALLOWED, {}, { allow: allowed.join(', ') });
      }
      await answer();
    } catch (error) {
      if (error instanceof GraphQLError) {
        sendError(res, error);
        return;
      }
      log(`router: sign-in ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
      // The provider cannot be reached (discovery, token endpoint): no internals in the answer.
      sendError(res, httpError(503, 'The identity provider cannot be reached; try again shortly', ErrorCode.SERVICE_UNAVAILABLE));
    }
  };
}
