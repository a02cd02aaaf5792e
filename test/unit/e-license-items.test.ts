/**
 * 电子证照库 items (issue 8, classes 1, 2, 14, 15): each licence kind is its own resource provided by
 * the agency responsible for it, every content key is a declared item at least as strict as the
 * population item it repeats, and masked licence numbers keep enough candidates.
 */
import { LICENSE_TYPES, licenseType } from '../../subgraphs/e-license/catalogue';
import { CONTENT_FIELDS, commonPolicies, contentProblems, itemPolicies, numberMask } from '../../subgraphs/e-license/items';
import { assertDeclaredContent } from '../../seed/e-license';
import { personLicenses, legalPersonLicenses } from '../../seed/synthetic/e-license';
import { applyMask } from '../../platform/masking';
import type { FieldPolicy } from '../../platform/policy/metadata';

const SCALE = 400;
const STRICTNESS = { OPEN: 0, UNCONDITIONAL: 1, CONDITIONAL: 2, NONE: 3 } as const;
const strictness = (p: FieldPolicy) => Math.max(STRICTNESS[p.type], p.open === 'OPEN' ? 0 : 1);

describe('hosting is not owning: providers per kind', () => {
  test('no item of any licence kind is provided by the hosting bureau', () => {
    for (const t of LICENSE_TYPES) for (const [item, p] of itemPolicies(t)) expect([item, p.provider]).not.toEqual([item, 'data-bureau']);
  });

  test.each([
    ['ID_CARD', 'public-security'],
    ['DRIVING_LICENSE', 'public-security'],
    ['BUSINESS_LICENSE', 'market-regulation'],
    ['REAL_ESTATE_CERTIFICATE', 'natural-resources'],
    ['MARRIAGE_CERTIFICATE', 'civil-affairs'],
    ['FOOD_BUSINESS_PERMIT', 'market-regulation'],
  ])('%s is provided by %s', (code, provider) => {
    const t = licenseType(code);
    expect(t.provider).toBe(provider);
    expect([...itemPolicies(t).values()].filter((p) => p.type !== 'NONE').every((p) => p.provider === provider)).toBe(true);
  });
});

describe('composite values: every content key is a declared item', () => {
  test('every seeded licence content key has an item (persons and legal persons)', () => {
    for (let i = 0; i < SCALE; i++) for (const l of personLicenses(i)) expect([l.type, contentProblems(l.type, l.content)]).toEqual([l.type, []]);
    for (let k = 0; k < SCALE / 5; k++)
      for (const l of legalPersonLicenses(k, SCALE)) expect([l.type, contentProblems(l.type, l.content)]).toEqual([l.type, []]);
  });

  test('a key without a declared item is refused at seed time', () => {
    const l = personLicenses(0).find((x) => x.type === 'ID_CARD')!;
    expect(() => assertDeclaredContent({ ...l, content: { ...l.content, 民族: '汉' } })).toThrow(/content keys without a declared item.*民族/);
    const m = [...Array(SCALE).keys()].flatMap(personLicenses).find((x) => x.type === 'MARRIAGE_CERTIFICATE')!;
    expect(contentProblems(m.type, { ...m.content, 男方: { ...(m.content.男方 as object), 住址: 'x' } })).toEqual(['男方.住址']);
  });

  test("the holder's name and ID number items are as strict as Person.name and Person.idNumber, with the same masks", () => {
    const personName = { type: 'CONDITIONAL', mask: 'SURNAME' };
    const personId = { type: 'CONDITIONAL', mask: 'ID_NUMBER' };
    for (const [item, cls] of [
      ['IdCard.name', personName],
      ['IdCard.idNumber', personId],
      ['IdCard.number', personId],
      ['DrivingLicense.idNumber', personId],
      ['DrivingLicense.name', personName],
      ['MarriageCertificate.husbandName', personName],
      ['MarriageCertificate.wifeIdNumber', personId],
      ['BusinessLicense.legalRepresentative', personName],
      ['BusinessLicense.operator', personName],
      ['RealEstateCertificate.rightHolder', personName],
    ] as const) {
      const t = LICENSE_TYPES.find((x) => item.startsWith(`${x.graphqlName}.`))!;
      expect([item, itemPolicies(t).get(item)]).toEqual([item, expect.objectContaining(cls)]);
    }
    // Every declared content field is conditional: what a licence says is never unconditional.
    for (const t of LICENSE_TYPES) for (const c of CONTENT_FIELDS[t.code]) expect(itemPolicies(t).get(`${t.graphqlName}.${c.field}`)!.type).toBe('CONDITIONAL');
  });
});

describe('licence classification (class 15)', () => {
  test("status reasons on persons' licences are conditional; facts that pair spouses are conditional", () => {
    for (const code of ['ID_CARD', 'DRIVING_LICENSE', 'MARRIAGE_CERTIFICATE', 'REAL_ESTATE_CERTIFICATE']) {
      expect(commonPolicies(licenseType(code)).statusReason.type).toBe('CONDITIONAL');
    }
    const marriage = commonPolicies(licenseType('MARRIAGE_CERTIFICATE'));
    for (const f of ['issueDate', 'validFrom', 'issuer', 'number']) expect([f, marriage[f].type]).toEqual([f, 'CONDITIONAL']);
  });

  test('no unconditional licence item is less strict than UNCONDITIONAL CLOSED, except the open type, issuer and signature', () => {
    for (const t of LICENSE_TYPES) {
      for (const [item, p] of itemPolicies(t)) {
        if (strictness(p) === 0) expect(['type', 'issuer', 'signature']).toContain(item.split('.')[1]);
      }
    }
  });

  test('a masked 结婚证 number beside its issue date and issuer leaves 10^6 candidates', () => {
    const m = [...Array(SCALE).keys()].flatMap(personLicenses).find((x) => x.type === 'MARRIAGE_CERTIFICATE')!;
    const masked = applyMask(m.number, numberMask('MARRIAGE_CERTIFICATE'), { hashKey: 'k' })!;
    // J430408-2015-001234: the issuer gives the division, the issue date the year; the rest is hidden.
    // The mask keeps `J<division>-` (which the issuer gives away anyway) and no digit after it:
    // of the year and the 6-digit serial nothing is left, so with the year known from the issue
    // date 10^6 serials remain.
    expect(masked.slice(0, 8)).toBe(`J${m.number.slice(1, 7)}-`);
    expect(masked.slice(8)).not.toMatch(/\d/);
    const serialDigits = m.number.slice(13).length;
    const revealedSerialDigits = 0;
    const candidates = 10 ** (serialDigits - revealedSerialDigits);
    expect(serialDigits).toBe(6);
    expect(candidates).toBeGreaterThanOrEqual(1_000_000);
  });

  test('a 不动产权证书 number is masked to a keyed hash: no digit of the serial survives', () => {
    const r = [...Array(SCALE).keys()].flatMap(personLicenses).find((x) => x.type === 'REAL_ESTATE_CERTIFICATE')!;
    const masked = applyMask(r.number, numberMask('REAL_ESTATE_CERTIFICATE'), { hashKey: 'k' })!;
    expect(masked).not.toContain(r.number.match(/第(\d{7})号/)![1]);
  });
});
