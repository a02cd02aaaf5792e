/**
 * The catalogue's four kinds (issue 10, item 2, Art. 12, 23): BASE resources from the supergraph,
 * THEMATIC compositions kept in the governance database (applying for one applies for its items),
 * DEPARTMENT resources held outside the platform (metadata only), the open catalogue, and each
 * resource's link to the 政府信息公开目录.
 */
import { gql } from '../support/client';
import { as, ok } from './catalog-support';
import { COMPOSED_RESOURCES } from '../../migrations/catalog/Migration20261201020000_catalogue_kinds';

const RESOURCE = `code name kind provider heldOutsidePlatform publicDisclosureUrl missingItems typeName subgraph sandboxUrl sharingType openType itemCount
  items { name provider openType sharingType resourceCode }`;

async function resources(args = ''): Promise<any[]> {
  return ok(await gql(`{ catalogResources${args} { ${RESOURCE} } }`)).catalogResources;
}

describe('catalogue kinds', () => {
  test('BASE (the default), THEMATIC and DEPARTMENT resources, one catalogue per kind', async () => {
    const base = await resources();
    expect(base.every((r) => r.kind === 'BASE')).toBe(true);
    expect((await resources('(kind: BASE)')).map((r) => r.code)).toEqual(base.map((r) => r.code));
    expect(base.find((r) => r.code === 'HY-RK-001')).toMatchObject({ kind: 'BASE', typeName: 'Person', subgraph: 'population', heldOutsidePlatform: false });
    // (Other tests may add a theme of their own meanwhile: the seeded ones are there, and only themes.)
    const themes = await resources('(kind: THEMATIC)');
    expect(themes.every((r) => r.kind === 'THEMATIC')).toBe(true);
    expect(themes.map((r) => r.code)).toEqual(expect.arrayContaining(['HY-ZT-001', 'HY-ZT-002']));
    const departments = await resources('(kind: DEPARTMENT)');
    expect(departments.every((r) => r.kind === 'DEPARTMENT')).toBe(true);
    expect(departments.map((r) => r.code)).toEqual(expect.arrayContaining(['HY-BM-001']));
    // One resource by its code, whatever its kind.
    for (const code of ['HY-RK-001', 'HY-ZT-001', 'HY-BM-001'])
      expect(ok(await gql(`query($c: String!) { catalogResource(code: $c) { code } }`, { c: code })).catalogResource).toEqual({ code });
  });

  test('a thematic resource composes items of several base databases, with its responsible agency', async () => {
    const theme = ok(await gql(`query($c: String!) { catalogResource(code: $c) { ${RESOURCE} } }`, { c: 'HY-ZT-001' })).catalogResource;
    expect(theme).toMatchObject({
      kind: 'THEMATIC',
      name: '综合治税主题库',
      provider: 'taxation',
      typeName: null,
      subgraph: null,
      sandboxUrl: null,
      missingItems: [],
    });
    const seeded = COMPOSED_RESOURCES.find((r) => r.code === 'HY-ZT-001')!;
    expect(theme.items.map((i: any) => i.name).sort()).toEqual([...seeded.items].sort());
    // Several base databases, each item keeping its own provider and resource.
    expect(new Set(theme.items.map((i: any) => i.provider)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(theme.items.map((i: any) => i.resourceCode)).size).toBeGreaterThanOrEqual(5);
    const finance = ok(await gql(`{ catalogResource(code: "HY-ZT-002") { kind provider missingItems } }`)).catalogResource;
    expect(finance).toEqual({ kind: 'THEMATIC', provider: 'finance-bank', missingItems: [] });
    // Found by its responsible agency too.
    expect((await resources('(provider: "taxation", kind: THEMATIC)')).map((r) => r.code)).toEqual(['HY-ZT-001']);
  });

  test('applying for a thematic resource applies for its items', async () => {
    const r = await gql(
      `mutation($input: SharingApplicationInput!) { submitSharingApplication(input: $input) { id status items conditionalItems unconditionalItems } }`,
      { input: { items: ['HY-ZT-002'], purpose: '普惠金融主题申请测试', justification: '按主题库整体申请' } },
      await as('transport'),
    );
    const app = ok(r).submitSharingApplication;
    const seeded = COMPOSED_RESOURCES.find((x) => x.code === 'HY-ZT-002')!;
    expect(app.items).toEqual([...seeded.items].sort());
    expect(app.status).toBe('UNDER_REVIEW');
    expect(app.conditionalItems.length).toBeGreaterThan(0);
  });

  test('a department resource held outside the platform is metadata only, and cannot be applied for here', async () => {
    const dept = (await resources('(kind: DEPARTMENT)')).find((r) => r.code === 'HY-BM-001');
    expect(dept).toMatchObject({
      code: 'HY-BM-001',
      heldOutsidePlatform: true,
      items: [],
      itemCount: 0,
      provider: 'taxation',
      sharingType: 'CONDITIONAL',
      publicDisclosureUrl: expect.stringMatching(/^https:\/\//),
    });
    const r = await gql(
      `mutation($input: SharingApplicationInput!) { submitSharingApplication(input: $input) { id } }`,
      { input: { items: ['HY-BM-001'], purpose: '部门资源申请测试', justification: '测试' } },
      await as('transport'),
    );
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(r.errors?.[0].message).toMatch(/held outside the platform: request it from taxation/);
  });

  test('the open catalogue (Art. 23): open: true lists OPEN items only, open: false the others', async () => {
    const open = await resources('(open: true)');
    expect(open.length).toBeGreaterThan(0);
    expect(open.flatMap((r) => r.items).every((i: any) => i.openType === 'OPEN')).toBe(true);
    // A held-outside resource has no platform items: not in an item-filtered view.
    expect(await resources('(open: true, kind: DEPARTMENT)')).toEqual([]);
    const closed = await resources('(open: false, kind: BASE)');
    expect(closed.flatMap((r) => r.items).every((i: any) => i.openType !== 'OPEN')).toBe(true);
    const viaOpenType = await resources('(openType: OPEN)');
    expect(viaOpenType.map((r) => r.code)).toEqual(open.map((r) => r.code));
  });

  test('a resource computed on request names what it is computed from (it holds no records, so it is never overdue)', async () => {
    const profile = ok(await gql(`{ catalogResource(code: "HY-XY-003") { kind typeName computedFrom } }`)).catalogResource;
    expect(profile).toEqual({ kind: 'BASE', typeName: 'CreditProfile', computedFrom: 'CreditRecord' });
    expect(ok(await gql(`{ catalogResource(code: "HY-XY-001") { computedFrom } }`)).catalogResource.computedFrom).toBeNull();
  });

  test('each resource links to its 政府信息公开目录 entry where one exists, else null', async () => {
    const all = await resources();
    expect(all.find((r) => r.code === 'HY-FR-001')!.publicDisclosureUrl).toMatch(/^https:\/\//);
    expect(all.find((r) => r.code === 'HY-RK-001')!.publicDisclosureUrl).toBeNull();
  });
});
