/** Request-scoped batch loaders of the legal-person subgraph (plain rows: the entity is data). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, rowLoader } from '../../platform/db/loaders';
import { LegalPersonEntity } from './entities';

const plain = { plain: true };

export function legalPersonLoaders(em: EntityManager) {
  return {
    legalPersonById: rowLoader(em, LegalPersonEntity, 'id', plain),
    representedBy: groupLoader(em, LegalPersonEntity, 'legalRepresentativeId', { establishedDate: 'asc', id: 'asc' }, {}, plain),
  };
}

export type LegalPersonLoaders = ReturnType<typeof legalPersonLoaders>;
