/**
 * Every environment variable the platform reads, in one list (issue 12): its schema (zod), default,
 * meaning, and which processes cannot run without it in production. The accessor (./read.ts)
 * validates a value the moment it is read and start-up validates them all (./check.ts), so a typo
 * or a non-number is an error naming the variable, never a silent default. The README table is
 * generated from this list (`npm run settings:table`; test/unit/settings-table.test.ts keeps it
 * fresh).
 *
 * Variables named after a subgraph (<SUBGRAPH>_DATABASE_URL, <SUBGRAPH>_URL) are in ./per-subgraph.ts.
 */
import { z } from 'zod';
import { AgencyRole } from '../identity/identity';

/** The process kinds a setting can be required by (`npm start` is the launcher: it needs them all). */
export type ProcessKind = 'router' | 'subgraph' | 'migrate' | 'launcher';

/** Which processes cannot start without the setting in production. A subgraph-specific need names the subgraph. */
export interface ProductionNeed {
  processes: ProcessKind[];
  /** Only these subgraphs need it (default: every subgraph, if 'subgraph' is listed). */
  subgraphs?: string[];
  /** Another variable that satisfies the need instead (PLATFORM_JWKS or PLATFORM_JWKS_URL); several are joined by " or ". */
  alternative?: string;
}

export interface Setting<T = unknown> {
  /** Parses the raw text (undefined or '' when unset: then the default applies). */
  schema: z.ZodType<T>;
  /** The default as text, for the README; undefined: none (the code decides, see meaning). */
  default?: string;
  meaning: string;
  group: 'General' | 'Keys' | 'Sign-in' | 'Databases' | 'Processes' | 'Router' | 'Catalog' | 'Development' | 'Benchmark';
  /** Absent: optional in production. */
  production?: ProductionNeed;
  /** A stronger rule in production (a length), checked at start-up only. */
  productionRule?: { check: (value: T) => boolean; message: string };
  /** Secrets are never echoed in error messages. */
  secret?: boolean;
  /** Development-only: ignored (or refused) when NODE_ENV=production. */
  developmentOnly?: boolean;
  /** An optional secret: the processes that read it when it is given (the deployment hands it to them, optionally). */
  optionalIn?: ProcessKind[];
  /** Refused when NODE_ENV=production: any value other than the default stops start-up (a benchmark switch). */
  refusedInProduction?: boolean;
}

const text = z.string().trim().min(1, 'must not be empty');
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });
const withDefault = <T>(fallback: string, schema: z.ZodType<T, string>): z.ZodType<T> =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? fallback : v))
    .pipe(schema);
const optional = <T>(schema: z.ZodType<T, string>): z.ZodType<T | undefined> =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v))
    .pipe(schema.optional());

const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max));
const port = wholeNumber(1, 65_535);
const httpUrl = text.refine((v) => /^https?:$/.test(safeProtocol(v)), 'must be an http(s) URL');
export const postgresUrl = text.refine((v) => /^postgres(ql)?:$/.test(safeProtocol(v)), 'must be a postgres:// URL');
const json = <T>(what: string, check: (v: unknown) => v is T) =>
  text.transform((v, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: `is not valid JSON (expected ${what})` });
      return z.NEVER;
    }
    if (!check(parsed)) {
      ctx.addIssue({ code: 'custom', message: `is not ${what}` });
      return z.NEVER;
    }
    return parsed;
  });

function safeProtocol(v: string): string {
  try {
    return new URL(v).protocol;
  } catch {
    return '';
  }
}

interface Jwk {
  kty?: string;
  crv?: string;
  kid?: string;
  d?: string;
  x?: string;
}
const isKeySet = (v: unknown): v is { keys: Jwk[] } =>
  typeof v === 'object' && v !== null && Array.isArray((v as { keys?: unknown }).keys) && (v as { keys: unknown[] }).keys.length > 0;
const isEd25519PrivateJwk = (v: unknown): v is Jwk =>
  typeof v === 'object' && v !== null && (v as Jwk).kty === 'OKP' && (v as Jwk).crv === 'Ed25519' && typeof (v as Jwk).d === 'string';

/** A claim name or a dotted path into nested claims (realm_access.roles). */
const claimPath = text.regex(/^[A-Za-z0-9_:$-]+(\.[A-Za-z0-9_:$-]+)*$/, 'must be a claim name or a dotted path such as realm_access.roles');
const POSTS: string[] = Object.values(AgencyRole);
const isRoleMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((p) => typeof p === 'string' && POSTS.includes(p));

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
/** Seconds, or a duration such as 12h or 90m. */
const duration = text.regex(/^\d+\s*(s|m|h|d)?$/, 'must be seconds or a duration like 12h or 90m').transform((v) => {
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(v)!;
  return Number(m[1]) * SECONDS[m[2] ?? 's'];
});
const strongSecret = { check: (v: string | undefined) => (v ?? '').length >= 32, message: 'must be at least 32 characters in production' };

const everyProcess: ProcessKind[] = ['router', 'subgraph', 'migrate', 'launcher'];
const serving: ProcessKind[] = ['router', 'subgraph', 'launcher'];

export const SETTINGS = {
  NODE_ENV: {
    group: 'General',
    schema: withDefault('development', oneOf(['development', 'production', 'test'])),
    default: 'development',
    meaning:
      '`production` turns on production mode: every key below must be given, demo data is never seeded, no embedded PostgreSQL, no development keys, pending migrations stop start-up.',
  },
  PLATFORM_JWKS: {
    group: 'Keys',
    schema: optional(json('a JSON Web Key Set {"keys":[…]} with at least one key', isKeySet)),
    meaning: 'The identity provider’s public token keys as a JWK set (or PLATFORM_JWKS_URL). Development: generated keys in .data/dev-keys.json.',
    production: { processes: serving, alternative: 'PLATFORM_JWKS_URL or OIDC_ISSUER' },
  },
  PLATFORM_JWKS_URL: {
    group: 'Keys',
    schema: optional(httpUrl),
    meaning: 'The identity provider’s JWKS endpoint (refetched at least every 5 minutes), instead of PLATFORM_JWKS.',
  },
  TOKEN_ISSUER: {
    group: 'Keys',
    schema: withDefault('https://auth.hengyang.gov.cn', text),
    default: 'https://auth.hengyang.gov.cn',
    meaning: 'The `iss` every token must carry.',
  },
  TOKEN_AUDIENCE: {
    group: 'Keys',
    schema: withDefault('hengyang-data-sharing', text),
    default: 'hengyang-data-sharing',
    meaning: 'The `aud` every token must carry.',
  },
  TOKEN_MAX_LIFETIME: {
    group: 'Keys',
    schema: withDefault('12h', duration),
    default: '12h',
    meaning: 'Longest accepted token lifetime (exp − iat): seconds, or a duration such as 12h or 90m.',
  },
  OIDC_ISSUER: {
    group: 'Sign-in',
    schema: optional(httpUrl),
    meaning:
      'The city’s identity provider (OpenID Connect issuer URL, exactly its `iss`): its access tokens (JWT) are accepted beside the platform’s, verified against the JWKS its discovery document names (https, except on loopback). Unset: only platform tokens.',
  },
  OIDC_AUDIENCE: {
    group: 'Sign-in',
    schema: optional(text),
    meaning:
      'The `aud` the identity provider’s access tokens must carry (never the portal’s client id, so an ID token is not an access token). Default: TOKEN_AUDIENCE.',
  },
  OIDC_AGENCY_CLAIM: {
    group: 'Sign-in',
    schema: withDefault('agency', claimPath),
    default: 'agency',
    meaning: 'Claim of the provider’s access token naming the agency code (a dotted path reads a nested claim, e.g. `org.code`).',
  },
  OIDC_OPERATOR_CLAIM: {
    group: 'Sign-in',
    schema: withDefault('sub', claimPath),
    default: 'sub',
    meaning: 'Claim naming the operator (the audit trail’s `operator`).',
  },
  OIDC_ROLES_CLAIM: {
    group: 'Sign-in',
    schema: withDefault('roles', claimPath),
    default: 'roles',
    meaning:
      'Claim holding the operator’s posts (an array or a space-separated string, e.g. `realm_access.roles`); only the platform’s posts (operator, approver, security-admin, or names mapped by OIDC_ROLE_MAP) count, any other value is ignored.',
  },
  OIDC_ROLE_MAP: {
    group: 'Sign-in',
    schema: optional(json('a JSON object {"provider role": "operator" | "approver" | "security-admin"}', isRoleMap)),
    meaning: 'The provider’s role names for the platform’s posts, e.g. {"hy-data-operator":"operator"}, when they differ.',
  },
  OIDC_SUBJECT_CLAIM: {
    group: 'Sign-in',
    schema: optional(claimPath),
    meaning:
      'Claim carrying a citizen’s or an enterprise’s subject key (their own access history); a token with it and without the agency claim is a data subject’s (`subject_kind` LEGAL_PERSON for an enterprise). Unset: only agencies sign in.',
  },
  OIDC_CLIENT_ID: {
    group: 'Sign-in',
    schema: optional(text),
    meaning: 'The portal’s client id at the identity provider; with OIDC_REDIRECT_URI it turns on /portal/auth/login (authorization code + PKCE).',
  },
  OIDC_CLIENT_SECRET: {
    group: 'Sign-in',
    schema: optional(text),
    secret: true,
    meaning: 'The portal client’s secret (client_secret_basic); unset: a public client, PKCE alone.',
    optionalIn: ['router', 'launcher'],
  },
  OIDC_REDIRECT_URI: {
    group: 'Sign-in',
    schema: optional(httpUrl),
    meaning: 'The router’s public `…/portal/auth/callback` URL, as registered at the provider.',
  },
  OIDC_POST_LOGOUT_REDIRECT_URI: {
    group: 'Sign-in',
    schema: optional(httpUrl),
    meaning: 'Where the provider sends the browser after /portal/auth/logout (registered at the provider), e.g. the portal’s public URL.',
  },
  OIDC_SCOPE: {
    group: 'Sign-in',
    schema: withDefault('openid', text),
    default: 'openid',
    meaning: 'Scopes the portal asks for (space-separated; `openid` is always included).',
  },
  OIDC_RESOURCE: {
    group: 'Sign-in',
    schema: optional(text),
    meaning: 'Resource indicator (RFC 8707) sent with the authorization and token requests, when the provider issues JWT access tokens per resource.',
  },
  PLATFORM_HMAC_KEY: {
    group: 'Keys',
    schema: optional(text),
    secret: true,
    meaning:
      'The pseudonym key: federation keys of persons and legal persons are HMAC-SHA256 of their ID numbers under it, and HASH masks use it. Changing it changes every key (docs/DECISIONS.md).',
    production: { processes: ['subgraph', 'launcher'] },
    productionRule: strongSecret,
  },
  SUBGRAPH_SIGNING_SECRET: {
    group: 'Keys',
    schema: optional(text),
    secret: true,
    meaning: 'The secret of the router → subgraph request signatures (HMAC-SHA256), shared by the router and every subgraph.',
    production: { processes: serving },
    productionRule: strongSecret,
  },
  LICENSE_ISSUER_KEYS: {
    group: 'Keys',
    schema: optional(json('a JWK set of Ed25519 private keys, kid = agency code', isKeySet)),
    secret: true,
    meaning: 'Licence signing keys of the issuing agencies (Ed25519 private JWKs, kid = agency code). Development: derived from LICENSE_SIGNING_SECRET.',
    production: { processes: ['subgraph', 'launcher'], subgraphs: ['e-license'] },
  },
  AUDIT_CHECKPOINT_KEY: {
    group: 'Keys',
    schema: optional(json('an Ed25519 private JWK {"kty":"OKP","crv":"Ed25519","d":…,"x":…}', isEd25519PrivateJwk)),
    secret: true,
    meaning:
      'Ed25519 private JWK that signs the audit trail’s checkpoints, kept outside the audit database (DESIGN.md); required in production by the governance subgraph.',
    production: { processes: ['subgraph', 'launcher'], subgraphs: ['catalog'] },
  },
  DATABASE_URL: {
    group: 'Databases',
    schema: optional(postgresUrl),
    meaning:
      'The PostgreSQL server of every database without its own URL (database `<DATABASE_PREFIX>_<subgraph>`). Development: absent starts an embedded PostgreSQL.',
    production: { processes: everyProcess, alternative: 'every <SUBGRAPH>_DATABASE_URL' },
  },
  DATABASE_PREFIX: {
    group: 'Databases',
    schema: withDefault('hengyang', text.regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and _')),
    default: 'hengyang',
    meaning: 'Prefix of the database names derived from DATABASE_URL: `<prefix>_<subgraph>`.',
  },
  GOVERNANCE_LISTEN_DATABASE_URL: {
    group: 'Databases',
    schema: optional(postgresUrl),
    meaning:
      'A direct (session) connection to the governance database for LISTEN grants_changed, when GOVERNANCE_DATABASE_URL goes through a transaction pooler (PgBouncer) that cannot LISTEN. Default: the governance database URL.',
  },
  PORT: { group: 'Processes', schema: optional(port), meaning: 'Port of a subgraph process (default: its port in schema/subgraphs.json).' },
  HOST: { group: 'Processes', schema: withDefault('127.0.0.1', text), default: '127.0.0.1', meaning: 'Address a subgraph binds (0.0.0.0 in a container).' },
  SUBGRAPHS_CONFIG: {
    group: 'Processes',
    schema: withDefault('schema/subgraphs.json', text),
    default: 'schema/subgraphs.json',
    meaning: 'The list of subgraphs (name, port, module), relative to the repository root.',
  },
  SUBGRAPH_MAX_DEPTH: {
    group: 'Processes',
    schema: withDefault('15', wholeNumber(1)),
    default: '15',
    meaning: 'A subgraph’s own operation depth limit (second line behind router.yaml).',
  },
  SUBGRAPH_MAX_ALIASES: { group: 'Processes', schema: withDefault('30', wholeNumber(1)), default: '30', meaning: 'A subgraph’s own alias limit.' },
  SERVICE_HEAP_MB: {
    group: 'Development',
    schema: withDefault('192', wholeNumber(64)),
    default: '192',
    meaning:
      'V8 old-space limit (MiB) of each router and subgraph process the launcher starts (`npm start`, the tests, the bench): keeps each under 250 MiB RSS at no measured CPU cost (docs/PERFORMANCE.md); the Kubernetes manifests set their own (scripts/deploy/profile.ts).',
  },
  SUBGRAPH_MAX_ROOT_FIELDS: { group: 'Processes', schema: withDefault('20', wholeNumber(1)), default: '20', meaning: 'A subgraph’s own root field limit.' },
  LOOKUP_BUDGET_PER_DAY: {
    group: 'Processes',
    schema: withDefault('20000', wholeNumber(0)),
    default: '20000',
    meaning: 'Default daily natural-key lookups per agency (an agency’s own budget in the register wins).',
  },
  SHUTDOWN_DRAIN_MS: {
    group: 'Processes',
    schema: withDefault('0', wholeNumber(0, 120_000)),
    default: '0',
    meaning:
      'On SIGTERM, how long /ready answers 503 "draining" while requests are still served, before the process stops accepting (Kubernetes: a few seconds, so endpoints are removed first).',
  },
  SHUTDOWN_GRACE_MS: {
    group: 'Processes',
    schema: withDefault('30000', wholeNumber(0, 600_000)),
    default: '30000',
    meaning:
      'On SIGTERM, after the drain: how long requests already in flight may take to finish (and write their audit) once the process stops accepting; then remaining connections are closed. At least router.yaml traffic_shaping.router.timeout.',
  },
  STATEMENT_TIMEOUT_MS: {
    group: 'Processes',
    schema: optional(wholeNumber(0, 3_600_000)),
    meaning:
      'A subgraph’s PostgreSQL statement_timeout, so that no SQL runs on for a caller the router has already answered; default: this subgraph’s timeout in router.yaml traffic_shaping (subgraphs.<name>, else all), 0 = none.',
  },
  METRICS_TOKEN: {
    group: 'Processes',
    schema: optional(text),
    secret: true,
    meaning: 'Bearer token a scraper sends to read /metrics from off the machine (Authorization: Bearer …); unset: /metrics answers loopback callers only.',
  },
  METRICS_LOOPBACK: {
    group: 'Processes',
    schema: withDefault('allow', oneOf(['allow', 'deny'])),
    default: 'allow',
    meaning:
      'Whether /metrics answers loopback callers without the token. Set `deny` when a reverse proxy on the same host forwards outside requests (they arrive from loopback).',
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    group: 'Processes',
    schema: optional(httpUrl),
    meaning:
      'OpenTelemetry collector base URL (OTLP over HTTP, JSON); spans go to `<url>/v1/traces`. Unset: no process traces (no spans are built, no traceparent is sent).',
  },
  OTEL_SERVICE_NAMESPACE: {
    group: 'Processes',
    schema: withDefault('hengyang-data-sharing', text),
    default: 'hengyang-data-sharing',
    meaning: 'The `service.namespace` of every process’s spans (`service.name` is `router` or the subgraph’s name).',
  },
  LOG_LEVEL: {
    group: 'Processes',
    schema: withDefault('info', oneOf(['debug', 'info', 'warn', 'error', 'silent'])),
    default: 'info',
    meaning: 'Level of the JSON logs (pino) on stdout: the router’s access lines are at info.',
  },
  LOG_DIR: {
    group: 'Development',
    schema: optional(text),
    meaning: 'The launcher (`npm start`, the tests) also appends each child process’s output to <LOG_DIR>/<process>.log.',
  },
  ROUTER_CONFIG: { group: 'Router', schema: withDefault('router.yaml', text), default: 'router.yaml', meaning: 'The router configuration file.' },
  SUPERGRAPH_PATH: {
    group: 'Router',
    schema: withDefault('schema/supergraph.graphql', text),
    default: 'schema/supergraph.graphql',
    meaning: 'The composed supergraph the router plans against (and the catalogue reads).',
  },
  ROUTER_ENGINE: {
    group: 'Router',
    schema: withDefault('hive', oneOf(['hive', 'apollo-gateway'])),
    default: 'hive',
    meaning: 'Query planner runtime: `hive` or `apollo-gateway`.',
  },
  ROUTER_ENGINE_LOG: {
    group: 'Router',
    schema: withDefault('warn', oneOf(['debug', 'info', 'warn', 'error'])),
    default: 'warn',
    meaning: 'Log level of the engine’s own logger.',
  },
  ROUTER_LISTEN: { group: 'Router', schema: optional(text), default: '127.0.0.1:4000', meaning: 'host:port the router listens on (expanded in router.yaml).' },
  RATE_LIMIT_ENABLED: {
    group: 'Router',
    schema: withDefault('true', oneOf(['true', 'false'])),
    default: 'true',
    meaning:
      'Per-caller rate limits (router.yaml rate_limit.enabled; expanded there). The shared test platform turns them off; their own tests start routers of their own.',
  },
  AUDIT_REFUSAL_WINDOW_MS: {
    group: 'Router',
    schema: withDefault('60000', wholeNumber(1)),
    default: '60000',
    meaning: 'Window over which anonymous refusals at the router are aggregated into one audit row.',
  },
  PUBLIC_GRAPHQL_ENDPOINT: {
    group: 'Catalog',
    schema: withDefault('http://localhost:4000/', httpUrl),
    default: 'http://localhost:4000/',
    meaning: 'The router URL agencies use, printed in the catalogue’s example requests.',
  },
  EXPORT_SIGNING_KEY: {
    group: 'Keys',
    schema: optional(json('an Ed25519 private JWK {"kty":"OKP","crv":"Ed25519","d":…,"x":…,"kid":…}', isEd25519PrivateJwk)),
    secret: true,
    meaning:
      'Ed25519 private JWK (with kid) the catalog signs batch export jobs’ short-lived tokens with; its public half must be in PLATFORM_JWKS (or the JWKS at PLATFORM_JWKS_URL). Unset in production: exports fail with EXPORT_SIGNER_MISSING. Development: the development key.',
  },
  EXPORT_SIGNING_KID: {
    group: 'Keys',
    schema: optional(text),
    meaning:
      'The kid of EXPORT_SIGNING_KEY’s public half in the JWKS: the router and the subgraphs accept a `batch_export` claim only on a token signed by that key (default: the kid of EXPORT_SIGNING_KEY where the process holds it; development: the development key). Unset where neither is known: every `batch_export` claim is refused.',
    optionalIn: ['router', 'subgraph', 'launcher'],
  },
  EXPORT_EXPIRY_HOURS: {
    group: 'Catalog',
    schema: withDefault('24', wholeNumber(1, 24 * 30)),
    default: '24',
    meaning: 'How long a finished batch export’s file can be downloaded (GET /exports/<id>), in hours; then it is deleted.',
  },
  EXPORT_MAX_BYTES: {
    group: 'Catalog',
    schema: withDefault('2147483648', wholeNumber(1024)),
    default: '2147483648',
    meaning: 'The largest file a batch export writes (bytes); an export that would be larger stops there, marked truncated.',
  },
  EXPORT_PAGE_SIZE: {
    group: 'Catalog',
    schema: withDefault('500', wholeNumber(1, 500)),
    default: '500',
    meaning: 'Rows the export job asks the router for per request (the list query’s `first`).',
  },
  WORKING_CALENDAR_FILE: {
    group: 'Catalog',
    schema: optional(text),
    meaning: 'A JSON file of calendar days that take precedence over the calendar_day table.',
  },
  AUDIT_CHECKPOINT_FILE: {
    group: 'Catalog',
    schema: optional(text),
    meaning:
      'The append-only file (JSON lines) the catalog writes each signed audit checkpoint to, and `npm run audit:verify` checks the trail against. Put it outside the database server: an append-only (chattr +a) or write-once volume. Unset: `.data/audit-checkpoints.jsonl`; in development one file per trail under `.data/audit-checkpoints/`.',
  },
  AUDIT_CHECKPOINT_INTERVAL: {
    group: 'Catalog',
    schema: withDefault('5m', duration.pipe(z.number().min(1, 'must be at least 1 second'))),
    default: '5m',
    meaning: 'How often the catalog signs the audit chain head (seconds or a duration like 5m); nothing is signed while the head has not moved.',
  },
  AUDIT_CHECKPOINT_URL: {
    group: 'Catalog',
    schema: optional(httpUrl.refine((v) => !/^[a-z]+:\/\/[^/]*@/i.test(v), 'must not carry credentials')),
    meaning:
      'Optional: an external endpoint each signed checkpoint is also POSTed to (JSON, no redirects followed, 10 s timeout), e.g. another authority’s timestamping or log service.',
  },
  AUDIT_CHECKPOINT_PUBLIC_KEYS: {
    group: 'Keys',
    schema: optional(json('a JWK set of Ed25519 public keys', isKeySet)),
    meaning:
      'Earlier audit checkpoint keys (public JWKs), so that checkpoints signed before a key rotation still verify. The current key’s public half is always accepted.',
  },
  SEED_SCALE: {
    group: 'Development',
    schema: optional(wholeNumber(10)),
    developmentOnly: true,
    meaning: 'Persons in the synthetic demo city seeded into empty databases (`npm start`: 2000). Never seeded in production.',
  },
  PORT_BASE: {
    group: 'Development',
    schema: withDefault('4000', port),
    default: '4000',
    meaning: '`npm start`: router port; subgraph i listens on PORT_BASE + i.',
  },
  EMBEDDED_PG_DIR: {
    group: 'Development',
    schema: optional(text),
    default: '.data/pg',
    developmentOnly: true,
    meaning: 'Data folder of the embedded PostgreSQL (used when DATABASE_URL is absent; never in production).',
  },
  EMBEDDED_PG_PORT: {
    group: 'Development',
    schema: withDefault('5499', port),
    default: '5499',
    developmentOnly: true,
    meaning: 'Port of the embedded PostgreSQL.',
  },
  DEV_KEYS_PATH: {
    group: 'Development',
    schema: optional(text),
    default: '.data/dev-keys.json',
    developmentOnly: true,
    meaning: 'Where the generated development token keys live.',
  },
  SUBGRAPH_SIGNING_SECRET_PATH: {
    group: 'Development',
    schema: optional(text),
    default: '.data/subgraph-signing-secret',
    developmentOnly: true,
    meaning: 'Where the generated development signing secret lives.',
  },
  LICENSE_SIGNING_SECRET: {
    group: 'Development',
    schema: optional(text),
    secret: true,
    developmentOnly: true,
    meaning: 'Secret the development licence keys are derived from (default: the pseudonym key). Never used in production.',
  },
  BENCH_POLICY_OFF: {
    group: 'Benchmark',
    schema: withDefault('false', oneOf(['false', 'true'])).transform((v) => v === 'true'),
    default: 'false',
    developmentOnly: true,
    refusedInProduction: true,
    meaning:
      '`npm run bench` only: `true` makes a subgraph serve without shield, masking and audit (its "policy off" measurement). Refused, exit code 1, when NODE_ENV=production; every other mode logs a warning.',
  },
  ROUNDS: { group: 'Benchmark', schema: withDefault('300', wholeNumber(1)), default: '300', meaning: '`bench/data-access`: alternating rounds measured.' },
} satisfies Record<string, Setting<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each entry keeps its own value type

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<K extends SettingName> = z.output<(typeof SETTINGS)[K]['schema']>;
