/**
 * The evaluation's demand figures (issue 10, item 10; 需求清单 Art. 16, 评估 Art. 25): per department,
 * demands received, answered, answered on time and overdue, and demands submitted. The bureau's
 * live report moves as soon as a demand is answered; the published report counts closed months
 * only, so it does not move with this month's demands.
 */
import { gql } from '../support/client';
import { withDb } from '../support/db';
import { APPROVER, BUREAU, as, ok } from './catalog-support';
import { chinaDay } from '../../subgraphs/catalog/calendar/working-days';
import { CSV_COLUMNS } from '../../subgraphs/catalog/evaluation/report';

const YEAR = Number(chinaDay(new Date()).slice(0, 4));
const FIGURES = `year providers { agencyCode demandsReceived demandsAnswered demandsAnsweredOnTime demandsOverdue }
  consumers { agencyCode demandsSubmitted } csv`;
const PROVIDER = 'natural-resources';
const APPLICANT = 'civil-affairs';

async function live() {
  return ok(await gql(`query($y: Int!) { bureauEvaluationReport(year: $y) { ${FIGURES} } }`, { y: YEAR }, await as(BUREAU))).bureauEvaluationReport;
}
async function published() {
  return ok(await gql(`query($y: Int!) { evaluationReport(year: $y) { ${FIGURES} } }`, { y: YEAR })).evaluationReport;
}
const providerOf = (r: any) => r.providers.find((p: any) => p.agencyCode === PROVIDER);
const submittedBy = (r: any) => r.consumers.find((c: any) => c.agencyCode === APPLICANT).demandsSubmitted;

async function newAssignedDemand(): Promise<string> {
  const d = ok(
    await gql(
      `mutation($input: DataDemandInput!) { submitDataDemand(input: $input) { id } }`,
      { input: { need: '评估测试：不动产抵押状态', purpose: '评估测试', legalBasis: '《社会救助暂行办法》第十一条' } },
      await as(APPLICANT, 'clerk-7'),
    ),
  ).submitDataDemand;
  ok(
    await gql(
      `mutation($id: ID!, $p: String!) { assignDataDemand(id: $id, provider: $p, dueInWorkingDays: 5) { id } }`,
      { id: d.id, p: PROVIDER },
      await as(BUREAU, undefined, APPROVER),
    ),
  );
  return d.id;
}
async function answer(id: string) {
  ok(
    await gql(
      `mutation($id: ID!) { answerDataDemand(id: $id, willProvide: true, answer: "将纳入共享目录") { id } }`,
      { id },
      await as(PROVIDER, undefined, APPROVER),
    ),
  );
}

test('the live report counts a demand received, answered on time, overdue and submitted; the published report does not count this month', async () => {
  const before = await live();
  const publishedBefore = await published();
  const p0 = providerOf(before) ?? { demandsReceived: 0, demandsAnswered: 0, demandsAnsweredOnTime: 0, demandsOverdue: 0 };

  const onTime = await newAssignedDemand();
  const late = await newAssignedDemand();
  let r = await live();
  expect(providerOf(r)).toMatchObject({ demandsReceived: p0.demandsReceived + 2, demandsAnswered: p0.demandsAnswered });
  expect(submittedBy(r)).toBe(submittedBy(before) + 2);

  await answer(onTime);
  // The other one's deadline moved to an hour ago: overdue while unanswered.
  await withDb('catalog', (c) => c.query(`UPDATE data_demand SET due_at = now() - interval '1 hour' WHERE id = $1`, [late]));
  r = await live();
  expect(providerOf(r)).toMatchObject({
    demandsReceived: p0.demandsReceived + 2,
    demandsAnswered: p0.demandsAnswered + 1,
    demandsAnsweredOnTime: p0.demandsAnsweredOnTime + 1,
    demandsOverdue: p0.demandsOverdue + 1,
  });

  // Answered late: answered, not on time, no longer overdue.
  await answer(late);
  r = await live();
  expect(providerOf(r)).toMatchObject({
    demandsAnswered: p0.demandsAnswered + 2,
    demandsAnsweredOnTime: p0.demandsAnsweredOnTime + 1,
    demandsOverdue: p0.demandsOverdue,
  });

  // The CSV carries the same figures.
  const [header, ...rows] = r.csv.trim().split('\n');
  expect(header.split(',')).toEqual([...CSV_COLUMNS]);
  const row = rows.map((l: string) => l.split(',')).find((c: string[]) => c[1] === 'PROVIDER' && c[2] === PROVIDER)!;
  const col = (name: string) => row[CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number])];
  expect(col('demands_received')).toBe(String(p0.demandsReceived + 2));
  expect(col('demands_answered_on_time')).toBe(String(p0.demandsAnsweredOnTime + 1));

  // The published report covers closed months only: this month's demands do not move it.
  const after = await published();
  expect(providerOf(after) ?? null).toEqual(providerOf(publishedBefore) ?? null);
  expect(submittedBy(after)).toBe(submittedBy(publishedBefore));
});
