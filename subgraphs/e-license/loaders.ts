/** Request-scoped batch loaders of the e-license subgraph (plain rows: the entity is data; its
 *  jsonb content arrives parsed either way). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, PLAIN, rowLoader } from '../../platform/db/loaders';
import type { HolderKindCode } from './catalogue';
import { LicenseEntity } from './entities';

export function eLicenseLoaders(em: EntityManager) {
  const byHolder = groupLoader(em, LicenseEntity, 'holderId', { issueDate: 'asc', id: 'asc' }, {}, PLAIN);
  return {
    licenseById: rowLoader(em, LicenseEntity, 'id', PLAIN),
    /** Every licence with a number (several when a driving licence shares its holder's ID number, or spouses a 结婚证 字号). */
    licensesByNumber: groupLoader(em, LicenseEntity, 'number', { id: 'asc' }, {}, PLAIN),
    /** All licences of a holder key, whatever the filters: filtering happens in memory, so fields with
     *  different arguments still share one SELECT a batch. For `licensesOf(holderId:)`, which does
     *  not say what kind of holder the key is. */
    licensesByHolder: byHolder,
    /**
     * The licences of a holder of one kind only (Person.licenses, LegalPerson.licenses): a person's
     * key sent as a LegalPerson finds nothing (issue 8, class 3, key confusion). Pseudonymous keys
     * of persons and legal persons are distinct by construction; this keeps it so for any key.
     */
    licensesOfHolder: async (kind: HolderKindCode, holderId: string): Promise<LicenseEntity[]> =>
      (await byHolder.load(holderId)).filter((r) => r.holderKind === kind),
  };
}

export type ELicenseLoaders = ReturnType<typeof eLicenseLoaders>;
