/**
 * A subgraph's PostgreSQL `statement_timeout`, aligned with the router's patience (issue 13): once
 * the router has answered a caller with a timeout, the SQL behind it is cancelled by the server
 * too, so no work goes on for a caller who has left. STATEMENT_TIMEOUT_MS wins; otherwise the
 * subgraph's own timeout in router.yaml's traffic_shaping (`subgraphs.<name>`, else `all`), read
 * from the same file the router reads (ROUTER_CONFIG).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../config';
import { setting } from '../settings/read';
import { loadRouterConfig } from '../../router/config';

export function statementTimeoutMs(subgraph: string): number {
  const own = setting('STATEMENT_TIMEOUT_MS');
  if (own !== undefined) return own;
  const name = setting('ROUTER_CONFIG');
  const file = [path.resolve(process.cwd(), name), path.resolve(repoRoot, name)].find((f) => existsSync(f));
  // A subgraph deployed without the router's file: no timeout it could align with.
  if (!file) return 0;
  const { trafficShaping } = loadRouterConfig(file);
  return trafficShaping.subgraphs[subgraph] ?? trafficShaping.subgraphTimeoutMs;
}
