/** Environment shared by the test platform's processes and the tests themselves. */
export const TEST_ENV = {
  /** Set TEST_DATABASE_PREFIX / TEST_PORT_BASE to run two test platforms side by side. */
  DATABASE_PREFIX: process.env.TEST_DATABASE_PREFIX || 'hytest',
  TEST_SEED_SCALE: '1000',
  PLATFORM_HMAC_KEY: 'test-only-pseudonym-key',
  /** Anonymous refusals at the router are aggregated per window (a minute in production). */
  AUDIT_REFUSAL_WINDOW_MS: '2000',
  /** No suite but test/security/rate-limits.test.ts (which starts routers of its own) should meet a rate limit. */
  RATE_LIMIT_ENABLED: 'false',
  /** The consistency job's schedule is off: tests run it with Mutation.runConsistencyCheck. */
  QUALITY_CHECK_INTERVAL_MINUTES: '0',
  /** Webhook retries: three attempts 200 ms, 400 ms apart, so that a test sees FAILED within a second or two. */
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_BACKOFF_MS: '200',
  WEBHOOK_POLL_MS: '200',
  WEBHOOK_TIMEOUT_MS: '3000',
  /** Every process exports its spans here; test/integration/tracing.test.ts listens on it (issue 12).
   *  Nobody listening (the other suites) costs a refused connection per batch, silently. */
  OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${otlpPort()}`,
  /** The city's identity provider stands at TEST_PORT_BASE + 88 while a test runs it
   *  (test/support/oidc-issuer.ts); its claim names differ from the defaults on purpose. */
  OIDC_ISSUER: testIssuerUrl(),
  OIDC_AUDIENCE: 'hengyang-platform-api',
  OIDC_AGENCY_CLAIM: 'hengyang.agency',
  OIDC_OPERATOR_CLAIM: 'preferred_username',
  OIDC_ROLES_CLAIM: 'posts',
  OIDC_ROLE_MAP: JSON.stringify({ 'hy-data-approver': 'approver' }),
  OIDC_CLIENT_ID: 'hengyang-portal',
  OIDC_CLIENT_SECRET: 'test-only-portal-client-secret',
  OIDC_REDIRECT_URI: `http://127.0.0.1:${Number(process.env.TEST_PORT_BASE || 4100)}/portal/auth/callback`,
  OIDC_POST_LOGOUT_REDIRECT_URI: `http://127.0.0.1:${Number(process.env.TEST_PORT_BASE || 4100)}/portal/`,
  OIDC_SCOPE: 'openid platform',
  OIDC_RESOURCE: 'urn:hengyang:platform-api',
};

/** The test identity provider's issuer URL (TEST_PORT_BASE + 88). */
export function testIssuerUrl(): string {
  return `http://127.0.0.1:${Number(process.env.TEST_PORT_BASE || 4100) + 88}`;
}

/** The in-process OTLP receiver's port: TEST_PORT_BASE + 95 (the shared platform uses +0…+6). */
export function otlpPort(): number {
  return Number(process.env.TEST_PORT_BASE || 4100) + 95;
}
