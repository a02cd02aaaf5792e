/**
 * The catalog subgraph: the platform's own records (agencies, the catalogue, applications, grants,
 * the audit trail and the yearly evaluation), one folder per feature, each with its GraphQL types,
 * resolvers and service:
 *
 *   agencies/    the agency register (rows: platform/governance)
 *   catalogue/   the sharing catalogue generated from the supergraph, publication dates
 *   calendar/    the working calendar the deadlines are counted on
 *   workflow/    applications, reviews, provisioning, grants (rows: platform/governance), objections
 *   audit/       searching the audit trail, a data subject's access history, chain verification
 *   evaluation/  the yearly evaluation (Art. 25) and its CSV
 *   notifications/ each agency's inbox (rows: platform/governance) and the notify() service
 *   demands/     the demand list (需求清单, Art. 16): submit, assign with a deadline, answer
 *   notices/     rectification notices (通知整改, Art. 26): raised from evidence, acknowledged, closed, escalated
 *   register/    the catalogue register the bureau keeps: edits, stricter reclassification, history
 *   quality/     one source, compared (一数一源, Art. 9): the consistency job, its actor and its findings
 *   objections-data/ data objections (异议核实, Art. 11): raised on a value, verified by its provider, resolved
 *   webhooks/    an agency's webhook (notifications also POSTed, signed; platform/webhooks delivers)
 *   shared/      policy classes, actors and roles, SQL helpers, dates, audited transitions
 *
 * Its database is the governance database: platform/governance's tables and migrations come first.
 */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { governanceEntities, governancePreservedOnReseed } from '../../platform/governance/entities';
import { catalogMigrations } from '../../migrations/catalog';
import { ApplicationProvisionEntity, ApplicationReviewEntity, NonSharingObjectionEntity, SharingApplicationEntity } from './workflow/entities';
import { CalendarDayEntity } from './calendar/entities';
import { CatalogPublicationEntity } from './catalogue/entities';
import { catalogLoaders } from './loaders';
import { AgencyResolver } from './agencies/resolvers';
import { CatalogueResolver } from './catalogue/resolvers';
import { CalendarResolver } from './calendar/resolvers';
import { SharingApplicationResolver } from './workflow/application-resolvers';
import { GrantResolver } from './workflow/grant-resolvers';
import { NonSharingObjectionResolver } from './workflow/objection-resolvers';
import { AccessHistoryResolver, AuditEventResolver } from './audit/resolvers';
import { ConsumerEvaluationResolver, EvaluationResolver, ProviderEvaluationResolver } from './evaluation/resolvers';
import { NotificationResolver } from './notifications/resolvers';
import { DataDemandResolver } from './demands/resolvers';
import { RectificationNoticeResolver } from './notices/resolvers';
import { CatalogueRegisterResolver } from './register/resolvers';
import { ConsistencyFindingResolver } from './quality/resolvers';
import { DataObjectionResolver } from './objections-data/resolvers';
import { WebhookResolver } from './webhooks/resolvers';
import { BatchExportResolver } from './exports/resolvers';
import { isCatalogEmpty, seedCatalog } from './seed';
import { PROVIDER } from './shared/policy';

export const subgraph: SubgraphDefinition = {
  name: 'catalog',
  provider: PROVIDER,
  entities: [
    ...governanceEntities,
    SharingApplicationEntity,
    ApplicationReviewEntity,
    ApplicationProvisionEntity,
    NonSharingObjectionEntity,
    CalendarDayEntity,
    CatalogPublicationEntity,
  ],
  resolvers: [
    AgencyResolver,
    CatalogueResolver,
    CalendarResolver,
    SharingApplicationResolver,
    GrantResolver,
    NonSharingObjectionResolver,
    AuditEventResolver,
    AccessHistoryResolver,
    EvaluationResolver,
    ProviderEvaluationResolver,
    ConsumerEvaluationResolver,
    NotificationResolver,
    DataDemandResolver,
    RectificationNoticeResolver,
    CatalogueRegisterResolver,
    ConsistencyFindingResolver,
    DataObjectionResolver,
    WebhookResolver,
    BatchExportResolver,
  ],
  referenceResolvers: {},
  loaders: catalogLoaders,
  migrations: catalogMigrations,
  seed: seedCatalog,
  isEmpty: isCatalogEmpty,
  // The trail, the calendar, publication dates and refresh reports outlive a reseed of demo data.
  preserveOnReseed: [...governancePreservedOnReseed, 'calendar_day', 'catalog_publication', 'catalog_composed_resource', 'catalog_disclosure_link'],
};
