/**
 * One file on purpose (over 300 lines): the item table of all thirteen licence kinds is read as one table; split by kind it would hide the shared classes.
 *
 * What each kind of licence says, as catalogue items (`<Type>.<field>`), and the class of each item.
 *
 * A licence's content used to be one JSON value (`License.content`) served under one policy whose
 * provider was the bureau hosting 电子证照库: the holder's 姓名 and 公民身份号码 travelled inside it
 * unmasked while `Person.name` and `Person.idNumber` were masked. Now every key of the content is
 * declared here once, with the GraphQL field that serves it and the class of the value; the class
 * says how strict the item is (the holder's name and ID number exactly as strict as `Person.name`
 * and `Person.idNumber`, with the same masks) and the kind's catalogue entry says who provides it.
 * A content key without a declaration is refused at seed time (`contentProblems`).
 */
import type { FieldPolicy } from '../../platform/policy/metadata';
import { LICENSE_TYPES, LicenseTypeCode, LicenseTypeInfo } from './catalogue';

/** Classes of the values a licence holds. */
export type ItemClass =
  /** A natural person's name: as Person.name. */
  | 'PERSON_NAME'
  /** A citizen ID number: as Person.idNumber. */
  | 'PERSON_ID_NUMBER'
  /** A date of birth: as Person.birthDate. */
  | 'PERSON_BIRTH_DATE'
  /** A person's (household) address or the location of their home: as Person.householdAddress. */
  | 'PERSON_ADDRESS'
  /** Other personal particulars printed on a personal licence (sex, nationality, file numbers…). */
  | 'PERSON_DETAIL'
  /** What a licence of a legal person or a permit says (scope, capital, premises, validity text…). */
  | 'LICENCE_DETAIL'
  /** The licence's own number printed in its content: exactly as `<Type>.number`. */
  | 'LICENCE_NUMBER';

const BIOMETRIC_BASIS =
  '《中华人民共和国居民身份证法》第三条（居民身份证登记项目包括本人相片、指纹信息）、第六条（公安机关及其人民警察对因制作、发放、查询、查验居民身份证而知悉的公民的个人信息，应当予以保密）；' +
  '《中华人民共和国个人信息保护法》第二十八条（生物识别信息属于敏感个人信息，只有在具有特定的目的和充分的必要性并采取严格保护措施的情形下方可处理）';

export function classPolicy(cls: ItemClass, t: LicenseTypeInfo): FieldPolicy {
  const provider = t.provider;
  switch (cls) {
    case 'LICENCE_NUMBER':
      return commonPolicies(t).number;
    case 'PERSON_NAME':
      return { type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'SURNAME', provider };
    case 'PERSON_ID_NUMBER':
      return { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'ID_NUMBER', provider };
    case 'PERSON_BIRTH_DATE':
      return { type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'YEAR', provider };
    case 'PERSON_ADDRESS':
      return { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'ADDRESS_DISTRICT', provider };
    case 'PERSON_DETAIL':
      return { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'FULL', provider };
    case 'LICENCE_DETAIL':
      return { type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'FULL', provider };
  }
}

export interface ContentField {
  /** Key of the content (or keys, for a nested value such as 男方 → 姓名). */
  path: string[];
  /** GraphQL field of the kind's type. */
  field: string;
  cls: ItemClass;
  description: string;
}

const f = (key: string, field: string, cls: ItemClass, description = key): ContentField => ({ path: key.split('.'), field, cls, description });

const party = (side: '男方' | '女方', prefix: string): ContentField[] => [
  f(`${side}.姓名`, `${prefix}Name`, 'PERSON_NAME', `${side}姓名`),
  f(`${side}.国籍`, `${prefix}Nationality`, 'PERSON_DETAIL', `${side}国籍`),
  f(`${side}.出生日期`, `${prefix}BirthDate`, 'PERSON_BIRTH_DATE', `${side}出生日期`),
  f(`${side}.身份证件号`, `${prefix}IdNumber`, 'PERSON_ID_NUMBER', `${side}身份证件号`),
];

/** Registration certificates of social organisations share one layout. */
const socialOrganisation = (funds: string): ContentField[] => [
  f('统一社会信用代码', 'uscc', 'LICENCE_DETAIL'),
  f('名称', 'name', 'LICENCE_DETAIL'),
  f('业务范围', 'businessScope', 'LICENCE_DETAIL'),
  f('住所', 'address', 'LICENCE_DETAIL'),
  f('法定代表人', 'legalRepresentative', 'PERSON_NAME'),
  f(funds, 'funds', 'LICENCE_DETAIL'),
  f('有效期', 'validityPeriod', 'LICENCE_DETAIL'),
  f('登记管理机关', 'registrationAuthority', 'LICENCE_DETAIL'),
];

/** Every content key of every kind. Two keys may share a field when a kind has layout variants
 *  (营业执照 of a company: 经营范围; of a cooperative: 业务范围): a licence holds one of them. */
export const CONTENT_FIELDS: Record<LicenseTypeCode, ContentField[]> = {
  ID_CARD: [
    f('姓名', 'name', 'PERSON_NAME'),
    f('性别', 'gender', 'PERSON_DETAIL'),
    f('出生', 'birthDate', 'PERSON_BIRTH_DATE'),
    f('住址', 'address', 'PERSON_ADDRESS'),
    f('公民身份号码', 'idNumber', 'PERSON_ID_NUMBER'),
    f('签发机关', 'issuingAuthority', 'PERSON_DETAIL'),
    f('有效期限', 'validityPeriod', 'PERSON_DETAIL'),
  ],
  DRIVING_LICENSE: [
    f('证号', 'idNumber', 'PERSON_ID_NUMBER', '证号（公民身份号码）'),
    f('姓名', 'name', 'PERSON_NAME'),
    f('性别', 'gender', 'PERSON_DETAIL'),
    f('国籍', 'nationality', 'PERSON_DETAIL'),
    f('住址', 'address', 'PERSON_ADDRESS'),
    f('出生日期', 'birthDate', 'PERSON_BIRTH_DATE'),
    f('初次领证日期', 'firstIssueDate', 'PERSON_DETAIL'),
    f('准驾车型', 'vehicleClass', 'PERSON_DETAIL'),
    f('有效期限', 'validityPeriod', 'PERSON_DETAIL'),
    f('档案编号', 'fileNumber', 'PERSON_DETAIL'),
  ],
  MARRIAGE_CERTIFICATE: [
    f('持证人', 'bearerName', 'PERSON_NAME'),
    f('登记日期', 'registrationDate', 'PERSON_DETAIL'),
    f('结婚证字号', 'certificateNumber', 'LICENCE_NUMBER', '结婚证字号 (the licence number)'),
    ...party('男方', 'husband'),
    ...party('女方', 'wife'),
    f('婚姻登记机关', 'registrationAuthority', 'PERSON_DETAIL'),
  ],
  REAL_ESTATE_CERTIFICATE: [
    f('权利人', 'rightHolder', 'PERSON_NAME'),
    f('共有情况', 'coOwnership', 'PERSON_DETAIL'),
    f('坐落', 'location', 'PERSON_ADDRESS'),
    f('不动产单元号', 'unitNumber', 'PERSON_DETAIL'),
    f('权利类型', 'rightType', 'LICENCE_DETAIL'),
    f('权利性质', 'rightNature', 'LICENCE_DETAIL'),
    f('用途', 'use', 'LICENCE_DETAIL'),
    f('面积', 'area', 'PERSON_DETAIL'),
    f('使用期限', 'termOfUse', 'LICENCE_DETAIL'),
    f('权利其他状况', 'otherConditions', 'PERSON_DETAIL'),
  ],
  BUSINESS_LICENSE: [
    f('统一社会信用代码', 'uscc', 'LICENCE_DETAIL'),
    f('名称', 'name', 'LICENCE_DETAIL'),
    f('类型', 'businessType', 'LICENCE_DETAIL'),
    f('经营者', 'operator', 'PERSON_NAME', '经营者 (个体工商户)'),
    f('组成形式', 'organisationForm', 'LICENCE_DETAIL'),
    f('注册日期', 'registrationDate', 'LICENCE_DETAIL'),
    f('法定代表人', 'legalRepresentative', 'PERSON_NAME'),
    f('注册资本', 'registeredCapital', 'LICENCE_DETAIL'),
    f('成员出资总额', 'memberContributions', 'LICENCE_DETAIL', '成员出资总额 (农民专业合作社)'),
    f('成立日期', 'establishedDate', 'LICENCE_DETAIL'),
    f('营业期限', 'businessTerm', 'LICENCE_DETAIL'),
    f('经营范围', 'businessScope', 'LICENCE_DETAIL', '经营范围 (业务范围 for a cooperative)'),
    f('业务范围', 'businessScope', 'LICENCE_DETAIL'),
    f('经营场所', 'premises', 'PERSON_ADDRESS', "经营场所 (个体工商户: often the operator's home)"),
    f('住所', 'address', 'LICENCE_DETAIL'),
    f('登记机关', 'registrationAuthority', 'LICENCE_DETAIL'),
  ],
  INSTITUTION_LEGAL_PERSON_CERTIFICATE: [
    f('统一社会信用代码', 'uscc', 'LICENCE_DETAIL'),
    f('名称', 'name', 'LICENCE_DETAIL'),
    f('宗旨和业务范围', 'purposeAndScope', 'LICENCE_DETAIL'),
    f('住所', 'address', 'LICENCE_DETAIL'),
    f('法定代表人', 'legalRepresentative', 'PERSON_NAME'),
    f('开办资金', 'funds', 'LICENCE_DETAIL'),
    f('有效期', 'validityPeriod', 'LICENCE_DETAIL'),
    f('经费来源', 'fundingSource', 'LICENCE_DETAIL'),
    f('举办单位', 'sponsor', 'LICENCE_DETAIL'),
    f('登记管理机关', 'registrationAuthority', 'LICENCE_DETAIL'),
  ],
  ORGAN_CREDIT_CODE_CERTIFICATE: [
    f('统一社会信用代码', 'uscc', 'LICENCE_DETAIL'),
    f('机构名称', 'name', 'LICENCE_DETAIL'),
    f('机构性质', 'nature', 'LICENCE_DETAIL'),
    f('机构地址', 'address', 'LICENCE_DETAIL'),
    f('负责人', 'head', 'PERSON_NAME'),
    f('赋码机关', 'codingAuthority', 'LICENCE_DETAIL'),
  ],
  SOCIAL_ORGANISATION_CERTIFICATE: socialOrganisation('注册资金'),
  PRIVATE_NON_ENTERPRISE_CERTIFICATE: socialOrganisation('开办资金'),
  FOUNDATION_CERTIFICATE: socialOrganisation('原始基金数额'),
  FOOD_BUSINESS_PERMIT: [
    f('经营者名称', 'operatorName', 'LICENCE_DETAIL'),
    f('社会信用代码', 'uscc', 'LICENCE_DETAIL'),
    f('法定代表人（负责人）', 'legalRepresentative', 'PERSON_NAME'),
    f('住所', 'address', 'LICENCE_DETAIL'),
    f('经营场所', 'premises', 'PERSON_ADDRESS', '经营场所 (for an individual business, often a home)'),
    f('主体业态', 'businessForm', 'LICENCE_DETAIL'),
    f('经营项目', 'businessItems', 'LICENCE_DETAIL'),
    f('有效期至', 'validUntil', 'LICENCE_DETAIL'),
    f('日常监督管理机构', 'supervisingAuthority', 'LICENCE_DETAIL'),
  ],
  ROAD_TRANSPORT_PERMIT: [
    f('业户名称', 'operatorName', 'LICENCE_DETAIL'),
    f('地址', 'address', 'LICENCE_DETAIL'),
    f('法定代表人', 'legalRepresentative', 'PERSON_NAME'),
    f('经济类型', 'economicType', 'LICENCE_DETAIL'),
    f('经营范围', 'businessScope', 'LICENCE_DETAIL'),
    f('有效期限', 'validityPeriod', 'LICENCE_DETAIL'),
  ],
  PUBLIC_PLACE_HYGIENE_PERMIT: [
    f('单位名称', 'name', 'LICENCE_DETAIL'),
    f('法定代表人（负责人）', 'legalRepresentative', 'PERSON_NAME'),
    f('地址', 'address', 'LICENCE_DETAIL'),
    f('许可项目', 'permittedItems', 'LICENCE_DETAIL'),
    f('有效期限', 'validityPeriod', 'LICENCE_DETAIL'),
  ],
};

/** The distinct content fields of a kind (one per GraphQL field), in declaration order. */
export function contentFieldsOf(code: LicenseTypeCode): ContentField[] {
  const seen = new Set<string>();
  return CONTENT_FIELDS[code].filter((c) => (seen.has(c.field) ? false : (seen.add(c.field), true)));
}

/** The value of a content field of one licence: the first of its keys the content holds. */
export function readContentField(content: Record<string, unknown>, code: LicenseTypeCode, field: string): string | null {
  for (const c of CONTENT_FIELDS[code]) {
    if (c.field !== field) continue;
    let v: unknown = content;
    for (const k of c.path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    if (v !== undefined && v !== null) return String(v);
  }
  return null;
}

/** Keys of a content that no item declares (path joined with '.'): a licence with any is refused. */
export function contentProblems(code: LicenseTypeCode, content: Record<string, unknown>): string[] {
  const declared = new Set(CONTENT_FIELDS[code].map((c) => c.path.join('.')));
  const prefixes = new Set(CONTENT_FIELDS[code].filter((c) => c.path.length > 1).map((c) => c.path.slice(0, -1).join('.')));
  const problems: string[] = [];
  const walk = (obj: Record<string, unknown>, at: string[]) => {
    for (const [k, v] of Object.entries(obj)) {
      const path = [...at, k].join('.');
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && prefixes.has(path)) walk(v as Record<string, unknown>, [...at, k]);
      else if (!declared.has(path)) problems.push(path);
    }
  };
  walk(content, []);
  return problems;
}

// ---- the facts every licence has, per kind ---------------------------------------------------------

/** Kinds only persons hold, or whose content is about a person (a home's 不动产权证书). */
const personal = (t: LicenseTypeInfo) => t.holderKinds.includes('PERSON');

/**
 * The mask of a licence number, chosen so that a masked number beside what the same agency may read
 * of the licence (issuer → division, issue date → year) leaves at least 10^6 candidates:
 * - ID card, driving licence: the number is the ID number, masked as Person.idNumber;
 * - 结婚证 J<division>-<year>-<6-digit serial>: KEEP(8,0) keeps `J430408-` and hides year and serial:
 *   with issuer and issue date known the serial alone remains, 10^6 candidates;
 * - 不动产权证书: a keyed hash (the place name before the serial has no fixed length);
 * - USCC-numbered certificates and permits: as the ID number mask (thematic queries show it).
 */
export function numberMask(code: LicenseTypeCode): string {
  switch (code) {
    case 'MARRIAGE_CERTIFICATE':
      return 'KEEP(8,0)';
    case 'REAL_ESTATE_CERTIFICATE':
      return 'HASH';
    default:
      return 'ID_NUMBER';
  }
}

/** The licence lists that walk a kind's `holder` back: Person.licenses and/or LegalPerson.licenses. */
export const holderListsOf = (t: LicenseTypeInfo): string => t.holderKinds.map((k) => (k === 'PERSON' ? 'Person.licenses' : 'LegalPerson.licenses')).join(', ');

/** Policies of the fields every kind has (the `License` interface's fields), for one kind. */
export function commonPolicies(t: LicenseTypeInfo): Record<string, FieldPolicy> {
  const provider = t.provider;
  const fact: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider };
  const closedL1: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider };
  const openL1: FieldPolicy = { type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider };
  // Both spouses' 结婚证 carry the same registration date and office: served without conditions,
  // they pair every spouse in the city. They are conditional for this kind.
  const pairing: FieldPolicy = { type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'FULL', provider };
  const marriage = t.code === 'MARRIAGE_CERTIFICATE';
  return {
    id: { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', mask: 'FULL', provider },
    number: { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: numberMask(t.code), provider },
    holderKind: fact,
    holderName: personal(t) ? classPolicy('PERSON_NAME', t) : { type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'SURNAME', provider },
    issueDate: marriage ? pairing : fact,
    validFrom: marriage ? pairing : fact,
    validTo: fact,
    // A reason on a person's licence can say drink-driving, death or a sale: conditional. Reasons on
    // legal persons' licences (吊销营业执照, 注销登记) are publicised by law (企业信息公示暂行条例 第七条).
    statusReason: personal(t) ? { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'FULL', provider } : fact,
    // Signed over a salted commitment (signing.ts): reveals nothing about what it signs.
    signature: openL1,
    type: openL1,
    issuer: marriage ? pairing : openL1,
    // Walked back by the holder's licence list (one inverse per kind of holder the kind may have).
    holder: { ...closedL1, inverse: holderListsOf(t) },
    status: closedL1,
  };
}

export const BIOMETRIC: FieldPolicy = { type: 'NONE', open: 'CLOSED', level: 'L4', provider: 'public-security', basis: BIOMETRIC_BASIS };

/** Every item of a kind, `<Type>.<field>` → policy (common facts, content, biometrics). */
export function itemPolicies(t: LicenseTypeInfo): Map<string, FieldPolicy> {
  const m = new Map<string, FieldPolicy>();
  for (const [field, p] of Object.entries(commonPolicies(t))) m.set(`${t.graphqlName}.${field}`, p);
  for (const c of contentFieldsOf(t.code)) m.set(`${t.graphqlName}.${c.field}`, classPolicy(c.cls, t));
  if (t.code === 'ID_CARD' || t.code === 'DRIVING_LICENSE') m.set(`${t.graphqlName}.photoDigest`, BIOMETRIC);
  if (t.code === 'ID_CARD') m.set(`${t.graphqlName}.fingerprintEnrolled`, BIOMETRIC);
  return m;
}

export const ALL_KINDS = LICENSE_TYPES;
