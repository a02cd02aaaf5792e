/** Request-scoped batch loaders of the population subgraph. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, rowLoader } from '../../platform/db/loaders';
import { HouseholdEntity, PersonEntity } from './entities';

export function populationLoaders(em: EntityManager) {
  return {
    personById: rowLoader(em, PersonEntity, 'id'),
    householdById: rowLoader(em, HouseholdEntity, 'id'),
    membersByHousehold: groupLoader(em, PersonEntity, 'householdId', { birthDate: 'asc', id: 'asc' }),
  };
}

export type PopulationLoaders = ReturnType<typeof populationLoaders>;
