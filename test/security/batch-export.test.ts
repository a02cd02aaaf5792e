/**
 * Batch exports, thought of as the attacker (issue 11 item 6). Each test fails if its leak or side
 * door comes back:
 *   - another agency's export: its download and its record answer exactly as an id that does not exist;
 *   - the download needs the requesting agency's operator, not any valid token; odd ids are 404s (no path is built);
 *   - no BATCH in the grant, items outside it, more rows than it allows, more exports a day: refused with a code;
 *   - an expired file is gone (410 EXPORT_EXPIRED), and its chunks are deleted;
 *   - a filter the agency may not read is refused by the policy (arguments are items) and nothing is kept;
 *   - a BATCH-only grant opens nothing online (the export's token is the only way to use it).
 */
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { issueDevToken } from '../../platform/identity/tokens';
import { download, finished, grant, requestExport, revoke } from '../integration/batch-export-support';

const AGENCY = 'institution-registration';
const OTHER = 'taxation';
const PURPOSE = '事业单位人员批量核验';
const ITEMS = ['Person.id', 'Person.name', 'Person.gender'];
const BATCH = { maxRows: 50, exportsPerDay: 3 };

let grantId: string;
let exportId: string;

beforeAll(async () => {
  grantId = await grant(AGENCY, ['Person.name', 'Person.gender'], PURPOSE, ['ONLINE_QUERY', 'BATCH'], BATCH);
  const r = await requestExport(AGENCY, { resource: 'PERSON', items: ITEMS, purpose: PURPOSE, format: 'CSV', maxRows: 20 });
  expect(r.errors).toBeUndefined();
  exportId = r.data.requestBatchExport.id;
  expect(await finished(AGENCY, exportId)).toMatchObject({ status: 'COMPLETED', rowsWritten: 20 });
}, 180_000);

afterAll(async () => {
  await revoke(grantId);
  await withDb('catalog', (c) => c.query(`DELETE FROM platform_clock`));
});

const code = (r: { errors?: { extensions?: Record<string, any> }[] }) => r.errors?.[0]?.extensions?.code;

describe('whose export it is', () => {
  it("answers another agency's download exactly as an id that does not exist", async () => {
    const theirs = await download(`/exports/${exportId}`, await asAgency(OTHER));
    const none = await download(`/exports/00000000-0000-4000-8000-000000000000`, await asAgency(OTHER));
    expect(theirs.status).toBe(404);
    expect(theirs.code).toBe('EXPORT_NOT_FOUND');
    expect({ status: theirs.status, body: theirs.body }).toEqual({ status: none.status, body: none.body });
    // The owner downloads it.
    expect((await download(`/exports/${exportId}`, await asAgency(AGENCY))).status).toBe(200);
  });

  it("answers another agency's batchExport(id:) as null, like a random id, and never lists it", async () => {
    const one = await gql(`query O($id: ID!) { batchExport(id: $id) { id } }`, { id: exportId }, await asAgency(OTHER));
    expect(one.errors).toBeUndefined();
    expect(one.data.batchExport).toBeNull();
    const list = await gql(`{ batchExports(first: 100) { edges { node { id } } } }`, {}, await asAgency(OTHER));
    expect(list.data.batchExports.edges.map((e: any) => e.node.id)).not.toContain(exportId);
  });

  it('needs a token of the same agency with the operator post: no token 401, a subject 404, another post 403', async () => {
    expect((await download(`/exports/${exportId}`, {})).status).toBe(401);
    expect((await download(`/exports/${exportId}`, { authorization: 'Bearer not.a.token' })).status).toBe(401);
    const subject = await issueDevToken({ subjectKey: 'x'.repeat(43), subjectKind: 'PERSON', ttl: '5m' });
    expect((await download(`/exports/${exportId}`, { authorization: `Bearer ${subject}` })).code).toBe('EXPORT_NOT_FOUND');
    const admin = await download(`/exports/${exportId}`, await asAgency(AGENCY, undefined, { roles: ['security-admin'] }));
    expect(admin.status).toBe(403);
    // A download is a GET only.
    expect((await download(`/exports/${exportId}`, await asAgency(AGENCY), { method: 'POST' })).status).toBe(405);
  });

  it('treats odd ids as unknown exports: traversal, encoded slashes, NUL, too long, bad encoding', async () => {
    const headers = await asAgency(AGENCY);
    for (const id of ['..%2f..%2fetc%2fpasswd', '..%5c..%5cboot.ini', '%00', `${exportId}%2f..`, 'a'.repeat(5000), `${exportId.toUpperCase()}x`, '%E0%A4%A']) {
      const r = await download(`/exports/${id}`, headers);
      expect({ id, status: r.status, code: r.code }).toEqual({ id, status: 404, code: 'EXPORT_NOT_FOUND' });
    }
  });
});

describe('the grant decides what may be exported', () => {
  it('refuses without a BATCH grant for the purpose (an online grant is not one)', async () => {
    // human-resources holds an online grant for persons' names (社会保险待遇资格认证), not BATCH.
    const r = await requestExport('human-resources', { resource: 'PERSON', items: ['Person.name'], purpose: '社会保险待遇资格认证', format: 'CSV' });
    expect(code(r)).toBe('BATCH_NOT_GRANTED');
    const wrongPurpose = await requestExport(AGENCY, { resource: 'PERSON', items: ['Person.name'], purpose: '别的用途', format: 'CSV' });
    expect(code(wrongPurpose)).toBe('BATCH_NOT_GRANTED');
  });

  it('refuses items outside the grant, naming them, and items of another resource', async () => {
    const r = await requestExport(AGENCY, { resource: 'PERSON', items: ['Person.name', 'Person.idNumber'], purpose: PURPOSE, format: 'CSV' });
    expect(code(r)).toBe('BATCH_NOT_GRANTED');
    expect(r.errors![0].extensions!.items).toEqual(['Person.idNumber']);
    const none = await requestExport(AGENCY, { resource: 'PERSON', items: ['Person.ethnicity'], purpose: PURPOSE, format: 'CSV' });
    expect(code(none)).toBe('BATCH_NOT_GRANTED');
    const foreign = await requestExport(AGENCY, { resource: 'PERSON', items: ['LegalPerson.name'], purpose: PURPOSE, format: 'CSV' });
    expect(code(foreign)).toBe('BAD_USER_INPUT');
    const link = await requestExport(AGENCY, { resource: 'PERSON', items: ['Person.household'], purpose: PURPOSE, format: 'CSV' });
    expect(code(link)).toBe('BAD_USER_INPUT');
  });

  it("refuses more rows than the grant's maxRows, and more exports a day than it allows", async () => {
    const big = await requestExport(AGENCY, { resource: 'PERSON', items: ['Person.gender'], purpose: PURPOSE, format: 'CSV', maxRows: 51 });
    expect(code(big)).toBe('EXPORT_LIMIT_EXCEEDED');
    expect(big.errors![0].extensions).toMatchObject({ limit: 'maxRows', allowed: 50 });
    // exportsPerDay 3: the beforeAll's export was one; two more are allowed, the fourth is refused.
    for (let i = 0; i < 2; i++) {
      const r = await requestExport(AGENCY, { resource: 'PERSON', items: ['Person.gender'], purpose: PURPOSE, format: 'NDJSON', maxRows: 1 });
      expect(r.errors).toBeUndefined();
      await finished(AGENCY, r.data.requestBatchExport.id);
    }
    const fourth = await requestExport(AGENCY, { resource: 'PERSON', items: ['Person.gender'], purpose: PURPOSE, format: 'NDJSON', maxRows: 1 });
    expect(code(fourth)).toBe('EXPORT_LIMIT_EXCEEDED');
    expect(fourth.errors![0].extensions).toMatchObject({ limit: 'exportsPerDay', allowed: 3 });
  }, 120_000);

  it("refuses a filter the agency may not read (arguments are items): the job fails with the policy's code, nothing is kept", async () => {
    const g = await grant('civil-affairs', ['Person.gender', 'Person.birthDate'], '高龄津贴批量核查', ['BATCH'], { maxRows: 100, exportsPerDay: 5 });
    try {
      // Person.birthDate is granted under its default mask (AGE_BAND): filtering by the exact date would reveal it.
      const r = await requestExport('civil-affairs', {
        resource: 'PERSON',
        items: ['Person.gender'],
        filter: [{ argument: 'bornFrom', value: '1950-01-01' }],
        purpose: '高龄津贴批量核查',
        format: 'CSV',
      });
      expect(r.errors).toBeUndefined();
      const job = await finished('civil-affairs', r.data.requestBatchExport.id);
      expect(job).toMatchObject({ status: 'FAILED', errorCode: 'FORBIDDEN', rowsWritten: 0 });
      const chunks = await withDb('catalog', (c) => c.query(`SELECT count(*)::int AS n FROM batch_export_chunk WHERE export_id = $1`, [job.id]));
      expect(chunks.rows[0].n).toBe(0);
      expect((await download(`/exports/${job.id}`, await asAgency('civil-affairs'))).code).toBe('EXPORT_NOT_READY');
      // An unknown filter is refused before anything is queued.
      const odd = await requestExport('civil-affairs', {
        resource: 'PERSON',
        items: ['Person.gender'],
        filter: [{ argument: 'idNumber', value: '430' }],
        purpose: '高龄津贴批量核查',
        format: 'CSV',
      });
      expect(code(odd)).toBe('BAD_USER_INPUT');
    } finally {
      await revoke(g);
    }
  }, 120_000);

  it('opens nothing online with a BATCH-only grant', async () => {
    const g = await grant('transport', ['Person.phone'], '驾驶人联系核验', ['BATCH'], { maxRows: 10, exportsPerDay: 1 });
    try {
      const r = await gql(`{ persons(first: 1) { edges { node { phone } } } }`, {}, await asAgency('transport', '驾驶人联系核验'));
      expect(code(r)).toBe('FORBIDDEN');
    } finally {
      await revoke(g);
    }
  });

  it('is requested by the operator post only', async () => {
    const r = await requestExport(AGENCY, { resource: 'PERSON', items: ['Person.gender'], purpose: PURPOSE, format: 'CSV' }, ['approver']);
    expect(code(r)).toBe('FORBIDDEN');
    expect(r.errors![0].extensions!.requiredRole).toBe('operator');
  });
});

describe('an expired export', () => {
  it('is gone: 410 EXPORT_EXPIRED once the platform clock passes expiresAt, and its chunks are deleted', async () => {
    await withDb('catalog', (c) =>
      c.query(
        `INSERT INTO platform_clock (id, offset_ms, note) VALUES (true, $1, 'batch-export test') ON CONFLICT (id) DO UPDATE SET offset_ms = EXCLUDED.offset_ms`,
        [25 * 3600_000],
      ),
    );
    const r = await download(`/exports/${exportId}`, await asAgency(AGENCY));
    expect({ status: r.status, code: r.code }).toEqual({ status: 410, code: 'EXPORT_EXPIRED' });
    // The catalog's runner deletes the file on its next tick (every two seconds).
    const until = Date.now() + 60_000;
    let left = 1;
    while (left && Date.now() < until) {
      await new Promise((res) => setTimeout(res, 500));
      left = (await withDb('catalog', (c) => c.query(`SELECT count(*)::int AS n FROM batch_export_chunk WHERE export_id = $1`, [exportId]))).rows[0].n;
    }
    expect(left).toBe(0);
    const job = await gql(`query O($id: ID!) { batchExport(id: $id) { status downloadPath } }`, { id: exportId }, await asAgency(AGENCY));
    expect(job.data.batchExport).toEqual({ status: 'EXPIRED', downloadPath: null });
  }, 90_000);
});
