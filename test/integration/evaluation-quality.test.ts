/**
 * Quality in the evaluation (issue 11, item 5; Art. 25): per provider, consistency findings it is
 * responsible for (opened, closed, open) and data objections raised to it (received, answered,
 * answered on time, overdue). The bureau's live report moves when a run closes or opens a finding
 * and when an objection is answered, on time or late; the CSV carries the same figures; the
 * published report counts closed months only, so this month's changes do not move it.
 */
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { personKey } from '../../platform/keys';
import { syntheticPerson } from '../../seed/synthetic/people';
import { qualityPlants } from '../../seed/quality/plants';
import { PURPOSES } from '../../subgraphs/catalog/agencies/demo-agencies';
import { chinaDay } from '../../subgraphs/catalog/calendar/working-days';
import { CSV_COLUMNS } from '../../subgraphs/catalog/evaluation/report';
import { APPROVER, BUREAU, as, ok } from './catalog-support';

const YEAR = Number(chinaDay(new Date()).slice(0, 4));
const QUALITY = [
  'findingsOpened',
  'findingsClosed',
  'findingsOpen',
  'dataObjectionsReceived',
  'dataObjectionsAnswered',
  'dataObjectionsAnsweredOnTime',
  'dataObjectionsOverdue',
] as const;
const FIGURES = `providers { agencyCode ${QUALITY.join(' ')} } csv`;
const ZERO = Object.fromEntries(QUALITY.map((k) => [k, 0]));

async function live() {
  return ok(await gql(`query($y: Int!) { bureauEvaluationReport(year: $y) { ${FIGURES} } }`, { y: YEAR }, await as(BUREAU))).bureauEvaluationReport;
}
async function published() {
  return ok(await gql(`query($y: Int!) { evaluationReport(year: $y) { ${FIGURES} } }`, { y: YEAR })).evaluationReport;
}
const figuresOf = (r: any, code: string) => r.providers.find((p: any) => p.agencyCode === code) ?? { agencyCode: code, ...ZERO };
const csvRow = (r: any, code: string) => {
  const [, ...rows] = r.csv.trim().split('\n');
  const row = rows.map((l: string) => l.split(',')).find((c: string[]) => c[1] === 'PROVIDER' && c[2] === code)!;
  return (name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
};

async function runCheck() {
  return ok(await gql(`mutation { runConsistencyCheck { opened closed } }`, {}, await as(BUREAU, undefined, APPROVER))).runConsistencyCheck;
}

describe('consistency findings in the evaluation', () => {
  test("closing and reopening a finding moves its provider's figures", async () => {
    await runCheck(); // the planted findings are open before we measure
    const plant = qualityPlants(Number(process.env.TEST_SEED_SCALE)).find((p) => p.rule === 'LICENCE_HOLDER_NAME')!;
    const person = syntheticPerson(plant.personIndex);
    const key = personKey(person.idNumber);
    const list = ok(
      await gql(
        `{ consistencyFindings(first: 500, rule: "LICENCE_HOLDER_NAME", status: OPEN) { edges { node { subjectKey provider } } } }`,
        {},
        await as(BUREAU),
      ),
    );
    const provider: string = list.consistencyFindings.edges.map((e: any) => e.node).find((n: any) => n.subjectKey === key).provider;
    const before = figuresOf(await live(), provider);
    const publishedBefore = figuresOf(await published(), provider);
    expect(before.findingsOpen).toBeGreaterThan(0);

    // The provider corrects the licence: the next run closes the finding.
    const set = (name: string) =>
      withDb('e-license', (c) => c.query(`UPDATE license SET holder_name = $1 WHERE holder_id = $2 AND type_code = 'DRIVING_LICENSE'`, [name, key]));
    await set(person.name);
    try {
      expect(await runCheck()).toMatchObject({ closed: 1 });
      const closed = figuresOf(await live(), provider);
      expect(closed).toMatchObject({ findingsOpened: before.findingsOpened, findingsClosed: before.findingsClosed + 1, findingsOpen: before.findingsOpen - 1 });
    } finally {
      await set(plant.planted.holderName!);
    }
    // The error comes back: a new finding opened this year.
    expect(await runCheck()).toMatchObject({ opened: 1 });
    const after = await live();
    expect(figuresOf(after, provider)).toMatchObject({
      findingsOpened: before.findingsOpened + 1,
      findingsClosed: before.findingsClosed + 1,
      findingsOpen: before.findingsOpen,
    });
    const col = csvRow(after, provider);
    expect([col('findings_opened'), col('findings_closed'), col('findings_open')]).toEqual(
      [before.findingsOpened + 1, before.findingsClosed + 1, before.findingsOpen].map(String),
    );
    expect(figuresOf(await published(), provider)).toEqual(publishedBefore);
  });
});

describe('data objections in the evaluation', () => {
  const person = syntheticPerson(11);
  const key = personKey(person.idNumber);

  async function raise(): Promise<{ id: string; provider: string }> {
    const r = await gql(
      `mutation R($input: DataObjectionInput!) { raiseDataObjection(input: $input) { id provider } }`,
      { input: { item: 'Person.name', key, claim: '评估测试：姓名有误', evidence: '评估测试：户籍更正证明' } },
      await asAgency('civil-affairs', PURPOSES.minimumLiving, { roles: ['operator'] }),
    );
    return ok(r).raiseDataObjection;
  }
  async function resolve(provider: string, id: string) {
    ok(
      await gql(
        `mutation S($id: ID!) { resolveDataObjection(id: $id, outcome: CONFIRMED, reason: "评估测试：核实无误") { id } }`,
        { id },
        await as(provider, undefined, APPROVER),
      ),
    );
  }

  test('received, answered on time, overdue, answered late', async () => {
    const onTime = await raise();
    const provider = onTime.provider;
    const late = await raise();
    const publishedBefore = figuresOf(await published(), provider);
    // Measured after the two are raised; each step below moves exactly what it should.
    const p0 = figuresOf(await live(), provider);
    expect(p0.dataObjectionsReceived).toBeGreaterThanOrEqual(2);

    await resolve(provider, onTime.id);
    // The other one's deadline moved to an hour ago: overdue while unresolved.
    await withDb('catalog', (c) => c.query(`UPDATE data_objection SET due_at = now() - interval '1 hour' WHERE id = $1`, [late.id]));
    let r = await live();
    expect(figuresOf(r, provider)).toMatchObject({
      dataObjectionsReceived: p0.dataObjectionsReceived,
      dataObjectionsAnswered: p0.dataObjectionsAnswered + 1,
      dataObjectionsAnsweredOnTime: p0.dataObjectionsAnsweredOnTime + 1,
      dataObjectionsOverdue: p0.dataObjectionsOverdue + 1,
    });

    // Answered late: answered, not on time, no longer overdue.
    await resolve(provider, late.id);
    r = await live();
    const p2 = figuresOf(r, provider);
    expect(p2).toMatchObject({
      dataObjectionsAnswered: p0.dataObjectionsAnswered + 2,
      dataObjectionsAnsweredOnTime: p0.dataObjectionsAnsweredOnTime + 1,
      dataObjectionsOverdue: p0.dataObjectionsOverdue,
    });
    const col = csvRow(r, provider);
    expect(
      [col('data_objections_received'), col('data_objections_answered'), col('data_objections_answered_on_time'), col('data_objections_overdue')].map(Number),
    ).toEqual([p2.dataObjectionsReceived, p2.dataObjectionsAnswered, p2.dataObjectionsAnsweredOnTime, p2.dataObjectionsOverdue]);

    // The published report covers closed months only.
    expect(figuresOf(await published(), provider)).toEqual(publishedBefore);
  });
});
