/**
 * Class 1 of issue 8 — composite values carry other providers' items.
 * `License.content` was one JSON value holding the holder's 姓名, 公民身份号码, 住址, 出生: served
 * under one policy, unmasked, while Person.name / Person.idNumber were masked. Now every kind of
 * licence is its own type whose content is split into typed items, each as strict as the population
 * item it repeats (same masks), and a JSON field the build finds without a composite declaration
 * fails the build (test/unit/policy-composite.test.ts).
 */
import { asAgency, gql } from '../support/client';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticPerson } from '../../seed/synthetic/people';
import { legalPersonLicenses, personLicenses } from '../../seed/synthetic/e-license';
import { legalPersonCount } from '../../seed/synthetic/city';
import { applyMask } from '../../platform/masking';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const taxation = () => asAgency('taxation', '综合治税');
const mask = (v: string, spec: string) => applyMask(v, spec, { hashKey: process.env.PLATFORM_HMAC_KEY! });

/** An active enterprise (not an individual business: its name would carry the operator's) whose representative holds an ID card. */
function enterprise() {
  for (let k = 0; k < legalPersonCount(scale()); k++) {
    const lp = syntheticLegalPerson(k, scale());
    if (lp.kind !== 'ENTERPRISE' || lp.status !== 'ACTIVE') continue;
    const rep = syntheticPerson(lp.legalRepresentativeIndex);
    if (personLicenses(lp.legalRepresentativeIndex).some((l) => l.type === 'ID_CARD')) return { k, lp, rep };
  }
  throw new Error('no enterprise fits');
}

describe("composite values: a licence no longer carries its holder's data past their items", () => {
  test("the README thematic query as taxation (综合治税): the representative's licences serve the name and ID number masked as Person.name / idNumber", async () => {
    const { lp, rep } = enterprise();
    const r = await gql(
      `query($u: String!) { legalPersonByUscc(uscc: $u) {
         legalRepresentative { name idNumber
           licenses { number status type { name }
             ... on IdCard { name idNumber address birthDate }
             ... on DrivingLicense { name idNumber address }
             ... on MarriageCertificate { husbandName husbandIdNumber wifeName wifeIdNumber } } } } }`,
      { u: lp.uscc },
      await taxation(),
    );
    const text = JSON.stringify(r.data);
    // Nowhere in the answer: the full name or the full ID number.
    expect(text).not.toContain(rep.idNumber);
    expect(text).not.toContain(`"${rep.name}"`);
    const e = r.data.legalPersonByUscc.legalRepresentative;
    expect(e).toMatchObject({ name: mask(rep.name, 'SURNAME'), idNumber: mask(rep.idNumber, 'ID_NUMBER') });
    const card = e.licenses.find((l: any) => l.type.name === '居民身份证');
    expect(card).toMatchObject({
      number: mask(rep.idNumber, 'ID_NUMBER'),
      name: mask(rep.name, 'SURNAME'),
      idNumber: mask(rep.idNumber, 'ID_NUMBER'),
      address: null,
      birthDate: null,
    });
    // What taxation holds no grant for is refused, naming the item and its real provider.
    const refused = (r.errors ?? []).filter((x) => x.extensions?.item === 'IdCard.address');
    expect(refused[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', provider: 'public-security' });
  });

  test('the composite field itself is gone: selecting `content` is a validation error, not a leak', async () => {
    const { lp } = enterprise();
    const r = await gql(
      `query($u: String!) { legalPersonByUscc(uscc: $u) { legalRepresentative { licenses { content } } } }`,
      { u: lp.uscc },
      await taxation(),
    );
    expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(r)).not.toMatch(/公民身份号码|姓名/);
  });

  test("variant: a business licence's 法定代表人 is the representative's name, masked the same way", async () => {
    const { k, lp, rep } = enterprise();
    expect(legalPersonLicenses(k, scale()).find((l) => l.type === 'BUSINESS_LICENSE')!.content.法定代表人).toBe(rep.name);
    const r = await gql(
      `query($u: String!) { legalPersonByUscc(uscc: $u) { licenses(type: "营业执照") { ... on BusinessLicense { legalRepresentative registeredCapital } } } }`,
      { u: lp.uscc },
      await taxation(),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.legalPersonByUscc.licenses[0]).toMatchObject({ legalRepresentative: mask(rep.name, 'SURNAME') });
    expect(r.data.legalPersonByUscc.licenses[0].registeredCapital).toBeTruthy();
    expect(JSON.stringify(r.data)).not.toContain(`"${rep.name}"`);
  });

  test("variant: a real estate certificate's 权利人 and 坐落 (a home address) are refused without a grant, even to an agency that may read the certificate exists", async () => {
    let found: { idNumber: string; name: string; address: string } | undefined;
    for (let i = 0; i < scale() && !found; i++) {
      const l = personLicenses(i).find((x) => x.type === 'REAL_ESTATE_CERTIFICATE');
      if (l) found = { idNumber: syntheticPerson(i).idNumber, name: syntheticPerson(i).name, address: String(l.content.坐落) };
    }
    const r = await gql(
      `query($n: String!) { personByIdNumber(idNumber: $n) { licenses(type: "不动产权证书") { status ... on RealEstateCertificate { rightHolder location area } } } }`,
      { n: found!.idNumber },
      await taxation(),
    );
    const text = JSON.stringify(r.data);
    expect(text).not.toContain(found!.address);
    expect(text).not.toContain(`"${found!.name}"`);
    const items = (r.errors ?? []).map((e) => e.extensions?.item);
    expect(items).toEqual(expect.arrayContaining(['RealEstateCertificate.rightHolder', 'RealEstateCertificate.location', 'RealEstateCertificate.area']));
    expect(r.errors!.every((e) => e.extensions?.provider === 'natural-resources')).toBe(true);
  });
});
