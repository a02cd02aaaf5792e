/**
 * Issue 14 — the operator's batch exports screen in a real Chromium, every request to another host
 * blocked: an operator whose agency holds a BATCH grant (issued straight into the governance
 * database, as the batch export tests do: the application workflow is tested on its own) requests
 * an export (refused first for a purpose without one, with its code and a link to apply), sees the job finish on the polled list, and downloads the file through the screen;
 * the file holds exactly the rows the job reports.
 */
import * as fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { choose, launch, signIn } from './portal-support';
import { exportOf, grant, parseCsv, revoke } from '../integration/batch-export-support';

const AGENCY = 'health';
const PURPOSE = '门户批量下载：慢病随访名单核对';
const ITEMS = ['Person.id', 'Person.name', 'Person.gender'];
let browser: Browser;
let grantId: string;

jest.setTimeout(180_000);

beforeAll(async () => {
  browser = await launch();
  grantId = await grant(AGENCY, ITEMS, PURPOSE, ['BATCH'], { maxRows: 100, exportsPerDay: 3 });
});

afterAll(async () => {
  // Leave no live grant behind for the other suites.
  if (grantId) await revoke(grantId);
  await browser?.close();
});

it('the operator requests an export, sees it finish and downloads a file with the job’s rows', async () => {
  const v = await signIn(browser, { agency: AGENCY, roles: ['operator'] }, '#/exports');
  const { page } = v;
  try {
    for (const item of ITEMS) await choose(page, 'export-items', item);
    // A purpose no BATCH grant names: refused with its code, reason and a link to apply.
    await page.getByTestId('export-purpose').fill('门户批量下载：未获授权的用途');
    await page.getByTestId('export-submit').click();
    const refusal = page.getByTestId('export-refusal');
    await expect(refusal.innerText()).resolves.toMatch(/BATCH_NOT_GRANTED[\s\S]*BATCH/);
    await expect(refusal.getByRole('link').getAttribute('href')).resolves.toContain('/apply?items=Person.id');
    await page.getByTestId('export-purpose').fill(PURPOSE);
    await page.getByTestId('export-max-rows').fill('40');
    await page.getByTestId('export-submit').click();
    // The list polls while the job runs; the row shows 已完成 when the job completed.
    const row = page.getByTestId('exports').locator('tr').filter({ hasText: PURPOSE }).first();
    await row.getByTestId('export-download').waitFor({ timeout: 120_000 });
    await expect(row.getByTestId('export-status').innerText()).resolves.toContain('已完成');
    const shown = Number((await row.getByTestId('export-rows').innerText()).match(/^\d+/)?.[0]);
    await v.shot('portal-exports');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), row.getByTestId('export-download').click()]);
    const id = download.suggestedFilename().match(/^export-([0-9a-f-]{36})\.csv$/)?.[1];
    expect(id).toBeDefined();
    const rows = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
    expect(rows[0]).toEqual(['id', 'name', 'gender']);

    const job = await exportOf(AGENCY, id!);
    expect(job).toMatchObject({ status: 'COMPLETED', purpose: PURPOSE, items: ITEMS, rowsWritten: 40 });
    expect(shown).toBe(job.rowsWritten);
    expect(rows.length - 1).toBe(job.rowsWritten);
    expect(v.blocked).toEqual([]);
    expect(v.pageErrors).toEqual([]);
  } catch (e) {
    await v.shot('portal-exports-failure').catch(() => undefined);
    throw e;
  } finally {
    await v.close();
  }
});
