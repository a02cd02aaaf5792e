/**
 * Class 16 of issue 8: "Live counters". The public evaluation report is a snapshot of closed
 * periods (the current year up to the end of the last full month): one agency's query must not
 * move it, so it cannot serve as an anonymous activity meter. The bureau's live view is behind
 * the bureau role. (Household reads in members' histories, the class's second half, are tested
 * in audit-visibility.test.ts.)
 */
import { asAgency, gql } from '../support/client';
import { chinaDay } from '../../subgraphs/catalog/calendar/working-days';

const YEAR = Number(chinaDay(new Date()).slice(0, 4));
const REPORT = `query($y: Int!) { evaluationReport(year: $y) { asOf
  providers { agencyCode recordsHeld applicationsReceived provisioned resources { code records lastRefreshedAt refreshesInYear overdue } }
  consumers { agencyCode requests itemsServed itemsMasked refusals refusedRequests applicationsSubmitted } } }`;

async function published() {
  const r = await gql(REPORT, { y: YEAR });
  expect(r.errors).toBeUndefined();
  return r.data.evaluationReport;
}

test('one agency’s queries do not move the published report of the current year', async () => {
  const before = await published();
  const headers = await asAgency('civil-affairs', '最低生活保障审核');
  for (let i = 0; i < 3; i++) {
    const r = await gql(`{ persons(first: 5) { edges { node { id name } } } }`, {}, headers);
    expect(r.errors).toBeUndefined();
  }
  await new Promise((r) => setTimeout(r, 500));
  expect(await published()).toEqual(before);
  // It ends with the last closed month, never now.
  expect(Date.parse(before.asOf)).toBeLessThan(Date.parse(`${chinaDay(new Date()).slice(0, 7)}-01T00:00:00+08:00`));
});

test('variant: the CSV and refusals do not move it either; the live view is the bureau’s alone', async () => {
  const csv = async () => (await gql(`query($y: Int!) { evaluationReportCsv(year: $y) }`, { y: YEAR })).data.evaluationReportCsv;
  const before = await csv();
  // A refused read (no grant for the name) counts as a refusal in the live figures.
  await gql(`{ persons(first: 2) { edges { node { name } } } }`, {}, await asAgency('natural-resources'));
  expect(await csv()).toBe(before);
  const live = `query($y: Int!) { bureauEvaluationReport(year: $y) { asOf consumers { agencyCode refusals } } }`;
  const refused = await gql(live, { y: YEAR }, await asAgency('natural-resources'));
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(refused.data?.bureauEvaluationReport ?? null).toBeNull();
  const anonymous = await gql(live, { y: YEAR });
  expect(anonymous.data?.bureauEvaluationReport ?? null).toBeNull();
  const bureau = await gql(live, { y: YEAR }, await asAgency('data-bureau'));
  expect(bureau.errors).toBeUndefined();
  expect(Date.now() - Date.parse(bureau.data.bureauEvaluationReport.asOf)).toBeLessThan(60_000);
});
