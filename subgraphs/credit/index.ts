/** The credit subgraph (社会信用库), as the platform runs it. */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { creditMigrations } from '../../migrations/credit';
import { CreditRecordEntity } from './entities';
import { creditLoaders } from './loaders';
import { CreditRecordResolver, LegalPersonCreditResolver, PersonCreditResolver, creditReferenceResolvers } from './resolvers';
import { PROVIDER } from './types';

export const subgraph: SubgraphDefinition = {
  name: 'credit',
  provider: PROVIDER,
  entities: [CreditRecordEntity],
  resolvers: [CreditRecordResolver, LegalPersonCreditResolver, PersonCreditResolver],
  referenceResolvers: creditReferenceResolvers,
  loaders: creditLoaders,
  migrations: creditMigrations,
  // A record and a profile are about their subject, whose key the audit trail records.
  auditSubjects: {
    CreditRecord: (row: { subjectId?: string } | undefined) => row?.subjectId,
    CreditProfile: (row: { subjectId?: string } | undefined) => row?.subjectId,
  },
};
