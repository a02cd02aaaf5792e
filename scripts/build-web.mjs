// Builds the browser pages (web/ → dist/web/) with Vite, unless nothing they are built from changed
// since the last build: `npm start` and the tests' global setup build every time, and the explorer
// bundle (GraphiQL with its Monaco editor) takes seconds that an unchanged tree should not pay.
// Inputs: every file under web/ and the lockfile; their hash is kept in dist/web/.inputs.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampFile = join(root, 'dist', 'web', '.inputs');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const hash = createHash('sha256');
for (const file of [...files(join(root, 'web')), join(root, 'package-lock.json')].sort()) {
  hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
}
const inputs = hash.digest('hex');

if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === inputs) process.exit(0);
const started = Date.now();
await build({ configFile: join(root, 'web', 'vite.config.mjs') });
writeFileSync(stampFile, inputs);
process.stdout.write(`web pages built into dist/web/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
