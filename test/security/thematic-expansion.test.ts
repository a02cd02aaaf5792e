/**
 * Guards the class "a thematic resource as a shortcut past review" (issue 10, item 2): applying for
 * a theme applies for its items, each under its own class — conditional items still wait for the
 * bureau's and their providers' review, a NONE item in a theme is refused, and a department resource
 * held outside the platform cannot be applied for on the platform.
 */
import { gql } from '../support/client';
import { withDb } from '../support/db';
import { as, ok } from '../integration/catalog-support';

const SUBMIT = `mutation($input: SharingApplicationInput!) { submitSharingApplication(input: $input) { id status conditionalItems unconditionalItems grant { items } } }`;
const input = (items: string[]) => ({ items, purpose: '主题申请安全测试', justification: '验证主题申请不绕过审核' });

describe('thematic expansion', () => {
  afterAll(async () => {
    await withDb('catalog', (c) => c.query(`DELETE FROM catalog_composed_resource WHERE code = 'HY-ZT-901'`));
  });

  test('a theme’s conditional items wait for review: only its unconditional items are granted at once', async () => {
    const app = ok(await gql(SUBMIT, { input: input(['HY-ZT-001']) }, await as('health'))).submitSharingApplication;
    expect(app.status).toBe('UNDER_REVIEW');
    expect(app.conditionalItems).toEqual(expect.arrayContaining(['Person.idNumber', 'LegalPerson.contactPhone', 'BusinessLicense.businessScope']));
    expect(app.grant.items).toEqual(app.unconditionalItems);
    expect(app.grant.items).not.toContain('Person.idNumber');
  });

  test('a NONE item inside a theme is refused like a NONE item named directly', async () => {
    await withDb('catalog', (c) =>
      c.query(
        `INSERT INTO catalog_composed_resource (code, kind, name, summary, provider, update_cycle, items)
         VALUES ('HY-ZT-901', 'THEMATIC', '测试主题', '含不予共享项', 'transport', 'DAILY', ARRAY['LegalPerson.name', 'LandParcel.transactionPrice'])
         ON CONFLICT (code) DO NOTHING`,
      ),
    );
    const r = await gql(SUBMIT, { input: input(['HY-ZT-901']) }, await as('health'));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', item: 'LandParcel.transactionPrice' });
    expect(r.errors?.[0]?.message).toMatch(/不予共享/);
  });

  test('variants: a department resource, a base resource code and a near-miss theme code are not items', async () => {
    const dept = await gql(SUBMIT, { input: input(['HY-BM-001']) }, await as('health'));
    expect(dept.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const code of ['HY-RK-001', 'hy-zt-001', 'HY-ZT-001x']) {
      const r = await gql(SUBMIT, { input: input([code]) }, await as('health'));
      expect(r.errors?.[0]?.message).toMatch(/not in the sharing catalogue/);
    }
  });
});
