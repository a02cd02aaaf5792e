/**
 * Class 16 of issue 8 ("live counters") for the quality figures (issue 11, item 5): an agency that
 * raises a data objection must not see the published report or its CSV move, else the public
 * report would tell anyone, within seconds, that some agency has just contested a provider's data.
 * Only the bureau's live view counts it at once.
 */
import { asAgency, gql } from '../support/client';
import { personKey } from '../../platform/keys';
import { syntheticPerson } from '../../seed/synthetic/people';
import { PURPOSES } from '../../subgraphs/catalog/agencies/demo-agencies';
import { chinaDay } from '../../subgraphs/catalog/calendar/working-days';
import { BUREAU, as, ok } from '../integration/catalog-support';

const YEAR = Number(chinaDay(new Date()).slice(0, 4));
const FIGURES = `providers { agencyCode dataObjectionsReceived dataObjectionsOverdue findingsOpened findingsOpen }`;

test('a data objection moves the live view, not the published report or its CSV', async () => {
  const published = async () => ok(await gql(`query($y: Int!) { evaluationReport(year: $y) { ${FIGURES} csv } }`, { y: YEAR })).evaluationReport;
  const live = async () =>
    ok(await gql(`query($y: Int!) { bureauEvaluationReport(year: $y) { ${FIGURES} } }`, { y: YEAR }, await as(BUREAU))).bureauEvaluationReport;
  const received = (r: any, code: string) => r.providers.find((p: any) => p.agencyCode === code)?.dataObjectionsReceived ?? 0;

  const before = await published();
  const liveBefore = await live();
  const raised = ok(
    await gql(
      `mutation R($input: DataObjectionInput!) { raiseDataObjection(input: $input) { provider } }`,
      { input: { item: 'Person.name', key: personKey(syntheticPerson(13).idNumber), claim: '安全测试：姓名有误', evidence: '安全测试：证明材料' } },
      await asAgency('civil-affairs', PURPOSES.minimumLiving, { roles: ['operator'] }),
    ),
  ).raiseDataObjection;
  // The live view proves the objection counts; the published one must not show it.
  expect(received(await live(), raised.provider)).toBe(received(liveBefore, raised.provider) + 1);
  expect(await published()).toEqual(before);
});
