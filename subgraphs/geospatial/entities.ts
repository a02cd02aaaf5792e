/**
 * 自然资源和空间地理基础库 tables. Geometry columns are PostgreSQL `point` / `polygon` with GiST
 * indexes, mapped to GeoJSON in the entities (geometry.ts). Right holders are the pseudonymous keys
 * of Persons and LegalPersons, which the population and legal-person subgraphs resolve.
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { PointColumn, PointGeometry, PolygonColumn, PolygonGeometry } from './geometry';

/** 行政区划 (GB/T 2260): Hengyang and its 12 county-level units. */
@Entity({ tableName: 'administrative_division' })
export class DivisionEntity {
  @PrimaryKey({ type: 'text' }) code: string;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'text' }) fullName: string;
  @Property({ type: 'text' }) level: 'CITY' | 'DISTRICT' | 'COUNTY' | 'COUNTY_CITY';
  @Property({ type: 'text' }) parentCode: string;
  @Property({ type: PointColumn, columnType: 'point' }) centre: PointGeometry;
  @Property({ type: PolygonColumn, columnType: 'polygon' }) boundary: PolygonGeometry;
}

/** 标准地址: one door-plate address (down to the room where there is one) and its point. */
@Entity({ tableName: 'address' })
export class AddressEntity {
  @PrimaryKey({ type: 'text' }) id: string;
  @Property({ type: 'text', unique: true }) text: string;
  @Property({ type: 'text' }) divisionCode: string;
  @Property({ type: PointColumn, columnType: 'point' }) location: PointGeometry;
  /** A household's address (户籍地址): served under Person.householdAddress (platform/policy/carried.ts). */
  @Property({ type: 'boolean', default: false }) household: boolean;
}

/** A legal person's registered location (住所) as a standard address. */
@Entity({ tableName: 'legal_person_site' })
export class LegalPersonSiteEntity {
  @PrimaryKey({ type: 'text' }) legalPersonId: string;
  @Property({ type: 'text' }) addressId: string;
  @Property({ type: 'text' }) divisionCode: string;
}

/** 宗地: a parcel of land with its boundary, land use, area and right holder. */
@Entity({ tableName: 'land_parcel' })
export class ParcelEntity {
  @PrimaryKey({ type: 'text' }) id: string;
  @Property({ type: 'text', unique: true }) code: string;
  @Property({ type: 'text' }) divisionCode: string;
  /** GB/T 21010-2017 first-level class code, '01'…'12'. */
  @Property({ type: 'text' }) landUse: string;
  @Property({ type: PolygonColumn, columnType: 'polygon' }) boundary: PolygonGeometry;
  @Property({ type: 'double' }) areaSquareMeters: number;
  @Property({ type: 'text' }) holderKind: 'PERSON' | 'LEGAL_PERSON';
  @Property({ type: 'text' }) holderId: string;
  @Property({ type: 'double', nullable: true }) transactionPrice: number | null;
  /** Set by a trigger whenever a value changes (issue 11): the evaluation's freshness. */
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' }) updatedAt: Date;
}
