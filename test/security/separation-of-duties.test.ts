/**
 * Class 9 of issue 8 — separation of duties.
 * data-bureau submitted an application and approved it itself as the bureau; a provider of 3 of 14
 * items revoked the whole grant, other providers' items included. Now no agency reviews its own
 * application and no operator one they submitted; when the bureau applies, its providers' approvals
 * decide; a provider revokes only its own items and the rest stays live (in every subgraph, via
 * NOTIFY, within a second); the bureau may still revoke the whole grant.
 */
import { randomUUID } from 'node:crypto';
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { APPROVER, BUREAU, application, ok, refused, review, revoke, sleep, submit } from '../integration/catalog-support';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const base = { purpose: '职责分离测试', justification: '安全测试' };

async function reviewAs(agency: string, operator: string, id: string, approve: boolean) {
  return gql(
    `mutation($id: ID!, $approve: Boolean!) { reviewSharingApplication(id: $id, approve: $approve, reason: "ok") { id status pendingReviewers } }`,
    { id, approve },
    await asAgency(agency, undefined, { operator, roles: APPROVER }),
  );
}

describe('no one reviews their own application', () => {
  test('data-bureau submits an application and cannot approve it as the bureau; its providers decide', async () => {
    const app = ok(await submit(BUREAU, { ...base, items: ['Person.phone', 'LegalPerson.contactPhone'] })).submitSharingApplication;
    expect(app.status).toBe('UNDER_REVIEW');
    expect(app.pendingReviewers.sort()).toEqual(['market-regulation', 'public-security']);
    const own = refused(await review(BUREAU, app.id, true, '自批'), 'FORBIDDEN');
    expect(own.message).toMatch(/no agency reviews its own application/);
    expect(own.extensions).toMatchObject({ reason: 'separation of duties' });
    ok(await review('public-security', app.id, true, '同意'));
    const last = ok(await review('market-regulation', app.id, true, '同意')).reviewSharingApplication;
    expect(last.status).toBe('APPROVED');
    expect(last.reviews.map((r: any) => r.reviewer).sort()).toEqual(['market-regulation', 'public-security']);
  });

  test('any other applicant cannot review its own application either (as provider of nothing in it, or otherwise)', async () => {
    const app = ok(await submit('natural-resources', { ...base, items: ['Person.phone'] })).submitSharingApplication;
    refused(await review('natural-resources', app.id, true, 'self'), 'FORBIDDEN');
  });

  test('variant: the operator who submitted cannot review it from another agency', async () => {
    const operator = `person-${randomUUID()}`;
    const app = ok(await submit('taxation', { ...base, items: ['Person.phone'] }, operator)).submitSharingApplication;
    const e = refused(await reviewAs('public-security', operator, app.id, true), 'FORBIDDEN');
    expect(e.message).toMatch(/no one reviews an application they submitted/);
    // Another operator of the same agency may.
    expect(ok(await reviewAs('public-security', `other-${randomUUID()}`, app.id, true)).reviewSharingApplication.status).toBe('UNDER_REVIEW');
  });
});

describe('a provider revokes only its own items', () => {
  const PURPOSE = `撤销测试-${randomUUID().slice(0, 8)}`;
  // 14 conditional items: 3 of public-security, the rest of market-regulation, civil-affairs and natural-resources.
  const POLICE = ['Person.phone', 'Person.householdAddress', 'Person.birthDate'];
  const OTHERS = [
    'LegalPerson.contactPhone',
    'BusinessLicense.number',
    'BusinessLicense.holderName',
    'BusinessLicense.legalRepresentative',
    'BusinessLicense.registeredCapital',
    'BusinessLicense.businessScope',
    'FoodBusinessPermit.number',
    'MarriageCertificate.number',
    'MarriageCertificate.issueDate',
    'RealEstateCertificate.number',
    'RealEstateCertificate.location',
  ];

  async function grantOf14(): Promise<string> {
    const { rows } = await withDb('catalog', (c) =>
      c.query(
        `INSERT INTO sharing_grant (agency_code, items, purposes, masks, valid_from, valid_to)
       VALUES ('finance-bank', $1::text[], $2::text[], '{}'::jsonb, now() - interval '1 minute', now() + interval '1 day') RETURNING id`,
        [[...POLICE, ...OTHERS], [PURPOSE]],
      ),
    );
    await sleep(1000); // every subgraph reloads grants on NOTIFY
    return rows[0].id;
  }

  function enterprise() {
    for (let k = 0; k < scale() / 5; k++) {
      const lp = syntheticLegalPerson(k, scale());
      if (lp.kind === 'ENTERPRISE' && lp.status === 'ACTIVE') return lp;
    }
    throw new Error('no enterprise');
  }
  const Q = `query($u: String!) { legalPersonByUscc(uscc: $u) { contactPhone legalRepresentative { phone householdAddress } licenses(type: "营业执照") { ... on BusinessLicense { legalRepresentative registeredCapital } } } }`;

  test('public-security (3 of 14 items) revokes: its items stop within a second, the other 11 stay live', async () => {
    const id = await grantOf14();
    const lp = enterprise();
    const headers = await asAgency('finance-bank', PURPOSE);
    const before = await gql(Q, { u: lp.uscc }, headers);
    expect(before.errors).toBeUndefined();
    expect(before.data.legalPersonByUscc.legalRepresentative.householdAddress).toBeTruthy();

    const r = ok(await revoke('public-security', id, '用途已完成（公安部分）')).revokeGrant;
    expect(r.status).toBe('LIVE');
    expect(r.items.sort()).toEqual([...OTHERS].sort());
    const row = (await withDb('catalog', (c) => c.query(`SELECT items, revoked_at FROM sharing_grant WHERE id = $1`, [id]))).rows[0];
    expect(row.revoked_at).toBeNull();
    const record = (await withDb('catalog', (c) => c.query(`SELECT items, revoked_by FROM grant_item_revocation WHERE grant_id = $1`, [id]))).rows;
    expect(record).toEqual([{ items: POLICE, revoked_by: 'public-security' }]);

    await sleep(1000);
    const after = await gql(Q, { u: lp.uscc }, headers);
    const e = after.data.legalPersonByUscc;
    expect(e.legalRepresentative).toEqual({ phone: null, householdAddress: null });
    expect(new Set((after.errors ?? []).map((x) => x.extensions?.item))).toEqual(new Set(['Person.phone', 'Person.householdAddress']));
    expect(e.contactPhone).toBeTruthy();
    expect(e.licenses[0].legalRepresentative).toBeTruthy();
    expect(e.licenses[0].registeredCapital).toBeTruthy();

    // A provider with no items left in the grant may not touch it; the bureau may still revoke it all.
    refused(await revoke('public-security', id, 'again'), 'FORBIDDEN');
    const whole = ok(await revoke(BUREAU, id, '整体撤销')).revokeGrant;
    expect(whole).toMatchObject({ status: 'REVOKED', revokedBy: BUREAU });
  });

  test("variant: the last provider revoking its items ends the grant; an application's grant revoked in part keeps the application live", async () => {
    const PURPOSE2 = `${PURPOSE}-2`;
    const app = ok(
      await submit('finance-bank', { purpose: PURPOSE2, justification: '测试', items: ['Person.phone', 'LegalPerson.contactPhone'] }),
    ).submitSharingApplication;
    for (const a of [BUREAU, 'public-security', 'market-regulation']) ok(await review(a, app.id, true, 'ok'));
    for (const a of ['public-security', 'market-regulation']) {
      ok(await gql(`mutation($id: ID!) { provisionSharingApplication(id: $id) { id } }`, { id: app.id }, await asAgency(a, undefined, { roles: APPROVER })));
    }
    const grantId = ok(await application('finance-bank', app.id)).sharingApplication.grant.id;
    expect(ok(await revoke('market-regulation', grantId, '部分撤销')).revokeGrant).toMatchObject({ status: 'LIVE', items: ['Person.phone'] });
    expect(ok(await application('finance-bank', app.id)).sharingApplication.status).toBe('PROVISIONED');
    expect(ok(await revoke('public-security', grantId, '全部撤销')).revokeGrant).toMatchObject({ status: 'REVOKED', revokedBy: 'public-security' });
    expect(ok(await application('finance-bank', app.id)).sharingApplication.status).toBe('REVOKED');
  });
});

describe('objections to NONE items', () => {
  const object = async (agency: string, item: string) =>
    gql(
      `mutation($input: NonSharingObjectionInput!) { objectToNonSharing(input: $input) { id provider objector status } }`,
      { input: { item, purpose: '职责分离测试', justification: '测试' } },
      await asAgency(agency),
    );
  const decide = async (agency: string, id: string) =>
    gql(
      `mutation($id: ID!) { reviewNonSharingObjection(id: $id, outcome: KEEP_NONE, reason: "维持") { id status } }`,
      { id },
      await asAgency(agency, undefined, { roles: APPROVER }),
    );

  test("variant: the bureau's own objection is reviewed by the item's provider, not by the bureau", async () => {
    const o = ok(await object(BUREAU, 'LegalPerson.employeeCount')).objectToNonSharing;
    expect(o).toMatchObject({ objector: BUREAU, provider: 'market-regulation', status: 'PENDING' });
    expect(refused(await decide(BUREAU, o.id), 'FORBIDDEN').message).toMatch(/no agency reviews its own application/);
    refused(await decide('public-security', o.id), 'FORBIDDEN');
    expect(ok(await decide('market-regulation', o.id)).reviewNonSharingObjection.status).toBe('UPHELD');
  });
});
