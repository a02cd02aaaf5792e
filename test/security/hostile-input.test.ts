/**
 * Issue 13, item 3 — hostile input. One table of requests an attacker (or a broken script) sends:
 * each is answered with a 4xx and a stable `extensions.code`, never a 500 or a stack trace; the
 * process stays up (a normal query succeeds after each) and its memory stays bounded.
 */
import { request } from 'node:http';
import { asAgency, routerUrl, subgraphUrl } from '../support/client';
import { scrape, sum } from '../support/metrics';
import { signFetch } from '../../platform/identity/subgraph-signature';

interface Answer {
  status: number;
  text: string;
  body: any;
}

function parse(status: number, text: string): Answer {
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status, text, body };
}

/** A raw HTTP request (node:http, not fetch: fetch refuses some of what an attacker sends). */
function raw(url: string, options: { headers?: Record<string, string>; body?: Buffer | string; drip?: { bytes: Buffer; everyMs: number } }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearInterval(dripper);
        resolve(parse(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
      });
      res.on('error', reject);
    });
    let dripper: NodeJS.Timeout | undefined;
    req.on('error', (e) => {
      clearInterval(dripper);
      reject(e);
    });
    if (options.drip) {
      // One byte at a time, never finishing: the server must give up on its own.
      const { bytes, everyMs } = options.drip;
      let i = 0;
      req.write(bytes.subarray(i, ++i));
      dripper = setInterval(() => {
        if (req.destroyed) {
          clearInterval(dripper);
          return;
        }
        req.write(bytes.subarray(i % bytes.length, (i++ % bytes.length) + 1));
      }, everyMs);
      return;
    }
    req.end(options.body);
  });
}

const json = (value: unknown) => JSON.stringify(value);
const PAGE = 'query Page($n: Int) { persons(first: $n) { edges { node { gender } } } }';

/** `[[[…"x"…]]]` as JSON text (JSON.stringify itself would overflow the stack at this depth). */
const nested = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

/** Each hostile request, the status class and the code it must get. */
interface Case {
  name: string;
  send: (url: string, headers: Record<string, string>) => Promise<Answer>;
  status: number;
  code: string;
}

const post =
  (body: Buffer | string, extra: Record<string, string> = {}) =>
  (url: string, headers: Record<string, string>) =>
    raw(url, { headers: { ...headers, ...extra }, body });

const CASES: Case[] = [
  { name: 'malformed JSON', send: post('{"query": "{ __typename }"'), status: 400, code: 'INVALID_GRAPHQL_REQUEST' },
  { name: 'JSON that is not an object', send: post('[1,2,3]'), status: 400, code: 'INVALID_GRAPHQL_REQUEST' },
  {
    name: 'invalid UTF-8 in the body',
    send: post(Buffer.concat([Buffer.from('{"query":"{ __typename }","operationName":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])),
    status: 400,
    code: 'INVALID_GRAPHQL_REQUEST',
  },
  {
    name: 'a 1 MB string argument (variable)',
    send: post(json({ query: 'query L($n: String!) { personByIdNumber(idNumber: $n) { gender } }', variables: { n: 'x'.repeat(1_000_000) } })),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a 1 MB string argument (inline)',
    send: post(json({ query: `{ personByIdNumber(idNumber: "${'x'.repeat(1_000_000)}") { gender } }` })),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a body over the size limit',
    send: post(json({ query: '{ __typename }', pad: 'x'.repeat(3_000_000) })),
    status: 413,
    code: 'INVALID_GRAPHQL_REQUEST',
  },
  {
    name: 'deeply nested list variable',
    send: post(`{"query":${json(PAGE)},"variables":{"n":1,"deep":${nested(100_000)}}}`),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a 100,000-element list variable',
    send: post(json({ query: 'query L($ids: [String!]) { __typename }', variables: { ids: Array.from({ length: 100_000 }, (_, i) => String(i)) } })),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  { name: 'first: 1e12 (variable)', send: post(json({ query: PAGE, variables: { n: 1e12 } })), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'first: -1 (variable)', send: post(json({ query: PAGE, variables: { n: -1 } })), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'first: 2.5 (variable)', send: post(json({ query: PAGE, variables: { n: 2.5 } })), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'first: 1e12 (inline)', send: post(json({ query: '{ persons(first: 1e12) { edges { node { gender } } } }' })), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'first: -5 (inline)', send: post(json({ query: '{ persons(first: -5) { edges { node { gender } } } }' })), status: 400, code: 'BAD_USER_INPUT' },
  {
    name: '10,000 headers',
    send: (url, headers) =>
      raw(url, {
        headers: { ...headers, ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`x-h${i}`, 'a'])) },
        body: json({ query: '{ __typename }' }),
      }),
    status: 431,
    code: 'REQUEST_HEADERS_TOO_LARGE',
  },
  {
    name: 'a slow-drip body',
    send: (url, headers) =>
      raw(url, { headers: { ...headers, 'content-length': '1000' }, drip: { bytes: Buffer.from(json({ query: '{ __typename }' })), everyMs: 200 } }),
    status: 408,
    code: 'REQUEST_TIMEOUT',
  },
];

async function routerRss(): Promise<number> {
  return sum((await scrape(routerUrl())).samples, 'process_resident_memory_bytes');
}

async function stillAnswers(url: string, headers: Record<string, string>) {
  const r = await raw(url, { headers, body: json({ query: '{ __typename }' }) });
  expect([r.status, r.body?.data?.__typename]).toEqual([200, 'Query']);
}

function expectCoded(c: Case, r: Answer) {
  // No stack trace, no internals: a GraphQL error body with the expected code.
  expect(r.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  expect([c.name, r.status, r.body?.errors?.[0]?.extensions?.code]).toEqual([c.name, c.status, c.code]);
}

describe('hostile input at the router', () => {
  let headers: Record<string, string>;
  let rssBefore: number;
  beforeAll(async () => {
    headers = await asAgency('civil-affairs');
    await stillAnswers(routerUrl(), headers);
    rssBefore = await routerRss();
  });

  test.each(CASES.map((c) => [c.name, c]))(
    '%s → 4xx with a code, and the router still answers',
    async (_, c) => {
      expectCoded(c, await c.send(routerUrl(), headers));
      await stillAnswers(routerUrl(), headers);
    },
    60_000,
  );

  test('the router’s memory stays bounded after the whole table', async () => {
    // A generous bound: the table moves ~10 MB of input; a leak of it (or of a buffered drip) shows.
    expect(rssBefore).toBeGreaterThan(0);
    expect((await routerRss()) - rssBefore).toBeLessThan(256 * 1024 * 1024);
  });
});

describe('hostile input sent to a subgraph directly, validly signed', () => {
  const signed = (body: Buffer | string) => async (url: string) => {
    const init = signFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    const res = await fetch(url, init);
    return parse(res.status, await res.text());
  };
  const SUBGRAPH_CASES: Case[] = [
    { name: 'malformed JSON', send: signed('{"query": '), status: 400, code: 'BAD_REQUEST' },
    {
      name: 'invalid UTF-8 in the body',
      send: signed(Buffer.concat([Buffer.from('{"query":"{ __typename }","operationName":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])),
      status: 400,
      code: 'BAD_REQUEST',
    },
  ];
  test.each(SUBGRAPH_CASES.map((c) => [c.name, c]))('%s → 4xx with a code', async (_, c) => {
    const url = subgraphUrl('population');
    expectCoded(c, await c.send(url, {}));
    expect((await fetch(new URL('/health', url))).status).toBe(200);
  });
});
