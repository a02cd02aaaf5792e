/** Request-scoped batch loaders of the catalog subgraph. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { rowLoader } from '../../platform/db/loaders';
import { AgencyEntity } from './entities';

export function catalogLoaders(em: EntityManager) {
  return {
    agencyByCode: rowLoader(em, AgencyEntity, 'code'),
  };
}

export type CatalogLoaders = ReturnType<typeof catalogLoaders>;
