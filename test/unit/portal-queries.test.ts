/**
 * Issue 14 — the portal uses the public API only, and every operation it sends is valid against the
 * composed supergraph (schema/supergraph.graphql): a field renamed in a subgraph fails here, not on
 * a user's screen. The operations live in web/portal/queries.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildASTSchema, parse, validate } from 'graphql';
import * as queries from '../../web/portal/queries';

const schema = buildASTSchema(parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8')), {
  assumeValidSDL: true,
});

const operations: [string, string][] = Object.entries(queries as Record<string, unknown>).filter(
  (entry): entry is [string, string] => typeof entry[1] === 'string',
);

it('holds the portal’s operations', () => {
  expect(operations.length).toBeGreaterThan(20);
});

it.each(operations)('%s is valid against the supergraph', (_name, text) => {
  expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
});
