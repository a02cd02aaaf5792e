/** The e-license subgraph (电子证照库), as the platform runs it. */
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { eLicenseMigrations } from '../../migrations/e-license';
import { LicenseEntity } from './entities';
import { eLicenseLoaders } from './loaders';
import { eLicenseReferenceResolvers, LegalPersonLicensesResolver, LicenseResolver, PersonLicensesResolver } from './resolvers';
import { isELicenseEmpty, seedELicense } from './seed';
import { PROVIDER } from './types';

export const subgraph: SubgraphDefinition = {
  name: 'e-license',
  provider: PROVIDER,
  entities: [LicenseEntity],
  resolvers: [LicenseResolver, PersonLicensesResolver, LegalPersonLicensesResolver],
  referenceResolvers: eLicenseReferenceResolvers,
  loaders: eLicenseLoaders,
  migrations: eLicenseMigrations,
  seed: seedELicense,
  isEmpty: isELicenseEmpty,
  // A licence, and a check of one, is about its holder.
  auditSubjects: {
    License: (row: LicenseEntity) => row.holderId,
    LicenseVerification: (row: { license: LicenseEntity | null }) => row.license?.holderId,
  },
};
