/**
 * Issue 14 — the portal's public screens in a real Chromium with every request to another host
 * blocked, without signing in: the open catalogue searched by keyword, a resource page with its
 * items and their classes, and the published evaluation: its chart renders and its CSV downloads
 * as the API publishes it.
 */
import * as fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { gql } from '../support/client';
import { launch, visit, type Visit } from './portal-support';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function as(v: Visit, name: string, steps: (v: Visit) => Promise<void>): Promise<void> {
  try {
    await steps(v);
    expect(v.blocked).toEqual([]);
    expect(v.pageErrors).toEqual([]);
  } catch (e) {
    await v.shot(`portal-${name}-failure`).catch(() => undefined);
    throw e;
  } finally {
    await v.close();
  }
}

it('searches the open catalogue anonymously and opens a resource with its items and classes', async () => {
  await as(await visit(browser, '#/open'), 'open-catalogue', async (v) => {
    const { page } = v;
    const rows = page.getByTestId('catalogue-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 30_000 });
    const before = await rows.count();
    await page.getByTestId('catalogue-keyword').fill('行政区划');
    await page.getByTestId('catalogue-search').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="catalogue-table"] tbody tr.ant-table-row').length < n, before, {
      timeout: 30_000,
    });
    const texts = await rows.allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).toMatch(/无条件开放|有条件开放/);
    expect(texts.join('\n')).toContain('行政区划');
    await v.shot('portal-open-catalogue');
    await rows.filter({ hasText: '行政区划' }).first().getByRole('link').click();
    const items = page.getByTestId('resource-items').locator('tbody tr.ant-table-row');
    await items.first().waitFor({ timeout: 30_000 });
    const first = await items.first().innerText();
    expect(first).toMatch(/AdministrativeDivision\.\w+/);
    expect(first).toMatch(/无条件共享|有条件共享|不予共享/);
    expect(first).toMatch(/L[1-4]/);
  });
});

it('shows the published evaluation with a chart per department and downloads its CSV', async () => {
  const year = new Date().getFullYear();
  const published = await gql(`query($y: Int!) { evaluationReportCsv(year: $y) }`, { y: year });
  expect(published.errors).toBeUndefined();
  await as(await visit(browser, '#/evaluation'), 'evaluation', async (v) => {
    const { page } = v;
    const canvas = page.getByTestId('evaluation-chart-providers').locator('canvas');
    await canvas.waitFor({ timeout: 30_000 });
    // Drawn: axes, labels and bars leave pixels that are not transparent.
    const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
    await v.shot('portal-evaluation');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('evaluation-csv').click()]);
    expect(download.suggestedFilename()).toBe(`evaluation-${year}.csv`);
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text.replace(/^\ufeff/, '')).toBe(published.data.evaluationReportCsv);
    expect(text.split('\n')[0]).toMatch(/^\ufeff?year,role,agency,/);
  });
});
