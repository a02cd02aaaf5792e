/**
 * 电子证照库 as GraphQL. The data bureau (市行政审批服务局 / 数据局) hosts the library and provides
 * its services (lookups, verification, the catalogue of types and issuers); what a licence says is
 * provided by the agency responsible for that kind of licence (items.ts): hosting is not owning.
 * What a licence is, who issued it and whether it is in force are shared without conditions (but
 * see items.ts for the kinds where such facts pair people); what it says about its holder is
 * conditional, typed field by typed field; the biometric data of identity documents is not shared.
 *
 * `number` is conditional although it identifies the licence: for a 居民身份证 or a 机动车驾驶证 it
 * is the holder's citizen ID number, which 人口基础库 shares only on conditions (mask ID_NUMBER);
 * sharing it here without conditions would undo that policy through `Person.licenses`.
 */
import { createUnionType, Directive, Field, ID, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { FieldPolicy, Resource, Sharing } from '../../platform/policy/metadata';
import { LICENSE_TYPES, LicenseTypeInfo } from './catalogue';
import { contentFieldsOf, itemPolicies } from './items';
import { entityStub } from '../../platform/subgraph/entity-stub';
import { PERSON_OWNER } from '../population/entity-keys';
import { LEGAL_PERSON_OWNER } from '../legal-person/entity-keys';

/** The bureau hosting 电子证照库: provider of its services and catalogue, not of what licences say. */
export const PROVIDER = 'data-bureau';

/** Catalogue facts (types, issuers, public keys): published as open data. */
export const CATALOGUE: FieldPolicy = { type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: PROVIDER };

export enum LicenseStatus {
  VALID = 'VALID',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(LicenseStatus, {
  name: 'LicenseStatus',
  description: '有效, 已过期 (validTo before today in China, derived), 已撤销/吊销/注销, 暂扣/中止',
});

export enum HolderKind {
  PERSON = 'PERSON',
  LEGAL_PERSON = 'LEGAL_PERSON',
}
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
export const PersonRef = entityStub(PERSON_OWNER);
export type PersonRef = InstanceType<typeof PersonRef>;

/** The legal-person subgraph's LegalPerson, seen from here: its key, plus its licences. */
export const LegalPersonRef = entityStub(LEGAL_PERSON_OWNER);
export type LegalPersonRef = InstanceType<typeof LegalPersonRef>;

export type HolderRef = PersonRef & { __typename: 'Person' | 'LegalPerson' };

export const LicenseHolder = createUnionType({
  name: 'LicenseHolder',
  description: 'Who holds a licence: a Person (人口基础库) or a LegalPerson (法人基础库)',
  types: () => [PersonRef, LegalPersonRef] as const,
  resolveType: (value) => (value as HolderRef).__typename,
});

@ObjectType({ description: 'A type of licence in the national catalogue (证照类型).' })
@Resource({
  code: 'HY-ZZ-101',
  name: '证照类型目录',
  summary: '电子证照的类型、持证主体类别、发证机关类别、编号规则、设定依据与有效期规则',
  updateCycle: 'YEARLY',
  provider: PROVIDER,
  computedFrom: 'reference/licences.ts: the national licence catalogue and issuers, updated by release',
})
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
@Resource({
  code: 'HY-ZZ-103',
  name: '发证机关验签公钥（JWK）',
  summary: '发证机关 Ed25519 验签公钥的 JWK 表示',
  updateCycle: 'YEARLY',
  provider: PROVIDER,
  computedFrom: 'LicenseIssuer',
})
export class LicenseIssuerJwk {
  @Field(() => String) @Sharing(CATALOGUE) kty: string;
  @Field(() => String) @Sharing(CATALOGUE) crv: string;
  @Field(() => String, { description: 'Public key, base64url' }) @Sharing(CATALOGUE) x: string;
  @Field(() => String, { description: 'Key id: the agency code' }) @Sharing(CATALOGUE) kid: string;
  @Field(() => String) @Sharing(CATALOGUE) alg: string;
  @Field(() => String) @Sharing(CATALOGUE) use: string;
}

@ObjectType({ description: 'An issuing agency (发证机关) and the public key that verifies its signatures.' })
@Resource({
  code: 'HY-ZZ-102',
  name: '发证机关目录',
  summary: '发证机关的名称、类别、辖区与验签公钥',
  updateCycle: 'YEARLY',
  provider: PROVIDER,
  computedFrom: 'reference/licences.ts: the national licence catalogue and issuers, updated by release',
})
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

/**
 * An electronic licence or certificate (电子证照), signed by its issuer. One GraphQL type per kind
 * (IdCard, BusinessLicense, …) implements this interface: each kind is its own catalogue resource
 * whose items (`<Type>.<field>`) its responsible agency provides (items.ts). The interface's
 * fields are nullable because each kind may classify them differently (a 结婚证's issuer is
 * conditional); select a kind's own fields with `... on IdCard { name idNumber }`.
 */
@InterfaceType('License', {
  description: 'An electronic licence (电子证照). Each kind is its own type and catalogue resource, provided by the agency responsible for it.',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class License {
  @Field(() => ID, { description: 'Pseudonymous key of (type, number, holder)' })
  id: string;

  @Field(() => String, {
    nullable: true,
    description: '证照编号 (for 居民身份证 and 机动车驾驶证: the citizen ID number; for registration certificates: the USCC)',
  })
  number: string | null;

  @Field(() => HolderKind, { nullable: true })
  holderKind: HolderKind | null;

  @Field(() => String, { nullable: true, description: '持证主体名称: the name printed on the licence' })
  holderName: string | null;

  @Field(() => String, { nullable: true, description: '签发日期 YYYY-MM-DD' })
  issueDate: string | null;

  @Field(() => String, { nullable: true, description: '有效期起始 YYYY-MM-DD' })
  validFrom: string | null;

  @Field(() => String, { nullable: true, description: '有效期截止 (last valid day, YYYY-MM-DD); null for 长期' })
  validTo: string | null;

  @Field(() => String, { nullable: true, description: 'Why the licence is revoked or suspended (吊销/注销/暂扣…), as the issuer recorded it' })
  statusReason: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Issuer's Ed25519 signature (base64) over a salted commitment to the licence (see verifyLicense): reveals nothing about the content",
  })
  signature: string | null;

  @Field(() => LicenseType, { nullable: true, description: '证照类型' })
  type: LicenseType | null;

  @Field(() => LicenseHolder, { nullable: true, description: '持证主体: the Person or LegalPerson (resolved by their own subgraphs)' })
  holder: HolderRef | null;

  @Field(() => LicenseIssuer, { nullable: true, description: '发证机关, with the public key that verifies the signature' })
  issuer: LicenseIssuer | null;

  @Field(() => LicenseStatus, { nullable: true, description: 'Status today: EXPIRED when otherwise valid and validTo is before today (China)' })
  status: LicenseStatus | null;
}

/** GraphQL types of the common fields (policies come from items.ts, per kind). */
const COMMON_FIELDS: [string, () => unknown, boolean, string][] = [
  ['id', () => ID, false, 'Pseudonymous key of (type, number, holder)'],
  ['number', () => String, false, '证照编号'],
  ['holderKind', () => HolderKind, false, '持证主体类别'],
  ['holderName', () => String, false, '持证主体名称: the name printed on the licence'],
  ['issueDate', () => String, false, '签发日期 YYYY-MM-DD'],
  ['validFrom', () => String, false, '有效期起始 YYYY-MM-DD'],
  ['validTo', () => String, true, '有效期截止 (last valid day, YYYY-MM-DD); null for 长期'],
  ['statusReason', () => String, true, 'Why the licence is revoked or suspended, as the issuer recorded it'],
  ['signature', () => String, true, "Issuer's Ed25519 signature over a salted commitment; null on a record not yet re-signed"],
  ['type', () => LicenseType, false, '证照类型'],
  ['holder', () => LicenseHolder, false, '持证主体'],
  ['issuer', () => LicenseIssuer, false, '发证机关'],
  ['status', () => LicenseStatus, false, 'Status today'],
];

/** Declares the GraphQL type of one licence kind: the common fields and its content fields, each
 *  with the policy items.ts gives it, as one catalogue resource provided by the responsible agency. */
function defineLicenseKind(t: LicenseTypeInfo): Function {
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- an empty class named at run time; its fields are added below
  const cls = { [t.graphqlName]: class {} }[t.graphqlName];
  const policies = itemPolicies(t);
  const field = (name: string, type: () => unknown, nullable: boolean, description: string) => {
    const policy = policies.get(`${t.graphqlName}.${name}`);
    if (!policy) throw new Error(`no policy for ${t.graphqlName}.${name}`);
    Field(type as never, { nullable, description })(cls.prototype, name);
    Sharing(policy)(cls.prototype, name);
  };
  for (const [name, type, nullable, description] of COMMON_FIELDS) field(name, type, nullable, description);
  for (const c of contentFieldsOf(t.code)) field(c.field, () => String, true, c.description);
  if (policies.has(`${t.graphqlName}.photoDigest`)) field('photoDigest', () => String, true, 'SHA-256 of the enrolled photo');
  if (policies.has(`${t.graphqlName}.fingerprintEnrolled`)) field('fingerprintEnrolled', () => Boolean, true, 'Whether fingerprints were enrolled');
  Resource({
    code: t.resourceCode,
    name: `电子证照：${t.name}`,
    summary: `${t.name}的编号、持证主体、发证机关、有效期、状态与证面内容（${t.basis}）`,
    updateCycle: 'REAL_TIME',
    provider: t.provider,
  })(cls);
  Directive('@key(fields: "id")')(cls);
  ObjectType(t.graphqlName, { implements: License, description: `${t.name} (${t.code}), provided by ${t.provider}` })(cls);
  return cls;
}

/** One type a kind, in catalogue order. */
export const LICENSE_KIND_TYPES: Function[] = LICENSE_TYPES.map(defineLicenseKind);

@ObjectType({ description: 'The answer to "is this licence, as presented, genuine and in force?" (证照核验).' })
@Resource({
  code: 'HY-ZZ-104',
  name: '证照核验结果',
  summary: '对出示的电子证照是否真实、有效的核验结论（按需计算，不存储）',
  updateCycle: 'REAL_TIME',
  provider: PROVIDER,
  computedFrom: 'the licences of every kind (License)',
})
export class LicenseVerification {
  @Field(() => Boolean, {
    description: "The licence exists, its stored signature verifies with the issuer's published key, and the presented content equals the signed content",
  })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  authentic: boolean;

  @Field(() => Boolean, { description: 'authentic and status VALID: the licence may be relied on today' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  valid: boolean;

  @Field(() => LicenseStatus, { nullable: true, description: 'Current status; null when no licence has this number' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  status: LicenseStatus | null;

  @Field(() => [String], {
    description:
      'Stable codes of why it is not authentic or not valid: NOT_FOUND, SIGNATURE_INVALID, CONTENT_MISMATCH, EXPIRED, REVOKED, SUSPENDED; empty when valid',
  })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  reasons: string[];

  @Field(() => [String], { description: 'The reasons explained, Chinese / English, in the same order' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  messages: string[];

  @Field(() => String, { description: 'Date of the check (China), against which EXPIRED is decided' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  checkedOn: string;

  @Field(() => License, { nullable: true, description: 'The stored licence the check was made against; its fields keep their own policies' })
  @Sharing({
    type: 'UNCONDITIONAL',
    open: 'CLOSED',
    level: 'L1',
    provider: PROVIDER,
    inverse: 'none: the answer to one check of a presented licence, not a stored relation; reached only through the budgeted verifyLicense lookup',
  })
  license: unknown;
}
