/**
 * Issue 14 — the portal end to end in a real Chromium, every request to another host blocked:
 * an operator is refused a conditional item (with its reason and a link to apply), applies for it
 * through the portal, the bureau approves, the provider approves and provisions, the operator sees
 * the grant and reads the item served with the requested mask; the security administrator finds
 * that read in the audit search and opens its trace; the citizen sees the read in their history.
 * Each step is a portal screen calling the public GraphQL API as that user.
 */
import type { Browser } from 'playwright-core';
import { asAgency, gql } from '../support/client';
import { syntheticPerson } from '../../seed/synthetic/people';
import { applyMask } from '../../platform/masking';
import { launch, signIn, type Visit } from './portal-support';

const PURPOSE = '普惠金融：门户申请联系方式核验';
const person = syntheticPerson(23);
let browser: Browser;

// A browser step signs in and loads the portal afresh: generous on a shared 2-core machine.
jest.setTimeout(120_000);
let grantId: string | undefined;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  // Leave no live grant behind for the other suites.
  if (grantId)
    await gql(
      `mutation($id: ID!) { revokeGrant(id: $id, reason: "浏览器测试结束") { id } }`,
      { id: grantId },
      await asAgency('public-security', undefined, { roles: ['approver'] }),
    );
  await browser?.close();
});

/** Runs one user's steps, keeping a screenshot when a step fails; no blocked request, no page error. */
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

async function lookUp(v: Visit, purpose: string | undefined): Promise<void> {
  const { page } = v;
  if (purpose !== undefined) await page.getByTestId('query-purpose').fill(purpose);
  await page.getByTestId('query-key').fill(person.idNumber);
  // The button waits for the catalogue (which items to ask for); a click while it loads is ignored.
  await page.locator('[data-testid="query-run"]:not(.ant-btn-loading)').click();
  await page.getByTestId('query-result').waitFor({ timeout: 30_000 });
}

// The steps run in order, each a user of its own; a later step needs the earlier ones.
const masked = applyMask(person.phone, 'PHONE', { hashKey: process.env.PLATFORM_HMAC_KEY! });

it('the operator is refused Person.phone, with its reason and a link to apply, and applies through it', async () => {
  expect(masked).not.toBe(person.phone);
  await as(await signIn(browser, { agency: 'finance-bank', roles: ['operator'] }, '#/query'), 'operator-apply', async (v) => {
    const { page } = v;
    await lookUp(v, PURPOSE);
    const refusal = page.getByTestId('refusal').filter({ hasText: 'Person.phone' });
    await expect(refusal.innerText()).resolves.toMatch(/已拒绝[\s\S]*FORBIDDEN/);
    await v.shot('portal-refused');
    await refusal.getByRole('link', { name: /申请使用该数据项/ }).click();
    await expect(page.getByTestId('apply-purpose').inputValue()).resolves.toBe(PURPOSE);
    await page.getByTestId('mask-Person.phone').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '（PHONE）' }).click();
    await page.getByTestId('apply-justification').fill('普惠金融授信前核验经营者联系方式');
    await v.shot('portal-apply');
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('application-status').filter({ hasText: '审核中' }).first().waitFor({ timeout: 30_000 });
  });
});

it('the bureau’s approver, then the provider’s, approve with reasons; the provider provisions', async () => {
  for (const agency of ['data-bureau', 'public-security']) {
    await as(await signIn(browser, { agency, roles: ['approver'] }), `${agency}-review`, async (v) => {
      const { page } = v;
      const row = page
        .locator('tr')
        .filter({ hasText: PURPOSE })
        .filter({ has: page.getByTestId('review-approve') });
      await row.getByTestId('review-approve').click();
      await page.getByTestId('review-reason').fill(agency === 'data-bureau' ? '符合普惠金融场景' : '同意，按电话号码脱敏');
      if (agency === 'data-bureau') await v.shot('portal-review');
      await page.getByTestId('review-confirm').click();
      await row.waitFor({ state: 'detached', timeout: 30_000 });
      if (agency === 'public-security') {
        await page.getByRole('tab', { name: /待开通/ }).click();
        const toProvision = page.locator('tr').filter({ hasText: PURPOSE }).getByTestId('provision');
        await toProvision.click();
        await toProvision.waitFor({ state: 'detached', timeout: 30_000 });
      }
    });
  }
});

it('the operator sees the live grant and reads the item, served under the requested mask', async () => {
  await as(await signIn(browser, { agency: 'finance-bank', roles: ['operator'] }, '#/grants'), 'operator-grant', async (v) => {
    const { page } = v;
    const row = page.getByTestId('grants').locator('tr').filter({ hasText: PURPOSE });
    await expect(row.innerText()).resolves.toMatch(/Person\.phone[\s\S]*电话号码[\s\S]*有效/);
    await v.shot('portal-grants');
    await row.getByRole('link', { name: '查询' }).click();
    await lookUp(v, undefined);
    await expect(page.getByTestId('value-Person.phone').innerText()).resolves.toContain(masked);
    await page.getByTestId('value-Person.phone').scrollIntoViewIfNeeded();
    await v.shot('portal-served-masked');
  });
  const grants = await gql(
    `{ grants(agency: "finance-bank", status: LIVE, first: 50) { edges { node { id purposes } } } }`,
    {},
    await asAgency('finance-bank'),
  );
  grantId = grants.data.grants.edges.find((e: { node: { purposes: string[] } }) => e.node.purposes.includes(PURPOSE))?.node.id;
  expect(grantId).toBeDefined();
});

it('the bureau’s security administrator finds that read in the audit search and opens its trace', async () => {
  await as(await signIn(browser, { agency: 'data-bureau', roles: ['security-admin'] }, '#/audit'), 'security-audit', async (v) => {
    const { page } = v;
    await page.getByTestId('audit-item').fill('Person.phone');
    await page.getByTestId('audit-purpose').fill(PURPOSE);
    await page.getByTestId('audit-search').click();
    // The newest read of the operator's lookup: Person.phone among the items served masked.
    const read = page
      .getByTestId('audit-events')
      .locator('tr')
      .filter({ has: page.getByTestId('items-masked').filter({ hasText: 'Person.phone' }) })
      .first();
    await read.waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="audit-events"] .ant-spin-blur').waitFor({ state: 'detached', timeout: 30_000 });
    await expect(read.innerText()).resolves.toMatch(/衡阳普惠金融[\s\S]*population[\s\S]*普惠金融：门户申请联系方式核验/);
    await v.shot('portal-audit-search');
    await read.getByTestId('trace-link').click();
    const traced = page.getByTestId('trace-events').getByTestId('items-masked').filter({ hasText: 'Person.phone' });
    await traced.first().waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('trace-request-id').innerText()).resolves.toMatch(/^[0-9a-f-]{36}$/);
    await v.shot('portal-audit-trace');
  });
});

it('the citizen sees who read their record, when and why', async () => {
  await as(await signIn(browser, { subject: person.idNumber }), 'citizen-history', async (v) => {
    const { page } = v;
    // The population read (the credit subgraph's part of the same lookup is a row of its own).
    const row = page.getByTestId('access-history').locator('tr').filter({ hasText: PURPOSE }).filter({ hasText: 'Person.phone' }).first();
    await row.waitFor({ timeout: 30_000 });
    await expect(row.innerText()).resolves.toMatch(/衡阳普惠金融服务网点[\s\S]*Person\.phone[\s\S]*(脱敏提供|部分提供)/);
    await v.shot('portal-citizen-history');
  });
});
