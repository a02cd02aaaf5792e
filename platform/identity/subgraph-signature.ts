/**
 * Only the router reaches a subgraph (issue 8, class 3). Every router → subgraph request carries an
 * HMAC-SHA256 signature, with a secret shared by the router and the subgraphs, over:
 *
 *   the method, the path (with its query string), a timestamp, a nonce, the SHA-256 of the exact
 *   body bytes, and the value (or absence) of every header a subgraph believes (SIGNED_HEADERS).
 *
 * So a request cannot be made without the secret, a trusted header cannot be swapped or added to
 * a signed request, and a captured request cannot be replayed: the timestamp must be within
 * ±SIGNATURE_WINDOW_MS of the subgraph's clock and each nonce is accepted once within that window.
 * (The Hive runtime's built-in `hmacSignature` signs only the query and variables: not enough.)
 *
 * The secret: SUBGRAPH_SIGNING_SECRET; in development, generated once into
 * .data/subgraph-signing-secret (like the development token keys) and shared by the launcher,
 * the router, every subgraph and the tests; start-up warns when it is used.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { freshRandom } from '../random-block';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../config';
import { refuseInProduction, setting } from '../settings/read';
import { ErrorCode } from '../errors';

/** The headers a subgraph believes, and so the ones the signature covers. One list for both ends. */
/** traceparent (issue 12) is covered too: a subgraph files its spans under it, and an unsigned one
 *  would let a request be re-parented into another agency's trace on the way. */
/** x-operation-hash (issue 13): the SHA-256 of the operation's document, carried into the audit rows. */
export const SIGNED_HEADERS = [
  'authorization',
  'x-purpose',
  'x-request-id',
  'x-correlation-id',
  'x-operation-name',
  'x-operation-hash',
  'traceparent',
] as const;

export const SIGNATURE_HEADER = 'x-subgraph-signature';
export const TIMESTAMP_HEADER = 'x-subgraph-timestamp';
export const NONCE_HEADER = 'x-subgraph-nonce';
/** How far a signed request's timestamp may be from the subgraph's clock. */
export const SIGNATURE_WINDOW_MS = 30_000;
const VERSION = 'v1';

export const devSigningSecretPath = () => setting('SUBGRAPH_SIGNING_SECRET_PATH') ?? path.join(repoRoot, '.data', 'subgraph-signing-secret');

export const usingDevSigningSecret = () => !setting('SUBGRAPH_SIGNING_SECRET');

let cached: string | undefined;

/** The shared secret; in development created on first use (atomically, so concurrent starters agree). */
export function signingSecret(): string {
  const configured = setting('SUBGRAPH_SIGNING_SECRET');
  if (configured) return configured;
  refuseInProduction('the generated development signing secret', 'SUBGRAPH_SIGNING_SECRET');
  if (cached) return cached;
  const file = devSigningSecretPath();
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file); // fails if another process won the race: then use theirs
    } catch {
      /* keep the existing file */
    }
    fs.unlinkSync(tmp);
  }
  cached = fs.readFileSync(file, 'utf8').trim();
  return cached;
}

export type HeaderLookup = (name: string) => string | undefined;

export interface SignedParts {
  method: string;
  /** Path and query string as the subgraph receives them, e.g. `/` or `/?query=…`. */
  path: string;
  body: Uint8Array | string;
  header: HeaderLookup;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** JSON of the parts: no delimiter can be smuggled into one part to move bytes into another. */
function canonical(parts: SignedParts, timestamp: string, nonce: string): string {
  return JSON.stringify([
    VERSION,
    parts.method.toUpperCase(),
    parts.path,
    timestamp,
    nonce,
    sha256(parts.body),
    ...SIGNED_HEADERS.map((name) => parts.header(name) ?? null),
  ]);
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/** The headers to add to a request: signature, timestamp and nonce. */
export function sign(parts: SignedParts, secret = signingSecret(), now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  const nonce = freshRandom(16, 'hex');
  return {
    [SIGNATURE_HEADER]: `${VERSION}=${mac(secret, canonical(parts, timestamp, nonce))}`,
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
  };
}

export type VerifyResult =
  | { ok: true }
  | {
      ok: false;
      code: typeof ErrorCode.UNSIGNED_REQUEST | typeof ErrorCode.BAD_SIGNATURE | typeof ErrorCode.STALE_SIGNATURE | typeof ErrorCode.REPLAYED_REQUEST;
      reason: string;
    };

/** Nonces seen within the window (a replay inside the window is refused too). */
export class NonceCache {
  private seen = new Map<string, number>();
  private sweptAt = 0;

  /** False if the nonce was already used; remembers it until `expiresAt` otherwise. */
  claim(nonce: string, expiresAt: number, now = Date.now()): boolean {
    if (now - this.sweptAt > SIGNATURE_WINDOW_MS) {
      for (const [n, until] of this.seen) if (until <= now) this.seen.delete(n);
      this.sweptAt = now;
    }
    const until = this.seen.get(nonce);
    if (until !== undefined && until > now) return false;
    this.seen.set(nonce, expiresAt);
    return true;
  }
}

/** Checks a request's signature headers against its parts; claims the nonce only if all else holds. */
export function verify(parts: SignedParts, nonces: NonceCache, secret = signingSecret(), now = Date.now()): VerifyResult {
  const signature = parts.header(SIGNATURE_HEADER);
  const timestamp = parts.header(TIMESTAMP_HEADER);
  const nonce = parts.header(NONCE_HEADER);
  if (!signature || !timestamp || !nonce) {
    return { ok: false, code: ErrorCode.UNSIGNED_REQUEST, reason: 'subgraphs answer only the router: the request carries no router signature' };
  }
  if (!/^\d{1,15}$/.test(timestamp) || !/^[0-9a-f]{16,64}$/.test(nonce)) {
    return { ok: false, code: ErrorCode.BAD_SIGNATURE, reason: 'the signature timestamp or nonce is malformed' };
  }
  const expected = Buffer.from(`${VERSION}=${mac(secret, canonical(parts, timestamp, nonce))}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: ErrorCode.BAD_SIGNATURE, reason: 'the router signature does not match this request' };
  }
  const at = Number(timestamp);
  if (Math.abs(now - at) > SIGNATURE_WINDOW_MS) {
    return { ok: false, code: ErrorCode.STALE_SIGNATURE, reason: `the signed request is older (or newer) than ${SIGNATURE_WINDOW_MS / 1000} s` };
  }
  if (!nonces.claim(nonce, at + SIGNATURE_WINDOW_MS + 1000, now)) {
    return { ok: false, code: ErrorCode.REPLAYED_REQUEST, reason: 'this signed request was already received' };
  }
  return { ok: true };
}

/** Reads a header from a fetch `init.headers` (plain object, Headers or entry list), case-insensitively. */
function headerReader(headers: unknown): HeaderLookup {
  if (!headers) return () => undefined;
  if (typeof (headers as Headers).get === 'function') {
    return (name) => (headers as Headers).get(name) ?? undefined;
  }
  const entries: [string, unknown][] = Array.isArray(headers) ? (headers as [string, unknown][]) : Object.entries(headers as Record<string, unknown>);
  const map = new Map(entries.map(([k, v]) => [k.toLowerCase(), String(v)]));
  return (name) => map.get(name);
}

/**
 * Signs an outgoing fetch as the engines make it: the final URL, method, body and headers. Returns
 * a new init whose headers are a plain object (signature headers added). A body that is not bytes
 * or a string (a stream) cannot be hashed up front: refused, rather than sent unsigned.
 */
export function signFetch(url: string | URL, init: RequestInit = {}, secret = signingSecret()): RequestInit {
  const body = init.body ?? '';
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new Error('subgraph request body is not a string or bytes; cannot sign it');
  }
  const target = new URL(String(url));
  const read = headerReader(init.headers);
  const headers: Record<string, string> = {};
  if (init.headers && typeof (init.headers as Headers).forEach === 'function' && !Array.isArray(init.headers)) {
    (init.headers as Headers).forEach((value, name) => (headers[name.toLowerCase()] = value));
  } else {
    for (const [name, value] of Array.isArray(init.headers) ? init.headers : Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = String(value);
  }
  const signed = sign({ method: init.method ?? 'GET', path: `${target.pathname}${target.search}`, body, header: read }, secret);
  return { ...init, headers: { ...headers, ...signed } };
}
