/**
 * The integration tests run the compiled platform in dist/ (child processes, as in production),
 * so dist/ must be built from the sources as they are now: otherwise `npx jest` after an edit
 * would silently test the old code. This runs the project's own `tsc -p .`, which is incremental
 * (tsconfig.json: `incremental`, build info in dist/), so it costs a few seconds when nothing
 * changed and re-emits only what did. A type error fails the setup loudly, as `npm test` does.
 * Then the browser pages (scripts/build-web.mjs), as `npm run build` does.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export function buildDist(root: string, log: (line: string) => void): void {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const started = Date.now();
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    const out = e as { stdout?: string; stderr?: string };
    throw new Error(`dist/ could not be rebuilt from the current sources (tsc -p .):\n${out.stdout ?? ''}${out.stderr ?? ''}`, { cause: e });
  }
  // The browser pages the router serves (dist/web/); skipped when web/ and the lockfile are unchanged.
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-web.mjs')], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    const out = e as { stdout?: string; stderr?: string };
    throw new Error(`dist/web/ could not be built (scripts/build-web.mjs):\n${out.stdout ?? ''}${out.stderr ?? ''}`, { cause: e });
  }
  log(`dist/ built from the current sources in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
