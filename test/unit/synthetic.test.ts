import { parseIdNumber } from '../../platform/ids/id-number';
import { parseUscc } from '../../platform/ids/uscc';
import { CITY_DIVISION, COUNTY_DIVISIONS, DIVISIONS, divisionByCode } from '../../reference/divisions';
import { REGISTRATION_DIVISION_CODES, representativeAdultBy, syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import {
  HOUSEHOLD_BLOCK_PERSONS,
  householdMembers,
  householdOf,
  personIndexCapacity,
  syntheticHousehold,
  syntheticIdNumber,
  syntheticPerson,
} from '../../seed/synthetic/people';
import { hash32, rngFor } from '../../seed/synthetic/random';

const COUNTY_CODES = new Set(COUNTY_DIVISIONS.map((d) => d.code));

describe('seeded randomness', () => {
  it('gives the same stream for the same (namespace, index) and different ones otherwise', () => {
    const draw = (ns: string, i: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.next()
        )(rngFor(ns, i)),
      );
    expect(draw('person', 7)).toEqual(draw('person', 7));
    expect(draw('person', 7)).not.toEqual(draw('person', 8));
    expect(draw('person', 7)).not.toEqual(draw('household', 7));
    expect(hash32('x', 2 ** 40)).not.toBe(hash32('x', 0)); // high bits of large indices count
  });

  it('has helpers that stay in range', () => {
    const r = rngFor('helpers', 1);
    const counts = { a: 0, b: 0 };
    const ints = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      ints.add(r.int(3, 5));
      counts[
        r.weightedPick([
          ['a', 9],
          ['b', 1],
        ] as const)
      ]++;
    }
    expect([...ints].sort()).toEqual([3, 4, 5]);
    expect(counts.a).toBeGreaterThan(8_500);
    expect(counts.b).toBeGreaterThan(700);
    expect(() => r.pick([])).toThrow(RangeError);
  });
});

describe('Hengyang divisions', () => {
  it('lists the city and its 12 real county-level codes', () => {
    expect(DIVISIONS).toHaveLength(13);
    expect(CITY_DIVISION).toMatchObject({ code: '430400', name: '衡阳市', level: 'CITY' });
    expect(COUNTY_DIVISIONS.map((d) => `${d.code} ${d.name}`)).toEqual([
      '430405 珠晖区',
      '430406 雁峰区',
      '430407 石鼓区',
      '430408 蒸湘区',
      '430412 南岳区',
      '430421 衡阳县',
      '430422 衡南县',
      '430423 衡山县',
      '430424 衡东县',
      '430426 祁东县',
      '430481 耒阳市',
      '430482 常宁市',
    ]);
    expect(divisionByCode('430481').level).toBe('COUNTY_CITY');
    expect(() => divisionByCode('430100')).toThrow(RangeError);
  });

  it('has boxes that contain their centres, lie in the city box, and do not overlap', () => {
    const inside = ([lon, lat]: readonly number[], b: readonly number[]) => lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
    for (const d of DIVISIONS) {
      expect(inside(d.centre, d.bbox)).toBe(true);
      expect(inside([d.bbox[0], d.bbox[1]], CITY_DIVISION.bbox) && inside([d.bbox[2], d.bbox[3]], CITY_DIVISION.bbox)).toBe(true);
      expect(d.roads.length).toBeGreaterThan(1);
    }
    for (const a of COUNTY_DIVISIONS) {
      for (const b of COUNTY_DIVISIONS) {
        if (a === b) continue;
        const overlap = a.bbox[0] < b.bbox[2] && b.bbox[0] < a.bbox[2] && a.bbox[1] < b.bbox[3] && b.bbox[1] < a.bbox[3];
        expect(`${a.name}/${b.name} ${overlap}`).toBe(`${a.name}/${b.name} false`);
      }
    }
  });
});

describe('synthetic people', () => {
  it('is deterministic', () => {
    for (const i of [0, 1, 10, 12_345, 9_999_999]) {
      expect(syntheticPerson(i)).toEqual(syntheticPerson(i));
      expect(syntheticIdNumber(i)).toBe(syntheticPerson(i).idNumber);
    }
    // Pinned values: a change here changes every seeded database; make it on purpose.
    expect(syntheticPerson(0)).toMatchObject({ idNumber: '430482197007229907', name: '陈兰', householdIndex: 0 });
    expect(syntheticPerson(7)).toMatchObject({ idNumber: '430426194805038115', isHouseholdHead: true, householdIndex: 2 });
  });

  it('generates valid, consistent people', () => {
    // Problems are collected and compared once: 20 000 × a dozen expect() calls would dominate the run.
    const problems: string[] = [];
    const check = (ok: boolean, i: number, what: string) => ok || problems.push(`person ${i}: ${what}`);
    let compound = 0;
    const ethnicities = new Set<string>();
    const statuses = new Set<string>();
    const years: number[] = [];
    const phones = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const p = syntheticPerson(i);
      const parsed = parseIdNumber(p.idNumber);
      if (!parsed.ok) throw new Error(`person ${i}: ${parsed.reason}`);
      check(parsed.birthDate === p.birthDate && parsed.gender === p.gender, i, 'ID number disagrees with birth date or gender');
      check(COUNTY_CODES.has(parsed.divisionCode), i, `ID division ${parsed.divisionCode} is not a Hengyang county`);
      check(COUNTY_CODES.has(p.householdDivisionCode), i, `household division ${p.householdDivisionCode}`);
      check(p.householdAddress.startsWith(divisionByCode(p.householdDivisionCode).fullName), i, `address ${p.householdAddress}`);
      check(p.name.length >= 2 && p.name.length <= 4, i, `name ${p.name}`);
      check(/^1[3589]\d{9}$/.test(p.phone), i, `phone ${p.phone}`);
      if (/^(欧阳|司马|诸葛|上官|司徒|东方|皇甫|慕容|令狐)/.test(p.name)) compound++;
      ethnicities.add(p.ethnicity);
      phones.add(p.phone);
      statuses.add(p.status);
      years.push(Number(p.birthDate.slice(0, 4)));
    }
    expect(problems).toEqual([]);
    expect(compound).toBeGreaterThan(50); // ~1% of 20 000
    expect(compound).toBeLessThan(600);
    expect(ethnicities.has('汉族')).toBe(true);
    expect(ethnicities.size).toBeGreaterThan(4);
    expect(phones.size).toBe(20_000);
    expect(statuses).toEqual(new Set(['ALIVE', 'DECEASED', 'MOVED_OUT']));
    expect(Math.min(...years)).toBe(1940);
    expect(Math.max(...years)).toBe(2020);
    const boomers = years.filter((y) => y >= 1962 && y <= 1975).length / years.length;
    const forties = years.filter((y) => y < 1950).length / years.length;
    expect(boomers).toBeGreaterThan(forties * 3); // an age pyramid, not a uniform spread
  });

  it('gives unique ID numbers to 200 000 people', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200_000; i++) ids.add(syntheticIdNumber(i));
    expect(ids.size).toBe(200_000);
  });

  it('gives unique ID numbers far into the index space', () => {
    // Indices a schedule cycle (8192) apart are born in the same year: the worst case for collisions.
    const capacity = personIndexCapacity();
    expect(capacity).toBeGreaterThanOrEqual(10_000_000);
    const ids = new Set<string>();
    let n = 0;
    for (let index = 3; index < capacity; index += 8192, n++) ids.add(syntheticIdNumber(index));
    for (let index = capacity - 1; index > 0; index -= 8192, n++) ids.add(syntheticIdNumber(index));
    expect(ids.size).toBe(n);
    expect(() => syntheticIdNumber(personIndexCapacity())).toThrow(RangeError);
  });

  it('groups consecutive people into households of 1-5 with one head', () => {
    let household = -1;
    const sizes = new Map<number, number>();
    for (let i = 0; i < 11 * 500; i++) {
      const h = householdOf(i);
      expect(h === household || h === household + 1).toBe(true); // dense and in order
      household = h;
      expect(householdMembers(h)).toContain(i);
    }
    for (let h = 0; h <= household; h++) {
      const hh = syntheticHousehold(h);
      expect(hh.memberIndices.length).toBeGreaterThanOrEqual(1);
      expect(hh.memberIndices.length).toBeLessThanOrEqual(5);
      sizes.set(hh.memberIndices.length, (sizes.get(hh.memberIndices.length) ?? 0) + 1);
      const people = hh.memberIndices.map(syntheticPerson);
      expect(people.filter((p) => p.isHouseholdHead).map((p) => p.index)).toEqual([hh.headIndex]);
      expect(people.every((p) => p.householdIndex === h && p.householdAddress === hh.address && p.householdDivisionCode === hh.divisionCode)).toBe(true);
      expect(people.filter((p) => p.relationshipToHead === 'SPOUSE').length).toBeLessThanOrEqual(1);
    }
    expect([...sizes.keys()].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(HOUSEHOLD_BLOCK_PERSONS).toBe(11);
  });
});

describe('synthetic legal persons', () => {
  const PERSONS = 50_000;

  it('is deterministic', () => {
    for (const i of [0, 5, 777]) expect(syntheticLegalPerson(i, PERSONS)).toEqual(syntheticLegalPerson(i, PERSONS));
    // Pinned, like people: a change here changes every seeded database.
    expect(syntheticLegalPerson(0, PERSONS)).toMatchObject({ uscc: '91430421402176535R', kind: 'ENTERPRISE' });
  });

  it('generates valid, unique USCCs whose shape matches the kind', () => {
    const problems: string[] = [];
    const check = (ok: boolean, i: number, what: string) => ok || problems.push(`legal person ${i}: ${what}`);
    const codes = new Set<string>();
    const kinds = new Map<string, number>();
    const reps = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const l = syntheticLegalPerson(i, PERSONS);
      const parsed = parseUscc(l.uscc);
      if (!parsed.ok) throw new Error(`legal person ${i}: ${parsed.reason}`);
      codes.add(l.uscc);
      kinds.set(l.kind, (kinds.get(l.kind) ?? 0) + 1);
      reps.set(l.legalRepresentativeIndex, (reps.get(l.legalRepresentativeIndex) ?? 0) + 1);
      const prefix = l.uscc.slice(0, 2);
      const expected = {
        ENTERPRISE: ['91'],
        INDIVIDUAL_BUSINESS: ['92'],
        FARMERS_COOPERATIVE: ['93'],
        INSTITUTION: ['11', '12'],
        SOCIAL_ORGANISATION: ['51', '52', '53'],
      }[l.kind];
      check(expected.includes(prefix), i, `${l.kind} with USCC ${l.uscc}`);
      check(
        parsed.divisionCode === l.registeredDivisionCode && REGISTRATION_DIVISION_CODES.includes(l.registeredDivisionCode),
        i,
        `division ${l.registeredDivisionCode}`,
      );
      check(l.legalRepresentativeIndex >= 0 && l.legalRepresentativeIndex < PERSONS, i, `representative ${l.legalRepresentativeIndex}`);
      check((l.registeredCapital === null) === (l.kind === 'INDIVIDUAL_BUSINESS'), i, `capital ${l.registeredCapital} of ${l.kind}`);
      check(l.name.length > 4, i, `name ${l.name}`);
      check(l.registeredAddress.startsWith('湖南省衡阳市'), i, `address ${l.registeredAddress}`);
      check(/^(19[5-9]\d|20[0-2]\d)-\d{2}-\d{2}$/.test(l.establishedDate), i, `established ${l.establishedDate}`);
    }
    expect(problems).toEqual([]);
    expect(codes.size).toBe(20_000);
    expect(kinds.size).toBe(5);
    expect(kinds.get('INDIVIDUAL_BUSINESS')! + kinds.get('ENTERPRISE')!).toBeGreaterThan(16_000);
    expect(Math.max(...reps.values())).toBeGreaterThan(1); // some people represent several bodies
  });

  it('picks adult legal representatives, alive for active bodies', () => {
    for (let i = 0; i < 500; i++) {
      const l = syntheticLegalPerson(i, PERSONS);
      const rep = syntheticPerson(l.legalRepresentativeIndex);
      expect(Number(rep.birthDate.slice(0, 4)) + 18).toBeLessThanOrEqual(representativeAdultBy(Number(l.establishedDate.slice(0, 4))));
      if (l.status === 'ACTIVE') expect(rep.status).toBe('ALIVE');
    }
  });
});
