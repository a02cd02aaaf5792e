/** The legal-person subgraph (法人基础库), as the platform runs it. */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { legalPersonMigrations } from '../../migrations/legal-person';
import { LegalPersonEntity } from './entities';
import { legalPersonLoaders } from './loaders';
import { LegalPersonResolver, PersonRepresentationResolver, legalPersonReferenceResolvers } from './resolvers';
import { PROVIDER } from './types';
import { LEGAL_PERSON_INGEST } from './ingest';
import { legalPersonChanges, LegalPersonUpdateResolver } from './changes';

export const subgraph: SubgraphDefinition = {
  name: 'legal-person',
  provider: PROVIDER,
  entities: [LegalPersonEntity],
  resolvers: [LegalPersonResolver, PersonRepresentationResolver, legalPersonChanges.resolver, LegalPersonUpdateResolver],
  referenceResolvers: legalPersonReferenceResolvers,
  loaders: legalPersonLoaders,
  migrations: legalPersonMigrations,
  ingest: [LEGAL_PERSON_INGEST],
  // A change is about its record.
  auditSubjects: { LegalPersonChange: (row: { legalPersonId?: string } | undefined) => row?.legalPersonId },
};
