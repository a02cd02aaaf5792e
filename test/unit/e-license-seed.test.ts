/** The synthetic licences of 电子证照库, the number formats and the status rule. */
import { cityLicenses, legalPersonLicenses, personLicenses, REFERENCE_DATE, SyntheticLicense } from '../../seed/synthetic/e-license';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticPerson } from '../../seed/synthetic/people';
import { legalPersonCount } from '../../seed/synthetic/city';
import { effectiveStatus, findIssuer, findLicenseType, ISSUERS, licenseType } from '../../subgraphs/e-license/catalogue';
import { classifyNumber, normaliseNumber } from '../../subgraphs/e-license/numbers';

const SCALE = 3000;
const all: SyntheticLicense[] = [...cityLicenses(SCALE)];

const yearsBetween = (from: string, to: string) => +to.slice(0, 4) - +from.slice(0, 4);

describe('synthetic licences', () => {
  test('are pure functions of the index', () => {
    expect(personLicenses(17)).toEqual(personLicenses(17));
    expect(legalPersonLicenses(5, SCALE)).toEqual(legalPersonLicenses(5, SCALE));
  });

  test('(type, number, holder) is unique; numbers repeat only for driving licences (= ID number) and spouses', () => {
    const keys = new Set(all.map((l) => `${l.type}|${l.number}|${l.holderNaturalId}`));
    expect(keys.size).toBe(all.length);
    const perTypeNumber = new Map<string, number>();
    for (const l of all) perTypeNumber.set(`${l.type}|${l.number}`, (perTypeNumber.get(`${l.type}|${l.number}`) ?? 0) + 1);
    for (const [k, n] of perTypeNumber) if (n > 1) expect(k).toMatch(/^MARRIAGE_CERTIFICATE\|/);
  });

  test('every number fits its type, every issuer is in the catalogue, nothing is issued after the reference date', () => {
    for (const l of all) {
      expect(classifyNumber(l.number, 'number', licenseType(l.type)).types).toEqual([l.type]);
      expect(findIssuer(l.issuer.code)).toEqual(l.issuer);
      expect(licenseType(l.type).holderKinds).toContain(l.holderKind);
      expect(l.issueDate <= REFERENCE_DATE).toBe(true);
      if (l.validTo) expect(l.validTo >= l.validFrom).toBe(true);
    }
  });

  test('every person of 16 or more has a 居民身份证 numbered by the ID number, with the statutory validity', () => {
    for (let i = 0; i < SCALE; i++) {
      const p = syntheticPerson(i);
      const card = personLicenses(i).find((l) => l.type === 'ID_CARD');
      const sixteen = `${+p.birthDate.slice(0, 4) + 16}${p.birthDate.slice(4)}`;
      expect(Boolean(card)).toBe(sixteen <= REFERENCE_DATE);
      if (!card) continue;
      expect(card).toMatchObject({ number: p.idNumber, holderName: p.name, status: p.status === 'DECEASED' ? 'REVOKED' : 'VALID' });
      expect(card.content.公民身份号码).toBe(p.idNumber);
      const age = yearsBetween(p.birthDate, card.issueDate) - (card.issueDate.slice(5) < p.birthDate.slice(5) ? 1 : 0);
      const years = card.validTo ? yearsBetween(card.issueDate, card.validTo) : null;
      expect(years).toBe(age <= 25 ? 10 : age <= 45 ? 20 : null);
      expect(card.fingerprintEnrolled).toBe(card.issueDate >= '2013-01-01');
    }
  });

  test('every legal person has its registration certificate numbered by its USCC, whose status follows its own', () => {
    for (let k = 0; k < legalPersonCount(SCALE); k++) {
      const lp = syntheticLegalPerson(k, SCALE);
      const certs = legalPersonLicenses(k, SCALE).filter((l) => l.number === lp.uscc);
      expect(certs).toHaveLength(1);
      const [cert] = certs;
      const expected =
        lp.kind === 'INSTITUTION'
          ? /INSTITUTION_LEGAL_PERSON|ORGAN_CREDIT_CODE/
          : lp.kind === 'SOCIAL_ORGANISATION'
            ? /SOCIAL_ORGANISATION|PRIVATE_NON_ENTERPRISE|FOUNDATION/
            : /^BUSINESS_LICENSE$/;
      expect(cert.type).toMatch(expected);
      expect(cert.status).toBe(lp.status === 'ACTIVE' ? 'VALID' : 'REVOKED');
      if (lp.status === 'REVOKED' && cert.type === 'BUSINESS_LICENSE') expect(cert.statusReason).toBe('吊销营业执照');
      if (lp.status === 'CANCELLED') expect(cert.statusReason).toBe('注销登记');
      if (cert.type === 'BUSINESS_LICENSE') expect(cert.issuer.name).toBe(lp.registrationAuthority);
    }
  });

  test('the city holds every catalogued type and every status, in plausible proportions', () => {
    const byType = new Map<string, number>();
    const byStatus = new Map<string, number>();
    for (const l of all) {
      byType.set(l.type, (byType.get(l.type) ?? 0) + 1);
      const s = effectiveStatus(l.status, l.validTo, '2026-06-30');
      byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
    }
    for (const t of [
      'ID_CARD',
      'DRIVING_LICENSE',
      'MARRIAGE_CERTIFICATE',
      'REAL_ESTATE_CERTIFICATE',
      'BUSINESS_LICENSE',
      'FOOD_BUSINESS_PERMIT',
      'ROAD_TRANSPORT_PERMIT',
      'PUBLIC_PLACE_HYGIENE_PERMIT',
    ]) {
      expect(byType.get(t)).toBeGreaterThan(0);
    }
    expect(byType.get('ID_CARD')! / SCALE).toBeGreaterThan(0.8);
    expect(byType.get('DRIVING_LICENSE')! / SCALE).toBeGreaterThan(0.2);
    for (const s of ['VALID', 'EXPIRED', 'REVOKED', 'SUSPENDED']) expect(byStatus.get(s)).toBeGreaterThan(0);
    expect(byStatus.get('VALID')! / all.length).toBeGreaterThan(0.8);
  });
});

describe('licence numbers', () => {
  const lp = syntheticLegalPerson(0, SCALE);
  const p = syntheticPerson(0);

  test('ID numbers and USCCs are told apart and validated with their check characters', () => {
    expect(classifyNumber(p.idNumber.toLowerCase(), 'number').types).toEqual(['ID_CARD', 'DRIVING_LICENSE']);
    expect(classifyNumber(lp.uscc, 'number').types).toContain('BUSINESS_LICENSE');
    expect(() => classifyNumber(p.idNumber.slice(0, 17) + (p.idNumber[17] === '1' ? '2' : '1'), 'number')).toThrow(/check/);
  });

  test('full-width brackets are normalised; other formats are recognised', () => {
    expect(normaliseNumber(' 湘（2023）衡阳市不动产权第0012345号 ')).toBe('湘(2023)衡阳市不动产权第0012345号');
    expect(classifyNumber('湘（2023）衡阳市不动产权第0012345号', 'n').types).toEqual(['REAL_ESTATE_CERTIFICATE']);
    expect(classifyNumber('J430408-2015-001234', 'n').types).toEqual(['MARRIAGE_CERTIFICATE']);
    expect(classifyNumber('湘交运管许可衡字430408000123号', 'n').types).toEqual(['ROAD_TRANSPORT_PERMIT']);
    expect(classifyNumber('衡卫公字〔2024〕第430408000123号', 'n').types).toEqual(['PUBLIC_PLACE_HYGIENE_PERMIT']);
  });

  test('bad numbers are BAD_USER_INPUT naming the argument', () => {
    for (const bad of ['', 'x'.repeat(65), 'hello', 'JY24304080000010']) {
      try {
        classifyNumber(bad, 'number');
        throw new Error(`accepted ${bad}`);
      } catch (e: any) {
        expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'number' });
      }
    }
    expect(() => classifyNumber(lp.uscc, 'number', findLicenseType('居民身份证'))).toThrow(/not a 居民身份证/);
  });
});

describe('catalogue', () => {
  test('types are found by code in any case or by Chinese name; issuers have unique codes', () => {
    expect(findLicenseType('business_license')?.name).toBe('营业执照');
    expect(findLicenseType('食品经营许可证')?.code).toBe('FOOD_BUSINESS_PERMIT');
    expect(findLicenseType('护照')).toBeUndefined();
    expect(new Set(ISSUERS.map((i) => i.code)).size).toBe(ISSUERS.length);
  });

  test('EXPIRED is derived from validTo (inclusive) and today, only for otherwise valid licences', () => {
    expect(effectiveStatus('VALID', '2026-01-31', '2026-01-31')).toBe('VALID');
    expect(effectiveStatus('VALID', '2026-01-31', '2026-02-01')).toBe('EXPIRED');
    expect(effectiveStatus('VALID', null, '2999-01-01')).toBe('VALID');
    expect(effectiveStatus('REVOKED', '2000-01-01', '2026-02-01')).toBe('REVOKED');
    expect(effectiveStatus('SUSPENDED', null, '2026-02-01')).toBe('SUSPENDED');
  });
});
