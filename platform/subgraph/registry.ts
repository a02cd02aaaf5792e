/**
 * The composition config (`schema/subgraphs.json`) is the one list of subgraphs: name, port and
 * module. Composition, `npm start`, the seed script and the tests all read it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../config';
import type { SubgraphDefinition } from './definition';

export interface SubgraphEntry {
  name: string;
  port: number;
  /** Folder under the repository root whose index exports `subgraph: SubgraphDefinition`. */
  module: string;
}

function readConfig(): { governance: string; subgraphs: SubgraphEntry[] } {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'schema', 'subgraphs.json'), 'utf8')) as { governance: string; subgraphs: SubgraphEntry[] };
}

export function subgraphEntries(): SubgraphEntry[] {
  return readConfig().subgraphs;
}

/** The subgraph whose database holds agencies, grants and the audit trail (the catalog). It
 *  starts first; every other subgraph reads grants from it and appends audit events to it. */
export function governanceSubgraph(): string {
  return readConfig().governance;
}

export function subgraphEntry(name: string): SubgraphEntry {
  const entry = subgraphEntries().find((e) => e.name === name);
  if (!entry) throw new Error(`subgraph ${name} is not in schema/subgraphs.json`);
  return entry;
}

/** Loads a subgraph's definition (from dist/ when compiled, from sources under ts-jest). */
export function loadSubgraph(entry: SubgraphEntry): SubgraphDefinition {
  const base = __dirname.split(path.sep).includes('dist') ? path.join(repoRoot, 'dist') : repoRoot;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(base, entry.module)) as { subgraph: SubgraphDefinition }).subgraph;
}
