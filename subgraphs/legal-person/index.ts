/** The legal-person subgraph (法人基础库), as the platform runs it. */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { legalPersonMigrations } from '../../migrations/legal-person';
import { LegalPersonEntity } from './entities';
import { legalPersonLoaders } from './loaders';
import { LegalPersonResolver, PersonRepresentationResolver, legalPersonReferenceResolvers } from './resolvers';
import { PROVIDER } from './types';

export const subgraph: SubgraphDefinition = {
  name: 'legal-person',
  provider: PROVIDER,
  entities: [LegalPersonEntity],
  resolvers: [LegalPersonResolver, PersonRepresentationResolver],
  referenceResolvers: legalPersonReferenceResolvers,
  loaders: legalPersonLoaders,
  migrations: legalPersonMigrations,
};
