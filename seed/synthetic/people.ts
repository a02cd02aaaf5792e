/**
 * One file on purpose (over 300 lines): the generator of one register, a single deterministic stream that must not be split across modules.
 *
 * Synthetic residents of Hengyang. Person #i is a pure function of i: every subgraph's seed that
 * needs person #i (population, e-license, credit…) derives the same ID number, name and household
 * without reading another database.
 *
 * Unique ID numbers without global state. An ID number is fixed by (division, birth date,
 * sequence); collisions are avoided by construction, not by luck:
 *  1. Birth years follow a fixed "schedule" of SCHEDULE_LENGTH slots in which each year 1940..2020
 *     appears in proportion to its share of the population (a rough Hunan age pyramid), shuffled.
 *     Index i falls in slot i mod L of cycle ⌊i / L⌋, which makes it the k-th person born in its
 *     year, k = cycle × count(year) + rank of the slot among that year's slots. So (year, k)
 *     identifies i.
 *  2. Within the year, k is spread bijectively over (day, round): day = a permutation of k mod
 *     days-in-year, round = ⌊k / days⌋. Then round is mapped bijectively onto the sequence 0..999
 *     by an affine map mod 1000 with a per-day offset. So (year, day, sequence) identifies k, and
 *     therefore i: two indices never share a birth date and sequence, whatever their divisions.
 *  3. The gender is the parity of that sequence (GB 11643), so it comes out about 50/50 and is
 *     part of the bijection rather than a separate draw.
 * The construction holds while round < 1000, i.e. for every index below personIndexCapacity()
 * (about 20 million; tested to exceed 10 million). The division is therefore free to follow the
 * household, and does: a person's ID number mostly carries their household's county.
 *
 * Households: consecutive indices in blocks of 11 persons, split into 4 households of 1-5 members
 * (mean 2.75, near Hunan's census figure), so both directions are O(1). A seed with N persons
 * should use a multiple of HOUSEHOLD_BLOCK_PERSONS (see completeHouseholdPersonCount) so that no
 * household is cut. Members' ages are independent draws, so a household is plausible, not a
 * family tree; relationships are inferred from ages.
 */
import { Gender, makeIdNumber } from '../../platform/ids/id-number';
import { COUNTY_DIVISIONS, COUNTY_WEIGHTS, Division, isUrban } from '../../reference/divisions';
import { ETHNICITIES, MOBILE_PREFIXES, pickGivenName, pickSurname } from './names';
import { hash32, rngFor } from './random';

export type PersonStatus = 'ALIVE' | 'DECEASED' | 'MOVED_OUT';
export type Relationship = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD' | 'GRANDPARENT' | 'OTHER';

export interface SyntheticPerson {
  index: number;
  idNumber: string;
  name: string;
  gender: Gender;
  /** YYYY-MM-DD */
  birthDate: string;
  ethnicity: string;
  /** 11-digit mobile number, unique per person. */
  phone: string;
  status: PersonStatus;
  householdIndex: number;
  isHouseholdHead: boolean;
  relationshipToHead: Relationship;
  householdDivisionCode: string;
  householdAddress: string;
}

export interface SyntheticHousehold {
  householdIndex: number;
  headIndex: number;
  /** Person indices, ascending; includes the head. */
  memberIndices: number[];
  divisionCode: string;
  address: string;
}

/** The synthetic city's "today": ages and statuses are computed against it, never the clock. */
export const SYNTHETIC_REFERENCE_YEAR = 2025;
const FIRST_YEAR = 1940;
const LAST_YEAR = 2020;
const SCHEDULE_LENGTH = 8192;
/** Multipliers of the bijections below; coprime to every modulus they are used with. */
const DAY_STRIDE = 7919; // prime, divides neither 365 nor 366
const SEQ_STRIDE = 387; // 9 × 43, coprime to 1000
const PHONE_STRIDE = 73_939_133; // odd, not a multiple of 5: coprime to 10^8

/** Relative number of living people born in a year (a rough Hunan age pyramid, 2020 census shape). */
function yearWeight(y: number): number {
  if (y < 1950) return 0.3 + 0.03 * (y - FIRST_YEAR); // the oldest thin out
  if (y >= 1959 && y <= 1961) return 0.7; // famine years
  if (y < 1962) return 1.0;
  if (y <= 1975) return 1.6; // 1960s-70s baby boom
  if (y <= 1984) return 1.2;
  if (y <= 1991) return 1.5; // its echo
  if (y <= 1999) return 1.1;
  if (y <= 2009) return 0.9;
  if (y <= 2017) return 1.0; // two-child policy
  return 0.8;
}

const daysInYear = (y: number) => ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365);

interface Schedule {
  yearAt: Int16Array; // slot -> year offset from FIRST_YEAR
  rankAt: Int32Array; // slot -> rank among that year's slots
  count: Int32Array; // year offset -> slots per cycle
}

let schedule: Schedule | undefined;

/** Builds the birth-year schedule once: largest-remainder apportionment, then a seeded shuffle. */
function getSchedule(): Schedule {
  if (schedule) return schedule;
  const years = LAST_YEAR - FIRST_YEAR + 1;
  const weights = Array.from({ length: years }, (_, i) => yearWeight(FIRST_YEAR + i));
  const total = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (w / total) * SCHEDULE_LENGTH);
  const count = Int32Array.from(quotas, Math.floor);
  let left = SCHEDULE_LENGTH - count.reduce((a, b) => a + b, 0);
  const byRemainder = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) if (left-- > 0) count[i]++;

  const yearAt = new Int16Array(SCHEDULE_LENGTH);
  for (let y = 0, slot = 0; y < years; slot += count[y], y++) yearAt.fill(y, slot, slot + count[y]);
  const rng = rngFor('person-schedule', 0);
  for (let i = SCHEDULE_LENGTH - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [yearAt[i], yearAt[j]] = [yearAt[j], yearAt[i]];
  }
  const rankAt = new Int32Array(SCHEDULE_LENGTH);
  const seen = new Int32Array(years);
  for (let i = 0; i < SCHEDULE_LENGTH; i++) rankAt[i] = seen[yearAt[i]]++;
  return (schedule = { yearAt, rankAt, count });
}

let capacity: number | undefined;

/** Indices below this get unique ID numbers (the bijection of the header holds); larger ones throw. */
export function personIndexCapacity(): number {
  if (capacity === undefined) {
    const { count } = getSchedule();
    let cycles = Infinity;
    count.forEach((c, y) => (cycles = Math.min(cycles, Math.floor((1000 * daysInYear(FIRST_YEAR + y)) / c))));
    // Whole household blocks only, so that every member of a valid person's household is valid.
    capacity = Math.floor((cycles * SCHEDULE_LENGTH) / HOUSEHOLD_BLOCK_PERSONS) * HOUSEHOLD_BLOCK_PERSONS;
  }
  return capacity;
}

function checkIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`person index must be a non-negative integer, got ${index}`);
  if (index >= personIndexCapacity()) throw new RangeError(`person index ${index} is beyond the synthetic city's capacity (${personIndexCapacity()})`);
}

/** Birth date, sequence and gender of person #index: steps 1-3 of the header. */
function birthAndSequence(index: number): { birthDate: string; sequence: number; gender: Gender } {
  checkIndex(index);
  const { yearAt, rankAt, count } = getSchedule();
  const slot = index % SCHEDULE_LENGTH;
  const y = yearAt[slot];
  const year = FIRST_YEAR + y;
  const k = Math.floor(index / SCHEDULE_LENGTH) * count[y] + rankAt[slot];
  const days = daysInYear(year);
  const day = ((k % days) * DAY_STRIDE + (hash32('person-day', year) % days)) % days;
  const round = Math.floor(k / days); // < 1000, since index < personIndexCapacity()
  const sequence = (round * SEQ_STRIDE + (hash32('person-seq', year * 1000 + day) % 1000)) % 1000;
  const birthDate = new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
  return { birthDate, sequence, gender: sequence % 2 === 1 ? 'MALE' : 'FEMALE' };
}

function ageIn(referenceYear: number, birthDate: string): number {
  return referenceYear - Number(birthDate.slice(0, 4));
}

/** Status from its own stream, so that choosing a household head needs no names or addresses. */
function statusOf(index: number, birthDate: string): PersonStatus {
  const rng = rngFor('person-status', index);
  const age = ageIn(SYNTHETIC_REFERENCE_YEAR, birthDate);
  const deceased = age >= 85 ? 0.35 : age >= 75 ? 0.12 : age >= 60 ? 0.04 : 0.005;
  if (rng.chance(deceased)) return 'DECEASED';
  return rng.chance(age >= 18 && age <= 45 ? 0.06 : 0.02) ? 'MOVED_OUT' : 'ALIVE';
}

// ---- households ---------------------------------------------------------------------------

export const HOUSEHOLD_BLOCK_PERSONS = 11;
export const HOUSEHOLD_BLOCK_HOUSEHOLDS = 4;
/** Relative frequency of household sizes 1..5. */
const SIZE_WEIGHTS = [0.25, 0.3, 0.22, 0.14, 0.09];

/** Every split of a block into household sizes, weighted by how common those sizes are. */
const COMPOSITIONS: (readonly [number[], number])[] = (() => {
  const out: (readonly [number[], number])[] = [];
  const walk = (sizes: number[], left: number) => {
    if (sizes.length === HOUSEHOLD_BLOCK_HOUSEHOLDS) {
      if (left === 0) out.push([sizes, sizes.reduce((w, s) => w * SIZE_WEIGHTS[s - 1], 1)]);
      return;
    }
    for (let s = 1; s <= 5 && s <= left; s++) walk([...sizes, s], left - s);
  };
  walk([], HOUSEHOLD_BLOCK_PERSONS);
  return out;
})();

const blockSizes = (block: number): number[] => rngFor('household-block', block).weightedPick(COMPOSITIONS);

/** Smallest person count ≥ n that cuts no household. */
export const completeHouseholdPersonCount = (n: number) => Math.ceil(n / HOUSEHOLD_BLOCK_PERSONS) * HOUSEHOLD_BLOCK_PERSONS;

/** Household index of person #index. Households are numbered densely from 0. */
export function householdOf(index: number): number {
  checkIndex(index);
  const block = Math.floor(index / HOUSEHOLD_BLOCK_PERSONS);
  let offset = index % HOUSEHOLD_BLOCK_PERSONS;
  const sizes = blockSizes(block);
  let j = 0;
  while (offset >= sizes[j]) offset -= sizes[j++];
  return block * HOUSEHOLD_BLOCK_HOUSEHOLDS + j;
}

/** Person indices of a household, ascending (consecutive). */
export function householdMembers(householdIndex: number): number[] {
  if (!Number.isSafeInteger(householdIndex) || householdIndex < 0)
    throw new RangeError(`household index must be a non-negative integer, got ${householdIndex}`);
  const block = Math.floor(householdIndex / HOUSEHOLD_BLOCK_HOUSEHOLDS);
  const j = householdIndex % HOUSEHOLD_BLOCK_HOUSEHOLDS;
  const sizes = blockSizes(block);
  const start = block * HOUSEHOLD_BLOCK_PERSONS + sizes.slice(0, j).reduce((a, b) => a + b, 0);
  return Array.from({ length: sizes[j] }, (_, i) => start + i);
}

interface MemberCore {
  index: number;
  birthDate: string;
  sequence: number;
  gender: Gender;
  status: PersonStatus;
  relationship: Relationship;
}

interface HouseholdCore {
  householdIndex: number;
  members: MemberCore[];
  headIndex: number;
  division: Division;
  address: string;
}

/** Relationship to the head, inferred from ages and genders (members are independent draws). */
function relationship(self: MemberCore, head: MemberCore, spouseTaken: boolean): Relationship {
  const olderBy = Number(head.birthDate.slice(0, 4)) - Number(self.birthDate.slice(0, 4));
  if (olderBy >= 40) return 'GRANDPARENT';
  if (olderBy >= 16) return 'PARENT';
  if (olderBy <= -40) return 'GRANDCHILD';
  if (olderBy <= -16) return 'CHILD';
  const adults = ageIn(SYNTHETIC_REFERENCE_YEAR, self.birthDate) >= 20 && ageIn(SYNTHETIC_REFERENCE_YEAR, head.birthDate) >= 20;
  return !spouseTaken && adults && self.gender !== head.gender ? 'SPOUSE' : 'OTHER';
}

/** Last household computed: seeds walk persons in order, and members share one household. */
let lastHousehold: HouseholdCore | undefined;

/**
 * Members with their ages and statuses, the head (the oldest living member, or the oldest if none
 * is alive), each member's relationship (the first opposite-sex adult of similar age is the
 * spouse), and the place.
 */
function householdCore(householdIndex: number): HouseholdCore {
  if (lastHousehold?.householdIndex === householdIndex) return lastHousehold;
  const members: MemberCore[] = householdMembers(householdIndex).map((index) => {
    const bs = birthAndSequence(index);
    return { index, ...bs, status: statusOf(index, bs.birthDate), relationship: 'OTHER' };
  });
  const living = members.filter((m) => m.status === 'ALIVE');
  const head = (living.length ? living : members).reduce((a, b) => (b.birthDate < a.birthDate ? b : a));
  let spouseTaken = false;
  for (const m of members) {
    m.relationship = m === head ? 'HEAD' : relationship(m, head, spouseTaken);
    spouseTaken ||= m.relationship === 'SPOUSE';
  }
  const { division, address } = householdPlace(householdIndex);
  return (lastHousehold = { householdIndex, members, headIndex: head.index, division, address });
}

const VILLAGES = '新塘 石桥 大塘 枫林 桃花 白云 长岭 黄泥 高桥 清水 杨柳 荷花 樟树 竹山 龙潭 金星 红旗 五星 青山 双江'.split(' ');

/** Division and address of a household: the address every member shares. */
function householdPlace(householdIndex: number): { division: Division; address: string } {
  const rng = rngFor('household', householdIndex);
  const division = rng.weightedPick(COUNTY_WEIGHTS);
  const road = rng.pick(division.roads);
  const number = rng.int(1, 320);
  let rest: string;
  if (isUrban(division)) {
    rest = `${road}${number}号` + (rng.chance(0.85) ? `${rng.int(1, 24)}栋${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室` : '');
  } else if (rng.chance(0.45)) {
    const town = /^.+?(?:街道|镇|乡)/.exec(road)?.[0] ?? '';
    rest = `${town}${rng.pick(VILLAGES)}村${rng.int(1, 15)}组${number}号`;
  } else {
    rest = `${road}${number}号`;
  }
  return { division, address: division.fullName + rest };
}

export function syntheticHousehold(householdIndex: number): SyntheticHousehold {
  const h = householdCore(householdIndex);
  return { householdIndex, headIndex: h.headIndex, memberIndices: h.members.map((m) => m.index), divisionCode: h.division.code, address: h.address };
}

// ---- persons -------------------------------------------------------------------------------

/** Division in the ID number: mostly the household's county; 10% were first registered elsewhere in the city. */
function idDivision(index: number, household: Division): string {
  const rng = rngFor('person-id-division', index);
  return rng.chance(0.9) ? household.code : rng.pick(COUNTY_DIVISIONS).code;
}

/** The ID number of person #index alone: cheaper than syntheticPerson when nothing else is needed. */
export function syntheticIdNumber(index: number): string {
  const { birthDate, sequence, gender } = birthAndSequence(index);
  const { division } = householdPlace(householdOf(index));
  return makeIdNumber(idDivision(index, division), birthDate, sequence, gender);
}

const surnameOf = (index: number) => pickSurname(rngFor('person-surname', index));

export function syntheticPerson(index: number): SyntheticPerson {
  const householdIndex = householdOf(index);
  const household = householdCore(householdIndex);
  const self = household.members.find((m) => m.index === index)!;
  const { birthDate, sequence, gender, status, relationship: rel } = self;

  const rng = rngFor('person', index);
  // Children mostly carry the head's surname; spouses keep their own, as is usual in China.
  const inheritsSurname = (rel === 'CHILD' || rel === 'GRANDCHILD') && rng.chance(0.85);
  const surname = inheritsSurname ? surnameOf(household.headIndex) : surnameOf(index);
  const name = surname + pickGivenName(rng, gender, Number(birthDate.slice(0, 4)));
  const ethnicity = rng.weightedPick(ETHNICITIES);
  const phone = rng.pick(MOBILE_PREFIXES) + String((index * PHONE_STRIDE + 20_220_101) % 100_000_000).padStart(8, '0');

  return {
    index,
    idNumber: makeIdNumber(idDivision(index, household.division), birthDate, sequence, gender),
    name,
    gender,
    birthDate,
    ethnicity,
    phone,
    status,
    householdIndex,
    isHouseholdHead: rel === 'HEAD',
    relationshipToHead: rel,
    householdDivisionCode: household.division.code,
    householdAddress: household.address,
  };
}
