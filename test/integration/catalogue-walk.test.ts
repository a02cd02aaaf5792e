/**
 * The whole catalogue (issue 10, item 1): every field with @sharing of every base database is an
 * item of `catalogResources`; every CONDITIONAL item can be applied for (one application per
 * provider with all its items) and every NONE item objected to. No "not in the sharing catalogue"
 * refusal anywhere.
 */
import * as fs from 'node:fs';
import { Kind, parse } from 'graphql';
import { gql } from '../support/client';
import { as, ok } from './catalog-support';

// Agencies no other test uses as applicant or objector, so the walk's applications change no other test's counts.
const APPLICANT = 'transport';
const OBJECTOR = 'health';
// A third agency applies for the applicant's own items (a provider reads its own items without a grant).
const OTHER = 'human-resources';
const PURPOSE = '目录遍历：逐项验证可申请';

interface Item {
  name: string;
  sharingType: string;
  provider: string;
}

async function catalogue(): Promise<Item[]> {
  const data = ok<{ catalogResources: { items: Item[] }[] }>(
    await gql(`{ catalogResources { code items { name sharingType provider } } }`, {}, await as(APPLICANT)),
  );
  // Thematic resources list base items again: each item once.
  return [...new Map(data.catalogResources.flatMap((r) => r.items).map((i) => [i.name, i] as const)).values()];
}

/** Fields with @sharing of the base databases' non-root types in the supergraph the platform runs. */
function baseDatabaseFields(): string[] {
  const doc = parse(fs.readFileSync(process.env.SUPERGRAPH_PATH || 'schema/supergraph.graphql', 'utf8'));
  const out: string[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION || ['Query', 'Mutation'].includes(def.name.value)) continue;
    const graphs = (def.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map((d) => d.arguments?.find((a) => a.name.value === 'graph')?.value)
      .map((v) => (v && v.kind === Kind.ENUM ? v.value : ''));
    if (graphs.length === 1 && graphs[0] === 'CATALOG') continue; // the governance subgraph's own registers
    for (const f of def.fields ?? []) if (f.directives?.some((d) => d.name.value === 'sharing')) out.push(`${def.name.value}.${f.name.value}`);
  }
  return out.sort();
}

const notInCatalogue = (r: { errors?: { message: string }[] }) => (r.errors ?? []).filter((e) => /not in the sharing catalogue/.test(e.message));

describe('the whole catalogue', () => {
  let items: Item[];
  beforeAll(async () => {
    items = await catalogue();
  });

  test('every @sharing field of every base database is a catalogue item', () => {
    const names = new Set(items.map((i) => i.name));
    const missing = baseDatabaseFields().filter((f) => !names.has(f));
    expect(missing).toEqual([]);
    // The geospatial base database, the credit profile and the licence catalogue are in it (they were not).
    for (const i of ['Address.text', 'LandParcel.holderPerson', 'AdministrativeDivision.name', 'CreditProfile.rating', 'LicenseType.name'])
      expect(names).toContain(i);
  });

  test('every CONDITIONAL item can be applied for: one application per provider with all its items', async () => {
    const byProvider = new Map<string, string[]>();
    for (const i of items.filter((x) => x.sharingType === 'CONDITIONAL')) byProvider.set(i.provider, [...(byProvider.get(i.provider) ?? []), i.name]);
    expect(byProvider.size).toBeGreaterThan(3);
    const answers = await Promise.all(
      [...byProvider.entries()].map(async ([provider, names]) => ({
        provider,
        names,
        r: await gql(
          `mutation($input: SharingApplicationInput!) { submitSharingApplication(input: $input) { id status conditionalItems } }`,
          { input: { items: names, purpose: PURPOSE, justification: '逐项验证目录中每一有条件共享信息项均可申请' } },
          await as(provider === APPLICANT ? OTHER : APPLICANT),
        ),
      })),
    );
    for (const { provider, names, r } of answers) {
      expect(notInCatalogue(r)).toEqual([]);
      const app = ok<{ submitSharingApplication: { status: string; conditionalItems: string[] } }>(r).submitSharingApplication;
      expect({ provider, status: app.status, items: app.conditionalItems }).toEqual({ provider, status: 'UNDER_REVIEW', items: [...names].sort() });
    }
  });

  test('every NONE item can be objected to', async () => {
    const none = items.filter((x) => x.sharingType === 'NONE');
    expect(none.length).toBeGreaterThan(3);
    const answers = await Promise.all(
      none.map(async ({ name: item, provider }) => ({
        item,
        r: await gql(
          `mutation($input: NonSharingObjectionInput!) { objectToNonSharing(input: $input) { id item status } }`,
          { input: { item, purpose: PURPOSE, justification: '逐项验证目录中每一不予共享信息项均可提出异议' } },
          await as(provider === OBJECTOR ? OTHER : OBJECTOR),
        ),
      })),
    );
    for (const { item, r } of answers) {
      expect(notInCatalogue(r)).toEqual([]);
      // Another test may already hold a pending objection by the same agency: that too proves the item is objectable.
      const others = (r.errors ?? []).filter((e) => !/already has a pending objection/.test(e.message));
      expect({ item, errors: others }).toEqual({ item, errors: [] });
    }
  });
});
