/**
 * Digital signatures of licences: Ed25519 (node:crypto) by the issuing agency's key over a salted
 * commitment to what the licence says.
 *
 * Licence payload: the canonical JSON of
 *   { number, type, holderKey, issuer, issueDate, validFrom, validTo, content }
 * (type = licence type code, holderKey = the holder's pseudonymous key, issuer = agency code,
 * dates YYYY-MM-DD, validTo null for 长期). The status is deliberately not signed: revocation and
 * suspension are later facts of the register, checked against it (as a CRL is), not part of the
 * document.
 *
 * Why a commitment: the signature and the issuer's public key are open data while the content is
 * not. Signed directly, the payload would let anyone who knows most of a licence (a legal person's
 * open facts) test candidate names offline against the signature until one verifies. So the
 * signature covers only `{ v: 2, issuer, commitment }`, where
 *   commitment = HMAC-SHA256(salt, licence payload), base64url,
 * and `salt` is 32 random bytes per licence, stored beside the record and never served. Without
 * the salt no guess can be checked; `verifyLicense` (which holds it) is how a presented licence is
 * checked, and it answers the same as before for a genuine licence.
 *
 * Canonical JSON is RFC 8785 (JCS) for the values a licence holds: object keys sorted by UTF-16
 * code units, no whitespace, strings and numbers as ECMAScript JSON.stringify writes them.
 *
 * Keys, one pair per issuing agency, `kid` = agency code:
 * - production: `LICENSE_ISSUER_KEYS`, a JWK set ({"keys":[{"kty":"OKP","crv":"Ed25519","kid":
 *   "market-regulation-430408","x":"…","d":"…"}, …]}); only the agencies listed can sign, and only
 *   their public keys are published;
 * - development and tests: derived, so that the seed, the servers and the tests agree without a
 *   private key in the repository: the 32-byte Ed25519 seed is
 *   HMAC-SHA256(LICENSE_SIGNING_SECRET, "e-license-issuer:" + agency code), with the platform's
 *   pseudonym key (PLATFORM_HMAC_KEY, or its development default) when LICENSE_SIGNING_SECRET is
 *   unset. Whoever knows that secret can sign as any agency: never run production on derived keys.
 */
import { createHmac, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { hmacKey, setting } from '../../platform/config';
import { refuseInProduction } from '../../platform/settings/read';
import { freshRandom } from '../../platform/random-block';

export const SIGNATURE_ALGORITHM = 'Ed25519';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** RFC 8785 canonical JSON. Throws a TypeError on values JSON cannot carry (undefined, NaN, functions…). */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot serialise the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
      if (proto !== Object.prototype && proto !== null) throw new TypeError(`cannot serialise a ${proto?.constructor?.name ?? 'non-plain'} object`);
      const keys = Object.keys(value).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`cannot serialise a value of type ${typeof value}`);
  }
}

/** What a licence's signature covers. */
export interface SignedLicenseFields {
  number: string;
  /** Licence type code, e.g. BUSINESS_LICENSE. */
  type: string;
  /** Pseudonymous key of the holder (Person or LegalPerson id). */
  holderKey: string;
  /** Agency code of the issuer, e.g. market-regulation-430408. */
  issuer: string;
  issueDate: string;
  validFrom: string;
  validTo: string | null;
  content: JsonObject;
  /** The licence's secret salt (base64url of 32 random bytes): never served. */
  salt: string;
}

/** A fresh secret salt for a licence: 32 bytes of the CSPRNG, base64url (platform/random-block.ts). */
export const newSalt = (): string => freshRandom(32, 'base64url');

/** Canonical JSON of what the licence says (the commitment's input). */
export function licensePayload(f: SignedLicenseFields): string {
  const { number, type, holderKey, issuer, issueDate, validFrom, validTo, content } = f;
  return canonicalJson({ number, type, holderKey, issuer, issueDate, validFrom, validTo, content });
}

/** HMAC-SHA256 under the licence's salt of its payload, base64url: hiding and binding. */
export function licenseCommitment(f: SignedLicenseFields): string {
  if (!f.salt) throw new Error("a licence commitment needs the licence's salt");
  return createHmac('sha256', Buffer.from(f.salt, 'base64url')).update(licensePayload(f), 'utf8').digest('base64url');
}

/** The exact bytes (as UTF-8 text) that are signed: the commitment, not the content. */
export function signingPayload(f: SignedLicenseFields): string {
  return canonicalJson({ v: 2, issuer: f.issuer, commitment: licenseCommitment(f) });
}

// ---- keys ---------------------------------------------------------------------------------------

/** PKCS#8 DER header of an Ed25519 private key (RFC 8410): the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function privateKeyFromSeed(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new RangeError(`an Ed25519 seed has 32 bytes, got ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The development seed of an agency's key (see the header). */
export function derivedIssuerSeed(agencyCode: string, secret: string = signingSecret()): Buffer {
  return createHmac('sha256', secret).update(`e-license-issuer:${agencyCode}`).digest();
}

function signingSecret(): string {
  return setting('LICENSE_SIGNING_SECRET') ?? hmacKey();
}

interface Ed25519Jwk {
  kty: string;
  crv: string;
  kid?: string;
  x: string;
  d?: string;
}

/** Private keys configured in LICENSE_ISSUER_KEYS (already checked to be a JSON JWK set), by agency code. */
function configuredKeys(set: { keys?: Ed25519Jwk[] }): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const jwk of set.keys ?? []) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.kid || !jwk.d) {
      throw new Error(`LICENSE_ISSUER_KEYS: every key must be an Ed25519 private JWK with kid = agency code (got kid ${jwk.kid ?? '?'})`);
    }
    keys.set(jwk.kid, createPrivateKey({ key: { ...jwk }, format: 'jwk' }));
  }
  return keys;
}

/** Keys are cached per configuration, so that changing the environment (tests) takes effect. */
let cache: { config: string; configured?: Map<string, KeyObject>; derived: Map<string, KeyObject>; publics: Map<string, KeyObject> } | undefined;

function keyCache() {
  const set = setting('LICENSE_ISSUER_KEYS') as { keys?: Ed25519Jwk[] } | undefined;
  // Production never derives keys: only LICENSE_ISSUER_KEYS signs (start-up requires it).
  if (!set) refuseInProduction('derived development licence keys', 'LICENSE_ISSUER_KEYS');
  const config = `${process.env.LICENSE_ISSUER_KEYS ?? ''}\u0000${set ? '' : signingSecret()}`;
  if (cache?.config !== config) {
    cache = { config, configured: set ? configuredKeys(set) : undefined, derived: new Map(), publics: new Map() };
  }
  return cache;
}

/** True when keys come from configuration rather than from the development derivation. */
export const usingConfiguredIssuerKeys = () => Boolean(setting('LICENSE_ISSUER_KEYS'));

/** The agency's private key, or undefined when configuration holds none for it. */
export function issuerPrivateKey(agencyCode: string): KeyObject | undefined {
  const c = keyCache();
  if (c.configured) return c.configured.get(agencyCode);
  let key = c.derived.get(agencyCode);
  if (!key) c.derived.set(agencyCode, (key = privateKeyFromSeed(derivedIssuerSeed(agencyCode))));
  return key;
}

export function issuerPublicKey(agencyCode: string): KeyObject | undefined {
  const c = keyCache();
  let key = c.publics.get(agencyCode);
  if (!key) {
    const priv = issuerPrivateKey(agencyCode);
    if (!priv) return undefined;
    c.publics.set(agencyCode, (key = createPublicKey(priv)));
  }
  return key;
}

/** The 32 raw bytes of an Ed25519 public key, base64 (standard alphabet). */
export function rawPublicKeyBase64(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' }) as Ed25519Jwk;
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** The public JWK of an agency's key (kty OKP, crv Ed25519, x base64url, kid agency code). */
export function publicJwk(key: KeyObject, agencyCode: string) {
  const { kty, crv, x } = key.export({ format: 'jwk' }) as Ed25519Jwk;
  return { kty, crv, x, kid: agencyCode, alg: 'EdDSA', use: 'sig' };
}

// ---- sign and verify ----------------------------------------------------------------------------

/** Signs a licence with its issuer's key; base64 of the 64-byte signature. */
export function signLicense(f: SignedLicenseFields, key?: KeyObject): string {
  const k = key ?? issuerPrivateKey(f.issuer);
  if (!k) throw new Error(`no signing key for issuer ${f.issuer} (LICENSE_ISSUER_KEYS does not list it)`);
  return sign(null, Buffer.from(signingPayload(f), 'utf8'), k).toString('base64');
}

/** True when `signature` (base64) is the issuer's signature of these fields. Never throws on a bad signature. */
export function verifyLicenseSignature(f: SignedLicenseFields, signature: string, key?: KeyObject): boolean {
  const k = key ?? issuerPublicKey(f.issuer);
  if (!k) return false;
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64 || bytes.toString('base64') !== signature || !f.salt) return false;
  try {
    return verify(null, Buffer.from(signingPayload(f), 'utf8'), k, bytes);
  } catch {
    return false;
  }
}
