/** The e-license subgraph (电子证照库), as the platform runs it. */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { eLicenseMigrations } from '../../migrations/e-license';
import { LicenseEntity } from './entities';
import { eLicenseLoaders } from './loaders';
import { eLicenseReferenceResolvers, LegalPersonLicensesResolver, LicenseResolver, PersonLicensesResolver } from './resolvers';
import { licenceKindCounts } from './refresh-counts';
import { LICENSE_KIND_TYPES, PROVIDER } from './types';
import { LICENSE_TYPES } from './catalogue';
import { LICENCE_INGEST } from './ingest';
import { LICENSE_CHANGE_TYPES, LicenseChangeResolver } from './changes';
import { LicenseUpdateResolver } from './update';

export const subgraph: SubgraphDefinition = {
  name: 'e-license',
  provider: PROVIDER,
  entities: [LicenseEntity],
  resolvers: [LicenseResolver, PersonLicensesResolver, LegalPersonLicensesResolver, LicenseChangeResolver, LicenseUpdateResolver],
  orphanedTypes: [...LICENSE_KIND_TYPES, ...LICENSE_CHANGE_TYPES],
  referenceResolvers: eLicenseReferenceResolvers,
  loaders: eLicenseLoaders,
  migrations: eLicenseMigrations,
  refreshCounts: licenceKindCounts,
  ingest: [LICENCE_INGEST],
  // A licence, and a check of one, is about its holder.
  auditSubjects: {
    ...Object.fromEntries(LICENSE_TYPES.map((t) => [t.graphqlName, (row: { holderId: string }) => row.holderId])),
    LicenseVerification: (row: { license: { holderId: string } | null }) => row.license?.holderId,
    // A change to a licence is about its holder, as a read of the licence is.
    ...Object.fromEntries(LICENSE_TYPES.map((t) => [`${t.graphqlName}Change`, (row: { holderId: string }) => row.holderId])),
  },
};
