/** Request-scoped batch loaders of the catalog subgraph. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, rowLoader } from '../../platform/db/loaders';
import {
  AgencyEntity, ApplicationProvisionEntity, ApplicationReviewEntity, GrantEntity, SharingApplicationEntity,
} from './entities';
import { loadCalendar } from './calendar';
import { query } from './sql';
import type { WorkingCalendar } from './working-days';

export function catalogLoaders(em: EntityManager) {
  let calendar: Promise<WorkingCalendar> | undefined;
  return {
    agencyByCode: rowLoader(em, AgencyEntity, 'code'),
    grantById: rowLoader(em, GrantEntity, 'id'),
    applicationById: rowLoader(em, SharingApplicationEntity, 'id'),
    reviewsByApplication: groupLoader(em, ApplicationReviewEntity, 'applicationId', { at: 'asc', id: 'asc' }),
    provisionsByApplication: groupLoader(em, ApplicationProvisionEntity, 'applicationId', { at: 'asc', id: 'asc' }),
    /** The working calendar, read once per request. */
    calendar: () => (calendar ??= loadCalendar(query(em))),
  };
}

export type CatalogLoaders = ReturnType<typeof catalogLoaders>;
