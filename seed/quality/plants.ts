/**
 * Inconsistencies the demo seed plants on purpose between base databases (一数一源, Art. 9), so that
 * the consistency job (subgraphs/catalog/quality/) has known work: a fixed number per rule, on
 * persons chosen deterministically from the END of the synthetic city (the tests that look for
 * "the first person with …" scan from index 0 and never meet them). Only values change, never the
 * number of rows, so every seeded count other tests rely on stays as it was.
 *
 * The e-license and legal-person seeds apply them (seed/e-license.ts, seed/legal-person.ts). The job never reads this list: only the test
 * does, to prove the job finds exactly these (test/integration/quality-consistency.test.ts).
 */
import { makeIdNumber, parseIdNumber } from '../../platform/ids/id-number';
import { personLicenses, type SyntheticLicense } from '../synthetic/e-license';
import { syntheticPerson, type SyntheticPerson } from '../synthetic/people';
import { syntheticLegalPerson } from '../synthetic/enterprises';
import { legalPersonCount } from '../synthetic/city';
import { seededHouseholds } from '../synthetic/geospatial';

/** How many of each the seed plants (fewer only when the city is too small to hold them). */
export const PLANTED_PER_RULE = {
  /** A licence whose holder name differs from the population register's name. */
  LICENCE_HOLDER_NAME: 3,
  /** A licence numbered by the ID number (居民身份证, 机动车驾驶证) whose number differs from the holder's. */
  LICENCE_HOLDER_ID: 2,
  /** A dead person's 居民身份证 left VALID (it is 注销 on death). */
  DECEASED_ACTIVE_LICENCE: 2,
  /** A legal person whose registered address is not the text of its location in the address register. */
  REGISTERED_ADDRESS: 2,
  /** None planted (it would move legal persons between divisions that other tests count): the rule
   *  is proved on rows in test/unit/quality-rules.test.ts, and here to find none in the seed. */
  REGISTERED_DIVISION: 0,
} as const;

export type PlantRule = keyof typeof PLANTED_PER_RULE;

export interface Plant {
  rule: Exclude<PlantRule, 'REGISTERED_ADDRESS' | 'REGISTERED_DIVISION'>;
  personIndex: number;
  /** The licence changed: type and its number as the synthetic city has it (before the plant). */
  licenceType: SyntheticLicense['type'];
  licenceNumber: string;
  /** What the e-license database holds after the plant. */
  planted: { holderName?: string; number?: string; status?: 'VALID' };
}

/** A different name of the same length: the last character replaced (still a plausible name). */
function misspelt(name: string): string {
  const chars = Array.from(name);
  const last = chars[chars.length - 1];
  chars[chars.length - 1] = last === '华' ? '军' : '华';
  return chars.join('');
}

/** Another well-formed ID number: same division and birth date, another sequence (so it parses). */
function mistyped(idNumber: string): string {
  const p = parseIdNumber(idNumber, new Date('2030-01-01'));
  if (!p.ok) throw new Error(`not an ID number: ${idNumber}`);
  // 500 sequences away: never the same number (makeIdNumber only flips the lowest bit for the gender).
  return makeIdNumber(p.divisionCode, p.birthDate, (Number(idNumber.slice(14, 17)) + 500) % 1000, p.gender);
}

const memo = new Map<number, Plant[]>();

/** The plants of a city of `scale` persons, in a fixed order. */
export function qualityPlants(scale: number): Plant[] {
  const known = memo.get(scale);
  if (known) return known;
  const plants: Plant[] = [];
  const want: Record<Plant['rule'], number> = {
    LICENCE_HOLDER_NAME: PLANTED_PER_RULE.LICENCE_HOLDER_NAME,
    LICENCE_HOLDER_ID: PLANTED_PER_RULE.LICENCE_HOLDER_ID,
    DECEASED_ACTIVE_LICENCE: PLANTED_PER_RULE.DECEASED_ACTIVE_LICENCE,
  };
  const take = (rule: Plant['rule'], p: SyntheticPerson, l: SyntheticLicense, planted: Plant['planted']) => {
    plants.push({ rule, personIndex: p.index, licenceType: l.type, licenceNumber: l.number, planted });
    want[rule] -= 1;
  };
  for (let i = scale - 1; i >= 0 && Object.values(want).some((n) => n > 0); i--) {
    const p = syntheticPerson(i);
    const ls = personLicenses(i);
    const card = ls.find((l) => l.type === 'ID_CARD');
    const driving = ls.find((l) => l.type === 'DRIVING_LICENSE');
    // A card valid for life (长期): left VALID it stays in force whatever today's date.
    if (p.status === 'DECEASED' && card && card.validTo === null && want.DECEASED_ACTIVE_LICENCE > 0)
      take('DECEASED_ACTIVE_LICENCE', p, card, { status: 'VALID' });
    else if (p.status === 'ALIVE' && driving && driving.status === 'VALID' && want.LICENCE_HOLDER_NAME > 0) {
      take('LICENCE_HOLDER_NAME', p, driving, { holderName: misspelt(p.name) });
    } else if (p.status === 'ALIVE' && driving && driving.status === 'VALID' && want.LICENCE_HOLDER_ID > 0) {
      take('LICENCE_HOLDER_ID', p, driving, { number: mistyped(p.idNumber) });
    }
  }
  memo.set(scale, plants);
  return plants;
}

/** The licence as the e-license database holds it: planted values over the synthetic ones. */
export function withPlants(l: SyntheticLicense, scale: number): SyntheticLicense {
  if (l.holderKind !== 'PERSON') return l;
  const plant = qualityPlants(scale).find((p) => p.personIndex === l.holderIndex && p.licenceType === l.type && p.licenceNumber === l.number);
  if (!plant) return l;
  const { holderName, number, status } = plant.planted;
  return {
    ...l,
    ...(holderName ? { holderName } : {}),
    ...(number ? { number } : {}),
    ...(status ? { status, statusReason: null } : {}),
  };
}

export interface AddressPlant {
  rule: 'REGISTERED_ADDRESS';
  legalPersonIndex: number;
  /** The registered address the legal-person database holds instead of the synthetic one. */
  registeredAddress: string;
}

/** Another door number on the same road: still a well-formed address, not the one in the register. */
function otherDoor(address: string): string {
  const m = /(\d+)号$/.exec(address);
  return m ? `${address.slice(0, m.index)}${Number(m[1]) + 500}号` : `${address}附1号`;
}

/** Legal persons (from the end of the city) whose registered address the legal-person seed changes;
 *  never one registered at a household's address (that text carries Person.householdAddress). */
export function addressPlants(scale: number): AddressPlant[] {
  const homes = new Set([...seededHouseholds(scale)].map((h) => h.address));
  const out: AddressPlant[] = [];
  for (let k = legalPersonCount(scale) - 1; k >= 0 && out.length < PLANTED_PER_RULE.REGISTERED_ADDRESS; k--) {
    const lp = syntheticLegalPerson(k, scale);
    if (lp.registeredAtHome || homes.has(lp.registeredAddress)) continue;
    out.push({ rule: 'REGISTERED_ADDRESS', legalPersonIndex: k, registeredAddress: otherDoor(lp.registeredAddress) });
  }
  return out;
}
