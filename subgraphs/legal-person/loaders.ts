/** Request-scoped batch loaders of the legal-person subgraph (plain rows: the entity is data). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, PLAIN, rowLoader } from '../../platform/db/loaders';
import { LegalPersonEntity } from './entities';

export function legalPersonLoaders(em: EntityManager) {
  return {
    legalPersonById: rowLoader(em, LegalPersonEntity, 'id', PLAIN),
    representedBy: groupLoader(em, LegalPersonEntity, 'legalRepresentativeId', { establishedDate: 'asc', id: 'asc' }, {}, PLAIN),
  };
}

export type LegalPersonLoaders = ReturnType<typeof legalPersonLoaders>;
