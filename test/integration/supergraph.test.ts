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
      if (type.name === 'Mutation') continue;
      const fields = Object.values(type.getFields());
      const hasSharing = (f: (typeof fields)[number]) => f.astNode?.directives?.some((d) => d.name.value === 'sharing');
      const isEntity = type.astNode?.directives?.some((d) => d.name.value === 'join__type' && d.arguments?.some((a) => a.name.value === 'key'));
      // Structural types (connections, edges, page info, GeoJSON shapes) carry no policy of their
      // own: the field returning them does. Any entity, or any type with one policy, needs all.
      if (!isEntity && !fields.some(hasSharing)) continue;
      for (const field of fields) {
        checked++;
        if (!hasSharing(field)) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
