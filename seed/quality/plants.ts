/**
 * Inconsistencies the demo seed plants on purpose between base databases (一数一源, Art. 9), so that
 * the consistency job (subgraphs/catalog/quality/) has known work: a fixed number per rule, on
 * persons chosen deterministically from the END of the synthetic city (the tests that look for
 * "the first person with …" scan from index 0 and never meet them). Only values change, never the
 * number of rows, so every seeded count other tests rely on stays as it was.
 *
 * The e-license seed applies them (seed/e-license.ts). The job never reads this list: only the test
 * does, to prove the job finds exactly these (test/integration/quality-consistency.test.ts).
 */
import { makeIdNumber, parseIdNumber } from '../../platform/ids/id-number';
import { personLicenses, type SyntheticLicense } from '../synthetic/e-license';
import { syntheticPerson, type SyntheticPerson } from '../synthetic/people';

/** How many of each the seed plants (fewer only when the city is too small to hold them). */
export const PLANTED_PER_RULE = {
  /** A licence whose holder name differs from the population register's name. */
  LICENCE_HOLDER_NAME: 3,
  /** A licence numbered by the ID number (居民身份证, 机动车驾驶证) whose number differs from the holder's. */
  LICENCE_HOLDER_ID: 2,
  /** A dead person's 居民身份证 left VALID (it is 注销 on death). */
  DECEASED_ACTIVE_LICENCE: 2,
} as const;

export type PlantRule = keyof typeof PLANTED_PER_RULE;

export interface Plant {
  rule: PlantRule;
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
  const used = new Set<number>();
  const want = { ...PLANTED_PER_RULE } as Record<PlantRule, number>;
  const take = (rule: PlantRule, p: SyntheticPerson, l: SyntheticLicense, planted: Plant['planted']) => {
    plants.push({ rule, personIndex: p.index, licenceType: l.type, licenceNumber: l.number, planted });
    used.add(p.index);
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
