/**
 * What each deployed process is given, derived from the settings schema (platform/settings) so a
 * variable added there reaches the manifests without anyone copying it (issue 12, deployment):
 *   - a secret (keys, database URLs: they hold passwords) comes from a Secret, and only to the
 *     processes the schema says need it: the router never holds the pseudonym key, population
 *     never holds the licence keys or the audit checkpoint key;
 *   - every other production setting goes in one ConfigMap with its default (or the deployment's
 *     value, ./profile.ts), so an operator sees and edits every knob in one place;
 *   - development and benchmark settings are left out (production refuses or ignores them).
 */
import { SETTINGS, type ProcessKind, type Setting } from '../../platform/settings/variables';
import { databaseUrlVariable } from '../../platform/settings/per-subgraph';
import { governanceSubgraph, subgraphEntries, subgraphUrlEnv } from '../../platform/subgraph/registry';
import { CONFIG_OVERRIDES } from './profile';

/** A deployed process: the router, one subgraph, or the migration job. */
export interface DeployedProcess {
  kind: Extract<ProcessKind, 'router' | 'subgraph' | 'migrate'>;
  subgraph?: string;
}

export type Placement = 'secret' | 'config' | 'per-process' | 'none';

/** Where a setting of the schema goes in a deployment. */
export function placement(name: string, spec: Setting): Placement {
  if (spec.developmentOnly || spec.group === 'Development' || spec.group === 'Benchmark') return 'none';
  if (name === 'PORT') return 'per-process'; // each subgraph listens on its own port
  // Database URLs carry passwords; every key the production check asks for is a secret (the token
  // JWKS is public, but whoever can replace it can mint tokens: it is kept with the keys).
  if (spec.secret || (spec.group === 'Keys' && spec.production) || (spec.group === 'Databases' && name.endsWith('_URL'))) return 'secret';
  return 'config';
}

const settingEntries = () => Object.entries(SETTINGS) as [string, Setting][];

/** The subgraphs whose databases the process opens (as platform/settings/check.ts counts them). */
export function databasesOf(p: DeployedProcess): string[] {
  const governance = governanceSubgraph();
  if (p.kind === 'router') return [governance];
  if (p.kind === 'subgraph') return [...new Set([p.subgraph!, governance])];
  return subgraphEntries().map((e) => e.name);
}

/** The key secrets the schema says this process needs in production (DATABASE_URL aside). */
export function keySecretsOf(p: DeployedProcess): string[] {
  return settingEntries()
    .filter(([name, spec]) => placement(name, spec) === 'secret' && spec.group !== 'Databases')
    .filter(([, spec]) => {
      const need = spec.production ?? (spec.optionalIn ? { processes: spec.optionalIn } : undefined);
      if (!need || !need.processes.includes(p.kind)) return false;
      return p.kind !== 'subgraph' || !need.subgraphs || need.subgraphs.includes(p.subgraph!);
    })
    .map(([name]) => name);
}

/** Database URL variables the process is given: one per database it opens, plus the direct
 *  LISTEN connection for subgraphs (optional: only needed behind a transaction pooler). */
export function databaseSecretsOf(p: DeployedProcess): { name: string; optional: boolean }[] {
  const urls = databasesOf(p).map((s) => ({ name: databaseUrlVariable(s), optional: false }));
  return p.kind === 'subgraph' ? [...urls, { name: 'GOVERNANCE_LISTEN_DATABASE_URL', optional: true }] : urls;
}

/** Every secret key an operator provides (the Kubernetes Secret's keys, the compose env file's). */
export function allSecretNames(): { keys: string[]; databases: string[] } {
  const keys = settingEntries()
    .filter(([name, spec]) => placement(name, spec) === 'secret' && spec.group !== 'Databases')
    .map(([name]) => name);
  const databases = [...subgraphEntries().map((e) => databaseUrlVariable(e.name)), 'GOVERNANCE_LISTEN_DATABASE_URL'];
  return { keys, databases };
}

/** A secret with an alternative (PLATFORM_JWKS or PLATFORM_JWKS_URL) may be absent from the Secret. */
export function secretIsOptional(name: string): boolean {
  const spec = (SETTINGS as Record<string, Setting>)[name];
  return !spec?.production || Boolean(spec.production.alternative);
}

/** Where the router finds each subgraph: its Service (Kubernetes) or compose service, same name. */
export function subgraphServiceUrls(): Record<string, string> {
  return Object.fromEntries(subgraphEntries().map((e) => [subgraphUrlEnv(e.name), `http://${e.name}:${e.port}/`]));
}

/** The shared, non-secret settings: every production setting with its default or the deployment's
 *  value, plus where the router finds each subgraph. Settings without either stay unset (the
 *  operator adds them, e.g. PLATFORM_JWKS_URL or WORKING_CALENDAR_FILE). */
export function sharedConfig(overrides: Record<string, string> = CONFIG_OVERRIDES): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [name, spec] of settingEntries()) {
    if (placement(name, spec) !== 'config') continue;
    const value = overrides[name] ?? spec.default;
    if (value !== undefined) data[name] = value;
  }
  for (const name of Object.keys(overrides)) {
    if (!(name in data) && !(name in SETTINGS)) throw new Error(`deploy profile sets ${name}, which the settings schema does not declare`);
  }
  return { ...data, ...subgraphServiceUrls() };
}

/** The subgraph is the governance one (it serves the catalogue, which reads the supergraph). */
export const readsSupergraph = (p: DeployedProcess) => p.kind === 'router' || (p.kind === 'subgraph' && p.subgraph === governanceSubgraph());

/**
 * The audit checkpoint volume: the governance subgraph (the catalog) writes the checkpoints;
 * the migration service reads them (compose runs `audit-verify` with it, docs/DEPLOY.md).
 */
export function checkpointVolumeAccess(p: DeployedProcess): 'write' | 'read' | undefined {
  if (p.kind === 'subgraph' && p.subgraph === governanceSubgraph()) return 'write';
  return p.kind === 'migrate' ? 'read' : undefined;
}
