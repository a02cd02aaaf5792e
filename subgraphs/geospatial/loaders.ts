/** Request-scoped batch loaders of the geospatial subgraph: one statement per batch, however many
 *  parents (no N+1). */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, rowLoader } from '../../platform/db/loaders';
import { AddressEntity, DivisionEntity, ParcelEntity } from './entities';

/** Registered location of each legal person: its site joined to the address, in one SELECT. */
function registeredLocationLoader(em: EntityManager) {
  return new DataLoader<string, AddressEntity | null>(async (keys) => {
    const rows: Record<string, unknown>[] = await em.getConnection().execute(
      `SELECT s.legal_person_id AS site_of, a.* FROM legal_person_site s JOIN address a ON a.id = s.address_id
        WHERE s.legal_person_id IN (${keys.map(() => '?').join(', ')})`,
      [...keys],
    );
    const byKey = new Map<string, AddressEntity>();
    for (const { site_of: siteOf, ...address } of rows) byKey.set(String(siteOf), em.map(AddressEntity, address));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

export function geospatialLoaders(em: EntityManager) {
  return {
    divisionByCode: rowLoader(em, DivisionEntity, 'code'),
    divisionChildren: groupLoader(em, DivisionEntity, 'parentCode', { code: 'asc' }),
    addressById: rowLoader(em, AddressEntity, 'id'),
    parcelById: rowLoader(em, ParcelEntity, 'id'),
    parcelByCode: rowLoader(em, ParcelEntity, 'code'),
    parcelsOfPerson: groupLoader(em, ParcelEntity, 'holderId', { code: 'asc' }, { holderKind: 'PERSON' }),
    parcelsOfLegalPerson: groupLoader(em, ParcelEntity, 'holderId', { code: 'asc' }, { holderKind: 'LEGAL_PERSON' }),
    registeredLocation: registeredLocationLoader(em),
  };
}

export type GeospatialLoaders = ReturnType<typeof geospatialLoaders>;
