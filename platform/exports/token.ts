/**
 * The export job's short-lived token: the requesting agency and operator, the `operator` post, and
 * the claim `batch_export: <job id>`, which makes every subgraph decide its reads by the agency's
 * BATCH grants only (platform/policy/request.ts) and write `batch-export:<id>` as the operation of
 * its audit rows (platform/subgraph/server.ts). It lives ten minutes; the job mints a new one well
 * before that, so a long export never holds a long-lived credential.
 *
 * Signed with EXPORT_SIGNING_KEY (an Ed25519 private JWK whose public half the operator adds to
 * the platform JWKS); in development, with the development key. Without either, the job fails with
 * EXPORT_SIGNER_MISSING rather than borrowing someone's token.
 */
import { SignJWT, importJWK, type JWK } from 'jose';
import { audience, issuer, usingDevKeys } from '../identity/keys';
import { issueDevToken } from '../identity/tokens';
import { setting } from '../settings/read';

export const EXPORT_TOKEN_TTL_SECONDS = 600;

export class ExportSignerMissing extends Error {
  readonly code = 'EXPORT_SIGNER_MISSING';
}

export interface ExportActor {
  agency: string;
  operator: string;
  exportId: string;
}

export async function mintExportToken(a: ExportActor): Promise<string> {
  const jwk = setting('EXPORT_SIGNING_KEY');
  if (jwk) {
    return new SignJWT({ agency: a.agency, operator: a.operator, roles: ['operator'], batch_export: a.exportId })
      .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, typ: 'JWT' })
      .setIssuer(issuer())
      .setAudience(audience())
      .setSubject(a.operator)
      .setIssuedAt()
      .setExpirationTime(`${EXPORT_TOKEN_TTL_SECONDS}s`)
      .sign(await importJWK(jwk as JWK, 'EdDSA'));
  }
  if (!usingDevKeys()) throw new ExportSignerMissing('EXPORT_SIGNING_KEY is not set: the exporter cannot mint the job’s token');
  return issueDevToken({ agency: a.agency, operator: a.operator, roles: ['operator'], ttl: `${EXPORT_TOKEN_TTL_SECONDS}s`, batchExport: a.exportId });
}
