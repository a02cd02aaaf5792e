/** Demo data of 法人基础库: one legal person for every five persons of the synthetic city, each
 *  represented by a seeded person (same index → same person in the population subgraph). */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Seeder, SeedOptions } from '../platform/subgraph/definition';
import { copyRows } from '../platform/db/copy';
import { legalPersonKey, personKey } from '../platform/keys';
import { syntheticLegalPerson } from './synthetic/enterprises';
import { annualReportFigures, legalPersonCount } from './synthetic/city';
import { syntheticPerson } from './synthetic/people';
import { seededHouseholds } from './synthetic/geospatial';
import { LegalPersonEntity } from '../subgraphs/legal-person/entities';
import { addressPlants } from './quality/plants';

const COLUMNS = [
  'id',
  'uscc',
  'name',
  'kind',
  'legal_representative_id',
  'registered_capital',
  'established_date',
  'business_scope',
  'status',
  'registration_authority',
  'registered_division_code',
  'registered_address',
  'contact_phone',
  'employee_count',
  'total_assets',
  'operator_name',
  'registered_at_home',
];

/** Every seeded household's address: a registered address equal to one carries Person.householdAddress. */
function householdAddresses(scale: number): Set<string> {
  // Streamed into the set: spreading the households first held all 2.4 M of them at 6.6 M persons
  // (the legal-person seed's peak RSS was 1.6 GB; the addresses alone are a few hundred MB).
  const addresses = new Set<string>();
  for (const h of seededHouseholds(scale)) addresses.add(h.address);
  return addresses;
}

function* rows(scale: number) {
  const homes = householdAddresses(scale);
  // A few registered addresses differ from the address register on purpose (seed/quality/plants.ts).
  const planted = new Map(addressPlants(scale).map((p) => [p.legalPersonIndex, p.registeredAddress]));
  for (let i = 0; i < legalPersonCount(scale); i++) {
    const synthetic = syntheticLegalPerson(i, scale);
    const lp = planted.has(i) ? { ...synthetic, registeredAddress: planted.get(i)! } : synthetic;
    const representative = syntheticPerson(lp.legalRepresentativeIndex);
    const report = annualReportFigures(lp);
    yield [
      // nameTemplate, not name: the operator's name is stored apart (platform/policy/carried.ts).
      legalPersonKey(lp.uscc),
      lp.uscc,
      lp.nameTemplate,
      lp.kind,
      personKey(representative.idNumber),
      lp.registeredCapital,
      lp.establishedDate,
      lp.businessScope,
      lp.status,
      lp.registrationAuthority,
      lp.registeredDivisionCode,
      lp.registeredAddress,
      lp.contactPhone,
      report.employeeCount,
      report.totalAssets,
      lp.operatorName,
      lp.registeredAtHome || homes.has(lp.registeredAddress),
    ];
  }
}

export async function seedLegalPersons(em: EntityManager, { scale, log }: SeedOptions): Promise<void> {
  const n = await copyRows(em, 'legal_person', COLUMNS, rows(scale));
  log(`${n} legal persons`);
}

export async function isLegalPersonEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(LegalPersonEntity, {})) === 0;
}

/** Named by this subgraph's `seed` entry in schema/subgraphs.json. */
export const seeder: Seeder = { seed: seedLegalPersons, isEmpty: isLegalPersonEmpty };
