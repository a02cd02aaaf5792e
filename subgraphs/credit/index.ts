/** The credit subgraph (社会信用库), as the platform runs it. */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { creditMigrations } from '../../migrations/credit';
import { CreditRecordEntity } from './entities';
import { creditLoaders, type CreditLoaders } from './loaders';
import { CreditRecordResolver, LegalPersonCreditResolver, PersonCreditResolver, creditReferenceResolvers } from './resolvers';
import { PROVIDER } from './types';
import { CREDIT_RECORD_INGEST } from './ingest';
import { creditRecordChanges, CreditUpdateResolver } from './changes';

export const subgraph: SubgraphDefinition = {
  name: 'credit',
  provider: PROVIDER,
  entities: [CreditRecordEntity],
  resolvers: [CreditRecordResolver, LegalPersonCreditResolver, PersonCreditResolver, creditRecordChanges.resolver, CreditUpdateResolver],
  referenceResolvers: creditReferenceResolvers,
  loaders: creditLoaders,
  migrations: creditMigrations,
  ingest: [CREDIT_RECORD_INGEST],
  // A record and a profile are about their subject, whose key the audit trail records.
  auditSubjects: {
    CreditRecord: (row: { subjectId?: string } | undefined) => row?.subjectId,
    CreditProfile: (row: { subjectId?: string } | undefined) => row?.subjectId,
    // A change is about the record's subject, as a read of the record is.
    CreditRecordChange: async (row: { creditRecordId?: string } | undefined, ctx) =>
      row?.creditRecordId ? ((await (ctx.loaders as CreditLoaders).recordById.load(row.creditRecordId))?.subjectId ?? null) : undefined,
  },
};
