/** Request-scoped batch loaders of the legal-person subgraph. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, rowLoader } from '../../platform/db/loaders';
import { LegalPersonEntity } from './entities';

export function legalPersonLoaders(em: EntityManager) {
  return {
    legalPersonById: rowLoader(em, LegalPersonEntity, 'id'),
    representedBy: groupLoader(em, LegalPersonEntity, 'legalRepresentativeId', { establishedDate: 'asc', id: 'asc' }),
  };
}

export type LegalPersonLoaders = ReturnType<typeof legalPersonLoaders>;
