/**
 * 自然资源和空间地理基础库 as GraphQL (provider 市自然资源和规划局, `natural-resources`).
 * Divisions, parcel codes and land use are public facts (OPEN); parcel geometry is shared freely
 * between agencies but opened only on conditions; who holds a parcel is personal when the holder
 * is a natural person; door-plate address texts are masked to the district by default; the
 * transfer price recorded in the registration files is not shared (不动产登记暂行条例).
 * Geometry is GeoJSON (RFC 7946): longitude, latitude in WGS84.
 */
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { FieldPolicy, Resource, Sharing, Structural, keyPolicy } from '../../platform/policy/metadata';
import type { Position } from './geometry';
import { entityStub } from '../../platform/subgraph/entity-stub';
import { PERSON_OWNER } from '../population/entity-keys';
import { LEGAL_PERSON_OWNER } from '../legal-person/entity-keys';

export const PROVIDER = 'natural-resources';

/** Public facts: division data, parcel codes and land use (published in 国土空间规划 and 地籍图). */
export const PUBLIC_FACT: FieldPolicy = { type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: PROVIDER };
/** Cadastral geometry: shared with every agency; opened only on application (Art. 22). */
export const CADASTRAL_GEOMETRY: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CONDITIONAL', level: 'L2', provider: PROVIDER };
/** Shared with every agency, not open data. */
export const AGENCY_ONLY: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER };
/** Which land a natural person holds is personal information (《个人信息保护法》第四条), and
 *  不动产登记资料 serve only the purpose stated (《不动产登记暂行条例》第二十八条): shared on a grant.
 *  The link is a pseudonymous key, so there is nothing to mask; the Person's own fields keep the
 *  population subgraph's masks. */
export const PERSONAL_HOLDING: FieldPolicy = { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'FULL', provider: PROVIDER };
/** Registration files (不动产登记原始资料): only the registering department reads them. */
export const REGISTRATION_FILE: FieldPolicy = {
  type: 'NONE',
  open: 'CLOSED',
  level: 'L3',
  provider: PROVIDER,
  basis:
    '《不动产登记暂行条例》第二十七条（权利人、利害关系人可以依法查询、复制不动产登记资料；有关国家机关可以依照法律、行政法规的规定查询、复制与调查处理事项有关的不动产登记资料）、' +
    '第二十八条（查询不动产登记资料的单位、个人应当向不动产登记机构说明查询目的，不得将查询获得的不动产登记资料用于其他目的；未经权利人同意，不得泄露查询获得的不动产登记资料）',
};

// ---- GeoJSON -------------------------------------------------------------------------------

@ObjectType('GeoJSONPoint', { description: 'A GeoJSON Point (RFC 7946): coordinates are [longitude, latitude], WGS84.' })
@Directive('@shareable')
@Structural()
export class GeoJSONPoint {
  @Field(() => String, { description: 'Always "Point"' }) type: 'Point';
  @Field(() => [Float], { description: '[longitude, latitude]' }) coordinates: Position;
}

@ObjectType('GeoJSONPolygon', {
  description: 'A GeoJSON Polygon (RFC 7946): one exterior ring, counter-clockwise, closed (first position repeated last), WGS84.',
})
@Directive('@shareable')
@Structural()
export class GeoJSONPolygon {
  @Field(() => String, { description: 'Always "Polygon"' }) type: 'Polygon';
  @Field(() => [[[Float]]], { description: 'Rings of [longitude, latitude] positions' }) coordinates: Position[][];
}

// ---- enums ---------------------------------------------------------------------------------

export enum DivisionLevel {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  COUNTY = 'COUNTY',
  COUNTY_CITY = 'COUNTY_CITY',
}
registerEnumType(DivisionLevel, {
  name: 'DivisionLevel',
  description: 'Level of an administrative division',
  valuesConfig: {
    CITY: { description: '地级市' },
    DISTRICT: { description: '市辖区' },
    COUNTY: { description: '县' },
    COUNTY_CITY: { description: '县级市' },
  },
});

/** GB/T 21010-2017 first-level classes; the internal value is the class code. */
export enum LandUseClass {
  CULTIVATED_LAND = '01',
  GARDEN_LAND = '02',
  FOREST_LAND = '03',
  GRASSLAND = '04',
  COMMERCIAL_SERVICE = '05',
  INDUSTRIAL_MINING_STORAGE = '06',
  RESIDENTIAL = '07',
  PUBLIC_ADMINISTRATION_SERVICE = '08',
  SPECIAL = '09',
  TRANSPORT = '10',
  WATER_AND_WATER_CONSERVANCY = '11',
  OTHER = '12',
}
registerEnumType(LandUseClass, {
  name: 'LandUseClass',
  description: 'Land-use class, first level of GB/T 21010-2017 《土地利用现状分类》',
  valuesConfig: {
    CULTIVATED_LAND: { description: '01 耕地' },
    GARDEN_LAND: { description: '02 园地' },
    FOREST_LAND: { description: '03 林地' },
    GRASSLAND: { description: '04 草地' },
    COMMERCIAL_SERVICE: { description: '05 商服用地' },
    INDUSTRIAL_MINING_STORAGE: { description: '06 工矿仓储用地' },
    RESIDENTIAL: { description: '07 住宅用地' },
    PUBLIC_ADMINISTRATION_SERVICE: { description: '08 公共管理与公共服务用地' },
    SPECIAL: { description: '09 特殊用地' },
    TRANSPORT: { description: '10 交通运输用地' },
    WATER_AND_WATER_CONSERVANCY: { description: '11 水域及水利设施用地' },
    OTHER: { description: '12 其他土地' },
  },
});

/** First character of the 宗地特征码. */
export enum LandOwnership {
  STATE = 'G',
  COLLECTIVE = 'J',
  UNDETERMINED = 'Z',
}
registerEnumType(LandOwnership, {
  name: 'LandOwnership',
  description: 'Land ownership, first character of the 宗地特征码 (GB/T 37346)',
  valuesConfig: {
    STATE: { description: 'G 国家土地所有权' },
    COLLECTIVE: { description: 'J 集体土地所有权' },
    UNDETERMINED: { description: 'Z 土地所有权未确定或有争议' },
  },
});

/** Second character of the 宗地特征码. */
export enum LandRightKind {
  COLLECTIVE_OWNERSHIP = 'A',
  CONSTRUCTION_LAND_USE = 'B',
  CONSTRUCTION_LAND_USE_ABOVE_GROUND = 'S',
  CONSTRUCTION_LAND_USE_UNDERGROUND = 'X',
  HOMESTEAD_USE = 'C',
  CONTRACTED_CULTIVATED_LAND = 'D',
  CONTRACTED_FOREST_LAND = 'E',
  CONTRACTED_GRASSLAND = 'F',
  UNDETERMINED = 'W',
  OTHER_USE = 'Y',
}
registerEnumType(LandRightKind, {
  name: 'LandRightKind',
  description: 'Kind of land right, second character of the 宗地特征码 (GB/T 37346)',
  valuesConfig: {
    COLLECTIVE_OWNERSHIP: { description: 'A 集体土地所有权宗地' },
    CONSTRUCTION_LAND_USE: { description: 'B 建设用地使用权宗地（地表）' },
    CONSTRUCTION_LAND_USE_ABOVE_GROUND: { description: 'S 建设用地使用权宗地（地上）' },
    CONSTRUCTION_LAND_USE_UNDERGROUND: { description: 'X 建设用地使用权宗地（地下）' },
    HOMESTEAD_USE: { description: 'C 宅基地使用权宗地' },
    CONTRACTED_CULTIVATED_LAND: { description: 'D 土地承包经营权宗地（耕地）' },
    CONTRACTED_FOREST_LAND: { description: 'E 土地承包经营权宗地（林地）' },
    CONTRACTED_GRASSLAND: { description: 'F 土地承包经营权宗地（草地）' },
    UNDETERMINED: { description: 'W 使用权未确定或有争议的土地' },
    OTHER_USE: { description: 'Y 其他使用权土地' },
  },
});

export enum RightHolderKind {
  PERSON = 'PERSON',
  LEGAL_PERSON = 'LEGAL_PERSON',
}
registerEnumType(RightHolderKind, {
  name: 'RightHolderKind',
  description: 'Whether a right holder is a natural person or a legal person',
  valuesConfig: { PERSON: { description: '自然人' }, LEGAL_PERSON: { description: '法人或非法人组织' } },
});

// ---- other subgraphs' entities -------------------------------------------------------------

/** The population subgraph's Person, seen from here: its key, plus the parcels it holds. */
export const PersonRef = entityStub(PERSON_OWNER);
export type PersonRef = InstanceType<typeof PersonRef>;

/** The legal-person subgraph's LegalPerson: its key, plus its parcels and registered location. */
export const LegalPersonRef = entityStub(LEGAL_PERSON_OWNER);
export type LegalPersonRef = InstanceType<typeof LegalPersonRef>;

// ---- this subgraph's entities --------------------------------------------------------------

@ObjectType({ description: '行政区划 (GB/T 2260): Hengyang and its county-level units.' })
@Directive('@key(fields: "code")')
@Resource({ code: 'HY-KJ-001', name: '行政区划', summary: '衡阳市及所辖县级行政区划的代码、名称、层级、驻地与界线', updateCycle: 'YEARLY', provider: PROVIDER })
export class AdministrativeDivision {
  @Field(() => String, { description: 'Six-digit GB/T 2260 code' })
  @Sharing(keyPolicy(PROVIDER, 'OPEN'))
  code: string;

  @Field(() => String, { description: '名称' })
  @Sharing(PUBLIC_FACT)
  name: string;

  @Field(() => String, { description: 'Name from the province down, as an address starts: 湖南省衡阳市蒸湘区' })
  @Sharing(PUBLIC_FACT)
  fullName: string;

  @Field(() => DivisionLevel)
  @Sharing(PUBLIC_FACT)
  level: DivisionLevel;

  @Field(() => String, { description: 'GB/T 2260 code of the parent division (430000 湖南省 for the city)' })
  @Sharing(PUBLIC_FACT)
  parentCode: string;

  @Field(() => GeoJSONPoint, { description: 'Seat of government (approximate)' })
  @Sharing(PUBLIC_FACT)
  centre: GeoJSONPoint;

  @Field(() => GeoJSONPolygon, { description: 'Boundary, generalised to a rectangle in this base database' })
  @Sharing(PUBLIC_FACT)
  boundary: GeoJSONPolygon;
}

@ObjectType({ description: '标准地址: a door-plate address and its point.' })
@Directive('@key(fields: "id")')
@Resource({ code: 'HY-KJ-002', name: '标准地址', summary: '门楼牌标准地址及其坐标点', updateCycle: 'MONTHLY', provider: PROVIDER })
export class Address {
  @Field(() => ID, { description: 'Pseudonymous key: HMAC-SHA256 of the standard address text' })
  @Sharing(keyPolicy(PROVIDER))
  id: string;

  @Field(() => String, { description: '标准地址 (down to the room; masked to the county-level unit by default)' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'ADDRESS_DISTRICT', provider: PROVIDER })
  text: string;

  @Field(() => GeoJSONPoint, {
    description:
      'Point of the door plate (the building, not the room); a household’s address is placed at its county’s seat for readers without Person.householdAddress in full',
  })
  @Sharing(AGENCY_ONLY)
  location: GeoJSONPoint;

  divisionCode: string;
}

@ObjectType({ description: 'An address found near a point, with its distance.' })
@Resource({
  code: 'HY-KJ-003',
  name: '标准地址邻近查询结果',
  summary: '某一坐标点附近的标准地址及其距离（按需计算，不存储）',
  updateCycle: 'MONTHLY',
  provider: PROVIDER,
  computedFrom: 'Address',
})
export class AddressNearby {
  @Field(() => Address)
  @Sharing({ ...AGENCY_ONLY, inverse: 'none: a search hit, not a stored link' })
  address: Address;

  @Field(() => Float, { description: 'Distance from the query point in metres (equirectangular, latitude-corrected), to the centimetre' })
  @Sharing(AGENCY_ONLY)
  distanceMeters: number;
}

@ObjectType({ description: '宗地: a parcel of land, its boundary, land use, area and right holder.' })
@Directive('@key(fields: "id")')
@Resource({ code: 'HY-KJ-004', name: '宗地信息', summary: '宗地代码、土地用途、面积、界址、权利人与登记资料', updateCycle: 'MONTHLY', provider: PROVIDER })
export class LandParcel {
  @Field(() => ID, { description: 'Pseudonymous key: HMAC-SHA256 of the parcel code' })
  @Sharing(keyPolicy(PROVIDER, 'OPEN'))
  id: string;

  @Field(() => String, { description: '宗地代码 (GB/T 37346): division, 地籍区, 地籍子区, 宗地特征码, serial: 430408002004GB00011' })
  @Sharing(PUBLIC_FACT)
  code: string;

  @Field(() => LandUseClass, { description: '土地用途 (GB/T 21010-2017 first level)' })
  @Sharing(PUBLIC_FACT)
  landUse: LandUseClass;

  @Field(() => Float, { description: '宗地面积 in m², from the boundary' })
  @Sharing(CADASTRAL_GEOMETRY)
  areaSquareMeters: number;

  @Field(() => GeoJSONPolygon, { description: '宗地界址' })
  @Sharing(CADASTRAL_GEOMETRY)
  boundary: GeoJSONPolygon;

  @Field(() => RightHolderKind, { description: 'Whether the right holder is a natural or a legal person' })
  @Sharing(AGENCY_ONLY)
  holderKind: RightHolderKind;

  @Field(() => Float, {
    nullable: true,
    description: '成交价款 (CNY) of the last transfer, from the registration files; null for allocated or collective land',
  })
  @Sharing(REGISTRATION_FILE)
  transactionPrice: number | null;

  divisionCode: string;
  holderId: string;
}

export const LandParcelConnection = Connection(LandParcel, 'LandParcel');
