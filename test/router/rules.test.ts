/** Header rules and operation limits, as pure functions. */
import { parseRouterConfig } from '../../router/config';
import { compileHeaderRules } from '../../router/headers';
import { createLimitCheck } from '../../router/limits';

describe('header rules (Apollo Router semantics, in order)', () => {
  const cfg = parseRouterConfig(
    `
headers:
  all:
    request:
      - propagate: { matching: "^x-trace-" }
      - propagate: { named: x-purpose, rename: x-why, default: unknown }
      - propagate: { named: authorization }
      - insert: { name: x-router, value: hengyang }
      - remove: { named: x-trace-secret }
  subgraphs:
    credit:
      request:
        - remove: { named: authorization }
`,
    {},
  );
  const rules = compileHeaderRules(cfg.headers, ['x-request-id']);
  const client = { authorization: 'Bearer t', 'x-trace-a': '1', 'x-trace-secret': 's', 'x-other': 'no', host: 'evil', 'x-request-id': 'r1' };

  test('propagates, renames, defaults, inserts and removes; always forwards the request id', () => {
    expect(rules('population', client)).toEqual({
      'x-trace-a': '1',
      'x-why': 'unknown',
      authorization: 'Bearer t',
      'x-router': 'hengyang',
      'x-request-id': 'r1',
    });
  });

  test('subgraph rules run after the all rules', () => {
    expect(rules('credit', client).authorization).toBeUndefined();
  });

  test('never propagates hop-by-hop or body headers, even when matched', () => {
    const all = compileHeaderRules(parseRouterConfig('headers:\n  all:\n    request:\n      - propagate: { matching: ".*" }\n', {}).headers);
    expect(all('x', { host: 'h', 'content-length': '5', connection: 'close', 'x-a': 'b' })).toEqual({ 'x-a': 'b' });
  });
});

describe('operation limits', () => {
  const check = createLimitCheck({ maxDepth: 3, maxAliases: 1, maxRootFields: 2, httpMaxRequestBytes: 1000 });
  const code = (query: string, op?: string) => {
    try {
      check(query, op);
      return 'ok';
    } catch (e) {
      return (e as { extensions: { code: string } }).extensions.code;
    }
  };

  test('depth counts fields, root = 1, through fragments and inline fragments', () => {
    expect(code('{ a { b { c } } }')).toBe('ok');
    expect(code('{ a { b { c { d } } } }')).toBe('MAX_DEPTH_LIMIT');
    expect(code('{ a { ...F } } fragment F on T { ... on T { b { c { d } } } }')).toBe('MAX_DEPTH_LIMIT');
  });

  test('aliases and root fields count fields reached through fragments', () => {
    expect(code('{ x: a }')).toBe('ok');
    expect(code('{ ...F } fragment F on Query { x: a y: b }')).toBe('MAX_ALIASES_LIMIT');
    expect(code('{ a ...F } fragment F on Query { b c }')).toBe('MAX_ROOT_FIELDS_LIMIT');
  });

  test('only the selected operation is measured', () => {
    const doc = 'query Small { a } query Big { a b c }';
    expect(code(doc, 'Small')).toBe('ok');
    expect(code(doc, 'Big')).toBe('MAX_ROOT_FIELDS_LIMIT');
  });

  test('a fragment cycle or a fragment bomb does not hang the check', () => {
    expect(code('{ ...A } fragment A on Query { ...A }')).toBe('ok'); // validation refuses it later
    const bomb = [
      '{ ...F0 }',
      ...Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`),
      'fragment F30 on Query { a }',
    ].join('\n');
    expect(code(bomb)).toBe('MAX_ROOT_FIELDS_LIMIT');
  });

  test('an unparsable query is GRAPHQL_PARSE_FAILED, with status 400', () => {
    expect(() => check('{ a', undefined)).toThrow(expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } } }));
  });
});
