/**
 * What a file of 电子证照库 holds (issue 11): one row per licence, held to the API's rules, loaded
 * by the licence kind's provider (reference/licences.ts `provider`: 市场监管 its 营业执照, 公安 its
 * 身份证…), never by the bureau that hosts the database nor by another kind's provider (a row of
 * another agency's kind is a row problem: the file is refused as a whole).
 *
 * - `type`: the kind's code (BUSINESS_LICENSE) or Chinese name (营业执照); `number` must fit its
 *   format (as `license(number:, type:)` validates it, check characters included).
 * - `holder`: the holder's citizen ID number (holderKind PERSON) or USCC (LEGAL_PERSON), of a
 *   kind the licence type may be held by; stored as the pseudonymous key, never served as such.
 * - `issuer`: the issuing agency's code (market-regulation-430408), of the kind's issuing agency
 *   kind; its name is the register's, never the file's.
 * - `content`: a JSON object whose keys are all declared items of the kind (items.ts).
 * - The platform signs every licence it stores (signing.ts): a fresh secret salt and the issuer's
 *   Ed25519 signature over the salted commitment are made here; a file cannot carry either (an
 *   unknown column: a CSV is refused as a file, an NDJSON record as a row problem).
 */
import { day, idNumber, oneOf, optional, required, RuleError, text, uscc, notBefore, type FieldProblem, type Rule } from '../../platform/ingest/rules';
import type { IngestSpec } from '../../platform/ingest/spec';
import { legalPersonKey, personKey, pseudonymousKey } from '../../platform/keys';
import { GraphQLError } from 'graphql';
import { findIssuer, findLicenseType, LICENSE_TYPES, licenseType, type LicenseTypeCode } from './catalogue';
import { classifyNumber } from './numbers';
import { contentProblems } from './items';
import { canonicalJson, newSalt, signLicense, type JsonObject } from './signing';

/** The licence's key, as the seed keys it (seed/e-license.ts licenseKey). */
export const licenceKey = (type: string, number: string, holderKey: string) => pseudonymousKey('license', `${type}|${number}|${holderKey}`);

const licenceType: Rule<string> = (raw) => {
  const t = findLicenseType(raw ?? '');
  if (!t) throw new RuleError(`must be a licence type code or name (${LICENSE_TYPES.map((x) => x.code).join(', ')}), got ${JSON.stringify(raw)}`);
  return t.code;
};

const contentObject: Rule<JsonObject> = (raw) => {
  let v: unknown;
  try {
    v = JSON.parse(raw ?? '');
  } catch {
    throw new RuleError('must be a JSON object (the licence content), got text that is not JSON');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new RuleError('must be a JSON object (the licence content)');
  try {
    canonicalJson(v);
  } catch (e) {
    throw new RuleError(`cannot be signed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return v as JsonObject;
};

/** Across fields: number and holder of the type, issuer of its kind, dates in order; derives key material, issuer name and the signature. */
function checkLicence(values: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const t = licenseType(values.type as string);
  if (typeof values.number === 'string') {
    try {
      values.number = classifyNumber(values.number, 'number', t).number;
    } catch (e) {
      problems.push({ field: 'number', reason: e instanceof GraphQLError || e instanceof Error ? e.message : String(e) });
    }
  }
  const kind = values.holderKind as 'PERSON' | 'LEGAL_PERSON';
  if (!t.holderKinds.includes(kind)) problems.push({ field: 'holderKind', reason: `a ${t.name} is held by ${t.holderKinds.join(' or ')}, not ${kind}` });
  else {
    try {
      values.holder = kind === 'PERSON' ? personKey(idNumber(values.holder as string)) : legalPersonKey(uscc(values.holder as string));
    } catch (e) {
      problems.push({ field: 'holder', reason: `${e instanceof Error ? e.message : String(e)} (holderKind ${kind})` });
    }
  }
  const issuer = findIssuer(values.issuer as string);
  if (!issuer) problems.push({ field: 'issuer', reason: `${JSON.stringify(values.issuer)} is not a catalogued issuing agency code (licenceIssuers)` });
  else if (issuer.kind !== t.issuingAgencyKind)
    problems.push({ field: 'issuer', reason: `a ${t.name} is issued by a ${t.issuingAgencyKind} agency, not ${issuer.code}` });
  else values.issuerName = issuer.name;
  problems.push(...notBefore(values, 'validTo', 'validFrom'));
  if (values.status === 'VALID' && values.statusReason != null)
    problems.push({ field: 'statusReason', reason: 'is given only for a REVOKED or SUSPENDED licence' });
  const undeclared = contentProblems(t.code, values.content as Record<string, unknown>);
  if (undeclared.length) problems.push({ field: 'content', reason: `keys without a declared item of ${t.name}: ${undeclared.join(', ')}` });
  if (problems.length) return problems;
  // The platform signs what it stores: a fresh secret salt, the issuer's key (signing.ts).
  values.salt = newSalt();
  values.signature = signLicense({
    number: values.number as string,
    type: t.code,
    holderKey: values.holder as string,
    issuer: values.issuer as string,
    issueDate: values.issueDate as string,
    validFrom: values.validFrom as string,
    validTo: (values.validTo as string | null) ?? null,
    content: values.content as JsonObject,
    salt: values.salt as string,
  });
  return problems;
}

export const LICENCE_INGEST: IngestSpec = {
  typeName: 'License',
  table: 'license',
  keyField: 'number',
  columns: {
    type: 'type_code',
    number: 'number',
    holderKind: 'holder_kind',
    holder: 'holder_id',
    holderName: 'holder_name',
    issuer: 'issuer_code',
    issueDate: 'issue_date',
    validFrom: 'valid_from',
    validTo: 'valid_to',
    status: 'status',
    statusReason: 'status_reason',
    content: 'content',
  },
  derivedColumns: { issuerName: 'issuer_name', signature: 'signature', salt: 'salt' },
  rules: {
    type: required(licenceType),
    number: required(text(64)),
    holderKind: required(oneOf(['PERSON', 'LEGAL_PERSON'])),
    holder: required(text(18)),
    holderName: required(text(200)),
    issuer: required(text(80)),
    issueDate: required(day),
    validFrom: required(day),
    validTo: optional(day),
    // EXPIRED is read off the dates, never stored.
    status: required(oneOf(['VALID', 'REVOKED', 'SUSPENDED'])),
    statusReason: optional(text(200)),
    content: required(contentObject),
  },
  check: checkLicence,
  keyOf: () => {
    throw new Error('a licence is keyed by type, number and holder (recordKey)');
  },
  recordKey: (v) => licenceKey(v.type as string, v.number as string, v.holder as string),
  providerOf: (v) => licenseType(v.type as LicenseTypeCode).provider,
  providers: [...new Set(LICENSE_TYPES.map((t) => t.provider))],
  // validTo and statusReason may be empty but their columns are required: a licence is signed as a
  // whole, so a row that left validTo out could not keep a stored one under a new signature.
  // The holder is read through holder (a Person or LegalPerson), under its own policy: its key is not a change value.
  internalFields: ['holder'],
};
