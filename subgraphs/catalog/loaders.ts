/** Request-scoped batch loaders of the catalog subgraph. */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, rowLoader } from '../../platform/db/loaders';
import { loadAgencies, loadGrants, type AgencyRecord, type GrantRecord } from '../../platform/governance';
import { ApplicationProvisionEntity, ApplicationReviewEntity, SharingApplicationEntity } from './workflow/entities';
import { loadCalendar } from './calendar/calendar';
import { query } from './shared/sql';
import type { WorkingCalendar } from './calendar/working-days';

/** One row per key (null when absent), by one call of `load` per batch. */
function byKey<T>(load: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string) {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = new Map((await load(keys)).map((r) => [keyOf(r), r]));
    return keys.map((k) => rows.get(k) ?? null);
  });
}

export function catalogLoaders(em: EntityManager) {
  const sql = query(em);
  let calendar: Promise<WorkingCalendar> | undefined;
  return {
    agencyByCode: byKey<AgencyRecord>(
      (codes) => loadAgencies(sql, codes),
      (a) => a.code,
    ),
    grantById: byKey<GrantRecord>(
      (ids) => loadGrants(sql, ids),
      (g) => g.id,
    ),
    applicationById: rowLoader(em, SharingApplicationEntity, 'id'),
    reviewsByApplication: groupLoader(em, ApplicationReviewEntity, 'applicationId', { at: 'asc', id: 'asc' }),
    provisionsByApplication: groupLoader(em, ApplicationProvisionEntity, 'applicationId', { at: 'asc', id: 'asc' }),
    /** The working calendar, read once per request. */
    calendar: () => (calendar ??= loadCalendar(query(em))),
  };
}

export type CatalogLoaders = ReturnType<typeof catalogLoaders>;
