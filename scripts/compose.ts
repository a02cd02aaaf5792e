/**
 * `npm run compose`: composes the subgraphs listed in schema/subgraphs.json into
 * schema/supergraph.graphql (Federation 2, @apollo/composition). `--check` only compares and fails
 * when the committed supergraph is stale.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { repoRoot } from '../platform/config';
import { subgraphEntries } from '../platform/subgraph/registry';
import { assertRelationInverses } from '../platform/policy/inverses';

export const supergraphPath = path.join(repoRoot, 'schema', 'supergraph.graphql');

export function composeSupergraph(only?: string[]): string {
  const entries = subgraphEntries().filter((e) => !only || only.includes(e.name));
  const services = entries.map((e) => ({
    name: e.name,
    url: `http://127.0.0.1:${e.port}/`,
    typeDefs: parse(
      // env explicitly: the child must read the same list of subgraphs (SUBGRAPHS_CONFIG) as this process.
      execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'scripts', 'print-sdl.js'), e.name], { encoding: 'utf8', cwd: repoRoot, env: process.env }),
    ),
  }));
  // Relations keep their class both ways: checked before composing, naming both fields.
  assertRelationInverses(services);
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`composition failed:\n  ${result.errors.map((e) => e.message).join('\n  ')}`);
  }
  return result.supergraphSdl;
}

if (require.main === module) {
  try {
    const sdl = composeSupergraph();
    if (process.argv.includes('--check')) {
      const committed = fs.existsSync(supergraphPath) ? fs.readFileSync(supergraphPath, 'utf8') : '';
      if (committed !== sdl) {
        console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it');
        process.exit(1);
      }
      console.log('schema/supergraph.graphql is up to date');
    } else {
      fs.writeFileSync(supergraphPath, sdl);
      console.log(`wrote ${path.relative(repoRoot, supergraphPath)}`);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
