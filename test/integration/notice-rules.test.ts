/**
 * The rectification rules added to the scan (issue 10, item 7): RESOURCE_STALE (a resource past its
 * declared update cycle, from the evaluation's freshness, to its provider) and
 * OUT_OF_PURPOSE_REFUSALS (an agency refused, for want of a grant for the purpose it stated, in
 * the threshold's number of requests within the window; default 5 in 7 days). Time is moved with
 * the platform clock, never slept on. What the refusal notice discloses is tested in
 * test/security/notice-evidence.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { pgSql } from '../../platform/db/sql';
import { setPlatformClockOffset } from '../../platform/governance';
import { syntheticPerson } from '../../seed/synthetic/people';
import { APPROVER, BUREAU, SECURITY_ADMIN, as, ok, refused } from './catalog-support';

const DAY_MS = 86_400_000;
const NOTICE = `id agency rule evidenceType evidenceId evidenceEvents finding status dueDay`;
const person = syntheticPerson(31);

async function moveClock(offsetMs: number): Promise<void> {
  await withDb('catalog', (c) => setPlatformClockOffset(pgSql(c), offsetMs, 'notice-rules.test.ts'));
}
const scan = async (): Promise<any[]> =>
  ok(await gql(`mutation { raiseRectificationNotices { ${NOTICE} } }`, {}, await as(BUREAU, undefined, APPROVER))).raiseRectificationNotices;

async function unclosed(rule: string, agency?: string): Promise<any[]> {
  const r = ok(
    await gql(`query($agency: String) { rectificationNotices(agency: $agency, first: 500) { edges { node { ${NOTICE} } } } }`, { agency }, await as(BUREAU)),
  );
  return r.rectificationNotices.edges.map((e: any) => e.node).filter((n: any) => n.rule === rule && n.status !== 'CLOSED');
}

/** Acknowledges (as the agency) and closes (as the bureau) every unclosed notice of `rule` to `agency`. */
async function closeAll(rule: string, agency: string, evidenceId?: string): Promise<void> {
  for (const n of await unclosed(rule, agency)) {
    if (evidenceId && n.evidenceId !== evidenceId) continue;
    const vars = { id: n.id };
    if (n.status === 'OPEN')
      ok(await gql(`mutation($id: ID!) { acknowledgeRectificationNotice(id: $id, fix: "测试：已整改") { id } }`, vars, await as(agency, undefined, APPROVER)));
    ok(await gql(`mutation($id: ID!) { closeRectificationNotice(id: $id) { id } }`, vars, await as(BUREAU, undefined, APPROVER)));
  }
}

afterAll(() => moveClock(0));

describe('RESOURCE_STALE: a resource past its declared update cycle', () => {
  const liveFreshness = async () =>
    ok(
      await gql(
        `query($y: Int!) { bureauEvaluationReport(year: $y) { providers { agencyCode resources { code subgraph updateCycle lastRefreshedAt overdue } } } }`,
        { y: Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) },
        await as(BUREAU),
      ),
    ).bureauEvaluationReport.providers.flatMap((p: any) => p.resources.map((r: any) => ({ ...r, provider: p.agencyCode })));

  test('a DAILY resource refreshed at start-up is noticed only once the platform clock is past its allowed age, to its provider', async () => {
    await moveClock(0);
    const daily = (await liveFreshness()).find((r: any) => r.updateCycle === 'DAILY' && r.subgraph !== 'catalog' && !r.overdue && r.lastRefreshedAt);
    expect(daily).toBeDefined();
    await closeAll('RESOURCE_STALE', daily.provider, daily.code);
    expect((await scan()).filter((n) => n.evidenceId === daily.code)).toEqual([]);

    // DAILY allows 48 hours: three days on, it is stale.
    await moveClock(3 * DAY_MS);
    const raised = (await scan()).filter((n) => n.evidenceId === daily.code);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ agency: daily.provider, rule: 'RESOURCE_STALE', evidenceType: 'CatalogResource', evidenceEvents: [], status: 'OPEN' });
    expect(raised[0].finding).toContain(daily.code);
    expect(raised[0].finding).toContain('DAILY');
    // Not duplicated by the next scan.
    expect((await scan()).filter((n) => n.evidenceId === daily.code)).toEqual([]);
  });

  test('the stale notices are exactly the evaluation’s overdue resources (computed, reference and the platform’s own registers excluded)', async () => {
    // Earlier suites (clocks moved further ahead) may have left stale notices open: closed first,
    // so that this scan's notices are exactly what is stale three days on.
    for (const agency of new Set((await unclosed('RESOURCE_STALE')).map((n) => n.agency as string))) await closeAll('RESOURCE_STALE', agency);
    await moveClock(3 * DAY_MS);
    const raised = (await scan()).filter((n) => n.rule === 'RESOURCE_STALE');
    const report = await liveFreshness();
    const overdue = report.filter((r: any) => r.overdue && r.subgraph !== 'catalog').map((r: any) => `${r.provider} ${r.code}`);
    const noticed = raised.map((n) => `${n.agency} ${n.evidenceId}`);
    expect((await unclosed('RESOURCE_STALE')).map((n) => `${n.agency} ${n.evidenceId}`).sort()).toEqual([...noticed].sort());
    expect(new Set(noticed)).toEqual(new Set(overdue));
    // A MONTHLY resource refreshed at start-up is not stale three days on.
    const monthly = report.find((r: any) => r.updateCycle === 'MONTHLY' && r.lastRefreshedAt && r.subgraph !== 'catalog');
    if (monthly) expect(noticed).not.toContain(`${monthly.provider} ${monthly.code}`);
    // Computed resources hold no records of their own and are never noticed.
    for (const r of report.filter((x: any) => !x.lastRefreshedAt && !x.overdue)) expect(noticed).not.toContain(`${r.provider} ${r.code}`);
  });
});

describe('OUT_OF_PURPOSE_REFUSALS: repeated refused out-of-purpose requests by one agency', () => {
  const AGENCY = 'civil-affairs';
  const PURPOSE = '越权用途测试：未获授权的用途';
  const read = async (purpose: string | undefined, id = randomUUID()) => {
    const r = await gql(
      `query($n: String!) { personByIdNumber(idNumber: $n) { phone } }`,
      { n: person.idNumber },
      { ...(await asAgency(AGENCY, purpose)), 'x-request-id': id },
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    return id;
  };
  const ownEvents = async (correlationIds: string[]) => {
    const r = ok(
      await gql(
        `{ auditEvents(filter: { agency: "${AGENCY}", item: "Person.phone" }, first: 500) { edges { node { seq correlationId } } } }`,
        {},
        await as(AGENCY, undefined, SECURITY_ADMIN),
      ),
    );
    return r.auditEvents.edges.map((e: any) => e.node).filter((n: any) => correlationIds.includes(n.correlationId));
  };
  const mine = async () => (await scan()).filter((n) => n.agency === AGENCY && n.rule === 'OUT_OF_PURPOSE_REFUSALS');

  beforeAll(async () => {
    await moveClock(0);
    // A clean start: whatever earlier suites left is closed, then five refusals are noticed and
    // closed, so that only the refusals after that notice count.
    await closeAll('OUT_OF_PURPOSE_REFUSALS', AGENCY);
    for (let i = 0; i < 5; i++) await read(PURPOSE);
    expect(await mine()).toHaveLength(1);
    await closeAll('OUT_OF_PURPOSE_REFUSALS', AGENCY);
  });

  test('below the threshold, and refusals without a stated purpose, raise nothing', async () => {
    for (let i = 0; i < 4; i++) await read(PURPOSE);
    for (let i = 0; i < 3; i++) await read(undefined);
    expect(await mine()).toEqual([]);
  });

  test('the fifth refused request raises one notice to the agency, naming the audit events of those five', async () => {
    const fifth = await read(PURPOSE);
    const [notice] = await mine();
    expect(notice).toMatchObject({ agency: AGENCY, rule: 'OUT_OF_PURPOSE_REFUSALS', evidenceType: 'AuditEvent', status: 'OPEN' });
    expect(notice.finding).toMatch(/^5 requests by civil-affairs/);
    const fifthEvents = (await ownEvents([fifth])).map((e: any) => e.seq);
    expect(fifthEvents.length).toBeGreaterThan(0);
    expect(notice.evidenceEvents).toEqual(expect.arrayContaining(fifthEvents));
    expect(notice.evidenceId).toBe(notice.evidenceEvents[0]);
    // The agency is notified, with links to the events.
    const inbox = ok(await gql(`{ myNotifications(first: 50) { edges { node { kind links { type id } } } } }`, {}, await as(AGENCY))).myNotifications.edges.map(
      (e: any) => e.node,
    );
    const n = inbox.find((x: any) => x.links.some((l: any) => l.id === notice.id));
    expect(n.kind).toBe('RECTIFICATION_RAISED');
    expect(n.links.filter((l: any) => l.type === 'AuditEvent').map((l: any) => l.id)).toEqual(expect.arrayContaining(fifthEvents));
    // One unclosed notice per agency: more refusals do not raise a second.
    await read(PURPOSE);
    expect(await mine()).toEqual([]);
  });

  test('every event named is one of the agency’s own, as its own audit view shows; the rule is the bureau’s to run', async () => {
    refused(await gql(`mutation { raiseRectificationNotices { id } }`, {}, await as(AGENCY, undefined, APPROVER)), 'FORBIDDEN');
    const [notice] = await unclosed('OUT_OF_PURPOSE_REFUSALS', AGENCY);
    const own = ok(
      await gql(`{ auditEvents(filter: { agency: "${AGENCY}" }, first: 500) { edges { node { seq } } } }`, {}, await as(AGENCY, undefined, SECURITY_ADMIN)),
    ).auditEvents.edges.map((e: any) => e.node.seq);
    expect(notice.evidenceEvents.length).toBeGreaterThanOrEqual(5);
    for (const seq of notice.evidenceEvents) expect(own).toContain(seq);
  });
});
