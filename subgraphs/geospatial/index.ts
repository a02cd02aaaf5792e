/** The geospatial subgraph (自然资源和空间地理基础库), as the platform runs it. */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { geospatialMigrations } from '../../migrations/geospatial';
import { AddressEntity, DivisionEntity, LegalPersonSiteEntity, ParcelEntity } from './entities';
import { geospatialLoaders } from './loaders';
import { AddressResolver, DivisionResolver, LegalPersonGeoResolver, ParcelResolver, PersonParcelsResolver, geospatialReferenceResolvers } from './resolvers';
import { PROVIDER } from './types';

export const subgraph: SubgraphDefinition = {
  name: 'geospatial',
  provider: PROVIDER,
  entities: [DivisionEntity, AddressEntity, LegalPersonSiteEntity, ParcelEntity],
  resolvers: [DivisionResolver, AddressResolver, ParcelResolver, PersonParcelsResolver, LegalPersonGeoResolver],
  referenceResolvers: geospatialReferenceResolvers,
  loaders: geospatialLoaders,
  migrations: geospatialMigrations,
  // A parcel is about its right holder; divisions and standard addresses name no data subject.
  auditSubjects: {
    LandParcel: (row: ParcelEntity) => row.holderId,
    Address: () => null,
    AddressNearby: () => null,
    AdministrativeDivision: () => null,
  },
};
