/**
 * A local OpenID provider for the sign-in tests (oidc-provider, a certified implementation), run as
 * its own process from dist/ by test/support/oidc-issuer.ts: `node dist/test/support/oidc-issuer-main.js`.
 * It stands for the city's identity provider: authorization code + PKCE for the portal client, JWT
 * access tokens for the platform (resource indicators), signed with the RSA key in ISSUER_KEYS_FILE.
 *
 * Its development login form takes any login and password; the login names the account:
 * `<agency>/<operator>/<role,role…>` (e.g. `development-reform/alice/operator`), and its access
 * tokens carry the claims where the test platform's OIDC_*_CLAIM settings look for them.
 */
import * as http from 'node:http';
import { readFileSync } from 'node:fs';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** The claims an account's access token carries (names as test/support/env.ts configures them). */
function accountClaims(accountId: string): Record<string, unknown> {
  const [agency, operator, roles] = accountId.split('/');
  const claims: Record<string, unknown> = { preferred_username: operator || accountId };
  if (agency) claims.hengyang = { agency };
  if (roles) claims.posts = roles.split(',');
  return claims;
}

async function main(): Promise<void> {
  // oidc-provider is an ES module: imported, not required.
  const { default: Provider, errors } = await import('oidc-provider');
  const issuer = env('ISSUER_URL');
  const resource = env('ISSUER_RESOURCE');
  const audience = env('ISSUER_AUDIENCE');
  const { privateJwk } = JSON.parse(readFileSync(env('ISSUER_KEYS_FILE'), 'utf8')) as { privateJwk: Record<string, unknown> };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: env('ISSUER_CLIENT_ID'),
        client_secret: env('ISSUER_CLIENT_SECRET'),
        redirect_uris: [env('ISSUER_REDIRECT_URI')],
        post_logout_redirect_uris: [env('ISSUER_POST_LOGOUT_REDIRECT_URI')],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [privateJwk] },
    cookies: { keys: ['test-only-oidc-provider-cookie-key'] },
    pkce: { required: () => true },
    scopes: ['openid', 'platform'],
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return { scope: 'platform', audience, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    findAccount: (_ctx: unknown, accountId: string) => ({ accountId, claims: () => ({ sub: accountId }) }),
    extraTokenClaims: (_ctx: unknown, token: { accountId?: string }) => (token.accountId ? accountClaims(token.accountId) : undefined),
  });
  // Its own errors go to its log (LOG_DIR/oidc-issuer.log), where a failing test's reader looks.
  provider.on('server_error', (_ctx: unknown, error: Error) => process.stderr.write(`server_error: ${error.stack ?? error.message}\n`));
  const server = http.createServer(provider.callback());
  const port = Number(new URL(issuer).port);
  server.listen(port, '127.0.0.1', () => process.stdout.write(`test identity provider listening on ${issuer}\n`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((e: unknown) => {
  process.stderr.write(`test identity provider failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
