/**
 * Class 15 of issue 8 (licence part) — unconditional facts that are not harmless.
 * License.statusReason served 暂扣（饮酒后驾驶机动车，暂扣六个月） to any agency, and the unconditional
 * issue dates and issuers of marriage certificates paired every spouse in the city. Now reasons on
 * persons' licences are conditional (and kept out of verifyLicense's messages), a marriage
 * certificate's issue date, validity start and issuer are conditional, and a masked 结婚证 number
 * keeps 10^6 candidates (test/unit/e-license-items.test.ts states the count).
 */
import { asAgency, gql } from '../support/client';
import { personLicenses, SyntheticLicense } from '../../seed/synthetic/e-license';
import { syntheticPerson } from '../../seed/synthetic/people';
import { applyMask } from '../../platform/masking';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const clerk = () => asAgency('human-resources');

function firstPerson(pred: (l: SyntheticLicense) => boolean): { l: SyntheticLicense; idNumber: string } {
  for (let i = 0; i < scale(); i++) for (const l of personLicenses(i)) if (pred(l)) return { l, idNumber: syntheticPerson(i).idNumber };
  throw new Error('no licence fits');
}

describe('status reasons', () => {
  test('a drink-driving suspension is not served to an agency without a grant, nor spelled out by verifyLicense', async () => {
    const { l } = firstPerson((x) => x.type === 'DRIVING_LICENSE' && /饮酒/.test(x.statusReason ?? ''));
    const r = await gql(`query($n: String!) { license(number: $n, type: "DRIVING_LICENSE") { status statusReason } }`, { n: l.number }, await clerk());
    expect(r.data.license).toEqual({ status: 'SUSPENDED', statusReason: null });
    expect(r.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      item: 'DrivingLicense.statusReason',
      sharingType: 'CONDITIONAL',
      provider: 'public-security',
    });
    // verifyLicense with junk content used to name the reason in its messages.
    const v = await gql(
      `query($n: String!) { verifyLicense(number: $n, content: {}, type: "DRIVING_LICENSE") { status reasons messages } }`,
      { n: l.number },
      await clerk(),
    );
    expect(v.data.verifyLicense.reasons).toContain('SUSPENDED');
    expect(JSON.stringify(v.data)).not.toMatch(/饮酒|醉酒/);
  });

  test("variant: a deceased person's ID card and a sold home's certificate keep their reasons conditional; a business licence's stays public", async () => {
    const dead = firstPerson((x) => x.type === 'ID_CARD' && x.status === 'REVOKED');
    const sold = firstPerson((x) => x.type === 'REAL_ESTATE_CERTIFICATE' && x.status === 'REVOKED');
    const q = `query($n: String!, $t: String!, $h: ID) { license(number: $n, type: $t, holderId: $h) { statusReason } }`;
    const a = await gql(q, { n: dead.l.number, t: 'ID_CARD' }, await clerk());
    expect(a.data.license.statusReason).toBeNull();
    const b = await gql(q, { n: sold.l.number, t: 'REAL_ESTATE_CERTIFICATE' }, await clerk());
    expect(b.data.license.statusReason).toBeNull();
    expect(JSON.stringify([a.data, b.data])).not.toMatch(/死亡|转移登记/);
  });
});

describe('marriage certificates do not pair spouses through unconditional facts', () => {
  test('issue dates and issuers of 结婚证 across a page of persons are refused to an agency without a grant', async () => {
    const r = await gql(
      `{ persons(first: 200) { edges { node { id licenses(type: "结婚证") { id status issueDate validFrom issuer { agency } } } } } }`,
      {},
      await clerk(),
    );
    const certificates = r.data.persons.edges.flatMap((e: any) => e.node.licenses);
    expect(certificates.length).toBeGreaterThan(10);
    for (const c of certificates) expect(c).toMatchObject({ issueDate: null, validFrom: null, issuer: null });
    // What remains unconditional pairs no one: every certificate's remaining facts are alike or unique per holder.
    const pairs = new Map<string, number>();
    for (const c of certificates)
      pairs.set(
        JSON.stringify([c.status, c.issueDate, c.validFrom, c.issuer]),
        (pairs.get(JSON.stringify([c.status, c.issueDate, c.validFrom, c.issuer])) ?? 0) + 1,
      );
    expect(pairs.size).toBe(1);
    expect(new Set(certificates.map((c: any) => c.id)).size).toBe(certificates.length);
  });

  test('variant: the masked 结婚证 number an agency may read hides year and serial (10^6 candidates even with issue date and issuer)', async () => {
    const { l, idNumber } = firstPerson((x) => x.type === 'MARRIAGE_CERTIFICATE');
    // taxation holds MarriageCertificate.number with its default mask (the demo grant), not the dates.
    const r = await gql(
      `query($n: String!) { personByIdNumber(idNumber: $n) { licenses(type: "结婚证") { number issueDate } } }`,
      { n: idNumber },
      await asAgency('taxation', '综合治税'),
    );
    const c = r.data.personByIdNumber.licenses[0];
    expect(c.number).toBe(applyMask(l.number, 'KEEP(8,0)', { hashKey: 'unused' }));
    expect(c.number).toMatch(/^J\d{6}-\D*$/); // nothing of year or serial: 10^6 candidates beside issue date and issuer
    expect(c.issueDate).toBeNull();
  });
});
