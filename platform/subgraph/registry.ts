/**
 * The composition config (`schema/subgraphs.json`) is the one list of subgraphs: name, port,
 * module and (optionally) seed module. Composition, `npm start`, the router's subgraph URLs, the
 * seed script and the tests all read it. SUBGRAPHS_CONFIG names another list (a test fixture's).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../config';
import { setting } from '../settings/read';
import type { Seeder, SubgraphDefinition } from './definition';

export interface SubgraphEntry {
  name: string;
  port: number;
  /** Folder under the repository root whose index exports `subgraph: SubgraphDefinition`. */
  module: string;
  /** Module under the repository root whose `seeder: Seeder` fills an empty database with demo
   *  data (seed/<name>); absent for a subgraph that seeds itself or has no demo data. */
  seed?: string;
}

/** The list in use: SUBGRAPHS_CONFIG (absolute, or relative to the repository root), else
 *  schema/subgraphs.json. Children inherit the variable, so every process reads the same list. */
export function subgraphsConfigPath(): string {
  return path.resolve(repoRoot, setting('SUBGRAPHS_CONFIG'));
}

function readConfig(): { governance: string; subgraphs: SubgraphEntry[] } {
  return JSON.parse(fs.readFileSync(subgraphsConfigPath(), 'utf8')) as { governance: string; subgraphs: SubgraphEntry[] };
}

export function subgraphEntries(): SubgraphEntry[] {
  return readConfig().subgraphs;
}

/** The subgraph whose database holds agencies, grants and the audit trail (the catalog). It
 *  starts first; every other subgraph reads grants from it and appends audit events to it. */
export function governanceSubgraph(): string {
  return readConfig().governance;
}

/** The variable that places a subgraph at another URL (the launcher sets it for each child router;
 *  router/subgraph-urls.ts): LEGAL_PERSON_URL for legal-person. */
export const subgraphUrlEnv = (subgraph: string) => `${subgraph.toUpperCase().replace(/-/g, '_')}_URL`;

/** The registered subgraphs other than the governance one: the base databases, whose data must all
 *  be in the catalogue (platform/policy/directive.ts, uncataloguedTypes). */
export function baseDatabaseNames(): string[] {
  const governance = governanceSubgraph();
  return subgraphEntries()
    .map((e) => e.name)
    .filter((n) => n !== governance);
}

export function subgraphEntry(name: string): SubgraphEntry {
  const entry = subgraphEntries().find((e) => e.name === name);
  if (!entry) throw new Error(`subgraph ${name} is not in ${path.relative(repoRoot, subgraphsConfigPath())}`);
  return entry;
}

/** A module of the repository (from dist/ when compiled, from sources under ts-jest). */
function loadModule(module: string): Record<string, unknown> {
  const base = __dirname.split(path.sep).includes('dist') ? path.join(repoRoot, 'dist') : repoRoot;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(base, module)) as Record<string, unknown>;
}

/** Loads a subgraph's definition. */
export function loadSubgraph(entry: SubgraphEntry): SubgraphDefinition {
  return loadModule(entry.module).subgraph as SubgraphDefinition;
}

/** How a subgraph's demo data is seeded: the entry's seed module, else the definition's own
 *  `seed`/`isEmpty`, else none. Loaded by name so that no subgraph imports seed/. */
export function loadSeeder(entry: SubgraphEntry, def: SubgraphDefinition): Seeder | undefined {
  if (entry.seed) return loadModule(entry.seed).seeder as Seeder;
  return def.seed && def.isEmpty ? { seed: def.seed, isEmpty: def.isEmpty } : undefined;
}
