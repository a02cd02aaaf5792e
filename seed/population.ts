/** Demo data of 人口基础库: `scale` persons of the synthetic city, grouped into households, loaded
 *  with COPY. Person #i is the same in every subgraph's seed (pure function of i). */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Seeder, SeedOptions } from '../platform/subgraph/definition';
import { copyRows } from '../platform/db/copy';
import { personKey, pseudonymousKey } from '../platform/keys';
import { syntheticHousehold, syntheticPerson } from './synthetic/people';
import { PersonEntity } from '../subgraphs/population/entities';

const householdKey = (householdNumber: string) => pseudonymousKey('household', householdNumber);
/** 户号: the city's code and a nine-digit serial. */
const householdNumberOf = (householdIndex: number) => `430400${String(householdIndex + 1).padStart(9, '0')}`;

function* households(scale: number) {
  for (let i = 0; i < scale; i++) {
    const p = syntheticPerson(i);
    if (!p.isHouseholdHead) continue;
    const number = householdNumberOf(p.householdIndex);
    yield [householdKey(number), number, personKey(p.idNumber), p.householdDivisionCode, p.householdAddress];
  }
}

function* persons(scale: number) {
  for (let i = 0; i < scale; i++) {
    const p = syntheticPerson(i);
    // A household whose head lies beyond this scale is not seeded; its members stay unattached.
    const headIndex = syntheticHousehold(p.householdIndex).headIndex;
    const household = headIndex < scale ? householdKey(householdNumberOf(p.householdIndex)) : null;
    yield [
      personKey(p.idNumber),
      p.idNumber,
      p.name,
      p.gender,
      p.birthDate,
      p.ethnicity,
      p.phone,
      p.householdDivisionCode,
      p.householdAddress,
      p.status,
      household,
    ];
  }
}

export async function seedPopulation(em: EntityManager, { scale, log }: SeedOptions): Promise<void> {
  const h = await copyRows(em, 'household', ['id', 'household_number', 'head_id', 'division_code', 'address'], households(scale));
  const p = await copyRows(
    em,
    'person',
    ['id', 'id_number', 'name', 'gender', 'birth_date', 'ethnicity', 'phone', 'household_division_code', 'household_address', 'status', 'household_id'],
    persons(scale),
  );
  log(`${p} persons in ${h} households`);
}

export async function isPopulationEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(PersonEntity, {})) === 0;
}

/** Named by this subgraph's `seed` entry in schema/subgraphs.json. */
export const seeder: Seeder = { seed: seedPopulation, isEmpty: isPopulationEmpty };
