/**
 * Class 2 of issue 8 — hosting is not owning.
 * data-bureau hosts 电子证照库 and was declared provider of every License item, so it read every
 * citizen's ID-card data with no grant and no purpose, and an application for licence content was
 * reviewed by data-bureau alone. Now each licence kind is provided by the agency responsible for it
 * (ID card → public-security, business licence → market-regulation, real estate → natural-resources,
 * marriage → civil-affairs), and the workflow asks those providers.
 */
import { asAgency, gql } from '../support/client';
import { syntheticPerson } from '../../seed/synthetic/people';
import { personLicenses } from '../../seed/synthetic/e-license';
import { BUREAU, ok, provision, refused, review, submit } from '../integration/catalog-support';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const PURPOSE = '证照核验服务（安全测试）';

describe('the hosting bureau reads no licence content without a grant', () => {
  test('data-bureau, no grant, no purpose: persons { licenses { number holderName … on IdCard } } serves no name or ID number', async () => {
    const r = await gql(
      `{ persons(first: 50) { edges { node { id licenses { type { code } number holderName ... on IdCard { name idNumber address birthDate } } } } } }`,
      {},
      await asAgency(BUREAU),
    );
    expect(r.data?.persons?.edges?.length ?? 0).toBeGreaterThan(0);
    const text = JSON.stringify(r.data);
    for (let i = 0; i < 50; i++) {
      const p = syntheticPerson(i);
      expect(text).not.toContain(p.idNumber);
      expect(text).not.toContain(`"${p.name}"`);
    }
    const cards = r.data.persons.edges.flatMap((e: any) => e.node.licenses).filter((l: any) => l.type.code === 'ID_CARD');
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(c).toMatchObject({ number: null, holderName: null, name: null, idNumber: null, address: null, birthDate: null });
    const providers = new Set((r.errors ?? []).filter((e) => String(e.extensions?.item).startsWith('IdCard.')).map((e) => e.extensions?.provider));
    expect([...providers]).toEqual(['public-security']);
  });

  test("variant: a marriage certificate (civil affairs' data): neither its content nor its pairing facts are the bureau's", async () => {
    let holder = '';
    for (let i = 0; i < scale() && !holder; i++) if (personLicenses(i).some((l) => l.type === 'MARRIAGE_CERTIFICATE')) holder = syntheticPerson(i).idNumber;
    const r = await gql(
      `query($n: String!) { personByIdNumber(idNumber: $n) { licenses(type: "结婚证") { issueDate issuer { name } ... on MarriageCertificate { husbandName wifeIdNumber } } } }`,
      { n: holder },
      await asAgency(BUREAU),
    );
    const m = r.data.personByIdNumber.licenses[0];
    expect(m).toEqual({ issueDate: null, issuer: null, husbandName: null, wifeIdNumber: null });
    expect(new Set((r.errors ?? []).map((e) => e.extensions?.provider))).toEqual(new Set(['civil-affairs']));
  });
});

describe('applications for licence items are reviewed by their real providers', () => {
  test('an application for IdCard.address goes to public-security (and the bureau); public-security provisions it; the bureau cannot', async () => {
    const app = ok(await submit('taxation', { items: ['IdCard.address'], purpose: PURPOSE, justification: '核对纳税人户籍地址' })).submitSharingApplication;
    expect(app.providers).toEqual(['public-security']);
    expect(app.pendingReviewers.sort()).toEqual([BUREAU, 'public-security'].sort());
    ok(await review(BUREAU, app.id, true, '用途明确'));
    const approved = ok(await review('public-security', app.id, true, '同意')).reviewSharingApplication;
    expect(approved.status).toBe('APPROVED');
    refused(await provision(BUREAU, app.id), 'FORBIDDEN');
    const done = ok(await provision('public-security', app.id)).provisionSharingApplication;
    expect(done.grant.items).toEqual(['IdCard.address']);
  });

  test("variant: applications for a real estate certificate's location and a business licence's capital go to natural-resources and market-regulation", async () => {
    const app = ok(
      await submit('finance-bank', {
        items: ['RealEstateCertificate.location', 'BusinessLicense.registeredCapital'],
        purpose: PURPOSE,
        justification: '贷款审查',
      }),
    ).submitSharingApplication;
    expect(app.providers.sort()).toEqual(['market-regulation', 'natural-resources']);
    expect(app.providers).not.toContain(BUREAU);
    refused(await review('public-security', app.id, true), 'FORBIDDEN');
  });
});
