/**
 * The demand list (需求清单, Art. 16; issue 10, items 6 and 9): submit → the bureau assigns with a
 * deadline in working days → the assigned provider answers → the applicant is notified. Every
 * transition and every refusal (wrong agency, wrong state, bad input) is audited; deadlines are
 * judged on the platform clock, which the test moves past the deadline instead of sleeping.
 */
import { asSubject, gql } from '../support/client';
import { withDb } from '../support/db';
import { pgSql } from '../../platform/db/sql';
import { setPlatformClockOffset } from '../../platform/governance';
import { personKey } from '../../platform/keys';
import { chinaDay } from '../../platform/time';
import { APPROVER, BUREAU, SECURITY_ADMIN, as, calendar, ok, refused } from './catalog-support';

const DEMAND = `id applicant need purpose legalBasis items suggestedProvider status submittedAt provider assignedBy assignedAt
  dueInWorkingDays dueDay dueAt answeredBy answeredAt willProvide answer answerBasis overdue answeredOnTime`;
const input = {
  need: '低保申请人家庭成员的不动产登记信息（含尚未编目的抵押状态）',
  purpose: '需求清单测试：最低生活保障家庭经济状况核对',
  legalBasis: '《社会救助暂行办法》第十一条',
  items: ['Person.phone'],
  suggestedProvider: 'natural-resources',
};

const DAY_MS = 86_400_000;

async function moveClock(offsetMs: number): Promise<void> {
  await withDb('catalog', (c) => setPlatformClockOffset(pgSql(c), offsetMs, 'demands.test.ts'));
}

async function submitDemand(agency: string, values: Record<string, unknown> = input) {
  return gql(`mutation Submit($input: DataDemandInput!) { submitDataDemand(input: $input) { ${DEMAND} } }`, { input: values }, await as(agency, 'clerk-3'));
}
async function assign(agency: string, id: string, provider: string, dueInWorkingDays: number) {
  return gql(
    `mutation Assign($id: ID!, $provider: String!, $days: Int!) { assignDataDemand(id: $id, provider: $provider, dueInWorkingDays: $days) { ${DEMAND} } }`,
    { id, provider, days: dueInWorkingDays },
    await as(agency, undefined, APPROVER),
  );
}
async function answer(agency: string, id: string, willProvide: boolean, text: string, basis?: string) {
  return gql(
    `mutation Answer($id: ID!, $will: Boolean!, $answer: String!, $basis: String) { answerDataDemand(id: $id, willProvide: $will, answer: $answer, basis: $basis) { ${DEMAND} } }`,
    { id, will: willProvide, answer: text, basis },
    await as(agency, undefined, APPROVER),
  );
}
async function demand(agency: string, id: string) {
  return gql(`query One($id: ID!) { dataDemand(id: $id) { ${DEMAND} } }`, { id }, await as(agency));
}
async function list(agency: string, args: { status?: string; overdue?: boolean; first?: number; after?: string } = {}) {
  return gql(
    `query List($status: DataDemandStatus, $overdue: Boolean, $first: Int, $after: String) {
       dataDemands(status: $status, overdue: $overdue, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${DEMAND} } } }
     }`,
    { first: 100, ...args },
    await as(agency),
  );
}
const ids = (r: any): string[] => ok(r).dataDemands.edges.map((e: any) => e.node.id);

async function inboxAbout(agency: string, id: string): Promise<any[]> {
  const r = ok(await gql(`{ myNotifications(first: 100) { edges { node { kind body links { type id } } } } }`, {}, await as(agency)));
  return r.myNotifications.edges.map((e: any) => e.node).filter((n: any) => n.links.some((l: any) => l.id === id));
}

async function auditOf(id: string): Promise<{ served: string[]; refused: string[] }> {
  const r = ok(
    await gql(
      `query($k: String!) { auditEvents(filter: { subjectKey: $k, resource: "DataDemand" }, first: 100) { edges { node { itemsServed itemsRefused } } } }`,
      { k: id },
      await as(BUREAU, undefined, SECURITY_ADMIN),
    ),
  );
  const nodes = r.auditEvents.edges.map((e: any) => e.node);
  return { served: nodes.flatMap((n: any) => n.itemsServed), refused: nodes.flatMap((n: any) => n.itemsRefused) };
}

afterAll(() => moveClock(0));

describe('the demand list, transition by transition', () => {
  let id: string;

  test('submit: any agency states a need, also beyond the catalogue', async () => {
    const d = ok(await submitDemand('civil-affairs')).submitDataDemand;
    id = d.id;
    expect(d).toMatchObject({
      applicant: 'civil-affairs',
      status: 'SUBMITTED',
      items: ['Person.phone'],
      suggestedProvider: 'natural-resources',
      provider: null,
      dueDay: null,
      overdue: false,
      answeredOnTime: null,
    });
  });

  test('submit refused: bad items, unknown suggested provider, empty fields, a data subject', async () => {
    refused(await submitDemand('civil-affairs', { ...input, items: ['Person.noSuchField'] }), 'BAD_USER_INPUT');
    refused(await submitDemand('civil-affairs', { ...input, suggestedProvider: 'no-such-agency' }), 'BAD_USER_INPUT');
    refused(await submitDemand('civil-affairs', { ...input, legalBasis: '  ' }), 'BAD_USER_INPUT');
    refused(await submitDemand('civil-affairs', { ...input, need: '' }), 'BAD_USER_INPUT');
    const subject = await gql(
      `mutation Submit($input: DataDemandInput!) { submitDataDemand(input: $input) { id } }`,
      { input },
      await asSubject(personKey('430421198001010011')),
    );
    expect(subject.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('answer before assignment is refused', async () => {
    const e = refused(await answer('natural-resources', id, true, 'early'), 'BAD_USER_INPUT');
    expect(e.message).toMatch(/not assigned yet/);
  });

  test('assign refused: not the bureau, a bad deadline, the applicant itself, an unknown provider', async () => {
    const e = refused(await assign('natural-resources', id, 'natural-resources', 5), 'FORBIDDEN');
    expect(e.message).toMatch(/data-bureau/);
    refused(await assign('civil-affairs', id, 'natural-resources', 5), 'FORBIDDEN');
    refused(await assign(BUREAU, id, 'natural-resources', 0), 'BAD_USER_INPUT');
    refused(await assign(BUREAU, id, 'natural-resources', 61), 'BAD_USER_INPUT');
    refused(await assign(BUREAU, id, 'civil-affairs', 5), 'BAD_USER_INPUT');
    refused(await assign(BUREAU, id, 'no-such-agency', 5), 'BAD_USER_INPUT');
    refused(await assign(BUREAU, '00000000-0000-4000-8000-000000000000', 'natural-resources', 5), 'NOT_FOUND');
  });

  test('assign: the bureau names the provider and a deadline in working days; the provider is notified', async () => {
    const d = ok(await assign(BUREAU, id, 'natural-resources', 5)).assignDataDemand;
    expect(d).toMatchObject({ status: 'ASSIGNED', provider: 'natural-resources', assignedBy: BUREAU, dueInWorkingDays: 5, overdue: false });
    expect(d.dueDay).toBe(calendar.addWorkingDays(chinaDay(), 5));
    const [n] = await inboxAbout('natural-resources', id);
    expect(n).toMatchObject({ kind: 'DEMAND_ASSIGNED', links: [{ type: 'DataDemand', id }] });
    expect(n.body).toContain(d.dueDay);
    refused(await assign(BUREAU, id, 'public-security', 5), 'BAD_USER_INPUT'); // already assigned
  });

  test('who sees it: applicant, assigned provider, bureau — not another agency', async () => {
    for (const agency of ['civil-affairs', 'natural-resources', BUREAU]) {
      expect(ok(await demand(agency, id)).dataDemand.id).toBe(id);
      expect(ids(await list(agency))).toContain(id);
    }
    const e = refused(await demand('taxation', id), 'FORBIDDEN');
    expect(e.message).toMatch(/applicant|assigned provider/);
    expect(ids(await list('taxation'))).not.toContain(id);
    // The suggested but not assigned provider does not see it either.
    expect(ids(await list('public-security'))).not.toContain(id);
  });

  test('answer refused: another agency, the applicant, the bureau; "cannot" without its basis', async () => {
    const e = refused(await answer('public-security', id, true, 'we have it'), 'FORBIDDEN');
    expect(e.message).toMatch(/natural-resources/);
    expect(e.extensions?.reason).toBe('agency');
    refused(await answer('civil-affairs', id, true, 'self-service'), 'FORBIDDEN');
    refused(await answer(BUREAU, id, true, 'on behalf'), 'FORBIDDEN');
    refused(await answer('natural-resources', id, false, '无法提供'), 'BAD_USER_INPUT');
  });

  test('answer: the provider cannot provide, with its basis; the applicant is notified', async () => {
    const d = ok(await answer('natural-resources', id, false, '抵押状态属不动产登记簿信息，暂不纳入共享', '《不动产登记暂行条例》第二十七条')).answerDataDemand;
    expect(d).toMatchObject({
      status: 'ANSWERED',
      willProvide: false,
      answerBasis: '《不动产登记暂行条例》第二十七条',
      answeredBy: 'natural-resources',
      overdue: false,
      answeredOnTime: true,
    });
    const [n] = await inboxAbout('civil-affairs', id);
    expect(n.kind).toBe('DEMAND_ANSWERED');
    expect(n.body).toContain('cannot provide');
    expect(n.body).toContain('第二十七条');
    refused(await answer('natural-resources', id, true, 'changed my mind'), 'BAD_USER_INPUT');
    expect(ids(await list('civil-affairs', { status: 'ANSWERED' }))).toContain(id);
    expect(ids(await list('civil-affairs', { status: 'SUBMITTED' }))).not.toContain(id);
  });

  test('every transition, served or refused, is in the audit trail under the demand’s id', async () => {
    const { served, refused: refusedItems } = await auditOf(id);
    expect(served).toEqual(expect.arrayContaining(['Mutation.submitDataDemand', 'Mutation.assignDataDemand', 'Mutation.answerDataDemand']));
    expect(refusedItems).toEqual(expect.arrayContaining(['Mutation.assignDataDemand', 'Mutation.answerDataDemand']));
  });
});

describe('deadlines on the platform clock', () => {
  test('overdue once the clock passes the working-day deadline; a late answer is marked late', async () => {
    const d = ok(await submitDemand('taxation', { ...input, items: [], suggestedProvider: null })).submitDataDemand;
    ok(await assign(BUREAU, d.id, 'market-regulation', 3));
    expect(ids(await list(BUREAU, { overdue: true }))).not.toContain(d.id);
    expect(ids(await list(BUREAU, { overdue: false }))).toContain(d.id);

    // Three working days are at most nine calendar days (a long holiday aside): thirty days is past it.
    await moveClock(30 * DAY_MS);
    try {
      const late = ok(await list(BUREAU, { overdue: true })).dataDemands.edges.map((e: any) => e.node);
      expect(late.find((x: any) => x.id === d.id)).toMatchObject({ status: 'ASSIGNED', overdue: true, provider: 'market-regulation' });
      // The provider and the applicant see it overdue too; another agency does not see it.
      expect(ids(await list('market-regulation', { overdue: true }))).toContain(d.id);
      expect(ok(await demand('taxation', d.id)).dataDemand.overdue).toBe(true);
      expect(ids(await list('civil-affairs', { overdue: true }))).not.toContain(d.id);

      const answered = ok(await answer('market-regulation', d.id, true, '将于下月纳入法人库共享目录')).answerDataDemand;
      expect(answered).toMatchObject({ status: 'ANSWERED', overdue: false, answeredOnTime: false, willProvide: true });
      expect(Date.parse(answered.answeredAt)).toBeGreaterThan(Date.parse(answered.dueAt));
      expect(ids(await list(BUREAU, { overdue: true }))).not.toContain(d.id);
      const [n] = await inboxAbout('taxation', d.id);
      expect(n.body).toMatch(/will provide the data \(late: due \d{4}-\d{2}-\d{2}\)/);
    } finally {
      await moveClock(0);
    }
  });

  test('back at real time (offset 0), a new deadline counts from today and an answer is on time', async () => {
    const d = ok(await submitDemand('taxation', { ...input, items: [], suggestedProvider: null })).submitDataDemand;
    const a = ok(await assign(BUREAU, d.id, 'market-regulation', 1)).assignDataDemand;
    expect(a.dueDay).toBe(calendar.addWorkingDays(chinaDay(), 1));
    expect(ok(await answer('market-regulation', d.id, true, '可提供')).answerDataDemand.answeredOnTime).toBe(true);
  });

  test('a bad cursor or page size is a clear BAD_USER_INPUT', async () => {
    refused(await list(BUREAU, { first: 0 }), 'BAD_USER_INPUT');
    refused(await list(BUREAU, { after: 'garbage' }), 'BAD_USER_INPUT');
  });
});
