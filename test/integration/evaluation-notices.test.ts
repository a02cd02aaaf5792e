/**
 * Rectification notices in the evaluation (issue 10, item 10; 通知整改 Art. 26, 评估 Art. 25): per
 * department, notices received, closed and escalated in the period — a provider's for what it
 * provides (here: an unanswered demand), a consumer's for out-of-purpose requests — in the bureau's
 * live report and its CSV; the published report counts closed months only and does not move.
 */
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { APPROVER, BUREAU, as, ok } from './catalog-support';
import { chinaDay } from '../../subgraphs/catalog/calendar/working-days';
import { CSV_COLUMNS } from '../../subgraphs/catalog/evaluation/report';
import { syntheticPerson } from '../../seed/synthetic/people';

const YEAR = Number(chinaDay(new Date()).slice(0, 4));
const NOTICES = 'agencyCode noticesReceived noticesClosed noticesEscalated';
const FIGURES = `providers { ${NOTICES} } consumers { ${NOTICES} } csv`;
const PROVIDER = 'health';
const CONSUMER = 'finance-bank';
const ZERO = { noticesReceived: 0, noticesClosed: 0, noticesEscalated: 0 };

const live = async () =>
  ok(await gql(`query($y: Int!) { bureauEvaluationReport(year: $y) { ${FIGURES} } }`, { y: YEAR }, await as(BUREAU))).bureauEvaluationReport;
const published = async () => ok(await gql(`query($y: Int!) { evaluationReport(year: $y) { ${FIGURES} } }`, { y: YEAR })).evaluationReport;
const row = (r: any, role: 'providers' | 'consumers', code: string) => {
  const x = r[role].find((p: any) => p.agencyCode === code);
  return x ? { noticesReceived: x.noticesReceived, noticesClosed: x.noticesClosed, noticesEscalated: x.noticesEscalated } : ZERO;
};
const plus = (a: typeof ZERO, d: Partial<typeof ZERO>) => ({
  noticesReceived: a.noticesReceived + (d.noticesReceived ?? 0),
  noticesClosed: a.noticesClosed + (d.noticesClosed ?? 0),
  noticesEscalated: a.noticesEscalated + (d.noticesEscalated ?? 0),
});
const scan = async (): Promise<any[]> =>
  ok(await gql(`mutation { raiseRectificationNotices { id agency rule evidenceId } }`, {}, await as(BUREAU, undefined, APPROVER))).raiseRectificationNotices;

/** A demand assigned to the provider whose deadline is moved to an hour ago: the scan's evidence. */
async function overdueDemand(): Promise<string> {
  const d = ok(
    await gql(
      `mutation($input: DataDemandInput!) { submitDataDemand(input: $input) { id } }`,
      { input: { need: '评估测试：公共场所卫生许可变更', purpose: '整改评估测试', legalBasis: '《公共场所卫生管理条例》' } },
      await as('civil-affairs', 'clerk-9'),
    ),
  ).submitDataDemand;
  ok(
    await gql(
      `mutation($id: ID!) { assignDataDemand(id: $id, provider: "${PROVIDER}", dueInWorkingDays: 5) { id } }`,
      { id: d.id },
      await as(BUREAU, undefined, APPROVER),
    ),
  );
  await withDb('catalog', (c) => c.query(`UPDATE data_demand SET due_at = now() - interval '1 hour' WHERE id = $1`, [d.id]));
  return d.id;
}

async function closeUnclosedRefusalNotices(agency: string): Promise<void> {
  const r = ok(await gql(`{ rectificationNotices(agency: "${agency}", first: 500) { edges { node { id rule status } } } }`, {}, await as(BUREAU)));
  for (const { node: n } of r.rectificationNotices.edges) {
    if (n.rule !== 'OUT_OF_PURPOSE_REFUSALS' || n.status === 'CLOSED') continue;
    if (n.status === 'OPEN')
      ok(await gql(`mutation($id: ID!) { acknowledgeRectificationNotice(id: $id, fix: "测试") { id } }`, { id: n.id }, await as(agency, undefined, APPROVER)));
    ok(await gql(`mutation($id: ID!) { closeRectificationNotice(id: $id) { id } }`, { id: n.id }, await as(BUREAU, undefined, APPROVER)));
  }
}

test('a provider’s notice received, closed and escalated, and a consumer’s, in the live report and its CSV; the published report does not move', async () => {
  await scan(); // whatever earlier suites left to raise is raised before the baseline
  await closeUnclosedRefusalNotices(CONSUMER); // so that five refusals from now on raise exactly one
  const before = await live();
  const publishedBefore = await published();
  const p0 = row(before, 'providers', PROVIDER);
  const c0 = row(before, 'consumers', CONSUMER);

  // Received, then acknowledged and closed.
  const first = await overdueDemand();
  const [n1] = (await scan()).filter((n) => n.evidenceId === first);
  expect(n1).toMatchObject({ agency: PROVIDER, rule: 'DEMAND_UNANSWERED' });
  expect(row(await live(), 'providers', PROVIDER)).toEqual(plus(p0, { noticesReceived: 1 }));
  // The fix: the provider answers the demand (else the next scan raises the finding again), then reports it.
  ok(
    await gql(
      `mutation($id: ID!) { answerDataDemand(id: $id, willProvide: false, answer: "不在本部门职责范围", basis: "《公共场所卫生管理条例》第三条") { id } }`,
      { id: first },
      await as(PROVIDER, undefined, APPROVER),
    ),
  );
  ok(await gql(`mutation($id: ID!) { acknowledgeRectificationNotice(id: $id, fix: "已答复") { id } }`, { id: n1.id }, await as(PROVIDER, undefined, APPROVER)));
  ok(await gql(`mutation($id: ID!) { closeRectificationNotice(id: $id) { id } }`, { id: n1.id }, await as(BUREAU, undefined, APPROVER)));
  expect(row(await live(), 'providers', PROVIDER)).toEqual(plus(p0, { noticesReceived: 1, noticesClosed: 1 }));

  // Received and escalated once its own deadline has passed unclosed.
  const second = await overdueDemand();
  const [n2] = (await scan()).filter((n) => n.evidenceId === second);
  await withDb('catalog', (c) => c.query(`UPDATE rectification_notice SET due_at = now() - interval '1 hour' WHERE id = $1`, [n2.id]));
  await scan();
  const provider = row(await live(), 'providers', PROVIDER);
  expect(provider).toEqual(plus(p0, { noticesReceived: 2, noticesClosed: 1, noticesEscalated: 1 }));

  // A consumer's notice: five requests refused for want of a grant for the purpose stated.
  const person = syntheticPerson(41);
  for (let i = 0; i < 5; i++) {
    const r = await gql(
      `query($n: String!) { personByIdNumber(idNumber: $n) { phone } }`,
      { n: person.idNumber },
      await asAgency(CONSUMER, '整改评估测试：无授权用途'),
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  const raised = (await scan()).filter((n) => n.agency === CONSUMER && n.rule === 'OUT_OF_PURPOSE_REFUSALS');
  const r = await live();
  expect(row(r, 'consumers', CONSUMER)).toEqual(plus(c0, { noticesReceived: raised.length }));
  expect(raised).toHaveLength(1);
  // The consumer rule is not counted on a provider row.
  expect(row(r, 'providers', PROVIDER)).toEqual(provider);

  // The CSV carries the same figures, on each role's row.
  const [header, ...rows] = r.csv.trim().split('\n');
  expect(header.split(',')).toEqual([...CSV_COLUMNS]);
  const csvRow = (role: string, code: string) => rows.map((l: string) => l.split(',')).find((c: string[]) => c[1] === role && c[2] === code)!;
  const col = (cells: string[], name: string) => cells[CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number])];
  const p = csvRow('PROVIDER', PROVIDER);
  expect([col(p, 'notices_received'), col(p, 'notices_closed'), col(p, 'notices_escalated')]).toEqual(
    [provider.noticesReceived, provider.noticesClosed, provider.noticesEscalated].map(String),
  );
  expect(col(csvRow('CONSUMER', CONSUMER), 'notices_received')).toBe(String(c0.noticesReceived + raised.length));

  // The published report covers closed months only.
  const after = await published();
  expect(row(after, 'providers', PROVIDER)).toEqual(row(publishedBefore, 'providers', PROVIDER));
  expect(row(after, 'consumers', CONSUMER)).toEqual(row(publishedBefore, 'consumers', CONSUMER));
});
