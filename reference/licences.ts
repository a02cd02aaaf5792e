/**
 * The national licence catalogue as Hengyang uses it: which licence types exist (national types,
 * Chinese names, who may hold them, which kind of agency issues them, the law that creates them,
 * the agency responsible for each kind) and which Hengyang agencies issue them. Reference data,
 * like the division list: the e-license subgraph, the catalog's seed, the synthetic city and the
 * tests read the same table. Issuer names follow the forms the legal-person seed uses for
 * registration authorities (`衡阳市蒸湘区市场监督管理局`, `衡阳县民政局`), so a 营业执照's issuer is
 * its 登记机关.
 */
import { CITY_CODE, COUNTY_DIVISIONS, Division, divisionByCode, isUrban } from './divisions';

export const LICENSE_TYPE_CODES = [
  'ID_CARD',
  'DRIVING_LICENSE',
  'MARRIAGE_CERTIFICATE',
  'REAL_ESTATE_CERTIFICATE',
  'BUSINESS_LICENSE',
  'INSTITUTION_LEGAL_PERSON_CERTIFICATE',
  'ORGAN_CREDIT_CODE_CERTIFICATE',
  'SOCIAL_ORGANISATION_CERTIFICATE',
  'PRIVATE_NON_ENTERPRISE_CERTIFICATE',
  'FOUNDATION_CERTIFICATE',
  'FOOD_BUSINESS_PERMIT',
  'ROAD_TRANSPORT_PERMIT',
  'PUBLIC_PLACE_HYGIENE_PERMIT',
] as const;
export type LicenseTypeCode = (typeof LICENSE_TYPE_CODES)[number];

export type HolderKindCode = 'PERSON' | 'LEGAL_PERSON';

/** Kinds of issuing agency; an issuer's code is `<kind in kebab case>-<division code>`. */
export const ISSUING_AGENCY_KINDS = [
  'PUBLIC_SECURITY',
  'TRAFFIC_POLICE',
  'CIVIL_AFFAIRS',
  'NATURAL_RESOURCES',
  'MARKET_REGULATION',
  'INSTITUTION_REGISTRATION',
  'TRANSPORT',
  'HEALTH',
] as const;
export type IssuingAgencyKindCode = (typeof ISSUING_AGENCY_KINDS)[number];

export interface LicenseTypeInfo {
  code: LicenseTypeCode;
  name: string;
  holderKinds: HolderKindCode[];
  issuingAgencyKind: IssuingAgencyKindCode;
  /** How the licence number is written. */
  numberFormat: string;
  /** The law or regulation that creates the licence (设定依据). */
  basis: string;
  /** Validity rule, as the issuing rules state it. */
  validity: string;
  /** GraphQL type implementing `License` for this kind (its items are `<graphqlName>.<field>`). */
  graphqlName: string;
  /** Catalogue resource code of that type. */
  resourceCode: string;
  /** Agency responsible for what the licence says (谁提供、谁负责, Art. 11): the department whose
   *  register it certifies, never the bureau that hosts 电子证照库. */
  provider: string;
}

const P: HolderKindCode[] = ['PERSON'];
const L: HolderKindCode[] = ['LEGAL_PERSON'];

// Providers: 公安 (ID card; driving licence, 交警 being part of public security), 民政 (marriage,
// social organisations), 自然资源 (real estate), 市场监管 (business licence, food permit), 机构编制
// (institutions, organs), 交通运输, 卫生健康. Resource codes follow catalogue order.
// prettier-ignore
export const LICENSE_TYPES: readonly LicenseTypeInfo[] = [
  { code: 'ID_CARD', name: '居民身份证', holderKinds: P, issuingAgencyKind: 'PUBLIC_SECURITY',
    numberFormat: '公民身份号码，18 位 (GB 11643)', basis: '《中华人民共和国居民身份证法》',
    validity: '16-25 周岁 10 年，26-45 周岁 20 年，46 周岁以上长期（第五条）',
    graphqlName: 'IdCard', resourceCode: 'HY-ZZ-001', provider: 'public-security' },
  { code: 'DRIVING_LICENSE', name: '机动车驾驶证', holderKinds: P, issuingAgencyKind: 'TRAFFIC_POLICE',
    numberFormat: '证号为持证人公民身份号码', basis: '《中华人民共和国道路交通安全法》第十九条；《机动车驾驶证申领和使用规定》',
    validity: '初次申领 6 年，换证 10 年，再次换证长期',
    graphqlName: 'DrivingLicense', resourceCode: 'HY-ZZ-002', provider: 'public-security' },
  { code: 'MARRIAGE_CERTIFICATE', name: '结婚证', holderKinds: P, issuingAgencyKind: 'CIVIL_AFFAIRS',
    numberFormat: 'J + 婚姻登记机关区划代码 + 年份 + 6 位序号，如 J430408-2015-001234', basis: '《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》',
    validity: '长期',
    graphqlName: 'MarriageCertificate', resourceCode: 'HY-ZZ-003', provider: 'civil-affairs' },
  { code: 'REAL_ESTATE_CERTIFICATE', name: '不动产权证书', holderKinds: ['PERSON', 'LEGAL_PERSON'], issuingAgencyKind: 'NATURAL_RESOURCES',
    numberFormat: '湘(年份)登记机构所在地不动产权第 7 位序号号，如 湘(2023)衡阳市不动产权第0012345号', basis: '《不动产登记暂行条例》',
    validity: '长期（权利期限见证书内容）',
    graphqlName: 'RealEstateCertificate', resourceCode: 'HY-ZZ-004', provider: 'natural-resources' },
  { code: 'BUSINESS_LICENSE', name: '营业执照', holderKinds: L, issuingAgencyKind: 'MARKET_REGULATION',
    numberFormat: '统一社会信用代码，18 位 (GB 32100)', basis: '《中华人民共和国市场主体登记管理条例》',
    validity: '营业期限（个体工商户、农民专业合作社长期）',
    graphqlName: 'BusinessLicense', resourceCode: 'HY-ZZ-005', provider: 'market-regulation' },
  { code: 'INSTITUTION_LEGAL_PERSON_CERTIFICATE', name: '事业单位法人证书', holderKinds: L, issuingAgencyKind: 'INSTITUTION_REGISTRATION',
    numberFormat: '统一社会信用代码，18 位 (GB 32100)', basis: '《事业单位登记管理暂行条例》',
    validity: '5 年',
    graphqlName: 'InstitutionLegalPersonCertificate', resourceCode: 'HY-ZZ-006', provider: 'institution-registration' },
  { code: 'ORGAN_CREDIT_CODE_CERTIFICATE', name: '统一社会信用代码证书', holderKinds: L, issuingAgencyKind: 'INSTITUTION_REGISTRATION',
    numberFormat: '统一社会信用代码，18 位 (GB 32100)', basis: '《国务院关于批转发展改革委等部门法人和其他组织统一社会信用代码制度建设总体方案的通知》（国发〔2015〕33号）',
    validity: '长期',
    graphqlName: 'OrganCreditCodeCertificate', resourceCode: 'HY-ZZ-007', provider: 'institution-registration' },
  { code: 'SOCIAL_ORGANISATION_CERTIFICATE', name: '社会团体法人登记证书', holderKinds: L, issuingAgencyKind: 'CIVIL_AFFAIRS',
    numberFormat: '统一社会信用代码，18 位 (GB 32100)', basis: '《社会团体登记管理条例》',
    validity: '5 年',
    graphqlName: 'SocialOrganisationCertificate', resourceCode: 'HY-ZZ-008', provider: 'civil-affairs' },
  { code: 'PRIVATE_NON_ENTERPRISE_CERTIFICATE', name: '民办非企业单位登记证书', holderKinds: L, issuingAgencyKind: 'CIVIL_AFFAIRS',
    numberFormat: '统一社会信用代码，18 位 (GB 32100)', basis: '《民办非企业单位登记管理暂行条例》',
    validity: '5 年',
    graphqlName: 'PrivateNonEnterpriseCertificate', resourceCode: 'HY-ZZ-009', provider: 'civil-affairs' },
  { code: 'FOUNDATION_CERTIFICATE', name: '基金会法人登记证书', holderKinds: L, issuingAgencyKind: 'CIVIL_AFFAIRS',
    numberFormat: '统一社会信用代码，18 位 (GB 32100)', basis: '《基金会管理条例》',
    validity: '5 年',
    graphqlName: 'FoundationCertificate', resourceCode: 'HY-ZZ-010', provider: 'civil-affairs' },
  { code: 'FOOD_BUSINESS_PERMIT', name: '食品经营许可证', holderKinds: L, issuingAgencyKind: 'MARKET_REGULATION',
    numberFormat: 'JY + 主体业态 1 位 + 区划代码 6 位 + 顺序码 6 位 + 校验码 1 位，如 JY24304080012345', basis: '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》',
    validity: '5 年',
    graphqlName: 'FoodBusinessPermit', resourceCode: 'HY-ZZ-011', provider: 'market-regulation' },
  { code: 'ROAD_TRANSPORT_PERMIT', name: '道路运输经营许可证', holderKinds: L, issuingAgencyKind: 'TRANSPORT',
    numberFormat: '湘交运管许可衡字 + 区划代码 6 位 + 顺序号 6 位 + 号，如 湘交运管许可衡字430408000123号', basis: '《中华人民共和国道路运输条例》',
    validity: '4 年',
    graphqlName: 'RoadTransportPermit', resourceCode: 'HY-ZZ-012', provider: 'transport' },
  { code: 'PUBLIC_PLACE_HYGIENE_PERMIT', name: '公共场所卫生许可证', holderKinds: L, issuingAgencyKind: 'HEALTH',
    numberFormat: '衡卫公字(年份)第 + 区划代码 6 位 + 顺序号 6 位 + 号，如 衡卫公字(2024)第430408000123号', basis: '《公共场所卫生管理条例》第八条',
    validity: '4 年',
    graphqlName: 'PublicPlaceHygienePermit', resourceCode: 'HY-ZZ-013', provider: 'health' },
];

const TYPE_BY_CODE = new Map<string, LicenseTypeInfo>(LICENSE_TYPES.map((t) => [t.code, t]));
const TYPE_BY_NAME = new Map<string, LicenseTypeInfo>(LICENSE_TYPES.map((t) => [t.name, t]));

/** The licence kind a GraphQL type name stands for (IdCard → ID_CARD). */
export const licenseTypeByGraphqlName = (name: string): LicenseTypeInfo | undefined => LICENSE_TYPES.find((t) => t.graphqlName === name);

export function licenseType(code: string): LicenseTypeInfo {
  const t = TYPE_BY_CODE.get(code);
  if (!t) throw new RangeError(`unknown licence type ${code}`);
  return t;
}

/** A type by its code (any case) or its Chinese name; undefined when neither. */
export function findLicenseType(codeOrName: string): LicenseTypeInfo | undefined {
  const v = codeOrName.trim();
  return TYPE_BY_CODE.get(v.toUpperCase()) ?? TYPE_BY_NAME.get(v);
}

/** Catalogue order of a type: lists of a holder's licences sort by it. */
export const licenseTypeOrder = (code: string) => LICENSE_TYPES.findIndex((t) => t.code === code);

// ---- issuing agencies ---------------------------------------------------------------------------

export interface IssuerInfo {
  /** Agency code: `market-regulation-430408`. Also the key id of its signing key. */
  code: string;
  name: string;
  kind: IssuingAgencyKindCode;
  divisionCode: string;
}

const kebab = (kind: IssuingAgencyKindCode) => kind.toLowerCase().replace(/_/g, '-');

export const issuerCode = (kind: IssuingAgencyKindCode, divisionCode: string) => `${kebab(kind)}-${divisionCode}`;

/** Place as it starts an agency's name (same rule as the legal-person seed): 衡阳市, 衡阳市蒸湘区, 衡阳县. */
function placeOf(d: Division | null): string {
  if (d === null) return '衡阳市';
  return isUrban(d) ? `衡阳市${d.name}` : d.name;
}

/** The place name of a division code (430400 or a county-level code), as agency names start. */
export const placeName = (divisionCode: string) => placeOf(divisionCode === CITY_CODE ? null : divisionByCode(divisionCode));

/** The issuer of a kind in a division (the city 430400 or one of its 12 county-level units). */
export function issuer(kind: IssuingAgencyKindCode, divisionCode: string): IssuerInfo {
  const d = divisionCode === CITY_CODE ? null : divisionByCode(divisionCode);
  const place = placeOf(d);
  let name: string;
  switch (kind) {
    case 'PUBLIC_SECURITY':
      // 签发机关 of an ID card: the district branch (衡阳市公安局蒸湘分局) or the county bureau.
      name = d === null ? '衡阳市公安局' : isUrban(d) ? `衡阳市公安局${d.name.replace(/区$/, '')}分局` : `${d.name}公安局`;
      break;
    case 'TRAFFIC_POLICE':
      name = d === null ? '湖南省衡阳市公安局交通警察支队' : `${place}公安局交通警察大队`;
      break;
    case 'CIVIL_AFFAIRS':
      name = `${place}民政局`;
      break;
    case 'NATURAL_RESOURCES':
      name = d === null ? '衡阳市自然资源和规划局' : `${place}自然资源局`;
      break;
    case 'MARKET_REGULATION':
      name = `${place}市场监督管理局`;
      break;
    case 'INSTITUTION_REGISTRATION':
      name = `${place}机构编制委员会办公室`;
      break;
    case 'TRANSPORT':
      name = `${place}交通运输局`;
      break;
    case 'HEALTH':
      name = d === null ? '衡阳市卫生健康委员会' : `${place}卫生健康局`;
      break;
  }
  return { code: issuerCode(kind, divisionCode), name, kind, divisionCode };
}

const ALL_DIVISIONS = [CITY_CODE, ...COUNTY_DIVISIONS.map((d) => d.code)];
const COUNTY_CODES = COUNTY_DIVISIONS.map((d) => d.code);
const NON_URBAN_CODES = COUNTY_DIVISIONS.filter((d) => !isUrban(d)).map((d) => d.code);

/** Every issuing agency of the catalogue: the ones whose public keys are published. */
export const ISSUERS: readonly IssuerInfo[] = [
  ...COUNTY_CODES.map((c) => issuer('PUBLIC_SECURITY', c)),
  issuer('TRAFFIC_POLICE', CITY_CODE),
  ...ALL_DIVISIONS.map((c) => issuer('CIVIL_AFFAIRS', c)),
  // The city's real-estate registry serves the five urban districts; each county has its own.
  ...[CITY_CODE, ...NON_URBAN_CODES].map((c) => issuer('NATURAL_RESOURCES', c)),
  ...ALL_DIVISIONS.map((c) => issuer('MARKET_REGULATION', c)),
  ...ALL_DIVISIONS.map((c) => issuer('INSTITUTION_REGISTRATION', c)),
  ...ALL_DIVISIONS.map((c) => issuer('TRANSPORT', c)),
  ...ALL_DIVISIONS.map((c) => issuer('HEALTH', c)),
];

const ISSUER_BY_CODE = new Map(ISSUERS.map((i) => [i.code, i]));
export const findIssuer = (code: string): IssuerInfo | undefined => ISSUER_BY_CODE.get(code);
