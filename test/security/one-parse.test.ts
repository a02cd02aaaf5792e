/**
 * Class 7 of issue 8 — one parse. The router checked, limited and audited one reading of a request
 * (a harmless JSON decoy) while the engine executed another (the real query after `&query=` when
 * the same bytes are read as application/x-www-form-urlencoded): depth 40 and 100 aliases,
 * anonymously. Now the router reads the request once (application/json POST, or GET for queries),
 * and the engine executes exactly that object; any other content type is 415, malformed is 400.
 */
import { asAgency, routerUrl } from '../support/client';

/** The real query: far deeper than max_depth (15) and with 100 aliases (max 30). */
const REAL = `query Real { ${Array.from({ length: 100 }, (_, i) => `x${i}: __typename`).join(' ')} __schema { queryType { ${'fields { type { '.repeat(20)}name${' } }'.repeat(20)} } } }`;
const DECOY = 'query Decoy { __typename }';
/** Valid JSON (the decoy) and valid form data whose `query` field is the real query. */
const POLYGLOT = `{"query":"${DECOY}","operationName":"Decoy","pad":"&query=${encodeURIComponent(REAL)}&operationName=Real&z="}`;

async function send(init: RequestInit & { headers?: Record<string, string> }, url = routerUrl()) {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, text };
}

/** Nothing of the real query ran: no alias of it, no introspection it asked for. */
function realNotExecuted(text: string) {
  expect(text).not.toMatch(/"x\d+"/);
  expect(text).not.toContain('queryType');
}

describe('one parse (issue 8, class 7)', () => {
  test('sanity: the polyglot body is JSON with the decoy and form data with the real query', () => {
    expect(JSON.parse(POLYGLOT).query).toBe(DECOY);
    expect(new URLSearchParams(POLYGLOT).get('query')).toBe(REAL);
  });

  test('the polyglot sent as form data is refused with 415 and executes nothing', async () => {
    const r = await send({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'apollo-require-preflight': 'true' },
      body: POLYGLOT,
    });
    expect(r.status).toBe(415);
    expect(r.body.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    realNotExecuted(r.text);
  });

  test('the polyglot sent as JSON executes the decoy, the one thing that was checked', async () => {
    const r = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: POLYGLOT });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ data: { __typename: 'Query' } });
    realNotExecuted(r.text);
  });

  test.each([
    ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: REAL })}\r\n--x--\r\n`],
    ['text/plain', JSON.stringify({ query: REAL })],
    ['application/graphql', REAL],
    ['application/json; charset=latin1', JSON.stringify({ query: REAL })],
  ])('content type %s is refused with 415', async (type, body) => {
    const r = await send({ method: 'POST', headers: { 'content-type': type, 'apollo-require-preflight': 'true' }, body });
    expect(r.status).toBe(415);
    expect(r.body.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    realNotExecuted(r.text);
  });

  test('a POST without a content type is refused with 415', async () => {
    const r = await send({ method: 'POST', headers: { 'apollo-require-preflight': 'true' }, body: new Blob([JSON.stringify({ query: REAL })]) });
    expect(r.status).toBe(415);
    expect(r.body.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('malformed JSON is 400 INVALID_GRAPHQL_REQUEST', async () => {
    const r = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query": "${DECOY}"` });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions.code).toBe('INVALID_GRAPHQL_REQUEST');
  });

  test('a mutation over GET is 405, even with an agency token', async () => {
    const headers = { ...(await asAgency('data-bureau')), 'apollo-require-preflight': 'true' };
    const q = 'mutation M { __typename }';
    const r = await send({ method: 'GET', headers }, `${routerUrl()}?query=${encodeURIComponent(q)}`);
    expect(r.status).toBe(405);
    expect(r.body.errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
  });

  test('a query over GET still runs', async () => {
    const r = await send({ method: 'GET', headers: { 'apollo-require-preflight': 'true' } }, `${routerUrl()}?query=${encodeURIComponent(DECOY)}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ data: { __typename: 'Query' } });
  });

  test('variant: a GET repeating `query` (decoy first, real second) is 400 and runs neither', async () => {
    const url = `${routerUrl()}?query=${encodeURIComponent(DECOY)}&query=${encodeURIComponent(REAL)}`;
    const r = await send({ method: 'GET', headers: { 'apollo-require-preflight': 'true' } }, url);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions.code).toBe('INVALID_GRAPHQL_REQUEST');
    realNotExecuted(r.text);
  });

  test("variant: a POST whose URL carries ?query= executes the body's decoy, never the URL's query", async () => {
    const url = `${routerUrl()}?query=${encodeURIComponent(REAL)}&operationName=Real`;
    const r = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: DECOY }) }, url);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ data: { __typename: 'Query' } });
    realNotExecuted(r.text);
  });

  test('variant: the real query sent honestly as JSON is refused by the limits', async () => {
    const r = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: REAL }) });
    expect(r.status).toBe(400);
    expect(['MAX_DEPTH_LIMIT', 'MAX_ALIASES_LIMIT']).toContain(r.body.errors[0].extensions.code);
  });
});
