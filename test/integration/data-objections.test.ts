/**
 * Data objections (异议核实, Art. 11; issue 11, item 3): an agency that reads a value objects to it,
 * the provider verifies and resolves it as CORRECTED with a reason, the objecting agency and every
 * other agency that read the value are notified; refused transitions (wrong agency, wrong post,
 * twice); scoping of `dataObjections`; the deadline in working days and overdue objections raising
 * a rectification notice (platform clock moved, not slept on); the consistency job opening
 * objections for the rule that says so.
 */
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { pgSql } from '../../platform/db/sql';
import { setPlatformClockOffset } from '../../platform/governance';
import { chinaDay } from '../../platform/time';
import { personKey } from '../../platform/keys';
import { syntheticPerson } from '../../seed/synthetic/people';
import { PLANTED_PER_RULE } from '../../seed/quality/plants';
import { PURPOSES } from '../../subgraphs/catalog/agencies/demo-agencies';
import { APPROVER, BUREAU, as, calendar, ok, refused } from './catalog-support';

const OBJECTION = `id item subjectKey claim evidence raisedBy raisedAt provider dueDay dueAt overdue status outcome reason resolvedBy resolvedAt findingId`;
const DAY_MS = 86_400_000;
const person = syntheticPerson(7);
const key = personKey(person.idNumber);

async function raise(agency: string, purpose: string | undefined, input: Record<string, string>) {
  return gql(
    `mutation R($input: DataObjectionInput!) { raiseDataObjection(input: $input) { ${OBJECTION} } }`,
    { input },
    await asAgency(agency, purpose, { roles: ['operator'] }),
  );
}
async function resolve(agency: string, id: string, outcome: string, reason: string, roles: string[] = APPROVER) {
  return gql(
    `mutation S($id: ID!, $outcome: DataObjectionOutcome!, $reason: String!) { resolveDataObjection(id: $id, outcome: $outcome, reason: $reason) { ${OBJECTION} } }`,
    { id, outcome, reason },
    await as(agency, undefined, roles),
  );
}
async function list(agency: string, args: Record<string, unknown> = {}) {
  const r = ok(
    await gql(
      `query L($status: DataObjectionStatus, $overdue: Boolean) { dataObjections(first: 500, status: $status, overdue: $overdue) { totalCount edges { node { ${OBJECTION} } } } }`,
      args,
      await as(agency),
    ),
  );
  return r.dataObjections.edges.map((e: any) => e.node) as any[];
}
async function inbox(agency: string, id: string): Promise<any[]> {
  const r = ok(await gql(`{ myNotifications(first: 200) { edges { node { kind subject body links { type id } } } } }`, {}, await as(agency)));
  return r.myNotifications.edges.map((e: any) => e.node).filter((n: any) => n.links.some((l: any) => l.id === id));
}
async function moveClock(offsetMs: number): Promise<void> {
  await withDb('catalog', (c) => setPlatformClockOffset(pgSql(c), offsetMs, 'data-objections.test.ts'));
}

describe('an objection resolved as corrected, end to end', () => {
  let objection: any;

  beforeAll(async () => {
    // human-resources reads the name in full (its grant): it must hear of the correction.
    const read = await gql(
      `query P($n: String!) { personByIdNumber(idNumber: $n) { id name } }`,
      { n: person.idNumber },
      await asAgency('human-resources', PURPOSES.socialInsurance),
    );
    expect(ok(read).personByIdNumber).toEqual({ id: key, name: person.name });
  });

  test('an agency that reads the value raises it: OPEN, provider and bureau notified, due in 5 working days', async () => {
    const r = ok(
      await raise('civil-affairs', PURPOSES.minimumLiving, {
        item: 'Person.name',
        key,
        claim: '姓名有误，应为户籍登记的曾用名更正后的姓名',
        evidence: '派出所户籍更正证明（衡公户更字〔2026〕17号）',
      }),
    );
    objection = r.raiseDataObjection;
    expect(objection).toMatchObject({
      item: 'Person.name',
      subjectKey: key,
      raisedBy: 'civil-affairs',
      provider: 'public-security',
      status: 'OPEN',
      outcome: null,
      overdue: false,
    });
    expect(objection.dueDay).toBe(calendar.addWorkingDays(chinaDay(new Date(objection.raisedAt)), 5));
    for (const agency of ['public-security', BUREAU]) expect((await inbox(agency, objection.id)).map((n) => n.kind)).toEqual(['DATA_OBJECTION_RAISED']);
  });

  test('who sees it: the objecting agency, the provider, the bureau; not another agency', async () => {
    for (const agency of ['civil-affairs', 'public-security', BUREAU]) expect((await list(agency)).map((o) => o.id)).toContain(objection.id);
    expect((await list('taxation')).map((o) => o.id)).not.toContain(objection.id);
  });

  test('refused: another agency, the objector itself, the provider’s operator', async () => {
    expect(refused(await resolve('taxation', objection.id, 'CORRECTED', 'no'), 'FORBIDDEN').extensions?.reason).toBe('agency');
    expect(refused(await resolve('civil-affairs', objection.id, 'CORRECTED', 'no'), 'FORBIDDEN').extensions?.reason).toBe('agency');
    expect(refused(await resolve('public-security', objection.id, 'CORRECTED', 'no', ['operator']), 'FORBIDDEN').extensions?.requiredRole).toBe('approver');
    refused(await resolve('public-security', objection.id, 'CORRECTED', '   '), 'BAD_USER_INPUT');
    expect((await list(BUREAU)).find((o) => o.id === objection.id).status).toBe('OPEN');
  });

  test('the provider corrects it: the objector and every other reader are notified; resolving twice is refused', async () => {
    const r = ok(await resolve('public-security', objection.id, 'CORRECTED', '已核实户籍更正证明，姓名已更正')).resolveDataObjection;
    expect(r).toMatchObject({ status: 'RESOLVED', outcome: 'CORRECTED', resolvedBy: 'public-security', reason: '已核实户籍更正证明，姓名已更正' });
    expect((await inbox('civil-affairs', objection.id)).map((n) => n.kind)).toEqual(['DATA_OBJECTION_RESOLVED']);
    expect((await inbox('human-resources', objection.id)).map((n) => n.kind)).toEqual(['DATA_VALUE_CORRECTED']);
    // taxation never read this person's name: nothing to tell it.
    expect(await inbox('taxation', objection.id)).toEqual([]);
    const again = refused(await resolve('public-security', objection.id, 'CONFIRMED', 'again'), 'BAD_USER_INPUT');
    expect(again.extensions?.status).toBe('RESOLVED');
  });
});

describe('deadlines', () => {
  afterAll(() => moveClock(0));

  test('past the deadline (platform clock) it is overdue and the bureau’s scan raises DATA_OBJECTION_OVERDUE to the provider', async () => {
    const o = ok(
      await raise('civil-affairs', PURPOSES.minimumLiving, { item: 'Person.birthDate', key, claim: '出生日期有误', evidence: '出生医学证明' }),
    ).raiseDataObjection;
    expect((await list('civil-affairs', { overdue: true })).map((x) => x.id)).not.toContain(o.id);
    await moveClock(30 * DAY_MS);
    const overdue = (await list('public-security', { overdue: true })).find((x) => x.id === o.id);
    expect(overdue).toMatchObject({ status: 'OPEN', overdue: true });
    const raised = ok(
      await gql(`mutation { raiseRectificationNotices { agency rule evidenceType evidenceId } }`, {}, await as(BUREAU, undefined, APPROVER)),
    ).raiseRectificationNotices.filter((n: any) => n.evidenceId === o.id);
    expect(raised).toEqual([{ agency: 'public-security', rule: 'DATA_OBJECTION_OVERDUE', evidenceType: 'DataObjection', evidenceId: o.id }]);
    // Resolved, it is no longer overdue.
    ok(await resolve('public-security', o.id, 'CONFIRMED', '核对出生医学证明，登记无误'));
    expect((await list('public-security', { overdue: true })).map((x) => x.id)).not.toContain(o.id);
  });
});

describe('findings open objections when their rule says so', () => {
  test('each DECEASED_ACTIVE_LICENCE finding has one objection raised by quality-check to the licence’s provider', async () => {
    ok(await gql(`mutation { runConsistencyCheck { open } }`, {}, await as(BUREAU, undefined, APPROVER)));
    ok(await gql(`mutation { runConsistencyCheck { open } }`, {}, await as(BUREAU, undefined, APPROVER)));
    const findings = ok(
      await gql(
        `{ consistencyFindings(first: 100, rule: "DECEASED_ACTIVE_LICENCE", status: OPEN) { edges { node { id recordKey sourceB { item } } } } }`,
        {},
        await as(BUREAU),
      ),
    ).consistencyFindings.edges.map((e: any) => e.node);
    expect(findings).toHaveLength(PLANTED_PER_RULE.DECEASED_ACTIVE_LICENCE);
    const opened = (await list('public-security')).filter((o) => o.raisedBy === 'quality-check');
    expect(opened.map((o) => o.findingId).sort()).toEqual(findings.map((f: any) => f.id).sort());
    for (const o of opened) {
      const f = findings.find((x: any) => x.id === o.findingId);
      expect(o).toMatchObject({ item: f.sourceB.item, subjectKey: f.recordKey, provider: 'public-security', status: 'OPEN' });
    }
  });
});
