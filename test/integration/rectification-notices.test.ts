/**
 * Rectification notices (通知整改, Art. 26; issue 10, items 7-9): the bureau's scan raises a notice
 * from an unanswered demand past its due date (the platform clock is moved, not slept on), a re-scan
 * does not duplicate it, the agency acknowledges with its fix, the bureau closes it, a notice past its
 * own deadline is escalated to the bureau's inbox; refused transitions (wrong agency, wrong role) and
 * every transition are audited under the notice's id.
 */
import { gql } from '../support/client';
import { withDb } from '../support/db';
import { pgSql } from '../../platform/db/sql';
import { setPlatformClockOffset } from '../../platform/governance';
import { APPROVER, BUREAU, SECURITY_ADMIN, approved, as, ok, refused } from './catalog-support';

const NOTICE = `id agency rule evidenceType evidenceId finding status raisedAt dueDay dueAt escalated escalatedAt
  acknowledgedBy acknowledgedAt fix closedBy closedAt closingNote`;
const DAY_MS = 86_400_000;
const PROVIDER = 'market-regulation';

async function moveClock(offsetMs: number): Promise<void> {
  await withDb('catalog', (c) => setPlatformClockOffset(pgSql(c), offsetMs, 'rectification-notices.test.ts'));
}

async function scan(agency: string, roles: string[] = APPROVER) {
  return gql(`mutation { raiseRectificationNotices { ${NOTICE} } }`, {}, await as(agency, undefined, roles));
}
async function acknowledge(agency: string, id: string, fix: string, roles: string[] = APPROVER) {
  return gql(
    `mutation Ack($id: ID!, $fix: String!) { acknowledgeRectificationNotice(id: $id, fix: $fix) { ${NOTICE} } }`,
    { id, fix },
    await as(agency, undefined, roles),
  );
}
async function close(agency: string, id: string, note?: string, roles: string[] = APPROVER) {
  return gql(
    `mutation Close($id: ID!, $note: String) { closeRectificationNotice(id: $id, note: $note) { ${NOTICE} } }`,
    { id, note },
    await as(agency, undefined, roles),
  );
}
async function list(caller: string, args: { agency?: string; status?: string; escalated?: boolean; first?: number; after?: string } = {}) {
  return gql(
    `query List($agency: String, $status: RectificationStatus, $escalated: Boolean, $first: Int, $after: String) {
       rectificationNotices(agency: $agency, status: $status, escalated: $escalated, first: $first, after: $after) {
         totalCount pageInfo { hasNextPage endCursor } edges { node { ${NOTICE} } }
       }
     }`,
    { first: 100, ...args },
    await as(caller),
  );
}
const nodes = (r: any): any[] => ok(r).rectificationNotices.edges.map((e: any) => e.node);
const about = (r: any, evidenceId: string): any[] => nodes(r).filter((n: any) => n.evidenceId === evidenceId);

async function inboxAbout(agency: string, id: string): Promise<any[]> {
  const r = ok(await gql(`{ myNotifications(first: 100) { edges { node { kind body links { type id } } } } }`, {}, await as(agency)));
  return r.myNotifications.edges.map((e: any) => e.node).filter((n: any) => n.links.some((l: any) => l.id === id));
}

async function auditOf(id: string): Promise<{ served: string[]; refused: string[] }> {
  const r = ok(
    await gql(
      `query($k: String!) { auditEvents(filter: { subjectKey: $k, resource: "RectificationNotice" }, first: 100) { edges { node { itemsServed itemsRefused } } } }`,
      { k: id },
      await as(BUREAU, undefined, SECURITY_ADMIN),
    ),
  );
  const events = r.auditEvents.edges.map((e: any) => e.node);
  return { served: events.flatMap((n: any) => n.itemsServed), refused: events.flatMap((n: any) => n.itemsRefused) };
}

/** A demand from taxation assigned to the provider with a three-working-day deadline. */
async function assignedDemand(): Promise<string> {
  const input = { need: '整改通知测试：企业登记变更信息', purpose: '整改通知测试', legalBasis: '《税收征收管理法》第十五条' };
  const d = ok(
    await gql(`mutation($input: DataDemandInput!) { submitDataDemand(input: $input) { id } }`, { input }, await as('taxation', 'clerk-3')),
  ).submitDataDemand;
  ok(
    await gql(
      `mutation($id: ID!) { assignDataDemand(id: $id, provider: "${PROVIDER}", dueInWorkingDays: 3) { id } }`,
      { id: d.id },
      await as(BUREAU, undefined, APPROVER),
    ),
  );
  return d.id;
}

afterAll(() => moveClock(0));

describe('rectification notices from an unanswered demand', () => {
  let demandId: string;
  let notice: any;

  beforeAll(async () => {
    await moveClock(0);
    demandId = await assignedDemand();
  });

  test('no notice while the demand is within its deadline', async () => {
    const raised = ok(await scan(BUREAU)).raiseRectificationNotices;
    expect(raised.filter((n: any) => n.evidenceId === demandId)).toEqual([]);
  });

  test('the scan is the bureau approver’s: another agency or another post is refused', async () => {
    const e = refused(await scan(PROVIDER), 'FORBIDDEN');
    expect(e.message).toMatch(/data-bureau/);
    const r = refused(await scan(BUREAU, SECURITY_ADMIN), 'FORBIDDEN');
    expect(r.extensions?.requiredRole).toBe('approver');
  });

  test('past the due date (platform clock) the scan raises one notice to the provider, who is notified', async () => {
    await moveClock(30 * DAY_MS);
    const raised = ok(await scan(BUREAU)).raiseRectificationNotices.filter((n: any) => n.evidenceId === demandId);
    expect(raised).toHaveLength(1);
    notice = raised[0];
    expect(notice).toMatchObject({ agency: PROVIDER, rule: 'DEMAND_UNANSWERED', evidenceType: 'DataDemand', status: 'OPEN', escalated: false });
    expect(new Date(notice.dueAt).getTime()).toBeGreaterThan(Date.now() + 30 * DAY_MS);
    const [n] = await inboxAbout(PROVIDER, notice.id);
    expect(n.kind).toBe('RECTIFICATION_RAISED');
    expect(n.links).toEqual(expect.arrayContaining([{ type: 'DataDemand', id: demandId }]));
    expect(n.body).toContain(notice.dueDay);
  });

  test('a re-scan does not duplicate the open notice', async () => {
    const raised = ok(await scan(BUREAU)).raiseRectificationNotices;
    expect(raised.filter((n: any) => n.evidenceId === demandId)).toEqual([]);
    expect(about(await list(BUREAU, { agency: PROVIDER }), demandId)).toHaveLength(1);
  });

  test('an agency sees its own notices only; the bureau sees all', async () => {
    expect(about(await list(PROVIDER), demandId).map((n) => n.id)).toEqual([notice.id]);
    expect(about(await list(BUREAU), demandId).map((n) => n.id)).toEqual([notice.id]);
    expect(about(await list('taxation'), demandId)).toEqual([]);
    refused(await list('taxation', { agency: PROVIDER }), 'FORBIDDEN');
    const page = ok(await list(BUREAU, { first: 1 })).rectificationNotices;
    expect(page.edges).toHaveLength(1);
  });

  test('acknowledge refused: another agency, another post, the bureau; close refused while OPEN', async () => {
    const e = refused(await acknowledge('taxation', notice.id, 'not ours'), 'FORBIDDEN');
    expect(e.extensions?.reason).toBe('agency');
    refused(await acknowledge(BUREAU, notice.id, 'on behalf'), 'FORBIDDEN');
    const r = refused(await acknowledge(PROVIDER, notice.id, 'fixed', SECURITY_ADMIN), 'FORBIDDEN');
    expect(r.extensions?.requiredRole).toBe('approver');
    refused(await acknowledge(PROVIDER, notice.id, '  '), 'BAD_USER_INPUT');
    refused(await close(BUREAU, notice.id), 'BAD_USER_INPUT');
  });

  test('acknowledge: the provider’s approver reports the fix; the bureau is notified', async () => {
    const n = ok(await acknowledge(PROVIDER, notice.id, '已建立需求答复台账并指定专人负责')).acknowledgeRectificationNotice;
    expect(n).toMatchObject({ status: 'ACKNOWLEDGED', fix: '已建立需求答复台账并指定专人负责' });
    expect((await inboxAbout(BUREAU, notice.id)).map((x) => x.kind)).toContain('RECTIFICATION_ACKNOWLEDGED');
    refused(await acknowledge(PROVIDER, notice.id, 'again'), 'BAD_USER_INPUT');
  });

  test('close: not by the agency, not by another post; the bureau closes and the agency is notified', async () => {
    refused(await close(PROVIDER, notice.id), 'FORBIDDEN');
    refused(await close(BUREAU, notice.id, undefined, SECURITY_ADMIN), 'FORBIDDEN');
    const n = ok(await close(BUREAU, notice.id, '整改到位')).closeRectificationNotice;
    expect(n).toMatchObject({ status: 'CLOSED', closingNote: '整改到位' });
    expect((await inboxAbout(PROVIDER, notice.id)).map((x) => x.kind)).toContain('RECTIFICATION_CLOSED');
    expect(about(await list(PROVIDER, { status: 'CLOSED' }), demandId).map((x) => x.id)).toEqual([notice.id]);
  });

  test('every transition, served or refused, is audited under the notice’s id', async () => {
    const { served, refused: refusedItems } = await auditOf(notice.id);
    expect(served).toEqual(expect.arrayContaining(['Mutation.acknowledgeRectificationNotice', 'Mutation.closeRectificationNotice']));
    expect(refusedItems).toEqual(expect.arrayContaining(['Mutation.acknowledgeRectificationNotice', 'Mutation.closeRectificationNotice']));
  });
});

describe('escalation when a notice’s deadline passes unclosed', () => {
  test('the bureau’s inbox gets it and rectificationNotices(escalated: true) lists it', async () => {
    await moveClock(0);
    const demandId = await assignedDemand();
    await moveClock(30 * DAY_MS);
    const [notice] = ok(await scan(BUREAU)).raiseRectificationNotices.filter((n: any) => n.evidenceId === demandId);
    expect(notice).toMatchObject({ status: 'OPEN', escalated: false });
    expect(about(await list(BUREAU, { escalated: true }), demandId)).toEqual([]);

    // Five working days are at most fifteen calendar days (a long holiday aside): thirty more is past them.
    await moveClock(60 * DAY_MS);
    ok(await scan(BUREAU));
    const [escalated] = about(await list(BUREAU, { escalated: true }), demandId);
    expect(escalated).toMatchObject({ id: notice.id, escalated: true, status: 'OPEN' });
    expect(about(await list(PROVIDER, { escalated: true }), demandId).map((n) => n.id)).toEqual([notice.id]);
    expect(about(await list(BUREAU, { escalated: false }), demandId)).toEqual([]);
    const inbox = (await inboxAbout(BUREAU, notice.id)).filter((n) => n.kind === 'RECTIFICATION_ESCALATED');
    expect(inbox).toHaveLength(1);

    // Escalated once: a later scan neither re-notifies nor raises a second notice.
    ok(await scan(BUREAU));
    expect((await inboxAbout(BUREAU, notice.id)).filter((n) => n.kind === 'RECTIFICATION_ESCALATED')).toHaveLength(1);
    expect(about(await list(BUREAU), demandId)).toHaveLength(1);
  });
});

describe('rectification notices from provisioning past its deadline', () => {
  test('the provider that has not provisioned an approved application gets one notice', async () => {
    await moveClock(0);
    const app = await approved('human-resources', {
      items: ['Household.householdNumber'],
      purpose: '整改通知测试：就业援助对象核验',
      justification: '依《就业促进法》第五十二条认定就业困难人员',
    });
    expect(app.providers).toEqual(['public-security']);
    expect(ok(await scan(BUREAU)).raiseRectificationNotices.filter((n: any) => n.evidenceId === app.id)).toEqual([]);
    // Ten working days for provisioning are at most a month; sixty calendar days are past them.
    await moveClock(60 * DAY_MS);
    const raised = ok(await scan(BUREAU)).raiseRectificationNotices.filter((n: any) => n.evidenceId === app.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ agency: 'public-security', rule: 'PROVISIONING_OVERDUE', evidenceType: 'SharingApplication', status: 'OPEN' });
    expect((await inboxAbout('public-security', raised[0].id)).map((n) => n.kind)).toContain('RECTIFICATION_RAISED');
    // Not the applicant's: it has nothing to rectify.
    expect(about(await list('human-resources'), app.id)).toEqual([]);
    expect(ok(await scan(BUREAU)).raiseRectificationNotices.filter((n: any) => n.evidenceId === app.id)).toEqual([]);
  });
});
