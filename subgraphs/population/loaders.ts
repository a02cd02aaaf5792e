/** Request-scoped batch loaders of the population subgraph (plain rows: the entities are data). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, PLAIN, rowLoader } from '../../platform/db/loaders';
import { HouseholdEntity, PersonEntity } from './entities';

export function populationLoaders(em: EntityManager) {
  return {
    personById: rowLoader(em, PersonEntity, 'id', PLAIN),
    householdById: rowLoader(em, HouseholdEntity, 'id', PLAIN),
    membersByHousehold: groupLoader(em, PersonEntity, 'householdId', { birthDate: 'asc', id: 'asc' }, {}, PLAIN),
  };
}

export type PopulationLoaders = ReturnType<typeof populationLoaders>;
