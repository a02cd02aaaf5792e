/**
 * The container's process names (deploy/entrypoint.sh): `docker run <image> <name>` runs `router`,
 * `migrate`, `audit-verify`, or a subgraph of schema/subgraphs.json (its module's main).
 * `node dist/scripts/process-script.js <name>` prints the compiled script to run, or exits 2
 * listing the names; the entrypoint then `exec`s node on it, so the process is PID 1 and receives
 * SIGTERM itself (its drain, then stop), with nothing in between.
 */
import * as path from 'node:path';
import { subgraphEntries } from '../platform/subgraph/registry';

/** Name → the compiled script it runs, relative to dist/. */
export function processScripts(): Record<string, string> {
  return {
    router: 'router/main.js',
    migrate: 'scripts/migrate.js',
    'audit-verify': 'scripts/audit-verify.js',
    ...Object.fromEntries(subgraphEntries().map((e) => [e.name, `${e.module}/main.js`])),
  };
}

function main(): void {
  const name = process.argv[2];
  const scripts = processScripts();
  const script = name ? scripts[name] : undefined;
  if (!script) {
    process.stderr.write(`${name ? `unknown process "${name}"` : 'no process named'}: run one of ${Object.keys(scripts).join(', ')}\n`);
    process.exit(2);
  }
  process.stdout.write(`${path.join(__dirname, '..', script)}\n`);
}

if (require.main === module) main();
