/**
 * The provider's updates of parcels and what consumers learn of their changes (issue 11), in the
 * shape every base database shares (platform/history/resource.ts). A change's values are served as
 * the record serves them: the land use by its LandUseClass name, the boundary as a GeoJSON
 * Polygon (the history keeps PostgreSQL's polygon text). The right holder is an internal column:
 * never in a consumer's view of a change (who holds land is read through holderPerson /
 * holderLegalPerson, under PERSONAL_HOLDING).
 */
import { Arg, Ctx, Field, Float, InputType, Mutation, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { changeResource } from '../../platform/history/resource';
import { foundRows, providerUpdate } from '../../platform/history/update';
import type { ChangeRow } from '../../platform/history/changes';
import type { GeospatialLoaders } from './loaders';
import { polygonGeometry, type Position } from './geometry';
import { LandParcel, LandUseClass, PROVIDER, RightHolderKind } from './types';
import { PARCEL_INGEST } from './ingest';

type Ctx = SubgraphContext<GeospatialLoaders>;

const LAND_USE_NAME = new Map(Object.entries(LandUseClass).map(([name, code]) => [code as string, name]));
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;

/** PostgreSQL's polygon text → GeoJSON Polygon; land-use code → its enum name. */
function asServed(values: Record<string, unknown> | null): void {
  if (!values) return;
  if (typeof values.landUse === 'string') values.landUse = LAND_USE_NAME.get(values.landUse) ?? values.landUse;
  if (typeof values.boundary === 'string') {
    const n = (values.boundary.match(NUMBER) ?? []).map(Number);
    const ring: Position[] = [];
    for (let i = 0; i + 1 < n.length; i += 2) ring.push([n[i], n[i + 1]]);
    values.boundary = polygonGeometry(ring);
  }
}

export const parcelChanges = changeResource({
  spec: PARCEL_INGEST,
  provider: PROVIDER,
  resource: {
    code: 'HY-KJ-005',
    name: '宗地信息变更记录',
    summary: '宗地每条记录的变更：时间、变更项与新值（按项共享与脱敏）',
    computedFrom: '宗地信息 (HY-KJ-004) 的变更历史',
  },
  keyField: 'landParcelId',
  keyDescription: "The parcel's pseudonymous key (LandParcel.id)",
  recordField: 'landParcel',
  recordType: () => LandParcel,
  recordDescription: 'The parcel as it is now (each field under its own policy)',
  queryName: 'landParcelChangesSince',
  queryDescription:
    'Changes to parcels since a time, oldest first: only changes to items the caller may read for its purpose, each value as a read of its item',
  valuesDescription: 'The changed items the reader may read, by LandParcel field (landUse by name, boundary as GeoJSON), each served as that item',
  load: (ctx, ids) => (ctx as Ctx).loaders.parcelById.loadMany(ids),
  present: (_ctx, change: ChangeRow) => {
    asServed(change.values);
    asServed(change.oldValues);
  },
});

@InputType({ description: 'A correction to one parcel by its provider: the 宗地代码 names it; fields left out are kept, null clears an optional one.' })
export class LandParcelUpdateInput {
  @Field(() => String) code: string;
  @Field(() => LandUseClass, { nullable: true }) landUse?: LandUseClass;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'A GeoJSON Polygon, one closed ring inside the parcel’s division' })
  boundary?: Record<string, unknown>;
  @Field(() => RightHolderKind, { nullable: true, description: 'Given with holder' }) holderKind?: RightHolderKind;
  @Field(() => String, { nullable: true, description: "The right holder's citizen ID number (PERSON) or USCC (LEGAL_PERSON), with holderKind" })
  holder?: string;
  @Field(() => Float, { nullable: true }) transactionPrice?: number | null;
}

@Resolver()
export class LandParcelUpdateResolver {
  @Mutation(() => [LandParcel], {
    description: "The provider's operator corrects parcels (all or nothing, at most 100): same rules as an ingest file; every change kept in the history",
  })
  async updateLandParcels(@Arg('input', () => [LandParcelUpdateInput]) input: LandParcelUpdateInput[], @Ctx() ctx: Ctx) {
    // The rules read text, as from a file: the GeoJSON object is handed on as its JSON.
    const rows = input.map((i) => ({
      code: i.code,
      landUse: i.landUse,
      boundary: i.boundary == null ? i.boundary : JSON.stringify(i.boundary),
      holderKind: i.holderKind,
      holder: i.holder,
      transactionPrice: i.transactionPrice,
    }));
    const keys = await providerUpdate(ctx, {
      subgraph: 'geospatial',
      provider: PROVIDER,
      database: '自然资源和空间地理基础库',
      mutation: 'updateLandParcels',
      spec: PARCEL_INGEST,
      input: rows,
    });
    return foundRows(await ctx.loaders.parcelById.loadMany(keys));
  }
}
