/** The population subgraph (人口基础库), as the platform runs it. */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { populationMigrations } from '../../migrations/population';
import { HouseholdEntity, PersonEntity } from './entities';
import { populationLoaders, type PopulationLoaders } from './loaders';
import { HouseholdResolver, PersonResolver, populationReferenceResolvers } from './resolvers';
import { PROVIDER } from './types';
import { HOUSEHOLD_INGEST, PERSON_INGEST } from './ingest';
import { householdChanges, personChanges, PopulationUpdateResolver } from './change-resolvers';

export const subgraph: SubgraphDefinition = {
  name: 'population',
  provider: PROVIDER,
  entities: [PersonEntity, HouseholdEntity],
  resolvers: [PersonResolver, HouseholdResolver, personChanges.resolver, householdChanges.resolver, PopulationUpdateResolver],
  referenceResolvers: populationReferenceResolvers,
  loaders: populationLoaders,
  migrations: populationMigrations,
  ingest: [PERSON_INGEST, HOUSEHOLD_INGEST],
  auditSubjects: {
    // A change is about its record: the person's access history shows who learnt of it.
    PersonChange: (row: { personId?: string } | null) => row?.personId,
    // A household's change is about its members too, as a read of the household is.
    HouseholdChange: async (row: { householdId?: string } | null, ctx) => {
      if (!row?.householdId) return undefined;
      const members = await (ctx.loaders as PopulationLoaders).membersByHousehold.load(row.householdId);
      return [row.householdId, ...members.map((m: { id: string }) => m.id)];
    },
    // A household's record is about every member too: each member's access history shows the read.
    Household: async (row: HouseholdEntity | null, ctx) => {
      if (!row?.id) return undefined;
      const members = await (ctx.loaders as PopulationLoaders).membersByHousehold.load(row.id);
      return [row.id, ...members.map((m: { id: string }) => m.id)];
    },
  },
};
