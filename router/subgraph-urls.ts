/**
 * Where the router sends each subgraph's requests. The list of subgraphs is schema/subgraphs.json
 * (or SUBGRAPHS_CONFIG), the one list: subgraph `name` on `port` is `http://127.0.0.1:<port>/`,
 * unless `<NAME>_URL` (e.g. LEGAL_PERSON_URL, as the launcher sets for a test platform) says
 * otherwise. router.yaml's `override_subgraph_url` (Apollo Router's key) still wins over both,
 * for a deployment that places a subgraph elsewhere. Names absent from the supergraph are ignored
 * by the engines.
 */
import { subgraphEntries, subgraphUrlEnv, type SubgraphEntry } from '../platform/subgraph/registry';
import { RouterConfigError } from './config';

function checkedUrl(value: string, source: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new RouterConfigError(`${source}: "${value}" is not an http(s) URL`);
}

export function subgraphUrls(
  overrides: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
  entries: SubgraphEntry[] = subgraphEntries(),
): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const e of entries) {
    const variable = subgraphUrlEnv(e.name);
    const fromEnv = env[variable];
    urls[e.name] = fromEnv ? checkedUrl(fromEnv, variable) : `http://127.0.0.1:${e.port}/`;
  }
  return { ...urls, ...overrides };
}
