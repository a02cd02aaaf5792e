/**
 * Issue 14 — the explorer works on the government intranet: in a real Chromium (Debian's package,
 * driven by playwright-core) with every request to a host other than the router blocked, the
 * explorer loads, fetches the schema and shows Person.idNumber's sharing class in its docs pane.
 * Screenshots are kept in test-artifacts/ (git-ignored) for the reader of a failed run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { routerUrl } from '../support/client';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

it('loads with the internet blocked and shows Person.idNumber’s sharing class in the docs', async () => {
  const origin = new URL(routerUrl()).origin;
  const context = await browser.newContext({ locale: 'zh-CN' });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  try {
    // The catalogue's link to a resource opens the docs pane at its type.
    await page.goto(`${origin}/explorer/?type=Person`);
    const field = page
      .locator('.graphiql-doc-explorer-item')
      .filter({ has: page.locator('.graphiql-doc-explorer-field-name', { hasText: /^idNumber$/ }) })
      .first();
    await field.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'explorer-person-docs.png') });
    await expect(field.innerText()).resolves.toMatch(/有条件共享 · 不予开放 · L\d · 默认脱敏：身份证号 · 提供：衡阳市公安局/);
    expect(blocked).toEqual([]);
    expect(failed).toEqual([]);
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'explorer-failure.png') }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});

it('GET / without internet: the Sandbox page falls back to the offline explorer', async () => {
  const origin = new URL(routerUrl()).origin;
  const context = await browser.newContext();
  await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort('internetdisconnected')));
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/`);
    await page.waitForURL(`${origin}/explorer/`, { timeout: 30_000 });
    await page.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
  } finally {
    await context.close();
  }
});
