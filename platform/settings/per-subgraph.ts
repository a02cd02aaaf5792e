/**
 * Variables named after a subgraph of schema/subgraphs.json: its database's URL and, at the
 * router, its own URL. The governance subgraph's database is GOVERNANCE_DATABASE_URL (it holds the
 * agency register, grants and the audit trail for all; the catalog's own tables live there too).
 */
import { z } from 'zod';
import { governanceSubgraph, subgraphEntries, subgraphUrlEnv } from '../subgraph/registry';
import { postgresUrl } from './variables';
import { issueText, SettingError } from './read';

const upper = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** POPULATION_DATABASE_URL for population; GOVERNANCE_DATABASE_URL for the governance subgraph. */
export function databaseUrlVariable(subgraph: string): string {
  return subgraph === governanceSubgraph() ? 'GOVERNANCE_DATABASE_URL' : `${upper(subgraph)}_DATABASE_URL`;
}

export { subgraphUrlEnv };

const optionalPostgresUrl = z.union([z.undefined(), z.literal(''), postgresUrl]);

/** The subgraph's own database URL, or undefined when it falls back to DATABASE_URL + prefix. */
export function ownDatabaseUrl(subgraph: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const variable = databaseUrlVariable(subgraph);
  const parsed = optionalPostgresUrl.safeParse(env[variable]);
  if (!parsed.success) throw new SettingError(variable, issueText(parsed.error));
  return parsed.data || undefined;
}

/** Every per-subgraph variable, for start-up validation and the README. */
export function perSubgraphVariables(): { name: string; subgraph: string; kind: 'database' | 'url' }[] {
  return subgraphEntries().flatMap((e) => [
    { name: databaseUrlVariable(e.name), subgraph: e.name, kind: 'database' as const },
    { name: subgraphUrlEnv(e.name), subgraph: e.name, kind: 'url' as const },
  ]);
}
