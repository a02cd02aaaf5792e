/**
 * Shared by the portal's browser tests: one Chromium per file (Debian's package, driven by
 * playwright-core), a fresh context per user with every request to a host other than the router
 * blocked (the intranet has no internet; a page that tried would fail the test), sign-in through
 * the portal's own development form, and screenshots kept in test-artifacts/ (git-ignored).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { routerUrl } from '../support/client';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

export const origin = () => new URL(routerUrl()).origin;

export async function launch(): Promise<Browser> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export interface Visit {
  context: BrowserContext;
  page: Page;
  /** Requests to other hosts (blocked) and page errors: a test expects both empty. */
  blocked: string[];
  pageErrors: string[];
  shot: (name: string) => Promise<void>;
  close: () => Promise<void>;
}

/** A fresh browser context (a new user: no session) at a portal route, e.g. '#/open'. */
export async function visit(browser: Browser, route: string): Promise<Visit> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (r) => {
    const url = r.request().url();
    if (url.startsWith(origin()) || url.startsWith('data:') || url.startsWith('blob:')) return r.continue();
    blocked.push(url);
    return r.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${origin()}/portal/${route}`);
  return {
    context,
    page,
    blocked,
    pageErrors,
    shot: async (name) => {
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
    },
    close: () => context.close(),
  };
}

/** Picks an option of an Ant Design select by typing its label. */
export async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Signs in through the portal's development form as an agency's posts, or as a data subject. */
export async function signIn(browser: Browser, who: { agency: string; roles: string[] } | { subject: string }, route = '#/sign-in'): Promise<Visit> {
  const v = await visit(browser, '#/sign-in');
  const { page } = v;
  if ('subject' in who) {
    await page.getByRole('tab', { name: '公民 / 企业' }).click();
    await page.getByTestId('subject-input').fill(who.subject);
    await page.getByTestId('subject-sign-in').click();
  } else {
    await choose(page, 'agency-select', `（${who.agency}）`);
    const labels: Record<string, string> = { operator: '数据操作员', approver: '数据分管领导（审核人）', 'security-admin': '数据安全管理员' };
    // The form starts with operator ticked.
    if (!who.roles.includes('operator')) await page.getByLabel('数据操作员').uncheck();
    for (const r of who.roles) await page.getByLabel(labels[r]).check();
    await page.getByTestId('dev-sign-in').click();
  }
  await page.getByTestId('sign-out').waitFor({ timeout: 30_000 });
  if (route !== '#/sign-in') await page.goto(`${origin()}/portal/${route}`);
  return v;
}
