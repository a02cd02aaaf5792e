/** The catalog subgraph: the platform's own records (agencies, grants, audit trail, catalogue). */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { catalogMigrations } from '../../migrations/catalog';
import { AgencyEntity, AuditEventEntity, GrantEntity } from './entities';
import { catalogLoaders } from './loaders';
import { AgencyResolver } from './resolvers';
import { isCatalogEmpty, seedCatalog } from './seed';
import { PROVIDER } from './types';

export const subgraph: SubgraphDefinition = {
  name: 'catalog',
  provider: PROVIDER,
  entities: [AgencyEntity, GrantEntity, AuditEventEntity],
  resolvers: [AgencyResolver],
  referenceResolvers: {},
  loaders: catalogLoaders,
  migrations: catalogMigrations,
  seed: seedCatalog,
  isEmpty: isCatalogEmpty,
  preserveOnReseed: ['audit_event'],
};
