/**
 * The sharing catalogue (Art. 12, 14) is generated from the composed supergraph: every resource
 * type's @resource and every field's @sharing, no second list. Browsing and search by provider,
 * sharing type, open type, level and keyword.
 */
import { Kind, StringValueNode, parse, print } from 'graphql';
import { countSql, gql } from '../support/client';
import { withDb } from '../support/db';
import { ok, refused } from './catalog-support';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

/** Composes in a child process: a synchronous composition here would block the event loop while
 *  the router closes idle keep-alive sockets, and the next request would meet a dead one. */
async function composeSupergraph(only?: string[]): Promise<string> {
  const script = `process.stdout.write(require('./dist/scripts/compose.js').composeSupergraph(${JSON.stringify(only)}))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '..', '..'), maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

const ITEM = `name resourceCode field description dataType valueKind sharingType sharingCondition sharingMethod openType openCondition level mask provider basis
  updateCycle publishedAt changedAt subgraph schemaCoordinate sandboxUrl`;
const RESOURCES = `query Catalogue($provider: String, $sharingType: SharingType, $openType: OpenType, $level: SensitivityLevel, $keyword: String) {
  catalogResources(provider: $provider, sharingType: $sharingType, openType: $openType, level: $level, keyword: $keyword) {
    code name summary provider updateCycle format sharingType openType typeName subgraph publishedAt itemCount sandboxUrl items { ${ITEM} } } }`;

async function catalogue(args: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return gql(RESOURCES, args, headers);
}

/** What the supergraph the platform runs declares, read independently of the catalog's code. */
function declared(sdl: string) {
  const out = new Map<string, Record<string, string | undefined>>();
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const type = def;
    if (!type.directives?.some((d) => d.name.value === 'resource')) continue;
    for (const f of type.fields ?? []) {
      const sharing = f.directives?.find((d) => d.name.value === 'sharing');
      if (!sharing) continue;
      const arg = (n: string) => (sharing.arguments?.find((a) => a.name.value === n)?.value as StringValueNode | undefined)?.value;
      out.set(`${type.name.value}.${f.name.value}`, {
        dataType: print(f.type),
        sharingType: arg('type'),
        openType: arg('open'),
        level: arg('level'),
        mask: arg('mask'),
        provider: arg('provider'),
        basis: arg('basis'),
      });
    }
  }
  return out;
}

describe('the catalogue is the supergraph’s policy metadata', () => {
  test('one item per field of every resource type, with exactly its declared metadata', async () => {
    const resources = ok(await catalogue()).catalogResources;
    const only = process.env.TEST_SUBGRAPHS ? [...new Set(['catalog', ...process.env.TEST_SUBGRAPHS.split(',')])] : undefined;
    const expected = declared(await composeSupergraph(only));
    const items = new Map<string, any>(resources.flatMap((r: any) => r.items.map((i: any) => [i.name, i])));
    expect([...items.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, meta] of expected) {
      const i = items.get(name);
      expect({
        dataType: i.dataType,
        sharingType: i.sharingType,
        openType: i.openType,
        level: i.level,
        mask: i.mask,
        provider: i.provider,
        basis: i.basis ?? undefined,
      }).toEqual(meta);
    }
    expect(resources.map((r: any) => r.code)).toEqual(expect.arrayContaining(['HY-RK-001', 'HY-RK-002', 'HY-FR-001', 'HY-PT-001', 'HY-PT-002']));
    for (const r of resources) expect(r.itemCount).toBe(r.items.length);
  }, 120_000);

  test('a resource carries the national cataloguing attributes', async () => {
    const person = ok(await catalogue()).catalogResources.find((r: any) => r.code === 'HY-RK-001');
    expect(person).toMatchObject({
      name: '人口基本信息',
      summary: '户籍人口的身份、户籍地址与状态',
      provider: 'public-security',
      updateCycle: 'DAILY',
      typeName: 'Person',
      subgraph: 'population',
      sharingType: 'CONDITIONAL',
      openType: 'CLOSED',
      format: expect.stringContaining('GraphQL'),
    });
    expect(Date.parse(person.publishedAt)).toBeLessThanOrEqual(Date.now());
    // The platform's own explorer, opened at the type (issue 14: no link into the internet).
    expect(person.sandboxUrl).toBe('http://localhost:4000/explorer/?type=Person');
    const name = person.items.find((i: any) => i.name === 'Person.name');
    expect(name).toMatchObject({
      resourceCode: 'HY-RK-001',
      field: 'name',
      description: '姓名',
      dataType: 'String',
      valueKind: 'SCALAR',
      sharingType: 'CONDITIONAL',
      openType: 'CLOSED',
      level: 'L2',
      mask: 'SURNAME',
      provider: 'public-security',
      basis: null,
      updateCycle: 'DAILY',
      subgraph: 'population',
      schemaCoordinate: 'Person.name',
      openCondition: expect.stringContaining('不予开放'),
      sharingMethod: expect.stringContaining('联机查询'),
    });
    expect(name.sharingCondition).toMatch(/^有条件共享：经市行政审批服务局会同提供部门（public-security）审核通过.*默认脱敏 SURNAME$/);
    const ethnicity = person.items.find((i: any) => i.name === 'Person.ethnicity');
    expect(ethnicity).toMatchObject({ sharingType: 'NONE', level: 'L4', basis: expect.stringMatching(/居民身份证法/) });
    expect(ethnicity.sharingCondition).toBe(`不予共享：${ethnicity.basis}`);
    // An item another subgraph adds to the type keeps its own provider and subgraph.
    expect(person.items.find((i: any) => i.name === 'Person.legalRepresentativeOf')).toMatchObject({
      provider: 'market-regulation',
      subgraph: 'legal-person',
      dataType: '[LegalPerson!]',
      valueKind: 'OBJECT',
      sharingType: 'UNCONDITIONAL',
    });
    const company = ok(await catalogue()).catalogResources.find((r: any) => r.code === 'HY-FR-001');
    expect(company).toMatchObject({ provider: 'market-regulation', openType: 'CONDITIONAL', sharingType: 'CONDITIONAL' });
    expect(company.items.find((i: any) => i.name === 'LegalPerson.name')).toMatchObject({
      openType: 'OPEN',
      openCondition: expect.stringContaining('无条件开放'),
      dataType: 'String!',
    });
    expect(company.items.find((i: any) => i.name === 'LegalPerson.status')).toMatchObject({ valueKind: 'ENUM' });
  });

  test('publication dates are recorded once per item', async () => {
    const rows = await withDb(
      'catalog',
      async (c) => (await c.query(`SELECT item, first_published_at FROM catalog_publication WHERE withdrawn_at IS NULL`)).rows,
    );
    const items = ok(await catalogue()).catalogResources.flatMap((r: any) => r.items);
    expect(rows.length).toBe(items.length);
    const byItem = new Map(rows.map((r) => [r.item, new Date(r.first_published_at).toISOString()]));
    for (const i of items) expect(i.publishedAt).toBe(byItem.get(i.name));
  });

  test('the catalogue is published: no token needed, and one item is found by name', async () => {
    const r = ok(
      await gql(`{ catalogItem(name: "Household.members") { name dataType sharingType provider } catalogResource(code: "HY-FR-001") { typeName itemCount } }`),
    );
    expect(r.catalogItem).toEqual({ name: 'Household.members', dataType: '[Person!]', sharingType: 'CONDITIONAL', provider: 'public-security' });
    expect(r.catalogResource.typeName).toBe('LegalPerson');
    expect(ok(await gql(`{ catalogItem(name: "Person.shoeSize") { name } }`)).catalogItem).toBeNull();
  });

  test('a catalogue query costs a fixed number of SQL statements', async () => {
    const { result, statements } = await countSql(() => catalogue());
    expect(result.errors).toBeUndefined();
    expect(statements).toBeLessThanOrEqual(2);
  });
});

describe('browsing and searching', () => {
  const items = (resources: any[]) => resources.flatMap((r: any) => r.items);

  test('by provider: every item it provides, in whichever resource', async () => {
    const resources = ok(await catalogue({ provider: 'market-regulation' })).catalogResources;
    expect(resources.map((r: any) => r.code)).toEqual(expect.arrayContaining(['HY-FR-001', 'HY-RK-001']));
    expect(items(resources).every((i: any) => i.provider === 'market-regulation')).toBe(true);
    expect(resources.find((r: any) => r.code === 'HY-RK-001').items.map((i: any) => i.name)).toEqual(['Person.legalRepresentativeOf']);
    expect(ok(await catalogue({ provider: 'finance-bank' })).catalogResources).toEqual([]);
  });

  test('by sharing type, open type and level', async () => {
    const none = items(ok(await catalogue({ sharingType: 'NONE' })).catalogResources);
    expect(none.map((i: any) => i.name)).toEqual(expect.arrayContaining(['Person.ethnicity', 'LegalPerson.employeeCount', 'LegalPerson.totalAssets']));
    expect(none.every((i: any) => i.sharingType === 'NONE' && i.basis)).toBe(true);
    const open = items(ok(await catalogue({ openType: 'OPEN', provider: 'market-regulation' })).catalogResources);
    expect(open.map((i: any) => i.name)).toEqual(expect.arrayContaining(['LegalPerson.name', 'LegalPerson.uscc', 'LegalPerson.status']));
    expect(open.map((i: any) => i.name)).not.toContain('LegalPerson.contactPhone');
    const l4 = items(ok(await catalogue({ level: 'L4', provider: 'public-security' })).catalogResources);
    expect(l4.map((i: any) => i.name)).toContain('Person.ethnicity');
    expect(l4.every((i: any) => i.level === 'L4' && i.provider === 'public-security')).toBe(true);
    const combined = items(ok(await catalogue({ sharingType: 'CONDITIONAL', level: 'L3', provider: 'public-security' })).catalogResources);
    const population = combined.filter((i: any) => !/^(IdCard|DrivingLicense)(Change)?\./.test(i.name));
    // Issue 11: who changed a record, and its old values, are the provider's (conditional, L3).
    const changeLog = ['agency', 'oldValues', 'operator'].flatMap((f) => [`HouseholdChange.${f}`, `PersonChange.${f}`]);
    expect(population.map((i: any) => i.name).sort()).toEqual(
      ['Household.address', 'Person.householdAddress', 'Person.idNumber', 'Person.phone', ...changeLog].sort(),
    );
    // Public security also provides the ID card and driving licence resources of 电子证照库 (issue 8: hosting is not owning).
    // Their change histories too (HY-ZZ-201, HY-ZZ-202): who changed a licence and its old values.
    expect(combined.filter((i: any) => /^(IdCard|DrivingLicense)(Change)?\./.test(i.name)).map((i: any) => i.name)).toEqual(
      expect.arrayContaining(['IdCard.idNumber', 'IdCard.address', 'DrivingLicense.idNumber', 'IdCardChange.oldValues', 'DrivingLicenseChange.operator']),
    );
  });

  test('by keyword, in resource names and codes and in item names and descriptions', async () => {
    const byResource = ok(await catalogue({ keyword: '户籍户' })).catalogResources;
    expect(byResource.map((r: any) => r.code)).toEqual(['HY-RK-002']);
    expect(byResource[0].items).toHaveLength(byResource[0].itemCount);
    // HY-FR-002: the legal-person change history (issue 11).
    expect(ok(await catalogue({ keyword: 'hy-fr' })).catalogResources.map((r: any) => r.code)).toEqual(['HY-FR-001', 'HY-FR-002']);
    // '户籍地址' is in the summaries of both population resources: all their items.
    const byResources = ok(await catalogue({ keyword: '户籍地址' })).catalogResources;
    expect(byResources.map((r: any) => r.code).sort()).toEqual(['HY-RK-001', 'HY-RK-002']);
    expect(items(byResources)).toHaveLength(byResources.reduce((s: number, r: any) => s + r.itemCount, 0));
    // '联系电话' only in an item's description: that item alone.
    expect(items(ok(await catalogue({ keyword: '联系电话' })).catalogResources).map((i: any) => i.name)).toEqual(['LegalPerson.contactPhone']);
    expect(ok(await catalogue({ keyword: 'Person.phone' })).catalogResources.flatMap((r: any) => r.items.map((i: any) => i.name))).toEqual(['Person.phone']);
  });

  test('bad arguments are BAD_USER_INPUT naming them', async () => {
    expect(refused(await catalogue({ provider: 'nobody' }), 'BAD_USER_INPUT').extensions?.argument).toBe('provider');
    expect(refused(await catalogue({ keyword: '  ' }), 'BAD_USER_INPUT').extensions?.argument).toBe('keyword');
    expect(refused(await catalogue({ keyword: 'x'.repeat(101) }), 'BAD_USER_INPUT').extensions?.argument).toBe('keyword');
    const badEnum = await catalogue({ sharingType: 'SOMETIMES' });
    expect(badEnum.data?.catalogResources ?? null).toBeNull();
    expect(badEnum.errors?.[0].message).toMatch(/SOMETIMES/);
  });
});
