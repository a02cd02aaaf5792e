/** The static cost estimator (platform/graphql/cost-estimate.ts) against the composed supergraph. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import { estimateCost } from '../../platform/graphql/cost-estimate';
import { pageQuery, thematicQuery, type OptionalPart } from '../../bench/queries';
import { parseRouterConfig } from '../../router/config';

const root = join(__dirname, '..', '..');
const schema = buildASTSchema(parse(readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8')), { assumeValidSDL: true });
const ALL: ReadonlySet<OptionalPart> = new Set(['e-license', 'credit', 'geospatial']);
const cost = (query: string, variables?: Record<string, unknown>, listSize = 10, operationName?: string) =>
  estimateCost(schema, parse(query), operationName, variables, { listSize });

describe('estimateCost', () => {
  it('counts 1 per object field and 0 per scalar', () => {
    expect(cost('{ legalPersonByUscc(uscc: "x") { name uscc } }')).toBe(1);
    expect(cost('{ legalPersonByUscc(uscc: "x") { name legalRepresentative { name } creditProfile { rating } } }')).toBe(3);
  });

  it('multiplies a list without `first` by list_size, and nested lists multiply', () => {
    // licenses: list_size × (licence 1 + type 1)
    expect(cost('{ legalPersonByUscc(uscc: "x") { licenses { number type { name } } } }', undefined, 10)).toBe(1 + 10 * 2);
    expect(cost('{ legalPersonByUscc(uscc: "x") { licenses { number type { name } } } }', undefined, 3)).toBe(1 + 3 * 2);
  });

  it("passes a connection's `first` to its edges, from a literal, a variable or the variable's default", () => {
    const page = (first: string) => `query P($n: Int = 7) { legalPersons(first: ${first}) { edges { node { name legalRepresentative { name } } } } }`;
    // connection 1 + first × (edge 1 + node 1 + representative 1)
    expect(cost(page('50'))).toBe(1 + 50 * 3);
    expect(cost(page('$n'), { n: 20 })).toBe(1 + 20 * 3);
    expect(cost(page('$n'), {})).toBe(1 + 7 * 3);
    expect(cost('{ legalPersons { edges { node { name } } } }', undefined, 10)).toBe(1 + 10 * 2);
    expect(cost(page('1e12'))).toBe(1 + 1e12 * 3);
  });

  it('inlines fragments (a fragment spread twice counts twice) and picks the named operation', () => {
    const q = `fragment R on LegalPerson { legalRepresentative { name } }
      query A { legalPersonByUscc(uscc: "x") { ...R ... on LegalPerson { ...R } } }
      query B { legalPersonByUscc(uscc: "x") { name } }`;
    expect(cost(q, undefined, 10, 'A')).toBe(3);
    expect(cost(q, undefined, 10, 'B')).toBe(1);
    expect(cost(q)).toBeUndefined();
  });

  it('counts a fragment cycle as nothing instead of looping', () => {
    const q = 'fragment R on LegalPerson { legalRepresentative { name } ...S } fragment S on LegalPerson { ...R } { legalPersonByUscc(uscc: "x") { ...R } }';
    expect(cost(q)).toBe(2);
  });

  it('reads @cost and @listSize (Federation 2.9) where a field declares its own figure', () => {
    const own = buildASTSchema(
      parse(`directive @cost(weight: Int!) on FIELD_DEFINITION
        directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!]) on FIELD_DEFINITION
        type Query {
          report: Report @cost(weight: 50)
          tags: [String!] @cost(weight: 2) @listSize(assumedSize: 3)
          page(limit: Int, first: Int): Page @listSize(slicingArguments: ["limit"], sizedFields: ["items"])
        }
        type Report { name: String }
        type Page { items: [Item!] others: [Item!] }
        type Item { id: ID }`),
    );
    const c = (q: string) => estimateCost(own, parse(q), undefined, {}, { listSize: 10 });
    expect(c('{ report { name } }')).toBe(50);
    expect(c('{ tags }')).toBe(3 * 2);
    // limit sizes items only; first is not a slicing argument here; others fall back to list_size.
    expect(c('{ page(limit: 4, first: 99) { items { id } others { id } } }')).toBe(1 + 4 * 1 + 10 * 1);
  });

  it("router.yaml's budget admits the thematic query and a page of 50, and refuses a page of 500", () => {
    const { demandControl } = parseRouterConfig(readFileSync(join(root, 'router.yaml'), 'utf8'), {});
    expect(demandControl).toMatchObject({ enabled: true, mode: 'enforce' });
    const opts = { listSize: demandControl.listSize };
    const thematic = estimateCost(schema, parse(thematicQuery(ALL)), undefined, {}, opts)!;
    const page50 = estimateCost(schema, parse(pageQuery(ALL)), undefined, {}, opts)!;
    const page500 = estimateCost(schema, parse(pageQuery(ALL).replace('first: 50', 'first: 500')), undefined, {}, opts)!;
    process.stdout.write(`costs: thematic ${thematic}, page 50 ${page50}, page 500 ${page500}, max ${demandControl.max}\n`);
    expect(thematic).toBeLessThanOrEqual(demandControl.max);
    expect(page50).toBeLessThanOrEqual(demandControl.max);
    expect(page500).toBeGreaterThan(demandControl.max);
  });
});
