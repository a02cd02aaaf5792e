/** The geospatial subgraph (自然资源和空间地理基础库), as the platform runs it. */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { geospatialMigrations } from '../../migrations/geospatial';
import { AddressEntity, DivisionEntity, LegalPersonSiteEntity, ParcelEntity } from './entities';
import { geospatialLoaders, type GeospatialLoaders } from './loaders';
import { AddressResolver, DivisionResolver, LegalPersonGeoResolver, ParcelResolver, PersonParcelsResolver, geospatialReferenceResolvers } from './resolvers';
import { PROVIDER } from './types';
import { PARCEL_INGEST } from './ingest';
import { parcelChanges, LandParcelUpdateResolver } from './changes';

export const subgraph: SubgraphDefinition = {
  name: 'geospatial',
  provider: PROVIDER,
  entities: [DivisionEntity, AddressEntity, LegalPersonSiteEntity, ParcelEntity],
  resolvers: [
    DivisionResolver,
    AddressResolver,
    ParcelResolver,
    PersonParcelsResolver,
    LegalPersonGeoResolver,
    parcelChanges.resolver,
    LandParcelUpdateResolver,
  ],
  referenceResolvers: geospatialReferenceResolvers,
  loaders: geospatialLoaders,
  migrations: geospatialMigrations,
  ingest: [PARCEL_INGEST],
  // A parcel is about its right holder; divisions and standard addresses name no data subject.
  auditSubjects: {
    LandParcel: (row: ParcelEntity) => row.holderId,
    // A change is about its parcel's holder, as a read of the parcel is (the change carries only the parcel's key).
    LandParcelChange: async (row: { landParcelId?: string } | undefined, ctx) =>
      row?.landParcelId ? ((await (ctx.loaders as GeospatialLoaders).parcelById.load(row.landParcelId))?.holderId ?? null) : undefined,
    Address: () => null,
    AddressNearby: () => null,
    AdministrativeDivision: () => null,
  },
};
