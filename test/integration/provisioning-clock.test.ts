/**
 * Provisioning deadlines on the platform clock (issue 10, item 9): an approved application is
 * overdue once the platform clock — not the real one — passes its deadline, in `overdueProvisioning`,
 * the application's `overdue` and its delay in working days. The test moves the clock instead of
 * sleeping ten working days, and resets it afterwards.
 */
import { gql } from '../support/client';
import { withDb } from '../support/db';
import { pgSql } from '../../platform/db/sql';
import { setPlatformClockOffset } from '../../platform/governance';
import { BUREAU, application, approved, as, ok } from './catalog-support';

const DAY_MS = 86_400_000;

async function moveClock(offsetMs: number): Promise<void> {
  await withDb('catalog', (c) => setPlatformClockOffset(pgSql(c), offsetMs, 'provisioning-clock.test.ts'));
}
const overdueIds = async (agency: string): Promise<string[]> =>
  ok(await gql(`{ overdueProvisioning { id } }`, {}, await as(agency))).overdueProvisioning.map((a: any) => a.id);

afterAll(() => moveClock(0));

test('moving the platform clock past the provisioning deadline lists the application as overdue; back at real time it is not', async () => {
  const app = await approved('human-resources', {
    purpose: '平台时钟测试：就业困难人员认定',
    justification: '依《就业促进法》第五十二条认定就业困难人员',
    items: ['Household.householdNumber'],
  });
  expect(app.overdue).toBe(false);
  expect(await overdueIds(BUREAU)).not.toContain(app.id);

  // Ten working days are at most a month (the Spring Festival aside): forty days is past the deadline.
  await moveClock(40 * DAY_MS);
  try {
    expect(await overdueIds(BUREAU)).toContain(app.id);
    expect(await overdueIds('public-security')).toContain(app.id);
    const late = ok(await application('human-resources', app.id)).sharingApplication;
    expect(late).toMatchObject({ status: 'APPROVED', overdue: true });
    expect(late.provisioningDelayWorkingDays).toBeGreaterThan(0);
  } finally {
    await moveClock(0);
  }
  expect(await overdueIds(BUREAU)).not.toContain(app.id);
  expect(ok(await application('human-resources', app.id)).sharingApplication).toMatchObject({ overdue: false, provisioningDelayWorkingDays: 0 });
});
