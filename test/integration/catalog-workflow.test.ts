/**
 * The application workflow (Art. 16-17): every transition, each by its role and refused to every
 * other, each written to the audit trail; deadlines on the working-day calendar; grants that the
 * policy store reads; revocation and expiry; objections to NONE items.
 */
import { asSubject, countSql, gql } from '../support/client';
import { withDb } from '../support/db';
import {
  APPLICATION,
  APPROVER,
  BUREAU,
  SECURITY_ADMIN,
  application,
  approved,
  as,
  calendar,
  ok,
  provision,
  refused,
  review,
  revoke,
  sleep,
  submit,
  withdraw,
} from './catalog-support';
import { restoreNone } from './register-support';
import { chinaDay } from '../../subgraphs/catalog/calendar/working-days';
import { personKey } from '../../platform/keys';
import { syntheticPerson } from '../../seed/synthetic/people';

const PURPOSE = '目录测试：就业援助对象核验';
const base = { purpose: PURPOSE, justification: '依《就业促进法》第五十二条认定就业困难人员' };

async function grantRow(id: string) {
  return withDb('catalog', async (c) => (await c.query(`SELECT * FROM sharing_grant WHERE id = $1`, [id])).rows[0]);
}

describe('submitting', () => {
  test('unconditional items only: granted at once, with a grant row the policy store reads', async () => {
    const app = ok(await submit('human-resources', { ...base, items: ['Person.gender', 'Person.householdDivisionCode'] }, 'clerk-7')).submitSharingApplication;
    expect(app).toMatchObject({
      status: 'GRANTED',
      applicantCode: 'human-resources',
      applicant: { code: 'human-resources', name: '衡阳市人力资源和社会保障局' },
      items: ['Person.gender', 'Person.householdDivisionCode'],
      unconditionalItems: ['Person.gender', 'Person.householdDivisionCode'],
      conditionalItems: [],
      providers: [],
      pendingReviewers: [],
      provisioningDeadline: null,
    });
    expect(app.grant).toMatchObject({
      agencyCode: 'human-resources',
      items: ['Person.gender', 'Person.householdDivisionCode'],
      purposes: [PURPOSE],
      status: 'LIVE',
      applicationId: app.id,
    });
    const row = await grantRow(app.grant.id);
    expect(row).toMatchObject({
      agency_code: 'human-resources',
      items: ['Person.gender', 'Person.householdDivisionCode'],
      purposes: [PURPOSE],
      application_id: app.id,
      revoked_at: null,
    });
    // Default validity: one year.
    expect(Math.abs(new Date(row.valid_to).getTime() - Date.now() - 365 * 86_400_000)).toBeLessThan(2 * 86_400_000);
  });

  test('conditional items go to the bureau and the provider', async () => {
    const app = ok(
      await submit('human-resources', {
        ...base,
        items: ['Person.phone', 'Person.gender'],
        legalBasis: '《就业促进法》',
        validUntil: '2027-06-30',
        requestedMasks: [{ item: 'Person.phone', mask: 'keep(3, 2)' }],
      }),
    ).submitSharingApplication;
    expect(app).toMatchObject({
      status: 'UNDER_REVIEW',
      conditionalItems: ['Person.phone'],
      unconditionalItems: ['Person.gender'],
      providers: ['public-security'],
      pendingReviewers: [BUREAU, 'public-security'],
      requestedMasks: [{ item: 'Person.phone', mask: 'KEEP(3,2)' }],
      validUntil: '2027-06-30T15:59:59.999Z',
      legalBasis: '《就业促进法》',
      reviews: [],
      provisioningDeadline: null,
    });
    // The unconditional item is granted at once, in the application's grant.
    expect(app.grant).toMatchObject({ items: ['Person.gender'], status: 'LIVE', validTo: '2027-06-30T15:59:59.999Z' });
  });

  test('bad input is BAD_USER_INPUT naming the argument', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...base, items: ['Person.shoeSize'] }, 'input.items', /not in the sharing catalogue/],
      [{ ...base, items: ['person.name'] }, 'input.items', /not in the sharing catalogue/],
      [{ ...base, items: [] }, 'input.items', /at least one item/],
      [{ ...base, items: ['Person.ethnicity'] }, 'input.items', /不予共享.*居民身份证法.*objectToNonSharing/],
      [{ ...base, items: ['Person.name'], purpose: '  ' }, 'input.purpose', /1 to 200/],
      [{ ...base, items: ['Person.name'], justification: '' }, 'input.justification', /1 to 4000/],
      [{ ...base, items: ['Person.name'], requestedMasks: [{ item: 'Person.name', mask: 'BLUR' }] }, 'input.requestedMasks', /unknown mask/],
      [
        { ...base, items: ['Person.name'], requestedMasks: [{ item: 'Person.phone', mask: 'FULL' }] },
        'input.requestedMasks',
        /not one of the application's items/,
      ],
      [{ ...base, items: ['Person.gender'], requestedMasks: [{ item: 'Person.gender', mask: 'FULL' }] }, 'input.requestedMasks', /UNCONDITIONAL/],
      [{ ...base, items: ['Household.members'], requestedMasks: [{ item: 'Household.members', mask: 'HASH' }] }, 'input.requestedMasks', /text fields only/],
      [{ ...base, items: ['Person.name'], validUntil: '2020-01-01' }, 'input.validUntil', /in the future/],
      [{ ...base, items: ['Person.name'], validUntil: 'next year' }, 'input.validUntil', /YYYY-MM-DD/],
      [{ ...base, items: ['Person.name'], validUntil: '2040-01-01' }, 'input.validUntil', /5 years/],
    ];
    for (const [input, argument, message] of cases) {
      const e = refused(await submit('human-resources', input), 'BAD_USER_INPUT');
      expect([e.extensions?.argument, e.message]).toEqual([argument, expect.stringMatching(message)]);
    }
    const e = refused(await submit('public-security', { ...base, items: ['Person.name'] }), 'BAD_USER_INPUT');
    expect(e.message).toMatch(/provided by public-security itself/);
  });

  test('only an agency applies: a data subject is FORBIDDEN, no token UNAUTHENTICATED', async () => {
    const q = `mutation($input: SharingApplicationInput!) { submitSharingApplication(input: $input) { id } }`;
    const input = { ...base, items: ['Person.gender'] };
    refused(await gql(q, { input }, await asSubject(personKey(syntheticPerson(1).idNumber))), 'FORBIDDEN');
    refused(await gql(q, { input }, {}), 'UNAUTHENTICATED');
    // Issue 8 (tokens): an agency missing from the register is refused before any rule: UNAUTHENTICATED.
    refused(await gql(q, { input }, await as('unknown-agency')), 'UNAUTHENTICATED');
  });
});

describe('reviewing and provisioning', () => {
  test('both must approve; each transition only by its role; the deadline is ten working days', async () => {
    const app = ok(
      await submit('civil-affairs', { ...base, items: ['Person.householdAddress'], requestedMasks: [{ item: 'Person.householdAddress', mask: 'FULL' }] }),
    ).submitSharingApplication;
    expect(app.grant).toBeNull();

    // Wrong roles: an unrelated agency; the applicant itself (separation of duties, issue 8).
    const e = refused(await review('taxation', app.id, true), 'FORBIDDEN');
    expect(e.message).toMatch(/Only the administering bureau \(data-bureau\) and the providing agencies \(public-security\)/);
    expect(refused(await review('civil-affairs', app.id, true), 'FORBIDDEN').message).toMatch(/no agency reviews its own application/);
    // A rejection needs a reason.
    expect(refused(await review(BUREAU, app.id, false), 'BAD_USER_INPUT').extensions?.argument).toBe('reason');
    // Not yet approved: nothing to provision.
    expect(refused(await provision('public-security', app.id), 'BAD_USER_INPUT').extensions?.status).toBe('UNDER_REVIEW');

    const byBureau = ok(await review(BUREAU, app.id, true, '用途明确')).reviewSharingApplication;
    expect(byBureau).toMatchObject({
      status: 'UNDER_REVIEW',
      pendingReviewers: ['public-security'],
      reviews: [{ reviewer: BUREAU, role: 'BUREAU', approve: true, reason: '用途明确' }],
    });
    expect(refused(await review(BUREAU, app.id, true), 'BAD_USER_INPUT').message).toMatch(/already reviewed/);

    const byProvider = ok(await review('public-security', app.id, true)).reviewSharingApplication;
    const deadline = calendar.addWorkingDays(chinaDay(new Date()), 10);
    expect(byProvider).toMatchObject({
      status: 'APPROVED',
      pendingReviewers: [],
      pendingProvisioners: ['public-security'],
      provisioningDeadline: deadline,
      overdue: false,
      provisioningDelayWorkingDays: 0,
      grant: null,
    });
    expect(byProvider.provisioningDeadlineAt).toBe(new Date(Date.parse(`${deadline}T23:59:59.999+08:00`)).toISOString());
    expect(refused(await review('public-security', app.id, false, 'too late'), 'BAD_USER_INPUT').extensions?.status).toBe('APPROVED');

    // Only the provider provisions: not the bureau, not the applicant.
    for (const agency of [BUREAU, 'civil-affairs', 'taxation']) refused(await provision(agency, app.id), 'FORBIDDEN');
    const done = ok(await provision('public-security', app.id)).provisionSharingApplication;
    expect(done).toMatchObject({
      status: 'PROVISIONED',
      pendingProvisioners: [],
      overdue: false,
      provisioningDelayWorkingDays: 0,
      provisions: [{ provider: 'public-security', items: ['Person.householdAddress'], delayWorkingDays: 0 }],
      grant: {
        agencyCode: 'civil-affairs',
        items: ['Person.householdAddress'],
        purposes: [PURPOSE],
        masks: [{ item: 'Person.householdAddress', mask: 'FULL' }],
        status: 'LIVE',
        applicationId: app.id,
      },
    });
    expect(done.provisionedAt).toBeTruthy();
    expect(await grantRow(done.grant.id)).toMatchObject({
      agency_code: 'civil-affairs',
      items: ['Person.householdAddress'],
      masks: { 'Person.householdAddress': 'FULL' },
      application_id: app.id,
    });
    expect(refused(await provision('public-security', app.id), 'BAD_USER_INPUT').extensions?.status).toBe('PROVISIONED');
    expect(ok(await application('civil-affairs', app.id)).sharingApplication.grant.id).toBe(done.grant.id);
  });

  test('either reviewer may reject with a reason', async () => {
    const app = ok(await submit('taxation', { ...base, items: ['LegalPerson.contactPhone'] })).submitSharingApplication;
    expect(app.providers).toEqual(['market-regulation']);
    const rejected = ok(await review('market-regulation', app.id, false, '用途与职能不符')).reviewSharingApplication;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'market-regulation: 用途与职能不符', pendingReviewers: [], grant: null });
    expect(refused(await review(BUREAU, app.id, true), 'BAD_USER_INPUT').extensions?.status).toBe('REJECTED');
    expect(refused(await provision('market-regulation', app.id), 'BAD_USER_INPUT').extensions?.status).toBe('REJECTED');
  });

  test('an application spanning two providers needs each one; each provisions its own items into the one grant', async () => {
    const app = ok(await submit('finance-bank', { ...base, items: ['Person.name', 'LegalPerson.contactPhone', 'LegalPerson.name'] })).submitSharingApplication;
    expect(app).toMatchObject({ providers: ['market-regulation', 'public-security'], pendingReviewers: [BUREAU, 'market-regulation', 'public-security'] });
    expect(app.grant.items).toEqual(['LegalPerson.name']);
    ok(await review('public-security', app.id, true));
    ok(await review(BUREAU, app.id, true));
    const third = ok(await review('market-regulation', app.id, true)).reviewSharingApplication;
    expect(third.status).toBe('APPROVED');
    const half = ok(await provision('public-security', app.id)).provisionSharingApplication;
    expect(half).toMatchObject({
      status: 'PARTIALLY_PROVISIONED',
      pendingProvisioners: ['market-regulation'],
      grant: { id: app.grant.id, items: ['LegalPerson.name', 'Person.name'] },
    });
    const full = ok(await provision('market-regulation', app.id)).provisionSharingApplication;
    expect(full).toMatchObject({
      status: 'PROVISIONED',
      pendingProvisioners: [],
      grant: { id: app.grant.id, items: ['LegalPerson.contactPhone', 'LegalPerson.name', 'Person.name'] },
    });
  });

  test('the applicant may withdraw before provisioning; nobody else may', async () => {
    const app = ok(await submit('human-resources', { ...base, items: ['Person.birthDate', 'Person.status'] })).submitSharingApplication;
    refused(await withdraw('public-security', app.id), 'FORBIDDEN');
    refused(await withdraw(BUREAU, app.id), 'FORBIDDEN');
    const w = ok(await withdraw('human-resources', app.id)).withdrawSharingApplication;
    expect(w.status).toBe('WITHDRAWN');
    expect(w.grant.status).toBe('REVOKED'); // the unconditional part goes with it
    expect(refused(await withdraw('human-resources', app.id), 'BAD_USER_INPUT').extensions?.status).toBe('WITHDRAWN');
    expect(refused(await review(BUREAU, app.id, true), 'BAD_USER_INPUT').extensions?.status).toBe('WITHDRAWN');
  });

  test('unknown and malformed ids', async () => {
    expect(refused(await review(BUREAU, '00000000-0000-4000-8000-000000000000', true), 'NOT_FOUND').extensions?.argument).toBe('id');
    expect(refused(await review(BUREAU, 'abc', true), 'BAD_USER_INPUT').extensions?.argument).toBe('id');
    expect(refused(await revoke(BUREAU, '00000000-0000-4000-8000-000000000000', 'x'), 'NOT_FOUND').message).toMatch(/Grant/);
    expect(ok(await application(BUREAU, '00000000-0000-4000-8000-000000000000')).sharingApplication).toBeNull();
  });

  test('an application is seen by its applicant, its provider and the bureau only', async () => {
    const app = ok(await submit('taxation', { ...base, items: ['Person.idNumber'] })).submitSharingApplication;
    for (const agency of ['taxation', 'public-security', BUREAU]) expect(ok(await application(agency, app.id)).sharingApplication.id).toBe(app.id);
    refused(await application('finance-bank', app.id), 'FORBIDDEN');
    const list = async (agency: string) =>
      ok(await gql(`{ sharingApplications(first: 500) { totalCount edges { node { id applicantCode providers } } } }`, {}, await as(agency)))
        .sharingApplications;
    expect((await list('finance-bank')).edges.every((e: any) => e.node.applicantCode === 'finance-bank' || e.node.providers.includes('finance-bank'))).toBe(
      true,
    );
    expect((await list('finance-bank')).edges.map((e: any) => e.node.id)).not.toContain(app.id);
    expect((await list(BUREAU)).edges.map((e: any) => e.node.id)).toContain(app.id);
    const mine = ok(
      await gql(
        `{ sharingApplications(filter: { status: UNDER_REVIEW, applicant: "taxation" }, first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } }`,
        {},
        await as(BUREAU),
      ),
    ).sharingApplications;
    expect(mine.edges.every((e: any) => e.node.status === 'UNDER_REVIEW')).toBe(true);
    expect(mine.totalCount).toBeGreaterThanOrEqual(1);
    // Keyset pages, newest first, without overlap.
    const page = async (after?: string) =>
      ok(
        await gql(
          `query($after: String) { sharingApplications(first: 3, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id submittedAt } } } }`,
          { after },
          await as(BUREAU),
        ),
      ).sharingApplications;
    const p1 = await page();
    const p2 = await page(p1.pageInfo.endCursor);
    const nodes = [...p1.edges, ...p2.edges].map((e: any) => e.node);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect(new Set(nodes.map((n: any) => n.id)).size).toBe(6);
    expect(nodes.map((n: any) => n.submittedAt)).toEqual([...nodes.map((n: any) => n.submittedAt)].sort().reverse());
    expect(refused(await gql(`{ sharingApplications(after: "bm9wZQ") { totalCount } }`, {}, await as(BUREAU)), 'BAD_USER_INPUT').extensions?.argument).toBe(
      'after',
    );
  });

  test('a page of applications costs the same SQL statements whatever its size (no N+1)', async () => {
    const headers = await as(BUREAU);
    const q = `query($n: Int) { sharingApplications(first: $n) { edges { node { ${APPLICATION} } } } }`;
    const small = await countSql(() => gql(q, { n: 2 }, headers));
    const large = await countSql(() => gql(q, { n: 7 }, headers));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.sharingApplications.edges).toHaveLength(7);
    expect(large.statements).toBe(small.statements);
  });
});

describe('deadlines', () => {
  test('an approval left unprovisioned past its deadline is overdue; provisioning late records the delay', async () => {
    const app = await approved('human-resources', { ...base, items: ['Household.householdNumber'] });
    // Ten working days cannot pass in a test: move the approval back to Friday 30 October 2026.
    const deadline = calendar.addWorkingDays('2026-10-30', 10);
    expect(deadline).toBe('2026-11-13');
    await withDb('catalog', (c) =>
      c.query(
        `UPDATE sharing_application SET decided_at = '2026-10-30T10:00:00+08:00', provisioning_deadline = $2, provisioning_deadline_at = $3 WHERE id = $1`,
        [app.id, deadline, new Date(Date.parse(`${deadline}T23:59:59.999+08:00`))],
      ),
    );
    const lateBy = calendar.workingDaysBetween(deadline, chinaDay(new Date()));
    expect(lateBy).toBeGreaterThan(0);
    const now = ok(await application('human-resources', app.id)).sharingApplication;
    expect(now).toMatchObject({ status: 'APPROVED', overdue: true, provisioningDeadline: deadline, provisioningDelayWorkingDays: lateBy });
    for (const agency of [BUREAU, 'public-security', 'human-resources']) {
      const list = ok(await gql(`{ overdueProvisioning { id overdue provisioningDeadline } }`, {}, await as(agency))).overdueProvisioning;
      expect(list).toContainEqual({ id: app.id, overdue: true, provisioningDeadline: deadline });
    }
    expect(ok(await gql(`{ overdueProvisioning { id } }`, {}, await as('taxation'))).overdueProvisioning.map((a: any) => a.id)).not.toContain(app.id);
    expect(
      ok(await gql(`{ overdueProvisioning(provider: "market-regulation") { id } }`, {}, await as(BUREAU))).overdueProvisioning.map((a: any) => a.id),
    ).not.toContain(app.id);

    const done = ok(await provision('public-security', app.id)).provisionSharingApplication;
    expect(done).toMatchObject({
      status: 'PROVISIONED',
      overdue: false,
      provisioningDelayWorkingDays: lateBy,
      provisions: [{ provider: 'public-security', delayWorkingDays: lateBy }],
    });
    expect(ok(await gql(`{ overdueProvisioning { id } }`, {}, await as(BUREAU))).overdueProvisioning.map((a: any) => a.id)).not.toContain(app.id);
  });

  test('the working calendar through the API; maintained by the bureau only', async () => {
    const days = ok(await gql(`{ calendarDays(year: 2026) { date kind name } }`)).calendarDays;
    expect(days).toContainEqual({ date: '2026-02-14', kind: 'WORKDAY', name: '春节调休上班' });
    expect(days.filter((d: any) => d.kind === 'HOLIDAY')).toHaveLength(33);
    expect(ok(await gql(`{ workingDaysAfter(date: "2026-02-13", days: 10) }`)).workingDaysAfter).toBe('2026-03-05');
    expect(refused(await gql(`{ workingDaysAfter(date: "2026-02-30", days: 10) }`), 'BAD_USER_INPUT').extensions?.argument).toBe('date');
    const set = `mutation($d: String!) { setCalendarDay(date: $d, kind: HOLIDAY, name: "测试假日") { date kind name } }`;
    refused(await gql(set, { d: '2028-03-01' }, await as('public-security')), 'FORBIDDEN');
    expect(ok(await gql(set, { d: '2028-03-01' }, await as(BUREAU))).setCalendarDay).toEqual({ date: '2028-03-01', kind: 'HOLIDAY', name: '测试假日' });
    expect(ok(await gql(`{ workingDaysAfter(date: "2028-02-29", days: 1) }`)).workingDaysAfter).toBe('2028-03-02');
    expect(ok(await gql(`mutation { removeCalendarDay(date: "2028-03-01") }`, {}, await as(BUREAU))).removeCalendarDay).toBe(true);
    expect(ok(await gql(`{ workingDaysAfter(date: "2028-02-29", days: 1) }`)).workingDaysAfter).toBe('2028-03-01');
  });
});

describe('grants: revocation and expiry', () => {
  test('revoked by the provider or the bureau only, with a reason, once', async () => {
    const app = await approved('natural-resources', { ...base, items: ['Person.phone'] });
    const { grant } = ok(await provision('public-security', app.id)).provisionSharingApplication;
    refused(await revoke('natural-resources', grant.id, '不再需要'), 'FORBIDDEN'); // the grantee
    refused(await revoke('market-regulation', grant.id, '越权'), 'FORBIDDEN'); // provides other items
    expect(refused(await revoke('public-security', grant.id, ' '), 'BAD_USER_INPUT').extensions?.argument).toBe('reason');
    const r = ok(await revoke('public-security', grant.id, '用途已完成')).revokeGrant;
    expect(r).toMatchObject({ id: grant.id, status: 'REVOKED', revokedReason: '用途已完成', revokedBy: 'public-security', applicationId: app.id });
    expect((await grantRow(grant.id)).revoked_at).not.toBeNull();
    expect(ok(await application('natural-resources', app.id)).sharingApplication.status).toBe('REVOKED');
    expect(refused(await revoke(BUREAU, grant.id, 'again'), 'BAD_USER_INPUT').extensions?.status).toBe('REVOKED');
  });

  test('the bureau may revoke any grant', async () => {
    const app = ok(await submit('civil-affairs', { ...base, items: ['LegalPerson.status'] })).submitSharingApplication;
    expect(ok(await revoke(BUREAU, app.grant.id, '清理')).revokeGrant).toMatchObject({ status: 'REVOKED', revokedBy: BUREAU });
  });

  test('a grant expires at its validity end, and an expired grant cannot be revoked', async () => {
    const app = await approved('taxation', { ...base, items: ['Person.birthDate'], validUntil: new Date(Date.now() + 4000).toISOString() });
    const done = ok(await provision('public-security', app.id)).provisionSharingApplication;
    expect(done.grant.status).toBe('LIVE');
    await sleep(Math.max(0, new Date(done.grant.validTo).getTime() - Date.now()) + 200);
    const later = ok(await application('taxation', app.id)).sharingApplication;
    expect(later.status).toBe('EXPIRED');
    expect(later.grant.status).toBe('EXPIRED');
    expect(refused(await revoke(BUREAU, done.grant.id, 'x'), 'BAD_USER_INPUT').extensions?.status).toBe('EXPIRED');
    const listed = ok(await gql(`{ grants(agency: "taxation", status: EXPIRED, first: 50) { edges { node { id status } } } }`, {}, await as(BUREAU))).grants;
    expect(listed.edges.map((e: any) => e.node.id)).toContain(done.grant.id);
  });

  test('grants are seen by their agency, the providers of their items and the bureau', async () => {
    const q = `{ grants(first: 500) { totalCount edges { node { id agencyCode items } } } }`;
    const seen = async (agency: string) => ok(await gql(q, {}, await as(agency))).grants.edges.map((e: any) => e.node);
    const seeded = await withDb('catalog', async (c) => (await c.query(`SELECT count(*)::int AS n FROM sharing_grant`)).rows[0].n);
    expect((await seen(BUREAU)).length).toBe(Math.min(500, seeded));
    expect((await seen('finance-bank')).every((g: any) => g.agencyCode === 'finance-bank')).toBe(true);
    expect(
      // market-regulation provides the legal-person register and (since issue 8) the licence kinds it issues
      (await seen('market-regulation')).every(
        (g: any) => g.agencyCode === 'market-regulation' || g.items.some((i: string) => /^(LegalPerson|BusinessLicense|FoodBusinessPermit)\./.test(i)),
      ),
    ).toBe(true);
    const hr = (await seen('human-resources'))[0];
    refused(await gql(`query($id: ID!) { grant(id: $id) { id } }`, { id: hr.id }, await as('finance-bank')), 'FORBIDDEN');
  });
});

describe('objections to NONE items (论证审核)', () => {
  const object = async (agency: string, item: string) =>
    gql(
      `mutation($input: NonSharingObjectionInput!) { objectToNonSharing(input: $input) { id item provider objector status publishedBasis currentSharingType implemented } }`,
      { input: { item, purpose: PURPOSE, justification: '核验就业困难人员的民族优惠政策' } },
      await as(agency),
    );
  const decide = async (agency: string, id: string, outcome: string, reason: string, reclassifyTo?: string) =>
    gql(
      `mutation($id: ID!, $o: ObjectionOutcome!, $r: String!, $to: SharingType) { reviewNonSharingObjection(id: $id, outcome: $o, reason: $r, reclassifyTo: $to) {
       id status reclassifyTo decisionReason decidedBy decidedAt currentSharingType implemented } }`,
      { id, o: outcome, r: reason, to: reclassifyTo },
      await as(agency, undefined, APPROVER),
    );

  test('an agency objects; the bureau keeps the item NONE with its published basis', async () => {
    const o = ok(await object('human-resources', 'Person.ethnicity')).objectToNonSharing;
    expect(o).toMatchObject({
      item: 'Person.ethnicity',
      provider: 'public-security',
      objector: 'human-resources',
      status: 'PENDING',
      currentSharingType: 'NONE',
      implemented: false,
    });
    expect(o.publishedBasis).toMatch(/居民身份证法/);
    expect(refused(await object('human-resources', 'Person.ethnicity'), 'BAD_USER_INPUT').message).toMatch(/already has a pending objection/);
    refused(await decide('public-security', o.id, 'KEEP_NONE', '维持'), 'FORBIDDEN');
    refused(await decide('human-resources', o.id, 'KEEP_NONE', '维持'), 'FORBIDDEN');
    expect(refused(await decide(BUREAU, o.id, 'KEEP_NONE', '维持', 'CONDITIONAL'), 'BAD_USER_INPUT').extensions?.argument).toBe('reclassifyTo');
    const kept = ok(await decide(BUREAU, o.id, 'KEEP_NONE', '法律明确规定保密，维持不予共享并公示')).reviewNonSharingObjection;
    expect(kept).toMatchObject({
      status: 'UPHELD',
      reclassifyTo: null,
      decidedBy: BUREAU,
      decisionReason: '法律明确规定保密，维持不予共享并公示',
      implemented: false,
    });
    expect(refused(await decide(BUREAU, o.id, 'RECLASSIFY', 'x', 'CONDITIONAL'), 'BAD_USER_INPUT').extensions?.status).toBe('UPHELD');
    // Published to every agency (公示).
    const published = ok(
      await gql(`{ nonSharingObjections(item: "Person.ethnicity") { id status decisionReason } }`, {}, await as('taxation')),
    ).nonSharingObjections;
    expect(published).toContainEqual({ id: o.id, status: 'UPHELD', decisionReason: kept.decisionReason });
  });

  test('a reclassification is applied at once in the catalogue register (issue 10), no release', async () => {
    const o = ok(await object('taxation', 'LegalPerson.employeeCount')).objectToNonSharing;
    expect(refused(await decide(BUREAU, o.id, 'RECLASSIFY', '综合治税需要'), 'BAD_USER_INPUT').extensions?.argument).toBe('reclassifyTo');
    try {
      const r = ok(await decide(BUREAU, o.id, 'RECLASSIFY', '综合治税需要，改为有条件共享', 'CONDITIONAL')).reviewNonSharingObjection;
      expect(r).toMatchObject({ status: 'RECLASSIFIED', reclassifyTo: 'CONDITIONAL', currentSharingType: 'CONDITIONAL', implemented: true });
    } finally {
      await restoreNone('LegalPerson.employeeCount'); // other suites expect it NONE
    }
  });

  test('objections only to NONE items, and not by their provider', async () => {
    expect(refused(await object('taxation', 'Person.name'), 'BAD_USER_INPUT').message).toMatch(/CONDITIONAL, not NONE/);
    expect(refused(await object('taxation', 'Person.nothing'), 'BAD_USER_INPUT').extensions?.argument).toBe('input.item');
    refused(await object('public-security', 'Person.ethnicity'), 'FORBIDDEN');
  });
});

describe('the audit trail of the workflow', () => {
  test('every transition, served or refused, is recorded against the application', async () => {
    const app = ok(await submit('human-resources', { ...base, items: ['Person.idNumber'] }, 'clerk-9')).submitSharingApplication;
    refused(await review('taxation', app.id, true), 'FORBIDDEN');
    ok(await review(BUREAU, app.id, true));
    ok(await review('public-security', app.id, true));
    refused(await provision(BUREAU, app.id), 'FORBIDDEN');
    ok(await provision('public-security', app.id));
    const events = await withDb(
      'catalog',
      async (c) =>
        (
          await c.query(
            `SELECT agency, operator, resource, items_served, items_refused, decision FROM audit_event
        WHERE seq IN (SELECT event_seq FROM audit_event_subject WHERE subject_key = $1) AND (items_served && $2 OR items_refused && $2) ORDER BY seq`,
            [app.id, ['Mutation.submitSharingApplication', 'Mutation.reviewSharingApplication', 'Mutation.provisionSharingApplication']],
          )
        ).rows,
    );
    const summary = events.map((e) => [
      e.agency,
      e.items_served.filter((i: string) => i.startsWith('Mutation.'))[0] ?? null,
      e.items_refused.filter((i: string) => i.startsWith('Mutation.'))[0] ?? null,
    ]);
    expect(summary).toEqual([
      ['human-resources', 'Mutation.submitSharingApplication', null],
      ['taxation', null, 'Mutation.reviewSharingApplication'],
      [BUREAU, 'Mutation.reviewSharingApplication', null],
      ['public-security', 'Mutation.reviewSharingApplication', null],
      [BUREAU, null, 'Mutation.provisionSharingApplication'],
      ['public-security', 'Mutation.provisionSharingApplication', null],
    ]);
    expect(events[0]).toMatchObject({ operator: 'clerk-9', resource: 'SharingApplication' });
    expect(events[1].decision).toBe('REFUSED');
    // The same history through the audit search, by the application's id.
    const found = ok(
      await gql(
        `query($k: String!) { auditEvents(filter: { subjectKey: $k, resource: "SharingApplication" }, first: 50) { totalCount } }`,
        { k: app.id },
        await as(BUREAU, undefined, SECURITY_ADMIN),
      ),
    ).auditEvents;
    expect(found.totalCount).toBeGreaterThanOrEqual(6);
  });

  test('the fields an application query returns are themselves audited', async () => {
    const id = (await withDb('catalog', async (c) => (await c.query(`SELECT id FROM sharing_application LIMIT 1`)).rows[0])).id;
    const requestId = `catalog-read-${Date.now()}`;
    await gql(`query($id: ID!) { sharingApplication(id: $id) { ${APPLICATION} } }`, { id }, { ...(await as(BUREAU)), 'x-request-id': requestId });
    const rows = await withDb(
      'catalog',
      async (c) => (await c.query(`SELECT resource, items_served FROM audit_event WHERE correlation_id = $1`, [requestId])).rows,
    );
    expect(rows.find((r) => r.resource === 'SharingApplication')?.items_served).toContain('SharingApplication.status');
  });
});
