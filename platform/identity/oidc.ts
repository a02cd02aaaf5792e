/**
 * The city's identity provider (issue 14): when OIDC_ISSUER is set, its access tokens (JWT) are
 * accepted beside the platform's own. They are verified against the keys its discovery document
 * names (`jwks_uri`, fetched with jose's remote key set: cached, refetched at least every 5 minutes
 * and sooner on an unknown `kid`, so a rotation at the provider needs nothing here), and mapped to
 * the platform's caller through configurable claim names (OIDC_AGENCY_CLAIM, OIDC_OPERATOR_CLAIM,
 * OIDC_ROLES_CLAIM, OIDC_SUBJECT_CLAIM). Everything after that is the same as for a platform token:
 * the register check at every subgraph, the posts, the lifetime bound (platform/identity/tokens.ts).
 */
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AgencyRole, type Identity } from './identity';
import { JWKS_MAX_AGE_MS } from './keys';
import { setting } from '../settings/read';

/** Asymmetric algorithms only: an HMAC (HS256) token could be "signed" with a public key (algorithm confusion). */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** The discovery document is looked at again after an hour (a changed `jwks_uri` is followed without a restart). */
const DISCOVERY_MAX_AGE_MS = 60 * 60_000;
const FETCH_TIMEOUT_MS = 5000;

export const oidcIssuer = () => setting('OIDC_ISSUER');
export const oidcAudience = () => setting('OIDC_AUDIENCE') ?? setting('TOKEN_AUDIENCE');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http on the machine itself (a test provider, a sidecar): tokens' keys never come over plain HTTP across a network. */
export function acceptableProviderUrl(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
}

/** Where the provider's discovery document is (OpenID Connect Discovery 1.0, section 4). */
export function discoveryUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
}

interface KeySource {
  issuer: string;
  jwksUri: string;
  keys: JWTVerifyGetKey;
  fetchedAt: number;
}

let source: Promise<KeySource> | undefined;

async function discover(issuer: string, previous: KeySource | undefined): Promise<KeySource> {
  if (!acceptableProviderUrl(issuer)) throw new Error('OIDC_ISSUER must be https (http only on loopback)');
  const response = await fetch(discoveryUrl(issuer), { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  if (!response.ok) throw new Error(`the discovery document answered HTTP ${response.status}`);
  const doc = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // A document naming another issuer is someone else's (OpenID Connect Discovery 1.0, 4.3).
  if (doc.issuer !== issuer) throw new Error('the discovery document names another issuer');
  if (typeof doc.jwks_uri !== 'string' || !acceptableProviderUrl(doc.jwks_uri)) throw new Error('the discovery document has no acceptable jwks_uri');
  // The same jwks_uri keeps its key cache (and its rotation state).
  if (previous && previous.issuer === issuer && previous.jwksUri === doc.jwks_uri) return { ...previous, fetchedAt: Date.now() };
  const keys = createRemoteJWKSet(new URL(doc.jwks_uri), {
    cacheMaxAge: JWKS_MAX_AGE_MS,
    cooldownDuration: 30_000,
    timeoutDuration: FETCH_TIMEOUT_MS,
  });
  return { issuer, jwksUri: doc.jwks_uri, keys, fetchedAt: Date.now() };
}

/** The provider's key set; a failed discovery is not remembered (the next token tries again). */
export async function oidcKeys(issuer: string): Promise<JWTVerifyGetKey> {
  const current = await source?.catch(() => undefined);
  if (!current || current.issuer !== issuer || Date.now() - current.fetchedAt > DISCOVERY_MAX_AGE_MS) {
    const next = discover(issuer, current);
    source = next;
    next.catch(() => {
      if (source === next) source = undefined;
    });
  }
  return (await source!).keys;
}

/** A claim by name or dotted path (`realm_access.roles`). */
export function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * The posts a provider token carries: the roles claim's values that are the platform's posts, or
 * map to one through OIDC_ROLE_MAP. Anything else ("admin", "bureau") is dropped: the provider
 * vouches for who the operator is and which post the agency gave them; what a post may do is the
 * platform's policy, and the agency rules stay on top of it.
 */
export function postsOf(value: unknown): string[] {
  const names = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? value.split(/\s+/) : [];
  const map = setting('OIDC_ROLE_MAP') ?? {};
  const posts = new Set<string>(Object.values(AgencyRole));
  const held = new Set<string>();
  for (const name of names) {
    const post = Object.hasOwn(map, name) ? map[name] : name;
    if (posts.has(post)) held.add(post);
  }
  return [...held];
}

/** Error text for a claim that is missing or not what the platform needs (returned, the caller throws). */
export type ClaimProblem = { problem: string };

/** The caller a verified provider token names. */
export function oidcIdentity(payload: JWTPayload): Identity | ClaimProblem {
  const agencyClaim = setting('OIDC_AGENCY_CLAIM');
  const agency = claimAt(payload, agencyClaim);
  const subjectClaim = setting('OIDC_SUBJECT_CLAIM');
  if (agency === undefined && subjectClaim) {
    const subjectKey = claimAt(payload, subjectClaim);
    if (typeof subjectKey === 'string' && subjectKey) {
      const kind = payload.subject_kind === 'LEGAL_PERSON' ? 'LEGAL_PERSON' : 'PERSON';
      return { kind: 'subject', subjectKey, subjectKind: kind, roles: ['data-subject'] };
    }
  }
  if (typeof agency !== 'string' || !agency) return { problem: `the token names no agency (claim "${agencyClaim}")` };
  const operator = claimAt(payload, setting('OIDC_OPERATOR_CLAIM'));
  if (typeof operator !== 'string' || !operator) return { problem: `the token names no operator (claim "${setting('OIDC_OPERATOR_CLAIM')}")` };
  return { kind: 'agency', agency, operator, roles: postsOf(claimAt(payload, setting('OIDC_ROLES_CLAIM'))) };
}
