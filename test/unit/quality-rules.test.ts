// The consistency rules on rows (subgraphs/catalog/quality/rules.ts): what is and is not a finding,
// including the cases the seed does not plant (a division mismatch, a missing location).
import { legalPersonFindings, personFindings, type LegalPersonWithLocation, type PersonWithLicences } from '../../subgraphs/catalog/quality/rules';

const person = (over: Partial<PersonWithLicences> = {}): PersonWithLicences => ({
  id: 'p1',
  name: '陈斌',
  idNumber: '430424197509200430',
  status: 'ALIVE',
  licenses: [],
  ...over,
});
const licence = (typename: string, over: Record<string, unknown> = {}) => ({
  __typename: typename,
  id: `l-${typename}`,
  holderName: '陈斌',
  status: 'VALID',
  number: typename === 'IdCard' || typename === 'DrivingLicense' ? '430424197509200430' : 'J430424-2001-000001',
  ...over,
});
const rules = (p: PersonWithLicences) => personFindings(p).map((f) => `${f.rule}:${f.b.item}`);

test('a consistent person makes no finding; each disagreement makes one, on the licence', () => {
  expect(rules(person({ licenses: [licence('IdCard'), licence('DrivingLicense'), licence('MarriageCertificate')] }))).toEqual([]);
  expect(rules(person({ licenses: [licence('DrivingLicense', { holderName: '陈斌华' })] }))).toEqual(['LICENCE_HOLDER_NAME:DrivingLicense.holderName']);
  expect(rules(person({ licenses: [licence('IdCard', { number: '430424197509202536' })] }))).toEqual(['LICENCE_HOLDER_ID:IdCard.number']);
  // A marriage certificate is not numbered by the ID number.
  expect(rules(person({ licenses: [licence('MarriageCertificate')] }))).toEqual([]);
});

test('a dead person: an ID card or driving licence in force is a finding; revoked, expired or a marriage certificate is not', () => {
  const dead = (l: ReturnType<typeof licence>) => rules(person({ status: 'DECEASED', licenses: [l] }));
  expect(dead(licence('IdCard'))).toEqual(['DECEASED_ACTIVE_LICENCE:IdCard.status']);
  expect(dead(licence('DrivingLicense', { status: 'SUSPENDED' }))).toEqual(['DECEASED_ACTIVE_LICENCE:DrivingLicense.status']);
  expect(dead(licence('IdCard', { status: 'REVOKED' }))).toEqual([]);
  expect(dead(licence('IdCard', { status: 'EXPIRED' }))).toEqual([]);
  expect(dead(licence('MarriageCertificate'))).toEqual([]);
});

test('a value the reader could not read (null) is never compared', () => {
  expect(rules(person({ name: null, idNumber: null, licenses: [licence('IdCard', { holderName: 'x', number: 'y' })] }))).toEqual([]);
});

const lp = (over: Partial<LegalPersonWithLocation> = {}): LegalPersonWithLocation => ({
  id: 'lp1',
  registeredAddress: '湖南省衡阳市雁峰区湘江南路92号',
  registeredDivisionCode: '430406',
  registeredLocation: { id: 'a1', text: '湖南省衡阳市雁峰区湘江南路92号', division: { code: '430406', parentCode: '430400' } },
  ...over,
});
const lpRules = (x: LegalPersonWithLocation) => legalPersonFindings(x).map((f) => `${f.rule}:${f.a.value}|${f.b.value}`);

test('registered address and division against the address register', () => {
  expect(lpRules(lp())).toEqual([]);
  // A city-level body registered at 430400 sits in a county: not a finding.
  expect(lpRules(lp({ registeredDivisionCode: '430400' }))).toEqual([]);
  expect(lpRules(lp({ registeredDivisionCode: '430408' }))).toEqual(['REGISTERED_DIVISION:430406|430408']);
  expect(lpRules(lp({ registeredAddress: '湖南省衡阳市雁峰区湘江南路592号' }))).toEqual([
    'REGISTERED_ADDRESS:湖南省衡阳市雁峰区湘江南路92号|湖南省衡阳市雁峰区湘江南路592号',
  ]);
  expect(lpRules(lp({ registeredLocation: null }))).toEqual(['REGISTERED_ADDRESS:null|湖南省衡阳市雁峰区湘江南路92号']);
});
