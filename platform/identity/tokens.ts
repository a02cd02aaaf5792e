/**
 * Bearer tokens: JWTs signed by the platform issuer (EdDSA or ES256), verified with `jose` against
 * the JWKS, or, when OIDC_ISSUER is set, the city identity provider's access tokens, verified
 * against its discovery document's JWKS and mapped by the configured claim names (./oidc.ts). Every failure is UNAUTHENTICATED with HTTP 401 and a reason; `alg: none` never
 * verifies (jose requires a key), a wrong audience or issuer is refused.
 */
import { GraphQLError } from 'graphql';
import { SignJWT, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { ANONYMOUS, Identity } from './identity';
import { JWKS_MAX_AGE_MS, TOKEN_ALGORITHMS, audience, devSigningKey, issuer, tokenMaxLifetimeSeconds, usingDevKeys, verificationKeys } from './keys';
import { OIDC_ALGORITHMS, oidcAudience, oidcIdentity, oidcIssuer, oidcKeys } from './oidc';
import { isProduction, setting } from '../settings/read';
import { ErrorCode, graphqlError } from '../errors';

export function unauthenticated(reason: string): GraphQLError {
  return graphqlError(ErrorCode.UNAUTHENTICATED, `Unauthenticated: ${reason}`, { reason, http: { status: 401 } });
}

/**
 * Verified tokens, remembered until they expire but never longer than 5 minutes (the JWKS refresh
 * period), so a key withdrawn from the JWKS stops working within that time: an agency application
 * sends the same token with every request, and a signature check costs more than the lookup it
 * guards. Only successes are kept, keyed by the whole token, so a changed byte is verified afresh.
 */
const verified = new Map<string, { identity: Identity; expiresAt: number }>();
const MAX_REMEMBERED = 10_000;

/** Identity of a request from its Authorization header; no header is the anonymous reader. */
export async function identify(authorization: string | undefined | null): Promise<Identity> {
  if (!authorization) return ANONYMOUS;
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!m) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  const known = verified.get(m[1]);
  if (known && known.expiresAt > Date.now()) return known.identity;
  return verifyToken(m[1]);
}

async function verifyToken(token: string): Promise<Identity> {
  let provider: string | undefined;
  let payload: JWTPayload;
  let kid: string | undefined;
  try {
    provider = fromProvider(token);
    ({
      payload,
      protectedHeader: { kid },
    } = provider
      ? await jwtVerify(token, await providerKeys(provider), {
          issuer: provider,
          audience: oidcAudience(),
          algorithms: OIDC_ALGORITHMS,
          clockTolerance: 5,
          requiredClaims: ['exp'],
        })
      : await jwtVerify(token, await platformKeys(), {
          issuer: issuer(),
          audience: audience(),
          algorithms: TOKEN_ALGORITHMS,
          clockTolerance: 5,
          // A token without exp would be valid forever (issue 8: tokens).
          requiredClaims: ['exp'],
        }));
  } catch (e) {
    if (e instanceof GraphQLError) throw e;
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated('the token has expired');
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      if (e.reason === 'missing') throw unauthenticated(`the token has no "${e.claim}" claim; tokens must expire`);
      throw unauthenticated(`the token's "${e.claim}" claim is not accepted`);
    }
    if (e instanceof joseErrors.JOSEAlgNotAllowed) throw unauthenticated('the token is not signed with an accepted algorithm');
    if (e instanceof joseErrors.JWSSignatureVerificationFailed || e instanceof joseErrors.JWKSNoMatchingKey) {
      throw unauthenticated(`the token signature does not verify against the ${provider ? "identity provider's" : 'platform'} keys`);
    }
    throw unauthenticated('the token is malformed');
  }
  checkLifetime(payload);
  if (payload.batch_export !== undefined) await checkExportSigner(kid, provider);
  const identity = provider ? providerIdentity(payload) : identityOf(payload);
  const expiresAt = Math.min((payload.exp as number) * 1000, Date.now() + JWKS_MAX_AGE_MS);
  if (verified.size >= MAX_REMEMBERED) verified.clear();
  verified.set(token, { identity, expiresAt });
  return identity;
}

/**
 * A `batch_export` claim switches a request to the agency's BATCH grants (platform/policy/request.ts):
 * only the exporter mints it, so only a token signed with the export signing key may carry it. The
 * JWKS chose the verifying key by the header's kid, so a kid equal to the export key's means that
 * key signed it; any other key of the JWKS (an operator's, the identity provider's) is refused.
 */
async function checkExportSigner(kid: string | undefined, provider: string | undefined): Promise<void> {
  const expected = provider ? undefined : await exportSigningKid();
  if (!expected || kid !== expected) throw unauthenticated('the token\'s "batch_export" claim is accepted only on a token signed with the export signing key');
}

/** The export signing key's kid: EXPORT_SIGNING_KID, else EXPORT_SIGNING_KEY's kid, else (development) the development key's. */
export async function exportSigningKid(): Promise<string | undefined> {
  const named = setting('EXPORT_SIGNING_KID') ?? setting('EXPORT_SIGNING_KEY')?.kid;
  if (named) return named;
  return usingDevKeys() && !isProduction() ? (await devSigningKey()).kid : undefined;
}

/** The identity provider's issuer when the token claims to be its (OIDC_ISSUER set), else undefined:
 *  the unverified `iss` only chooses which keys and rules verify the token, never trust. */
function fromProvider(token: string): string | undefined {
  const provider = oidcIssuer();
  if (!provider) return undefined;
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    return undefined; // malformed: the platform path reports it
  }
  if (iss === provider) return provider;
  // Neither issuer: refused by name rather than by whichever check of the platform's would fail first.
  if (iss !== issuer()) throw unauthenticated(`the token's "iss" claim is not accepted`);
  return undefined;
}

async function providerKeys(provider: string) {
  try {
    return await oidcKeys(provider);
  } catch (e) {
    // The provider's keys cannot be had: nothing from it verifies meanwhile (no cached failure).
    throw unauthenticated(`the identity provider's keys cannot be fetched (${(e as Error).message})`);
  }
}

/** The platform's own keys; in production without PLATFORM_JWKS(_URL) only the provider's tokens are accepted. */
async function platformKeys() {
  if (usingDevKeys() && isProduction()) throw unauthenticated(`the token's issuer is not accepted (the identity provider's is ${oidcIssuer() ?? 'not set'})`);
  return verificationKeys();
}

function providerIdentity(payload: JWTPayload): Identity {
  const identity = oidcIdentity(payload);
  if ('problem' in identity) throw unauthenticated(identity.problem);
  return identity;
}

/** A token may live at most TOKEN_MAX_LIFETIME (default 12 h), counted from its iat, or from now
 *  when it has none or claims a future one (so an iat set late cannot stretch the lifetime). */
function checkLifetime(payload: JWTPayload): void {
  const max = tokenMaxLifetimeSeconds();
  const exp = payload.exp as number;
  const now = Math.floor(Date.now() / 1000);
  const from = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now;
  if (exp - from > max) {
    throw unauthenticated(`the token lives longer than the accepted maximum of ${max} seconds (TOKEN_MAX_LIFETIME)`);
  }
}

function identityOf(payload: JWTPayload): Identity {
  const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
  if (typeof payload.subject_key === 'string') {
    const kind = payload.subject_kind === 'LEGAL_PERSON' ? 'LEGAL_PERSON' : 'PERSON';
    return { kind: 'subject', subjectKey: payload.subject_key, subjectKind: kind, roles: ['data-subject'] };
  }
  if (typeof payload.agency !== 'string' || !payload.agency) throw unauthenticated('the token names no agency');
  const exportId = payload.batch_export;
  if (exportId !== undefined && (typeof exportId !== 'string' || !/^[0-9a-f-]{36}$/.test(exportId)))
    throw unauthenticated('the token\'s "batch_export" claim is malformed');
  return {
    kind: 'agency',
    agency: payload.agency,
    operator: typeof payload.operator === 'string' ? payload.operator : (payload.sub ?? 'unknown'),
    roles,
    ...(exportId ? { batchExport: exportId } : {}),
  };
}

export interface TokenRequest {
  agency?: string;
  operator?: string;
  roles?: string[];
  subjectKey?: string;
  subjectKind?: 'PERSON' | 'LEGAL_PERSON';
  /** jose duration, e.g. "8h", "15m". */
  ttl?: string;
  /** A batch export job's id (the exporter's tokens only). */
  batchExport?: string;
}

/** Signs a development token with the generated development key. */
export async function issueDevToken(req: TokenRequest): Promise<string> {
  const { key, kid } = await devSigningKey();
  const claims: Record<string, unknown> = {};
  if (req.subjectKey) {
    claims.subject_key = req.subjectKey;
    claims.subject_kind = req.subjectKind ?? 'PERSON';
  } else {
    claims.agency = req.agency;
    claims.operator = req.operator ?? `${req.agency}-operator`;
    claims.roles = req.roles ?? ['operator'];
    if (req.batchExport) claims.batch_export = req.batchExport;
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setIssuer(issuer())
    .setAudience(audience())
    .setSubject(req.subjectKey ? `subject:${req.subjectKey}` : String(claims.operator))
    .setIssuedAt()
    .setExpirationTime(req.ttl ?? '8h')
    .sign(key);
}
