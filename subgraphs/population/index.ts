/** The population subgraph (人口基础库), as the platform runs it. */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { populationMigrations } from '../../migrations/population';
import { HouseholdEntity, PersonEntity } from './entities';
import { populationLoaders } from './loaders';
import { HouseholdResolver, PersonResolver, populationReferenceResolvers } from './resolvers';
import { isPopulationEmpty, seedPopulation } from './seed';
import { PROVIDER } from './types';

export const subgraph: SubgraphDefinition = {
  name: 'population',
  provider: PROVIDER,
  entities: [PersonEntity, HouseholdEntity],
  resolvers: [PersonResolver, HouseholdResolver],
  referenceResolvers: populationReferenceResolvers,
  loaders: populationLoaders,
  migrations: populationMigrations,
  seed: seedPopulation,
  isEmpty: isPopulationEmpty,
};
