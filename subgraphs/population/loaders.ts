/** Request-scoped batch loaders of the population subgraph (plain rows: the entities are data). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, rowLoader } from '../../platform/db/loaders';
import { HouseholdEntity, PersonEntity } from './entities';

const plain = { plain: true };

export function populationLoaders(em: EntityManager) {
  return {
    personById: rowLoader(em, PersonEntity, 'id', plain),
    householdById: rowLoader(em, HouseholdEntity, 'id', plain),
    membersByHousehold: groupLoader(em, PersonEntity, 'householdId', { birthDate: 'asc', id: 'asc' }, {}, plain),
  };
}

export type PopulationLoaders = ReturnType<typeof populationLoaders>;
