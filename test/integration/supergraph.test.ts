/** The committed supergraph must equal a fresh composition, and carry every field's policy. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildASTSchema, isObjectType, parse } from 'graphql';

const root = path.resolve(__dirname, '..', '..');

describe('supergraph', () => {
  test('schema/supergraph.graphql is what `npm run compose` produces now', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'dist/scripts/compose.js'), '--check'], { encoding: 'utf8', cwd: root });
    expect(out).toMatch(/up to date/);
  });

  test('every field of every entity type carries @sharing in the supergraph', () => {
    const sdl = fs.readFileSync(path.join(root, 'schema/supergraph.graphql'), 'utf8');
    const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
    const missing: string[] = [];
    let checked = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('_') || type.name.startsWith('join__') || type.name.startsWith('link__')) continue;
      if (/(Connection|Edge)$/.test(type.name) || type.name === 'PageInfo' || type.name === 'Mutation') continue;
      for (const field of Object.values(type.getFields())) {
        checked++;
        if (!field.astNode?.directives?.some((d) => d.name.value === 'sharing')) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
