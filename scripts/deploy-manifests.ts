/**
 * `npm run -s deploy:manifests`: writes the generated deployment files (deploy/k8s/*.yaml,
 * compose.yaml, deploy/settings.env and the secrets' example files) from schema/subgraphs.json
 * and the settings schema (scripts/deploy/). `--check` writes nothing and exits 1 naming the
 * stale files, as test/unit/deploy-manifests.test.ts does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../platform/config';
import { renderDeployment } from './deploy/render';

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const files = renderDeployment();
  const stale: string[] = [];
  for (const [file, text] of files) {
    const target = path.join(repoRoot, file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === text) continue;
    stale.push(file);
    if (!check) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
  }
  // A file of a subgraph removed from schema/subgraphs.json would linger: generated app files are ours to delete.
  const k8sDir = path.join(repoRoot, 'deploy', 'k8s');
  for (const name of fs.existsSync(k8sDir) ? fs.readdirSync(k8sDir) : []) {
    const file = `deploy/k8s/${name}`;
    if (name.startsWith('app-') && !files.has(file)) {
      stale.push(file);
      if (!check) fs.unlinkSync(path.join(repoRoot, file));
    }
  }
  if (check) {
    if (stale.length) console.error(`stale deployment files (run npm run -s deploy:manifests): ${stale.join(', ')}`);
    return stale.length ? 1 : 0;
  }
  console.log(stale.length ? `wrote ${stale.join(', ')}` : 'deployment files are up to date');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('deploy:manifests failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
