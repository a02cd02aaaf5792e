// Guards issue 8, class 14: "masks that leave a handful of candidates". Through the real platform,
// an agency reading a subject under default masks gets values that, taken together, still leave
// ≥ 10^6 ID numbers and ≥ 10^4 phone numbers. The per-mask counts are in test/unit/masking-strength.test.ts.
import { asAgency, gql } from '../support/client';
import { legalPersonCount } from '../../seed/synthetic/city';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticPerson } from '../../seed/synthetic/people';
import { applyMask, hiddenCount } from '../../platform/masking';
import { PURPOSES } from '../../subgraphs/catalog/agencies/demo-agencies';

const scale = () => Number(process.env.TEST_SEED_SCALE);

/** Birth dates that the served age band allows (the server computed it today, China time or local: ±1 day is immaterial). */
function datesInBand(band: string, today = new Date()): number {
  let n = 0;
  for (let d = new Date(Date.UTC(today.getFullYear() - 120, 0, 1)); d <= today; d = new Date(d.getTime() + 86_400_000)) {
    if (applyMask(d.toISOString().slice(0, 10), 'AGE_BAND', { hashKey: 'k', today }) === band) n++;
  }
  return n;
}

describe('an agency reading a person under default masks', () => {
  test('civil-affairs (ID number, birth date, gender, division): ≥ 10^6 ID numbers remain', async () => {
    const person = syntheticPerson(7);
    const r = await gql(
      `query($n: String!) { personByIdNumber(idNumber: $n) { idNumber birthDate gender householdDivisionCode } }`,
      { n: person.idNumber },
      await asAgency('civil-affairs', PURPOSES.minimumLiving),
    );
    expect(r.errors).toBeUndefined();
    const p = r.data.personByIdNumber;
    // The reproduction: region + last four beside the birth year left 34 candidates.
    expect(p.idNumber).toBe(`${person.idNumber.slice(0, 6)}************`);
    expect(p.birthDate).toMatch(/^\d+-\d+$|^90\+$/);
    expect(p.idNumber).not.toContain(person.idNumber.slice(14));
    expect(p.birthDate).not.toContain(person.birthDate.slice(0, 4));
    // region known; birth date: any day of the band; sequence: 500 of one parity (gender); check digit follows.
    const candidates = datesInBand(p.birthDate) * 500;
    expect(candidates).toBeGreaterThanOrEqual(1_000_000);
  });

  test('variant: a household number (register number) keeps ≥ 10 digits hidden', async () => {
    const person = syntheticPerson(7);
    const r = await gql(
      `query($n: String!) { personByIdNumber(idNumber: $n) { household { householdNumber } } }`,
      { n: person.idNumber },
      await asAgency('civil-affairs', PURPOSES.minimumLiving),
    );
    expect(r.errors).toBeUndefined();
    expect(hiddenCount(r.data.personByIdNumber.household.householdNumber)).toBeGreaterThanOrEqual(10);
  });
});

describe('a landline under the default phone mask', () => {
  test('LegalPerson.contactPhone 0734-8xxxxxx hides five digits: ≥ 10^4 even knowing the city’s leading 8', async () => {
    const lp = Array.from({ length: legalPersonCount(scale()) }, (_, k) => syntheticLegalPerson(k, scale())).find((l) => l.contactPhone.startsWith('0734-'))!;
    expect(lp).toBeDefined();
    const r = await gql(
      `query($u: String!) { legalPersonByUscc(uscc: $u) { contactPhone } }`,
      { u: lp.uscc },
      await asAgency('finance-bank', PURPOSES.inclusiveFinance),
    );
    expect(r.errors).toBeUndefined();
    const masked = r.data.legalPersonByUscc.contactPhone;
    expect(masked).toBe(`0734-*****${lp.contactPhone.slice(-2)}`); // was 073*****NNNN: 100 candidates
    expect(10 ** (hiddenCount(masked) - 1)).toBeGreaterThanOrEqual(10_000);
  });
});
