/** The router's demand-control step (router/demand-control.ts): enforce refuses, measure records. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { createCostCheck } from '../../router/demand-control';

const sdl = readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
const PAGE = 'query Page($n: Int) { legalPersons(first: $n) { edges { node { name legalRepresentative { name } } } } }';
const config = { enabled: true, listSize: 10, max: 1000 };

describe('createCostCheck', () => {
  it('enforce: over max is a 400 COST_ESTIMATED_TOO_EXPENSIVE with the estimate; within max returns it', () => {
    const check = createCostCheck({ ...config, mode: 'enforce' }, sdl, () => undefined);
    expect(check(PAGE, 'Page', { n: 100 })).toBe(1 + 100 * 3);
    let thrown: unknown;
    try {
      check(PAGE, 'Page', { n: 500 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions).toMatchObject({
      code: 'COST_ESTIMATED_TOO_EXPENSIVE',
      cost: { estimated: 1501, max: 1000 },
      http: { status: 400 },
    });
  });

  it('measure: over max is served, and logged with its estimate', () => {
    const lines: string[] = [];
    const check = createCostCheck({ ...config, mode: 'measure' }, sdl, (l) => lines.push(l));
    expect(check(PAGE, 'Page', { n: 500 })).toBe(1501);
    expect(check(PAGE, 'Page', { n: 10 })).toBe(31);
    expect(lines).toEqual([expect.stringMatching(/Page estimated cost 1501 is over the maximum 1000/)]);
  });

  it('disabled: no estimate at all', () => {
    expect(createCostCheck({ ...config, enabled: false, mode: 'enforce' }, sdl, () => undefined)(PAGE, 'Page', { n: 500 })).toBeUndefined();
  });
});
