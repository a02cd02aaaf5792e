/** Queries of 自然资源和空间地理基础库, its relation fields, and the fields it adds to Person and
 *  LegalPerson. Every relation goes through a DataLoader; spatial lookups use GiST (spatial.ts). */
import { Arg, Ctx, Float, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { Sharing, filterBy, lookupBy } from '../../platform/policy/metadata';
import { carriedView, HOUSEHOLD_ADDRESS, readsCarriedInFull } from '../../platform/policy/carried';
import { assertDivisionCode } from '../../platform/graphql/args';
import { decodeCursor, toConnection, validateFirst } from '../../platform/graphql/connection';
import { LAND_USE_CLASSES, LandUseCode } from '../../reference/land-use';
import { AddressEntity, DivisionEntity, ParcelEntity } from './entities';
import type { GeospatialLoaders } from './loaders';
import { assertBbox, assertLatitude, assertLongitude, assertParcelCode, assertRadius } from './args';
import { addressesNear, countParcelsWithin, parcelAt, parcelsWithin } from './spatial';
import {
  Address,
  AddressNearby,
  AdministrativeDivision,
  AGENCY_ONLY,
  GeoJSONPoint,
  LandOwnership,
  LandParcel,
  LandParcelConnection,
  LandRightKind,
  LegalPersonRef,
  PERSONAL_HOLDING,
  PersonRef,
  PROVIDER,
  PUBLIC_FACT,
  CADASTRAL_GEOMETRY,
} from './types';

type Ctx = SubgraphContext<GeospatialLoaders>;

@Resolver(() => AdministrativeDivision)
export class DivisionResolver {
  @Query(() => AdministrativeDivision, {
    nullable: true,
    description: 'An administrative division by GB/T 2260 code; null if this base database does not hold it',
  })
  @Sharing({ ...PUBLIC_FACT, args: { code: filterBy('AdministrativeDivision.code') } })
  division(@Arg('code', () => String) code: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.divisionByCode.load(assertDivisionCode(code, 'code'));
  }

  @FieldResolver(() => AdministrativeDivision, {
    nullable: true,
    description: 'The parent division, when this base database holds it (not for the city: 湖南省 is not held)',
  })
  @Sharing({ ...PUBLIC_FACT, inverse: 'AdministrativeDivision.children' })
  parent(@Root() division: DivisionEntity, @Ctx() ctx: Ctx) {
    return ctx.loaders.divisionByCode.load(division.parentCode);
  }

  @FieldResolver(() => [AdministrativeDivision], { description: 'Divisions directly below, by code' })
  @Sharing({ ...PUBLIC_FACT, inverse: 'AdministrativeDivision.parent' })
  children(@Root() division: DivisionEntity, @Ctx() ctx: Ctx) {
    return ctx.loaders.divisionChildren.load(division.code);
  }

  @FieldResolver(() => [Float], { description: 'Bounding box [minLon, minLat, maxLon, maxLat] (GeoJSON bbox)' })
  @Sharing(PUBLIC_FACT)
  bbox(@Root() division: DivisionEntity): number[] {
    const ring = division.boundary.coordinates[0];
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  }
}

@Resolver(() => Address)
export class AddressResolver {
  @Query(() => [AddressNearby], {
    description:
      'Standard addresses within radiusMeters of a point, nearest first (ties by key); household addresses only for readers of Person.householdAddress in full',
  })
  @Sharing({ ...AGENCY_ONLY, args: { lon: filterBy('Address.location'), lat: filterBy('Address.location'), radiusMeters: filterBy('Address.location') } })
  addressesNear(
    @Arg('lon', () => Float, { description: 'WGS84 longitude' }) lon: number,
    @Arg('lat', () => Float, { description: 'WGS84 latitude' }) lat: number,
    @Arg('radiusMeters', () => Float, { description: 'Search radius in metres, above 0 and at most 50 000' }) radiusMeters: number,
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many (default 20, at most 500)' }) first?: number,
  ) {
    assertLongitude(lon, 'lon');
    assertLatitude(lat, 'lat');
    assertRadius(radiusMeters, 'radiusMeters');
    // A household address is not enumerable by distance for a reader who may not read it in full:
    // three distances would place the door plate (platform/policy/carried.ts).
    return addressesNear(ctx.em, lon, lat, radiusMeters, validateFirst(first), readsCarriedInFull(ctx.policy, PROVIDER, HOUSEHOLD_ADDRESS));
  }

  /**
   * 标准地址. A household's address carries Person.householdAddress: it is served as that item
   * would be (generalised to its county for a reader without it), and then under Address.text's
   * own mask, so the stricter of the two wins (platform/policy/carried.ts).
   */
  @FieldResolver(() => String)
  text(@Root() address: AddressEntity, @Ctx() ctx: Ctx): string {
    if (!address.household) return address.text;
    const view = carriedView(ctx.policy, PROVIDER, HOUSEHOLD_ADDRESS, address.text);
    ctx.policy.audit.record(HOUSEHOLD_ADDRESS.resource, HOUSEHOLD_ADDRESS.item, view.outcome, null);
    return view.text;
  }

  /** A household's door plate is placed, for a reader who may not read its address in full, at its county's seat. */
  @FieldResolver(() => GeoJSONPoint)
  async location(@Root() address: AddressEntity, @Ctx() ctx: Ctx): Promise<GeoJSONPoint> {
    if (!address.household || readsCarriedInFull(ctx.policy, PROVIDER, HOUSEHOLD_ADDRESS)) return address.location;
    ctx.policy.audit.record(HOUSEHOLD_ADDRESS.resource, HOUSEHOLD_ADDRESS.item, 'masked', null);
    const division = await ctx.loaders.divisionByCode.load(address.divisionCode);
    return division?.centre ?? address.location;
  }

  @FieldResolver(() => AdministrativeDivision, { description: 'The county-level unit the address lies in' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER, inverse: 'none: a division does not list its addresses' })
  division(@Root() address: AddressEntity, @Ctx() ctx: Ctx) {
    return ctx.loaders.divisionByCode.load(address.divisionCode);
  }
}

const featureCode = (parcel: ParcelEntity) => parcel.code.slice(12, 14);

@Resolver(() => LandParcel)
export class ParcelResolver {
  @Query(() => LandParcel, { nullable: true, description: 'A parcel by 宗地代码 (validated); null if unknown' })
  @Sharing({ ...PUBLIC_FACT, args: { code: lookupBy('LandParcel.code') } })
  parcel(@Arg('code', () => String) code: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.parcelByCode.load(assertParcelCode(code, 'code'));
  }

  @Query(() => LandParcel, {
    nullable: true,
    description:
      'The parcel whose boundary contains the point; null if none. Point-in-polygon answers trace the boundary, so the caller needs the right to read LandParcel.boundary (agencies; not anonymous callers)',
  })
  // Each answer says whether a point lies inside a boundary that is open only on application:
  // enough of them draw the polygon. So the point is an argument that filters by the boundary.
  @Sharing({ ...PUBLIC_FACT, args: { lon: filterBy('LandParcel.boundary'), lat: filterBy('LandParcel.boundary') } })
  parcelAt(
    @Arg('lon', () => Float, { description: 'WGS84 longitude' }) lon: number,
    @Arg('lat', () => Float, { description: 'WGS84 latitude' }) lat: number,
    @Ctx() ctx: Ctx,
  ) {
    return parcelAt(ctx.em, assertLongitude(lon, 'lon'), assertLatitude(lat, 'lat'));
  }

  @Query(() => LandParcelConnection, { description: 'Parcels whose boundary intersects a box, by parcel code' })
  @Sharing({ ...CADASTRAL_GEOMETRY, args: { bbox: filterBy('LandParcel.boundary') } })
  async parcelsWithin(
    @Arg('bbox', () => [Float], { description: '[minLon, minLat, maxLon, maxLat] in WGS84 degrees, at most 2° a side' }) bbox: number[],
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const box = assertBbox(bbox, 'bbox');
    const size = validateFirst(first);
    const rows = await parcelsWithin(ctx.em, box, size + 1, decodeCursor(after));
    return toConnection(
      rows,
      size,
      (p) => p.code,
      () => countParcelsWithin(ctx.em, box),
    );
  }

  @FieldResolver(() => String, { description: 'Land-use class code, 01…12' })
  @Sharing(PUBLIC_FACT)
  landUseCode(@Root() parcel: ParcelEntity): string {
    return parcel.landUse;
  }

  @FieldResolver(() => String, { description: 'Land-use class name: 耕地, 住宅用地…' })
  @Sharing(PUBLIC_FACT)
  landUseName(@Root() parcel: ParcelEntity): string {
    return LAND_USE_CLASSES[parcel.landUse as LandUseCode];
  }

  @FieldResolver(() => LandOwnership, { description: '土地所有权 (from the 宗地特征码)' })
  @Sharing(PUBLIC_FACT)
  ownership(@Root() parcel: ParcelEntity): LandOwnership {
    return featureCode(parcel)[0] as LandOwnership;
  }

  @FieldResolver(() => LandRightKind, { description: 'Kind of land right (from the 宗地特征码)' })
  @Sharing(PUBLIC_FACT)
  rightKind(@Root() parcel: ParcelEntity): LandRightKind {
    return featureCode(parcel)[1] as LandRightKind;
  }

  @FieldResolver(() => AdministrativeDivision, { description: 'The county-level unit the parcel lies in' })
  @Sharing({ ...PUBLIC_FACT, inverse: 'none: a division does not list its parcels (parcelsWithin searches by box, under the geometry policy)' })
  division(@Root() parcel: ParcelEntity, @Ctx() ctx: Ctx) {
    return ctx.loaders.divisionByCode.load(parcel.divisionCode);
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: '权利人, when a natural person (resolved by the population subgraph)' })
  @Sharing({ ...PERSONAL_HOLDING, inverse: 'Person.parcels' })
  holderPerson(@Root() parcel: ParcelEntity): PersonRef | null {
    return parcel.holderKind === 'PERSON' ? { id: parcel.holderId } : null;
  }

  @FieldResolver(() => LegalPersonRef, { nullable: true, description: '权利人, when a legal person (resolved by the legal-person subgraph)' })
  @Sharing({ ...AGENCY_ONLY, inverse: 'LegalPerson.parcels' })
  holderLegalPerson(@Root() parcel: ParcelEntity): LegalPersonRef | null {
    return parcel.holderKind === 'LEGAL_PERSON' ? { id: parcel.holderId } : null;
  }
}

@Resolver(() => PersonRef)
export class PersonParcelsResolver {
  @FieldResolver(() => [LandParcel], { description: 'Parcels this person holds a right to, by code' })
  @Sharing({ ...PERSONAL_HOLDING, inverse: 'LandParcel.holderPerson' })
  parcels(@Root() person: PersonRef, @Ctx() ctx: Ctx) {
    return ctx.loaders.parcelsOfPerson.load(person.id);
  }
}

@Resolver(() => LegalPersonRef)
export class LegalPersonGeoResolver {
  @FieldResolver(() => [LandParcel], { description: 'Parcels this legal person holds a right to, by code' })
  @Sharing({ ...AGENCY_ONLY, inverse: 'LandParcel.holderLegalPerson' })
  parcels(@Root() legalPerson: LegalPersonRef, @Ctx() ctx: Ctx) {
    return ctx.loaders.parcelsOfLegalPerson.load(legalPerson.id);
  }

  @FieldResolver(() => Address, { nullable: true, description: 'Registered location (住所) as a standard address with its point' })
  @Sharing({ ...PUBLIC_FACT, inverse: 'none: an address does not list the legal persons registered there' })
  registeredLocation(@Root() legalPerson: LegalPersonRef, @Ctx() ctx: Ctx) {
    return ctx.loaders.registeredLocation.load(legalPerson.id);
  }
}

export const geospatialReferenceResolvers = {
  AdministrativeDivision: { __resolveReference: (ref: { code: string }, ctx: Ctx) => ctx.loaders.divisionByCode.load(ref.code) },
  Address: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.addressById.load(ref.id) },
  LandParcel: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.parcelById.load(ref.id) },
  // Any person or legal-person key resolves here: one that holds nothing has an empty list.
  Person: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  LegalPerson: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};
