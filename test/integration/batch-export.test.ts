/**
 * Batch exports (批量下载, issue 11 item 6) through the router: an application for BATCH approved on
 * its own by every reviewer, the export job reading as the agency, the file downloaded, each row
 * exactly what the online query answers for the same rows (masks included), the audit trail and the
 * subjects' access history naming the export.
 */
import { asAgency, gql, type GraphQLResponse } from '../support/client';
import { issueDevToken } from '../../platform/identity/tokens';
import { BUREAU, as, ok, APPROVER } from './catalog-support';
import { download, finished, grant, parseCsv, requestExport, revoke } from './batch-export-support';

const AGENCY = 'health';
const PURPOSE = '传染病密切接触者排查';
const ITEMS = ['Person.id', 'Person.name', 'Person.idNumber', 'Person.gender', 'Person.householdDivisionCode'];

const SUBMIT = `mutation Submit($input: SharingApplicationInput!) { submitSharingApplication(input: $input) {
  id status methods batchMaxRows batchExportsPerDay providers } }`;
const REVIEW = `mutation Review($id: ID!, $batch: Boolean) { reviewSharingApplication(id: $id, approve: true, reason: "ok", approveBatch: $batch) {
  id status reviews { reviewer approveBatch } } }`;
const PROVISION = `mutation P($id: ID!) { provisionSharingApplication(id: $id) { id status grant { id items methods batchMaxRows batchExportsPerDay } } }`;

async function apply(agency: string, purpose: string, batch: boolean) {
  return ok(
    await gql(
      SUBMIT,
      {
        input: {
          items: ['Person.name', 'Person.idNumber', 'Person.gender', 'Person.householdDivisionCode'],
          purpose,
          justification: '按批量下载核对',
          methods: batch ? ['ONLINE_QUERY', 'BATCH'] : undefined,
          batchLimits: batch ? { maxRows: 300, exportsPerDay: 2 } : undefined,
        },
      },
      await as(agency),
    ),
  ).submitSharingApplication;
}

async function approveAll(id: string, batchBy: Record<string, boolean | undefined>) {
  for (const reviewer of [BUREAU, 'public-security']) {
    ok(await gql(REVIEW, { id, batch: batchBy[reviewer] }, await as(reviewer, `${reviewer}-reviewer`, APPROVER)));
  }
  return ok(await gql(PROVISION, { id }, await as('public-security', 'ps-provisioner', APPROVER))).provisionSharingApplication;
}

describe('an application for BATCH', () => {
  it('gets BATCH in its grant only when every reviewer approves the batch; otherwise the grant is online only', async () => {
    const app = await apply(AGENCY, PURPOSE, true);
    expect(app).toMatchObject({ status: 'UNDER_REVIEW', methods: ['BATCH', 'ONLINE_QUERY'], batchMaxRows: 300, batchExportsPerDay: 2 });
    const done = await approveAll(app.id, { [BUREAU]: true, 'public-security': true });
    expect(done.grant).toMatchObject({ methods: ['BATCH', 'ONLINE_QUERY'], batchMaxRows: 300, batchExportsPerDay: 2 });

    // The provider approves the application but not the batch: online only.
    const other = await apply('transport', '道路运输从业人员核验', true);
    const online = await approveAll(other.id, { [BUREAU]: true });
    expect(online.grant).toMatchObject({ methods: ['ONLINE_QUERY'], batchMaxRows: null });
    // A plain application (no methods) is online only, as every grant before batch exports.
    const plain = await apply('transport', '道路运输证件核验', false);
    expect(plain.methods).toEqual(['ONLINE_QUERY']);
  });
});

/** The file's cell for an online value: empty for null, a quote before a formula's first character (docs/exchange.md). */
const cell = (v: string | null): string => (v == null ? '' : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** The value of a file's cell: one leading quote before a formula character dropped (a key may begin with "-"). */
const cellValue = (c: string): string => (/^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c);

describe('an export through the router', () => {
  let exportId: string;
  let job: any;
  let rows: string[][];

  beforeAll(async () => {
    const r = await requestExport(AGENCY, { resource: 'PERSON', items: ITEMS, purpose: PURPOSE, format: 'CSV', maxRows: 250 });
    expect(r.errors).toBeUndefined();
    exportId = r.data.requestBatchExport.id;
    expect(r.data.requestBatchExport).toMatchObject({ status: expect.stringMatching(/QUEUED|RUNNING|COMPLETED/), maxRows: 250, agencyCode: AGENCY });
    job = await finished(AGENCY, exportId);
    const file = await download(`/exports/${exportId}`, await asAgency(AGENCY));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    rows = parseCsv(file.body);
  }, 180_000);

  it('completes with the rows its maxRows allows, marked truncated (the register holds more)', () => {
    expect(job).toMatchObject({ status: 'COMPLETED', rowsWritten: 250, truncated: true, errorCode: null, downloadPath: `/exports/${exportId}` });
    expect(rows[0]).toEqual(['id', 'name', 'idNumber', 'gender', 'householdDivisionCode']);
    expect(rows).toHaveLength(251);
    expect(Date.parse(job.expiresAt) - Date.parse(job.completedAt)).toBeGreaterThan(23.9 * 3600_000);
  });

  it('holds, row by row, exactly what the online query answers for the same rows (masks included)', async () => {
    const online: string[][] = [];
    let after: string | null = null;
    while (online.length < 250) {
      const r: GraphQLResponse = await gql(
        `query P($after: String) { persons(first: 100, after: $after) { edges { node { id name idNumber gender householdDivisionCode } } pageInfo { endCursor } } }`,
        { after },
        await asAgency(AGENCY, PURPOSE),
      );
      expect(r.errors).toBeUndefined();
      for (const e of r.data.persons.edges) online.push([e.node.id, e.node.name, e.node.idNumber, e.node.gender, e.node.householdDivisionCode].map(cell));
      after = r.data.persons.pageInfo.endCursor;
    }
    expect(rows.slice(1)).toEqual(online.slice(0, 250));
    // The grant kept the default masks: surname only, the ID number's region only.
    expect(rows[1][1]).toMatch(/\*/);
    expect(rows[1][2]).toMatch(/^\d{6}\*{12}$/);
  });

  it('is in the audit trail as the agency, its purpose and the export, with every exported subject', async () => {
    // The agency's security admin searches its own trail (the subject keys it was served are shown).
    const events: any[] = [];
    let after: string | null = null;
    do {
      const page: any = ok(
        await gql(
          `query A($after: String, $filter: AuditEventFilter) { auditEvents(first: 200, after: $after, filter: $filter) {
            edges { node { agencyCode operator purpose operation resource subjectKeys } } pageInfo { hasNextPage endCursor } } }`,
          { after, filter: { resource: 'Person', purpose: PURPOSE } },
          await as(AGENCY, undefined, ['security-admin']),
        ),
      ).auditEvents;
      events.push(...page.edges.map((e: any) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const exported = events.filter((e) => e.operation === `batch-export:${exportId}`);
    expect(exported.length).toBeGreaterThan(0);
    for (const e of exported) expect(e).toMatchObject({ agencyCode: AGENCY, purpose: PURPOSE, operator: 'health-operator' });
    expect(new Set(exported.flatMap((e) => e.subjectKeys))).toEqual(new Set(rows.slice(1).map((r) => cellValue(r[0]))));
  });

  it("is in an exported person's access history, like an online read", async () => {
    const subject = cellValue(rows[42][0]);
    const token = await issueDevToken({ subjectKey: subject, subjectKind: 'PERSON', ttl: '5m' });
    const history = ok(
      await gql(`{ myAccessHistory(first: 100) { edges { node { agencyCode purpose operation resource } } } }`, {}, { authorization: `Bearer ${token}` }),
    ).myAccessHistory;
    expect(history.edges.map((e: any) => e.node)).toContainEqual({
      agencyCode: AGENCY,
      purpose: PURPOSE,
      operation: `batch-export:${exportId}`,
      resource: 'Person',
    });
  });

  it('lists the job with its progress for the agency, and not for another agency', async () => {
    const mine = ok(await gql(`{ batchExports(first: 50) { edges { node { id status rowsWritten } } } }`, {}, await as(AGENCY))).batchExports;
    expect(mine.edges.map((e: any) => e.node)).toContainEqual({ id: exportId, status: 'COMPLETED', rowsWritten: 250 });
    const theirs = ok(await gql(`{ batchExports(first: 50) { edges { node { id } } } }`, {}, await as('taxation'))).batchExports;
    expect(theirs.edges.map((e: any) => e.node.id)).not.toContain(exportId);
  });
});

describe('an NDJSON export of legal persons with a filter', () => {
  const PURPOSE_LP = '企业信用批量核查';
  let grantId: string;
  beforeAll(async () => {
    grantId = await grant(AGENCY, ['LegalPerson.uscc', 'LegalPerson.name', 'LegalPerson.status', 'LegalPerson.contactPhone'], PURPOSE_LP, ['BATCH'], {
      maxRows: 100_000,
      exportsPerDay: 5,
    });
  });
  afterAll(() => revoke(grantId));

  it('exports every matching row, each as the online list answers it', async () => {
    const r = await requestExport(AGENCY, {
      resource: 'LEGAL_PERSON',
      items: ['LegalPerson.uscc', 'LegalPerson.name', 'LegalPerson.status', 'LegalPerson.contactPhone'],
      filter: [{ argument: 'status', value: 'ACTIVE' }],
      purpose: PURPOSE_LP,
      format: 'NDJSON',
    });
    expect(r.errors).toBeUndefined();
    const job = await finished(AGENCY, r.data.requestBatchExport.id);
    expect(job).toMatchObject({ status: 'COMPLETED', truncated: false });
    const file = await download(job.downloadPath, await asAgency(AGENCY));
    const lines = file.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(job.rowsWritten);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.status === 'ACTIVE' && Object.keys(l).join() === 'uscc,name,status,contactPhone')).toBe(true);
    // contactPhone under its default mask (PHONE: at least four digits hidden).
    expect(lines.filter((l) => l.contactPhone).every((l) => String(l.contactPhone).includes('****'))).toBe(true);
    // The grant is BATCH only: online, the same conditional item is refused.
    const onlineTry = await gql(`{ legalPersons(first: 1, status: ACTIVE) { edges { node { contactPhone } } } }`, {}, await asAgency(AGENCY, PURPOSE_LP));
    expect(onlineTry.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
