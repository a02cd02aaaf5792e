/** An issuing agency as GraphQL shows it, with the public key that verifies its signatures. */
import type { IssuerInfo } from './catalogue';
import { issuerPublicKey, publicJwk, rawPublicKeyBase64, SIGNATURE_ALGORITHM } from './signing';
import type { IssuingAgencyKind, LicenseIssuer } from './types';

export function issuerView(info: Omit<IssuerInfo, 'kind'> & { kind: IssuerInfo['kind'] | null }): LicenseIssuer {
  const key = issuerPublicKey(info.code);
  return {
    agency: info.code,
    name: info.name,
    kind: info.kind as IssuingAgencyKind | null,
    divisionCode: info.divisionCode,
    algorithm: SIGNATURE_ALGORITHM,
    publicKey: key ? rawPublicKeyBase64(key) : null,
    jwk: key ? publicJwk(key, info.code) : null,
  };
}
