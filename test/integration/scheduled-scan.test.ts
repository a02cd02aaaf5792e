/**
 * The scheduled rectification scan (RECTIFICATION_SCAN_INTERVAL_MS, off by default): the same scan
 * as Mutation.raiseRectificationNotices, run as the bureau on a timer. Started here on the test
 * platform's governance database with a one-second interval; a demand whose deadline has passed is
 * noticed without anyone calling the mutation (polled, generous ceiling).
 */
import { gql } from '../support/client';
import { withDb } from '../support/db';
import { eventually } from '../support/webhook-receiver';
import { startScheduledScan } from '../../subgraphs/catalog/background';
import { APPROVER, BUREAU, as, ok } from './catalog-support';

const PROVIDER = 'transport';

function catalogUrl(): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${process.env.DATABASE_PREFIX}_catalog`;
  return url.toString();
}

test('a notice is raised by the timer alone, as the bureau', async () => {
  const d = ok(
    await gql(
      `mutation($input: DataDemandInput!) { submitDataDemand(input: $input) { id } }`,
      { input: { need: '定时扫描测试', purpose: '定时扫描测试', legalBasis: '《道路运输条例》' } },
      await as('civil-affairs'),
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

  const logged: string[] = [];
  const stop = startScheduledScan(catalogUrl(), 1000, (l) => logged.push(l));
  try {
    const notices = async () =>
      ok(await gql(`{ rectificationNotices(agency: "${PROVIDER}", first: 200) { edges { node { id rule evidenceId status } } } }`, {}, await as(BUREAU)))
        .rectificationNotices.edges.map((e: any) => e.node)
        .filter((n: any) => n.evidenceId === d.id);
    const [notice] = await eventually('the scheduled scan raising the notice', async () => {
      const found = await notices();
      return found.length > 0 && found;
    });
    expect(notice).toMatchObject({ rule: 'DEMAND_UNANSWERED', status: 'OPEN' });
    expect(logged.some((l) => /scheduled rectification scan raised [1-9]/.test(l))).toBe(true);
    const raisedBy = await withDb(
      'catalog',
      async (c) => (await c.query(`SELECT raised_by FROM rectification_notice WHERE id = $1`, [notice.id])).rows[0].raised_by,
    );
    expect(raisedBy).toBe(BUREAU);
    expect(await notices()).toHaveLength(1);
    expect(logged.filter((l) => /failed/.test(l))).toEqual([]);
  } finally {
    await stop();
  }
});
