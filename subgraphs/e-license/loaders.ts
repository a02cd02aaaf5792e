/** Request-scoped batch loaders of the e-license subgraph. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, rowLoader } from '../../platform/db/loaders';
import { LicenseEntity } from './entities';

export function eLicenseLoaders(em: EntityManager) {
  return {
    licenseById: rowLoader(em, LicenseEntity, 'id'),
    /** Every licence with a number (several when a driving licence shares its holder's ID number, or spouses a 结婚证 字号). */
    licensesByNumber: groupLoader(em, LicenseEntity, 'number', { id: 'asc' }),
    /** All licences of a holder, whatever the filters: filtering happens in memory, so fields with
     *  different arguments still share one SELECT a batch. */
    licensesByHolder: groupLoader(em, LicenseEntity, 'holderId', { issueDate: 'asc', id: 'asc' }),
  };
}

export type ELicenseLoaders = ReturnType<typeof eLicenseLoaders>;
