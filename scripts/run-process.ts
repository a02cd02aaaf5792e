/**
 * The container's entrypoint: `docker run <image> <name>` runs one process of the platform by name
 * (Dockerfile, compose.yaml, deploy/k8s/). `router`, `migrate`, `audit-verify`, or a subgraph of
 * schema/subgraphs.json (its module's main). The process runs in this one Node process (PID 1 in
 * the container), so SIGTERM reaches the process's own shutdown (drain, then stop) directly.
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
  // The script reads its own arguments after its name, as `node dist/<script> …` would.
  process.argv.splice(2, 1);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(__dirname, '..', script));
}

if (require.main === module) main();
