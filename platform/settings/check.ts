/**
 * Start-up validation of every setting (issue 12): each process calls `checkSettingsOrExit` first.
 * Any process: a value that does not parse is an error naming the variable. Production
 * (NODE_ENV=production): every setting the process needs must be given, one line per missing
 * one, and the process exits non-zero before it touches a database or a port.
 */
import { SETTINGS, type ProcessKind, type Setting, type SettingName } from './variables';
import { parseSetting, SettingError } from './read';
import { databaseUrlVariable, ownDatabaseUrl, perSubgraphVariables } from './per-subgraph';
import { governanceSubgraph, subgraphEntries } from '../subgraph/registry';

export interface ProcessIdentity {
  kind: ProcessKind;
  /** A subgraph process: which one (its own needs, e.g. e-license's licence keys). */
  subgraph?: string;
}

const present = (env: NodeJS.ProcessEnv, name: string) => (env[name] ?? '').trim() !== '';

/** The subgraphs whose databases the process opens. */
function databasesOf(who: ProcessIdentity): string[] {
  if (who.kind === 'router') return [governanceSubgraph()];
  if (who.kind === 'subgraph') return [...new Set([who.subgraph!, governanceSubgraph()])];
  return subgraphEntries().map((e) => e.name);
}

function needed(spec: Setting, who: ProcessIdentity): boolean {
  const need = spec.production;
  if (!need || !need.processes.includes(who.kind)) return false;
  if (who.kind === 'subgraph' && need.subgraphs) return need.subgraphs.includes(who.subgraph!);
  return true;
}

/** Every problem with the environment for this process, one line each (empty: it may start). */
export function settingProblems(who: ProcessIdentity, env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  const values: Partial<Record<SettingName, unknown>> = {};
  for (const [name, spec] of Object.entries(SETTINGS) as [SettingName, Setting][]) {
    try {
      values[name] = parseSetting(name, spec, env[name]);
    } catch (e) {
      problems.push((e as SettingError).message);
    }
  }
  for (const v of perSubgraphVariables()) {
    try {
      if (v.kind === 'database') ownDatabaseUrl(v.subgraph, env);
      else if (present(env, v.name) && !/^https?:\/\/./.test(env[v.name]!.trim())) throw new SettingError(v.name, 'must be an http(s) URL');
    } catch (e) {
      problems.push((e as SettingError).message);
    }
  }
  if (values.NODE_ENV !== 'production') return problems;

  // Benchmark switches (BENCH_POLICY_OFF) never run in production, whatever the process.
  for (const [name, spec] of Object.entries(SETTINGS) as [SettingName, Setting][]) {
    if (spec.refusedInProduction && present(env, name) && values[name] !== parseSetting(name, spec, undefined)) {
      problems.push(`${name} is a benchmark switch and is refused when NODE_ENV=production`);
    }
  }

  for (const [name, spec] of Object.entries(SETTINGS) as [SettingName, Setting][]) {
    if (!needed(spec, who) || name === 'DATABASE_URL') continue;
    const alternative = spec.production?.alternative;
    const alternatives = alternative?.split(' or ') ?? [];
    if (!present(env, name) && !alternatives.some((a) => present(env, a))) {
      problems.push(`missing ${name}${alternative ? ` (or ${alternative})` : ''}: required when NODE_ENV=production`);
    }
  }
  for (const [name, spec] of Object.entries(SETTINGS) as [SettingName, Setting][]) {
    // Judged only where the process uses the setting (a router never reads the pseudonym key).
    if (spec.productionRule && needed(spec, who) && present(env, name) && values[name] !== undefined && !spec.productionRule.check(values[name])) {
      problems.push(`${name} ${spec.productionRule.message}`);
    }
  }
  // Databases: each one the process opens needs its own URL or DATABASE_URL (never the embedded server).
  if (!present(env, 'DATABASE_URL')) {
    const needed = databasesOf(who);
    const without = needed.filter((s) => !present(env, databaseUrlVariable(s)));
    if (without.length === needed.length)
      problems.push(`missing DATABASE_URL (or ${without.map(databaseUrlVariable).join(', ')}): required when NODE_ENV=production`);
    else for (const s of without) problems.push(`missing ${databaseUrlVariable(s)} (or DATABASE_URL): required when NODE_ENV=production`);
  }
  return problems;
}

/** Validates the environment for this process; on any problem prints one line each to stderr and exits 1. */
export function checkSettingsOrExit(who: ProcessIdentity, env: NodeJS.ProcessEnv = process.env): void {
  const problems = settingProblems(who, env);
  if (!problems.length) return;
  const name = who.subgraph ?? who.kind;
  process.stderr.write(`${name}: cannot start, ${problems.length} setting problem(s) (README.md, "Settings"):\n`);
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.exit(1);
}
