/**
 * compose.yaml: the one-machine installation (PostgreSQL, the migration, every subgraph, the
 * router), from the same derivation as the Kubernetes manifests (./environment.ts). Non-secret
 * settings come from the generated deploy/settings.env; each service receives only the secrets it
 * needs, interpolated from the operator's secrets file (`docker compose --env-file deploy/secrets.env`,
 * written from deploy/env.example): a required one left empty stops `docker compose` naming it.
 */
import { subgraphEntries } from '../../platform/subgraph/registry';
import { checkpointVolumeAccess, keySecretsOf, secretIsOptional, sharedConfig, type DeployedProcess } from './environment';
import * as profile from './profile';

/** The subset of the Compose Specification we write. */
interface ComposeService {
  image: string;
  pull_policy?: 'never';
  command?: string[];
  env_file?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: 'service_healthy' | 'service_completed_successfully' }>;
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number; start_period?: string };
  ports?: string[];
  volumes?: string[];
  networks?: string[];
  restart?: string;
  read_only?: boolean;
  tmpfs?: string[];
  stop_grace_period?: string;
}
export interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  volumes: Record<string, object>;
  networks: Record<string, { internal?: boolean }>;
}

export const SETTINGS_ENV_FILE = 'deploy/settings.env';
const POSTGRES_USER = 'hengyang';
const POSTGRES_IMAGE = 'postgres:17-bookworm';

/** Compose reads router.yaml and the supergraph from the image (its defaults), not from mounts. */
export function composeSettings(): Record<string, string> {
  const overrides: Record<string, string> = { ...profile.CONFIG_OVERRIDES, PUBLIC_GRAPHQL_ENDPOINT: `http://localhost:${profile.ROUTER_PORT}/` };
  delete overrides.ROUTER_CONFIG;
  delete overrides.SUPERGRAPH_PATH;
  return sharedConfig(overrides);
}

/** Sign-in settings without a default, taken from the secrets file when given (docs/DEPLOY.md, "Sign-in"). */
export const PROVIDER_SETTINGS = ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_ROLE_MAP', 'OIDC_SUBJECT_CLAIM'];
export const PORTAL_CLIENT_SETTINGS = ['OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI', 'OIDC_POST_LOGOUT_REDIRECT_URI', 'OIDC_RESOURCE'];

const required = (name: string) => `\${${name}:?${name} must be set in the secrets file (deploy/env.example)}`;
const optional = (name: string) => `\${${name}:-}`;

function secretEnvironment(p: DeployedProcess): Record<string, string> {
  const env: Record<string, string> = {
    // One PostgreSQL for the installation: every database is <DATABASE_PREFIX>_<subgraph> on it.
    DATABASE_URL: `postgres://${POSTGRES_USER}:${required('POSTGRES_PASSWORD')}@postgres:5432/postgres`,
  };
  for (const name of keySecretsOf(p)) env[name] = secretIsOptional(name) ? optional(name) : required(name);
  // Token keys: the JWKS or the identity provider's endpoint (the process refuses neither).
  if (p.kind !== 'migrate') env.PLATFORM_JWKS_URL = optional('PLATFORM_JWKS_URL');
  // The city's identity provider (issue 14): every process that verifies tokens reads it; the router also signs the portal in.
  if (p.kind !== 'migrate') for (const name of PROVIDER_SETTINGS) env[name] = optional(name);
  if (p.kind === 'router') for (const name of PORTAL_CLIENT_SETTINGS) env[name] = optional(name);
  return env;
}

/** `/ready` from inside the container (the image has node, not curl). */
const readyCheck = (port: number) => ({
  test: ['CMD', 'node', '-e', `fetch('http://127.0.0.1:${port}/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`],
  interval: '5s',
  timeout: '3s',
  retries: 5,
  start_period: '60s',
});

/** The audit checkpoint volume (profile.ts): the catalog writes it, `docker compose run --rm migrate audit-verify` reads it. */
function checkpointMount(p: DeployedProcess): string[] | undefined {
  const access = checkpointVolumeAccess(p);
  if (!access) return undefined;
  return [`${profile.AUDIT_CHECKPOINT_VOLUME}:${profile.AUDIT_CHECKPOINT_DIR}${access === 'read' ? ':ro' : ''}`];
}

function platformService(p: DeployedProcess, name: string, port: number | undefined, dependsOn: ComposeService['depends_on']): ComposeService {
  const volumes = checkpointMount(p);
  return {
    image: profile.IMAGE,
    // Built locally (`docker build -t <image> .`), never pulled from a public registry.
    pull_policy: 'never',
    command: [name],
    env_file: [SETTINGS_ENV_FILE],
    environment: { ...(p.kind === 'subgraph' ? { PORT: String(port) } : {}), ...secretEnvironment(p) },
    depends_on: dependsOn,
    ...(port ? { healthcheck: readyCheck(port) } : {}),
    ...(volumes ? { volumes } : {}),
    networks: p.kind === 'router' ? ['backend', 'frontend'] : ['backend'],
    restart: p.kind === 'migrate' ? 'no' : 'unless-stopped',
    read_only: true,
    tmpfs: ['/tmp'],
    stop_grace_period: '30s',
  };
}

export function composeFile(): ComposeFile {
  const entries = subgraphEntries();
  const services: Record<string, ComposeService> = {
    postgres: {
      image: POSTGRES_IMAGE,
      environment: { POSTGRES_USER, POSTGRES_PASSWORD: required('POSTGRES_PASSWORD'), POSTGRES_DB: 'postgres' },
      volumes: ['pgdata:/var/lib/postgresql/data'],
      healthcheck: { test: ['CMD-SHELL', `pg_isready -U ${POSTGRES_USER} -d postgres`], interval: '5s', timeout: '3s', retries: 20 },
      networks: ['backend'],
      restart: 'unless-stopped',
    },
    migrate: platformService({ kind: 'migrate' }, 'migrate', undefined, { postgres: { condition: 'service_healthy' } }),
  };
  for (const e of entries) {
    services[e.name] = platformService({ kind: 'subgraph', subgraph: e.name }, e.name, e.port, {
      migrate: { condition: 'service_completed_successfully' },
    });
  }
  const router = platformService(
    { kind: 'router' },
    'router',
    profile.ROUTER_PORT,
    Object.fromEntries(entries.map((e) => [e.name, { condition: 'service_healthy' as const }])),
  );
  // Only the router is published; bound to loopback unless the operator says otherwise (a reverse proxy in front).
  router.ports = [`\${ROUTER_PUBLISH:-127.0.0.1:${profile.ROUTER_PORT}}:${profile.ROUTER_PORT}`];
  services.router = router;
  return {
    name: profile.APP,
    services,
    // The checkpoints on a volume of their own, not PostgreSQL's: back them up apart (docs/DEPLOY.md).
    volumes: { pgdata: {}, [profile.AUDIT_CHECKPOINT_VOLUME]: {} },
    // backend is internal: no published port and no way out to the internet for PostgreSQL and the subgraphs.
    networks: { backend: { internal: true }, frontend: {} },
  };
}
