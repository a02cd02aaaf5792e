// Guards issue 8, class 15: the classification review (docs/classification-review.md) covers every
// UNCONDITIONAL or OPEN item of the supergraph, so that a new unconditional item cannot ship
// without a written reason why it is harmless. Licence items are reviewed in docs/subgraphs/e-license.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type ObjectTypeDefinitionNode, type StringValueNode } from 'graphql';

const root = join(__dirname, '..', '..');
const isLicenceName = (item: string) =>
  /Licen[cs]e/.test(item.split('.')[0]) ||
  /\.licen[cs]es?$|^Query\.(license|licensesOf|verifyLicense|licenseTypes|licenseIssuers|licenseChangesSince)$/.test(item);

/** Types only the e-license subgraph declares (one per licence kind): reviewed in docs/subgraphs/e-license.md. */
function licenceTypes(definitions: readonly unknown[]): Set<string> {
  const names = new Set<string>();
  for (const d of definitions as ObjectTypeDefinitionNode[]) {
    const graphs = (d.directives ?? [])
      .filter((x) => x.name.value === 'join__type')
      .map((x) => (x.arguments?.find((a) => a.name.value === 'graph')?.value as { value?: string } | undefined)?.value);
    if (graphs.length && graphs.every((g) => g === 'E_LICENSE')) names.add(d.name.value);
  }
  return names;
}

let licenceTypeNames = new Set<string>();
const isLicenceItem = (item: string) => isLicenceName(item) || licenceTypeNames.has(item.split('.')[0]);

function unconditionalOrOpenItems(): string[] {
  const items: string[] = [];
  licenceTypeNames = licenceTypes(parse(readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8')).definitions);
  for (const d of parse(readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8')).definitions) {
    for (const f of (d as ObjectTypeDefinitionNode).fields ?? []) {
      const sharing = f.directives?.find((x) => x.name.value === 'sharing');
      if (!sharing) continue;
      const arg = (name: string) => (sharing.arguments?.find((a) => a.name.value === name)?.value as StringValueNode | undefined)?.value;
      if (arg('type') === 'UNCONDITIONAL' || arg('open') === 'OPEN') items.push(`${(d as ObjectTypeDefinitionNode).name.value}.${f.name.value}`);
    }
  }
  return items;
}

test('every unconditional or open item has a row in docs/classification-review.md', () => {
  const review = readFileSync(join(root, 'docs/classification-review.md'), 'utf8');
  const items = unconditionalOrOpenItems().filter((i) => !isLicenceItem(i));
  expect(items.length).toBeGreaterThan(100);
  expect(items.filter((i) => !review.includes(`| \`${i}\` |`))).toEqual([]);
});

test('the review links the licence review', () => {
  expect(readFileSync(join(root, 'docs/classification-review.md'), 'utf8')).toContain('(subgraphs/e-license.md)');
});
