/**
 * A stored licence as its kind's GraphQL type sees it: the common facts, the typed content fields
 * (items.ts) and `__typename`, so that the `License` interface resolves to the kind. The row's
 * salt never appears here: it is what keeps the open signature from being a guessing machine.
 */
import { effectiveStatus, findIssuer, licenseType } from './catalogue';
import type { LicenseEntity } from './entities';
import { contentFieldsOf, readContentField } from './items';
import { issuerView } from './issuers';
import { serveCarried } from './carried';
import type { RequestPolicy } from '../../platform/policy/request';

export interface LicenseView {
  __typename: string;
  /** Pseudonymous key of the holder: the audit subject of every field of the licence. */
  holderId: string;
  [field: string]: unknown;
}

/** `policy`: the reader's, which decides how a name or address the licence carries is served (carried.ts). */
export function licenseView(row: LicenseEntity, policy: RequestPolicy): LicenseView {
  const t = licenseType(row.typeCode);
  const view: LicenseView = {
    __typename: t.graphqlName,
    holderId: row.holderId,
    id: row.id,
    number: row.number,
    holderKind: row.holderKind,
    holderName: row.holderName,
    issueDate: row.issueDate,
    validFrom: row.validFrom,
    validTo: row.validTo ?? null,
    statusReason: row.statusReason ?? null,
    // A record signed before salted commitments existed would still be a guessing machine.
    signature: row.salt ? row.signature : null,
    photoDigest: row.photoDigest ?? null,
    fingerprintEnrolled: row.fingerprintEnrolled ?? null,
  };
  for (const c of contentFieldsOf(t.code)) view[c.field] = readContentField(row.content, t.code, c.field);
  serveCarried(view, row, t.provider, policy);
  // Computed on demand: most queries select few of them.
  Object.defineProperties(view, {
    type: { enumerable: true, get: () => t },
    holder: { enumerable: true, get: () => ({ __typename: row.holderKind === 'PERSON' ? 'Person' : 'LegalPerson', id: row.holderId }) },
    issuer: {
      enumerable: true,
      // Every seeded issuer is in the catalogue; a record naming another agency still shows its name and key.
      get: () => issuerView(findIssuer(row.issuerCode) ?? { code: row.issuerCode, name: row.issuerName, kind: null, divisionCode: row.issuerCode.slice(-6) }),
    },
    status: { enumerable: true, get: () => effectiveStatus(row.status, row.validTo ?? null) },
  });
  return view;
}

export const licenseViews = (rows: LicenseEntity[], policy: RequestPolicy) => rows.map((r) => licenseView(r, policy));
