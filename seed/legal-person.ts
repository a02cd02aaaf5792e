/** Demo data of 法人基础库: one legal person for every five persons of the synthetic city, each
 *  represented by a seeded person (same index → same person in the population subgraph). */
import { createHash } from 'node:crypto';
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

/**
 * Whether a text is a seeded household's address (a registered address equal to one carries
 * Person.householdAddress). Kept as the sorted 64-bit hashes of the 2.4 million addresses at 6.6 M
 * persons (19 MB): a Set of the texts themselves took the seed to 2.5 GB. A hash collision could
 * only mark a business as registered at a home, the stricter class.
 */
function householdAddressTest(scale: number): (text: string) => boolean {
  let hashes = new BigUint64Array(1 << 16);
  let n = 0;
  for (const h of seededHouseholds(scale)) {
    if (n === hashes.length) {
      const grown = new BigUint64Array(hashes.length * 2);
      grown.set(hashes);
      hashes = grown;
    }
    hashes[n++] = addressHash(h.address);
  }
  const sorted = hashes.subarray(0, n).sort();
  return (text) => {
    const x = addressHash(text);
    let [lo, hi] = [0, sorted.length - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] === x) return true;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
}

const addressHash = (text: string): bigint => createHash('md5').update(text).digest().readBigUInt64LE(0);

function* rows(scale: number) {
  const isHome = householdAddressTest(scale);
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
      lp.registeredAtHome || isHome(lp.registeredAddress),
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
