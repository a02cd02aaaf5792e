/**
 * The yearly evaluation (Art. 25): items published, records held and freshness per providing
 * agency, application handling and provisioning delays, and each consuming agency's use, as a
 * report and as CSV.
 */
import { gql } from '../support/client';
import { withDb } from '../support/db';
import { BUREAU, approved, as, calendar, ok, provision, refused, review, submit } from './catalog-support';
import { chinaDay } from '../../subgraphs/catalog/calendar/working-days';
import { CSV_COLUMNS } from '../../subgraphs/catalog/evaluation/report';

const YEAR = Number(chinaDay(new Date()).slice(0, 4));
const REPORT = `query Report($year: Int!) { evaluationReport(year: $year) { year generatedAt asOf
  providers { agencyCode agency { name } itemsPublished unconditionalItems conditionalItems noneItems recordsHeld
    resources { code name typeName subgraph updateCycle records lastRefreshedAt refreshesInYear allowedAgeHours overdue }
    overdueResources { code }
    applicationsReceived applicationsApproved applicationsRejected applicationsAwaitingReview provisioned provisionedOnTime provisionedLate
    provisioningOverdue averageProvisioningWorkingDays maxProvisioningDelayWorkingDays }
  consumers { agencyCode agency { name } requests itemsServed itemsMasked refusals refusedRequests applicationsSubmitted }
  csv } }`;

/** The bureau's internal view, measured up to now (the published report covers closed months only, issue 8). */
async function report(year = YEAR) {
  return ok(await gql(REPORT.replace('evaluationReport(', 'bureauEvaluationReport('), { year }, await as(BUREAU))).bureauEvaluationReport;
}
async function publicReport(year = YEAR) {
  return ok(await gql(REPORT, { year })).evaluationReport;
}
const provider = (r: any, code: string) => r.providers.find((p: any) => p.agencyCode === code);
const consumer = (r: any, code: string) => r.consumers.find((c: any) => c.agencyCode === code);

/** Moves an approved application's approval back to Friday 30 October 2026 (deadline 13 November). */
async function approvedLongAgo(id: string) {
  await withDb('catalog', (c) =>
    c.query(
      `UPDATE sharing_application SET decided_at = '2026-10-30T10:00:00+08:00', provisioning_deadline = '2026-11-13',
       provisioning_deadline_at = '2026-11-13T23:59:59.999+08:00' WHERE id = $1`,
      [id],
    ),
  );
}

describe('providing agencies', () => {
  test('items published match the catalogue; records held match the departments’ own databases; fresh data is not overdue', async () => {
    const r = await report();
    expect(r.year).toBe(YEAR);
    const ps = provider(r, 'public-security');
    const catalogue = ok(await gql(`{ catalogResources(provider: "public-security") { items { sharingType } } }`)).catalogResources.flatMap(
      (x: any) => x.items,
    );
    expect(ps).toMatchObject({
      agency: { name: '衡阳市公安局' },
      itemsPublished: catalogue.length,
      unconditionalItems: catalogue.filter((i: any) => i.sharingType === 'UNCONDITIONAL').length,
      conditionalItems: catalogue.filter((i: any) => i.sharingType === 'CONDITIONAL').length,
      noneItems: catalogue.filter((i: any) => i.sharingType === 'NONE').length,
      overdueResources: [],
    });
    const [persons, households] = await withDb('population', async (c) => [
      (await c.query(`SELECT count(*)::int AS n FROM person`)).rows[0].n,
      (await c.query(`SELECT count(*)::int AS n FROM household`)).rows[0].n,
    ]);
    expect(persons).toBe(Number(process.env.TEST_SEED_SCALE));
    // Public security also provides the ID cards and driving licences that 电子证照库 hosts (issue 8).
    const licences = await withDb(
      'e-license',
      async (c) => (await c.query(`SELECT count(*)::int AS n FROM license WHERE type_code IN ('ID_CARD', 'DRIVING_LICENSE')`)).rows[0].n,
    );
    expect(ps.recordsHeld).toBe(persons + households + licences);
    expect(ps.resources.find((x: any) => x.code === 'HY-ZZ-001')).toMatchObject({ typeName: 'IdCard', subgraph: 'e-license', overdue: false });
    const person = ps.resources.find((x: any) => x.code === 'HY-RK-001');
    expect(person).toMatchObject({ typeName: 'Person', subgraph: 'population', updateCycle: 'DAILY', records: persons, allowedAgeHours: 48, overdue: false });
    expect(person.refreshesInYear).toBeGreaterThanOrEqual(1);
    expect(Date.now() - Date.parse(person.lastRefreshedAt)).toBeLessThan(3600_000);
    const mr = provider(r, 'market-regulation');
    const companies = await withDb('legal-person', async (c) => (await c.query(`SELECT count(*)::int AS n FROM legal_person`)).rows[0].n);
    expect(mr.resources.find((x: any) => x.code === 'HY-FR-001').records).toBe(companies);
    // The platform's own registers are maintained as they happen.
    const bureau = provider(r, BUREAU);
    expect(bureau.resources.find((x: any) => x.code === 'HY-PT-001')).toMatchObject({ records: 13, overdue: false, refreshesInYear: null }); // 9 + 3 licence-kind providers (issue 8) + quality-check (issue 11)
  });

  test('a resource not refreshed within its update cycle is listed overdue', async () => {
    const saved = await withDb(
      'catalog',
      async (c) =>
        (await c.query(`SELECT id, refreshed_at, last_changed_at FROM resource_refresh WHERE subgraph = 'population' AND table_name = 'person'`)).rows,
    );
    // Freshness is the data's last change as reported (issue 11), else the report's time.
    await withDb('catalog', (c) =>
      c.query(
        `UPDATE resource_refresh SET refreshed_at = now() - interval '3 days', last_changed_at = now() - interval '3 days' WHERE subgraph = 'population' AND table_name = 'person'`,
      ),
    );
    try {
      const ps = provider(await report(), 'public-security');
      expect(ps.overdueResources.map((x: any) => x.code)).toEqual(['HY-RK-001']);
      expect(ps.resources.find((x: any) => x.code === 'HY-RK-002').overdue).toBe(false);
    } finally {
      await withDb('catalog', async (c) => {
        for (const s of saved)
          await c.query(`UPDATE resource_refresh SET refreshed_at = $2, last_changed_at = $3 WHERE id = $1`, [s.id, s.refreshed_at, s.last_changed_at]);
      });
    }
  });

  test('applications handled and provisioning delays', async () => {
    const before = provider(await report(), 'market-regulation');
    const input = { items: ['LegalPerson.contactPhone'], purpose: '评估测试：企业联络', justification: '评估测试' };
    // On time.
    const onTime = await approved('human-resources', input);
    ok(await provision('market-regulation', onTime.id));
    // Late: approved "on 30 October", provisioned now.
    const late = await approved('civil-affairs', input);
    await approvedLongAgo(late.id);
    ok(await provision('market-regulation', late.id));
    // Still pending past its deadline.
    const pending = await approved('finance-bank', input);
    await approvedLongAgo(pending.id);
    // Rejected by the provider, and one still awaiting its review.
    const rejected = ok(await submit('taxation', input)).submitSharingApplication;
    ok(await review('market-regulation', rejected.id, false, '不符合'));
    ok(await submit('natural-resources', input));

    const after = provider(await report(), 'market-regulation');
    const lateBy = calendar.workingDaysBetween('2026-11-13', chinaDay(new Date()));
    expect(lateBy).toBeGreaterThan(0);
    expect({
      received: after.applicationsReceived - before.applicationsReceived,
      approved: after.applicationsApproved - before.applicationsApproved,
      rejected: after.applicationsRejected - before.applicationsRejected,
      awaiting: after.applicationsAwaitingReview - before.applicationsAwaitingReview,
      provisioned: after.provisioned - before.provisioned,
      onTime: after.provisionedOnTime - before.provisionedOnTime,
      late: after.provisionedLate - before.provisionedLate,
      overdue: after.provisioningOverdue - before.provisioningOverdue,
    }).toEqual({ received: 5, approved: 3, rejected: 1, awaiting: 1, provisioned: 2, onTime: 1, late: 1, overdue: 1 });
    expect(after.maxProvisioningDelayWorkingDays).toBeGreaterThanOrEqual(lateBy);
    expect(after.averageProvisioningWorkingDays).toBeGreaterThan(0);
  });
});

describe('consuming agencies and the CSV', () => {
  test('use figures come from the audit trail of the base databases', async () => {
    const expected = await withDb(
      'catalog',
      async (c) =>
        (
          await c.query(
            `SELECT count(DISTINCT request_id)::int AS requests, coalesce(sum(cardinality(items_served) + cardinality(items_masked)), 0)::int AS served,
              coalesce(sum(cardinality(items_masked)), 0)::int AS masked, coalesce(sum(cardinality(items_refused)), 0)::int AS refusals
         FROM audit_event WHERE agency = 'civil-affairs' AND subgraph NOT IN ('catalog', 'router') AND at >= $1`,
            [`${YEAR}-01-01T00:00:00+08:00`],
          )
        ).rows[0],
    );
    const r = await report();
    expect(consumer(r, 'civil-affairs')).toMatchObject({
      agency: { name: '衡阳市民政局' },
      requests: expected.requests,
      itemsServed: expected.served,
      itemsMasked: expected.masked,
      refusals: expected.refusals,
    });
    expect(r.consumers.map((c: any) => c.agencyCode)).toEqual(expect.arrayContaining(['human-resources', 'taxation', 'finance-bank', 'civil-affairs']));
  });

  test('the CSV has one row per agency and role, with the same figures', async () => {
    const r = await publicReport();
    const csv = ok(await gql(`query($y: Int!) { evaluationReportCsv(year: $y) }`, { y: YEAR })).evaluationReportCsv as string;
    const [header, ...rows] = csv.trim().split('\n');
    expect(header.split(',')).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(r.providers.length + r.consumers.length);
    const row = (role: string, agency: string) =>
      Object.fromEntries(header.split(',').map((h, i) => [h, rows.find((l) => l.split(',')[1] === role && l.split(',')[2] === agency)!.split(',')[i]]));
    const ps = provider(r, 'public-security');
    expect(row('PROVIDER', 'public-security')).toMatchObject({
      year: String(YEAR),
      items_published: String(ps.itemsPublished),
      records_held: String(ps.recordsHeld),
      resources: 'HY-RK-001 HY-RK-002 HY-RK-003 HY-RK-004 HY-ZZ-001 HY-ZZ-002 HY-ZZ-201 HY-ZZ-202',
      requests: '',
    });
    const ca = consumer(r, 'civil-affairs');
    expect(row('CONSUMER', 'civil-affairs')).toMatchObject({
      requests: String(ca.requests),
      items_served: String(ca.itemsServed),
      refusals: String(ca.refusals),
      items_published: '',
    });
  });

  test('a past year is measured at its end; the year must be sensible', async () => {
    const r = await publicReport(2025);
    expect(r.asOf).toBe('2025-12-31T15:59:59.999Z');
    expect(provider(r, 'public-security').itemsPublished).toBe(0);
    expect(refused(await gql(REPORT, { year: 2019 }), 'BAD_USER_INPUT').extensions?.argument).toBe('year');
    expect(refused(await gql(REPORT, { year: YEAR + 1 }), 'BAD_USER_INPUT').extensions?.argument).toBe('year');
  });

  test('the published report of the current year ends with the last closed month; the live view is the bureau’s alone', async () => {
    const r = await publicReport();
    const monthStart = Date.parse(`${chinaDay(new Date()).slice(0, 7)}-01T00:00:00+08:00`);
    expect(Date.parse(r.asOf)).toBe(Math.max(monthStart, Date.parse(`${YEAR}-01-01T00:00:00+08:00`)) - 1);
    refused(await gql(REPORT.replace('evaluationReport(', 'bureauEvaluationReport('), { year: YEAR }, await as('taxation')), 'FORBIDDEN');
  });
});
