/** The catalog subgraph: the platform's own records (agencies, the catalogue, applications, grants,
 *  the audit trail and the yearly evaluation). */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { catalogMigrations } from '../../migrations/catalog';
import {
  AgencyEntity, ApplicationProvisionEntity, ApplicationReviewEntity, AuditEventEntity, CalendarDayEntity, CatalogPublicationEntity, GrantEntity,
  NonSharingObjectionEntity, ResourceRefreshEntity, SharingApplicationEntity,
} from './entities';
import { catalogLoaders } from './loaders';
import { AgencyResolver, CalendarResolver, CatalogueResolver } from './resolvers';
import { GrantResolver, NonSharingObjectionResolver, SharingApplicationResolver } from './workflow-resolvers';
import { AccessHistoryResolver, AuditEventResolver } from './audit-resolvers';
import { ConsumerEvaluationResolver, EvaluationResolver, ProviderEvaluationResolver } from './evaluation-resolvers';
import { isCatalogEmpty, seedCatalog } from './seed';
import { PROVIDER } from './types';

export const subgraph: SubgraphDefinition = {
  name: 'catalog',
  provider: PROVIDER,
  entities: [
    AgencyEntity, GrantEntity, AuditEventEntity, SharingApplicationEntity, ApplicationReviewEntity, ApplicationProvisionEntity,
    NonSharingObjectionEntity, CalendarDayEntity, CatalogPublicationEntity, ResourceRefreshEntity,
  ],
  resolvers: [
    AgencyResolver, CatalogueResolver, CalendarResolver, SharingApplicationResolver, GrantResolver, NonSharingObjectionResolver,
    AuditEventResolver, AccessHistoryResolver, EvaluationResolver, ProviderEvaluationResolver, ConsumerEvaluationResolver,
  ],
  referenceResolvers: {},
  loaders: catalogLoaders,
  migrations: catalogMigrations,
  seed: seedCatalog,
  isEmpty: isCatalogEmpty,
  // The trail, the calendar, publication dates and refresh reports outlive a reseed of demo data.
  preserveOnReseed: ['audit_event', 'calendar_day', 'catalog_publication', 'resource_refresh'],
};
