/**
 * Class 3 of issue 8 (only the router reaches a subgraph), the signature itself: what it covers
 * (method, path, body bytes, every trusted header, timestamp), the window and the replay cache.
 */
import { NonceCache, SIGNED_HEADERS, sign, signFetch, verify, type SignedParts } from '../../platform/identity/subgraph-signature';

const SECRET = 'unit-test-secret';

function parts(headers: Record<string, string>, body = '{"query":"{ __typename }"}', path = '/', method = 'POST'): SignedParts {
  return { method, path, body, header: (n) => headers[n] };
}

/** Verifies `p` signed with its own headers but sent with `sent` headers/body/path. */
function check(signedWith: SignedParts, sent: SignedParts, opts: { now?: number; signedAt?: number; nonces?: NonceCache } = {}) {
  const sig = sign(signedWith, SECRET, opts.signedAt ?? Date.now());
  const header = (n: string) => sig[n] ?? sent.header(n);
  return verify({ ...sent, header }, opts.nonces ?? new NonceCache(), SECRET, opts.now ?? Date.now());
}

describe('router → subgraph signatures', () => {
  const base = { authorization: 'Bearer t', 'x-purpose': 'p', 'x-request-id': 'r1', 'x-operation-name': 'Op' };

  test("the trusted-header list is the issue's, plus the correlation id and the trace context", () => {
    expect([...SIGNED_HEADERS].sort()).toEqual([
      'authorization',
      'traceparent',
      'x-correlation-id',
      'x-operation-hash',
      'x-operation-name',
      'x-purpose',
      'x-request-id',
    ]);
  });

  test('an untouched request verifies', () => {
    expect(check(parts(base), parts(base))).toEqual({ ok: true });
  });

  test('no signature is UNSIGNED_REQUEST', () => {
    expect(verify(parts(base), new NonceCache(), SECRET)).toMatchObject({ ok: false, code: 'UNSIGNED_REQUEST' });
  });

  test.each(SIGNED_HEADERS.map((h) => [h]))('changing, adding or removing %s breaks it', (h) => {
    expect(check(parts(base), parts({ ...base, [h]: 'other' }))).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    const without = { ...base } as Record<string, string>;
    delete without[h];
    if (h in base) expect(check(parts(base), parts(without))).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    else expect(check(parts(without), parts({ ...without, [h]: '' }))).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
  });

  test('the body, path and method are covered', () => {
    expect(check(parts(base), parts(base, '{"query":"{ _service { sdl } }"}'))).toMatchObject({ code: 'BAD_SIGNATURE' });
    expect(check(parts(base), parts(base, undefined, '/?query=x'))).toMatchObject({ code: 'BAD_SIGNATURE' });
    expect(check(parts(base), parts(base, undefined, '/', 'GET'))).toMatchObject({ code: 'BAD_SIGNATURE' });
  });

  test('another secret does not verify', () => {
    const sig = sign(parts(base), 'other-secret');
    expect(verify({ ...parts(base), header: (n) => sig[n] ?? (base as Record<string, string>)[n] }, new NonceCache(), SECRET)).toMatchObject({
      code: 'BAD_SIGNATURE',
    });
  });

  test('outside ±30 s is STALE_SIGNATURE; a nonce is accepted once', () => {
    const now = Date.now();
    expect(check(parts(base), parts(base), { signedAt: now - 31_000, now })).toMatchObject({ code: 'STALE_SIGNATURE' });
    expect(check(parts(base), parts(base), { signedAt: now + 31_000, now })).toMatchObject({ code: 'STALE_SIGNATURE' });
    const nonces = new NonceCache();
    const sig = sign(parts(base), SECRET, now);
    const sent = { ...parts(base), header: (n: string) => sig[n] ?? (base as Record<string, string>)[n] };
    expect(verify(sent, nonces, SECRET, now)).toEqual({ ok: true });
    expect(verify(sent, nonces, SECRET, now + 1000)).toMatchObject({ code: 'REPLAYED_REQUEST' });
  });

  test('signFetch signs what fetch will send (plain-object and Headers headers alike)', () => {
    const body = JSON.stringify({ query: '{ a }' });
    for (const headers of [{ 'Content-Type': 'application/json', Authorization: 'Bearer t' }, new Headers({ authorization: 'Bearer t' })]) {
      const init = signFetch('http://127.0.0.1:4001/', { method: 'POST', headers, body }, SECRET);
      const sent = init.headers as Record<string, string>;
      expect(sent.authorization).toBe('Bearer t');
      expect(verify({ method: 'POST', path: '/', body, header: (n) => sent[n] }, new NonceCache(), SECRET)).toEqual({ ok: true });
    }
    expect(() => signFetch('http://x/', { method: 'POST', body: new ReadableStream() }, SECRET)).toThrow(/cannot sign/);
  });
});
