/**
 * 电子证照库 as GraphQL (administered by the data bureau, 市行政审批服务局 / 数据局, for the issuing
 * departments). What a licence is, who issued it and whether it is in force are shared without
 * conditions; what it says about its holder is conditional; the biometric data of identity
 * documents is not shared at all.
 *
 * `number` is conditional although it identifies the licence: for a 居民身份证 or a 机动车驾驶证 it
 * is the holder's citizen ID number, which 人口基础库 shares only on conditions (mask ID_NUMBER);
 * sharing it here without conditions would undo that policy through `Person.licenses`.
 */
import { createUnionType, Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { FieldPolicy, Resource, Sharing, keyPolicy } from '../../platform/policy/metadata';

export const PROVIDER = 'data-bureau';

/** Catalogue facts (types, issuers, public keys): published as open data. */
export const CATALOGUE: FieldPolicy = { type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: PROVIDER };
/** Facts about one licence that any authenticated agency may read. */
const LICENSE_FACT: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER };
/** Biometric enrolment of identity documents: never leaves public security. */
const BIOMETRIC: FieldPolicy = {
  type: 'NONE', open: 'CLOSED', level: 'L4', provider: 'public-security',
  basis:
    '《中华人民共和国居民身份证法》第三条（居民身份证登记项目包括本人相片、指纹信息）、第六条（公安机关及其人民警察对因制作、发放、查询、查验居民身份证而知悉的公民的个人信息，应当予以保密）；' +
    '《中华人民共和国个人信息保护法》第二十八条（生物识别信息属于敏感个人信息，只有在具有特定的目的和充分的必要性并采取严格保护措施的情形下方可处理）',
};

export enum LicenseStatus { VALID = 'VALID', EXPIRED = 'EXPIRED', REVOKED = 'REVOKED', SUSPENDED = 'SUSPENDED' }
registerEnumType(LicenseStatus, {
  name: 'LicenseStatus',
  description: '有效, 已过期 (validTo before today in China, derived), 已撤销/吊销/注销, 暂扣/中止',
});

export enum HolderKind { PERSON = 'PERSON', LEGAL_PERSON = 'LEGAL_PERSON' }
registerEnumType(HolderKind, { name: 'HolderKind', description: '自然人 (Person) or 法人和其他组织 (LegalPerson)' });

export enum IssuingAgencyKind {
  PUBLIC_SECURITY = 'PUBLIC_SECURITY',
  TRAFFIC_POLICE = 'TRAFFIC_POLICE',
  CIVIL_AFFAIRS = 'CIVIL_AFFAIRS',
  NATURAL_RESOURCES = 'NATURAL_RESOURCES',
  MARKET_REGULATION = 'MARKET_REGULATION',
  INSTITUTION_REGISTRATION = 'INSTITUTION_REGISTRATION',
  TRANSPORT = 'TRANSPORT',
  HEALTH = 'HEALTH',
}
registerEnumType(IssuingAgencyKind, {
  name: 'IssuingAgencyKind',
  description: '公安, 公安交管, 民政, 自然资源(不动产登记), 市场监管, 机构编制(事业单位登记), 交通运输, 卫生健康',
});

/** The population subgraph's Person, seen from here: its key, plus its licences. */
@ObjectType('Person')
@Directive('@key(fields: "id")')
export class PersonRef {
  @Field(() => ID)
  @Sharing(keyPolicy('public-security'))
  id: string;
}

/** The legal-person subgraph's LegalPerson, seen from here: its key, plus its licences. */
@ObjectType('LegalPerson')
@Directive('@key(fields: "id")')
export class LegalPersonRef {
  @Field(() => ID)
  @Sharing(keyPolicy('market-regulation', 'OPEN'))
  id: string;
}

export type HolderRef = (PersonRef | LegalPersonRef) & { __typename: 'Person' | 'LegalPerson' };

export const LicenseHolder = createUnionType({
  name: 'LicenseHolder',
  description: 'Who holds a licence: a Person (人口基础库) or a LegalPerson (法人基础库)',
  types: () => [PersonRef, LegalPersonRef] as const,
  resolveType: (value) => (value as HolderRef).__typename,
});

@ObjectType({ description: 'A type of licence in the national catalogue (证照类型).' })
export class LicenseType {
  @Field(() => String, { description: 'Stable code, e.g. BUSINESS_LICENSE' })
  @Sharing(CATALOGUE)
  code: string;

  @Field(() => String, { description: '证照名称, e.g. 营业执照' })
  @Sharing(CATALOGUE)
  name: string;

  @Field(() => [HolderKind], { description: 'Who may hold it' })
  @Sharing(CATALOGUE)
  holderKinds: HolderKind[];

  @Field(() => IssuingAgencyKind, { description: 'Which kind of agency issues it' })
  @Sharing(CATALOGUE)
  issuingAgencyKind: IssuingAgencyKind;

  @Field(() => String, { description: 'How its number is written' })
  @Sharing(CATALOGUE)
  numberFormat: string;

  @Field(() => String, { description: '设定依据: the law that creates it' })
  @Sharing(CATALOGUE)
  basis: string;

  @Field(() => String, { description: 'Validity rule' })
  @Sharing(CATALOGUE)
  validity: string;
}

@ObjectType({ description: "An issuer's public key as a JWK (RFC 8037): kty OKP, crv Ed25519." })
export class LicenseIssuerJwk {
  @Field(() => String) @Sharing(CATALOGUE) kty: string;
  @Field(() => String) @Sharing(CATALOGUE) crv: string;
  @Field(() => String, { description: 'Public key, base64url' }) @Sharing(CATALOGUE) x: string;
  @Field(() => String, { description: 'Key id: the agency code' }) @Sharing(CATALOGUE) kid: string;
  @Field(() => String) @Sharing(CATALOGUE) alg: string;
  @Field(() => String) @Sharing(CATALOGUE) use: string;
}

@ObjectType({ description: 'An issuing agency (发证机关) and the public key that verifies its signatures.' })
export class LicenseIssuer {
  @Field(() => String, { description: 'Agency code, e.g. market-regulation-430408; the key id of its signing key' })
  @Sharing(CATALOGUE)
  agency: string;

  @Field(() => String, { description: '发证机关名称' })
  @Sharing(CATALOGUE)
  name: string;

  @Field(() => IssuingAgencyKind, { nullable: true, description: 'Kind of agency; null for an issuer outside the catalogue' })
  @Sharing(CATALOGUE)
  kind: IssuingAgencyKind | null;

  @Field(() => String, { description: 'GB/T 2260 code of its jurisdiction (430400 for the city)' })
  @Sharing(CATALOGUE)
  divisionCode: string;

  @Field(() => String, { description: 'Signature algorithm: Ed25519 (RFC 8032)' })
  @Sharing(CATALOGUE)
  algorithm: string;

  @Field(() => String, { nullable: true, description: 'Ed25519 public key: 32 raw bytes, base64; null when no key is configured for this agency' })
  @Sharing(CATALOGUE)
  publicKey: string | null;

  @Field(() => LicenseIssuerJwk, { nullable: true, description: 'The same public key as a JWK' })
  @Sharing(CATALOGUE)
  jwk: LicenseIssuerJwk | null;
}

@ObjectType({ description: 'An electronic licence or certificate (电子证照), signed by its issuer.' })
@Directive('@key(fields: "id")')
@Resource({ code: 'HY-ZZ-001', name: '电子证照信息', summary: '个人与法人的电子证照：类型、编号、持证主体、发证机关、有效期、状态、内容与发证机关签名', updateCycle: 'REAL_TIME', provider: PROVIDER })
export class License {
  @Field(() => ID, { description: 'Pseudonymous key of (type, number, holder)' })
  @Sharing(keyPolicy(PROVIDER))
  id: string;

  @Field(() => String, { description: '证照编号 (for 居民身份证 and 机动车驾驶证: the citizen ID number; for registration certificates: the USCC)' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'ID_NUMBER', provider: PROVIDER })
  number: string;

  @Field(() => HolderKind)
  @Sharing(LICENSE_FACT)
  holderKind: HolderKind;

  @Field(() => String, { description: '持证主体名称: the name printed on the licence' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'SURNAME', provider: PROVIDER })
  holderName: string;

  @Field(() => String, { description: '签发日期 YYYY-MM-DD' })
  @Sharing(LICENSE_FACT)
  issueDate: string;

  @Field(() => String, { description: '有效期起始 YYYY-MM-DD' })
  @Sharing(LICENSE_FACT)
  validFrom: string;

  @Field(() => String, { nullable: true, description: '有效期截止 (last valid day, YYYY-MM-DD); null for 长期' })
  @Sharing(LICENSE_FACT)
  validTo: string | null;

  @Field(() => String, { nullable: true, description: 'Why the licence is revoked or suspended (吊销/注销/暂扣…), as the issuer recorded it' })
  @Sharing(LICENSE_FACT)
  statusReason: string | null;

  @Field(() => String, { description: "Issuer's Ed25519 signature (base64) over the canonical JSON of {number, type, holderKey, issuer, issueDate, validFrom, validTo, content}" })
  @Sharing({ type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: PROVIDER })
  signature: string;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the enrolled photo (居民身份证, 机动车驾驶证)' })
  @Sharing(BIOMETRIC)
  photoDigest: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether fingerprints were enrolled (居民身份证)' })
  @Sharing(BIOMETRIC)
  fingerprintEnrolled: boolean | null;
}

@ObjectType({ description: 'The answer to "is this licence, as presented, genuine and in force?" (证照核验).' })
export class LicenseVerification {
  @Field(() => Boolean, { description: 'The licence exists, its stored signature verifies with the issuer\'s published key, and the presented content equals the signed content' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  authentic: boolean;

  @Field(() => Boolean, { description: 'authentic and status VALID: the licence may be relied on today' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  valid: boolean;

  @Field(() => LicenseStatus, { nullable: true, description: 'Current status; null when no licence has this number' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  status: LicenseStatus | null;

  @Field(() => [String], { description: 'Stable codes of why it is not authentic or not valid: NOT_FOUND, SIGNATURE_INVALID, CONTENT_MISMATCH, EXPIRED, REVOKED, SUSPENDED; empty when valid' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  reasons: string[];

  @Field(() => [String], { description: 'The reasons explained, Chinese / English, in the same order' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  messages: string[];

  @Field(() => String, { description: 'Date of the check (China), against which EXPIRED is decided' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  checkedOn: string;

  @Field(() => License, { nullable: true, description: 'The stored licence the check was made against; its fields keep their own policies' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  license: unknown;
}
