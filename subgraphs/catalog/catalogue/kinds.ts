/**
 * The catalogue's four kinds (Art. 12, issue 10 item 2):
 * - BASE (基础信息资源目录): one resource per entity type of a base database, generated from the
 *   supergraph (catalogue.ts);
 * - THEMATIC (主题信息资源目录): a named composition of items from several base databases, built
 *   by a responsible agency (建设部门, e.g. 综合治税 by taxation); applying for it applies for its
 *   items (expandThematicItems);
 * - DEPARTMENT (部门信息资源目录): a department's resource, possibly held outside the platform
 *   (metadata only, `heldOutsidePlatform`);
 * - and the link to the 政府信息公开目录: `publicDisclosureUrl` on any resource, where an entry exists.
 * The open catalogue (开放目录, Art. 23) is the same catalogue filtered to OPEN items
 * (`catalogResources(open: true)`).
 * Thematic and department resources live in the governance database (catalog_composed_resource),
 * disclosure links in catalog_disclosure_link (migrations/catalog/…_catalogue_kinds).
 */
import { badUserInput } from '../../../platform/errors';
import type { OpenType, SharingType, UpdateCycle } from '../../../platform/policy/metadata';
import type { Query } from '../shared/sql';
import type { Catalogue, CatalogItemData, CatalogResourceData } from './catalogue';

/** A resource code (HY-ZT-001), as opposed to an item name (Type.field). */
const RESOURCE_CODE = /^[A-Z]+-[A-Z]+-\d+$/;

export const RESOURCE_KINDS = ['BASE', 'THEMATIC', 'DEPARTMENT'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** What the published view of a resource adds to its catalogue data. */
export interface ResourceEntry {
  kind: ResourceKind;
  data: CatalogResourceData;
  heldOutsidePlatform: boolean;
  publicDisclosureUrl: string | null;
  /** A resource without platform items (held outside) carries its declared classes. */
  declared?: { sharingType: SharingType; openType: OpenType };
  /** Items named by a thematic resource that the running catalogue does not have (never served, listed for the bureau). */
  missingItems: string[];
}

interface ComposedRow {
  code: string;
  kind: 'THEMATIC' | 'DEPARTMENT';
  name: string;
  summary: string;
  provider: string;
  update_cycle: string;
  items: string[];
  held_outside_platform: boolean;
  sharing_type: string;
  open_type: string;
}

async function composedRows(q: Query): Promise<ComposedRow[]> {
  return q<ComposedRow>(
    `SELECT code, kind, name, summary, provider, update_cycle, items, held_outside_platform, sharing_type, open_type
       FROM catalog_composed_resource ORDER BY code`,
  );
}

/** The register of thematic and department resources and the disclosure links, in one statement
 *  (a catalogue query costs a fixed number of statements). */
async function registerRows(q: Query): Promise<{ composed: ComposedRow[]; links: Map<string, string> }> {
  const [row] = await q<{ composed: ComposedRow[]; links: Record<string, string> }>(
    `SELECT (SELECT coalesce(json_agg(c ORDER BY c.code), '[]'::json) FROM
               (SELECT code, kind, name, summary, provider, update_cycle, items, held_outside_platform, sharing_type, open_type
                  FROM catalog_composed_resource) c) AS composed,
            (SELECT coalesce(json_object_agg(resource_code, url), '{}'::json) FROM catalog_disclosure_link) AS links`,
  );
  const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  return { composed: parse(row.composed), links: new Map(Object.entries(parse(row.links))) };
}

/** Every resource of every kind, base first (by code), then thematic and department ones. */
export async function catalogueEntries(q: Query, catalogue: Catalogue): Promise<ResourceEntry[]> {
  const { composed: rows, links } = await registerRows(q);
  const base: ResourceEntry[] = catalogue.resources.map((data) => ({
    kind: 'BASE',
    data,
    heldOutsidePlatform: false,
    publicDisclosureUrl: links.get(data.code) ?? null,
    missingItems: [],
  }));
  const composed = rows.map((row): ResourceEntry => {
    const items = row.items.map((n) => catalogue.items.get(n)).filter((i): i is CatalogItemData => !!i);
    return {
      kind: row.kind,
      data: {
        code: row.code,
        name: row.name,
        summary: row.summary,
        updateCycle: row.update_cycle as UpdateCycle,
        provider: row.provider,
        typeName: '',
        description: null,
        subgraph: '',
        computedFrom: null,
        items,
      },
      heldOutsidePlatform: row.held_outside_platform,
      publicDisclosureUrl: links.get(row.code) ?? null,
      declared: items.length ? undefined : { sharingType: row.sharing_type as SharingType, openType: row.open_type as OpenType },
      missingItems: row.items.filter((n) => !catalogue.items.has(n)),
    };
  });
  return [...base, ...composed];
}

/**
 * An application may name a thematic resource by its code: it stands for the theme's items
 * (applying for a theme applies for its items). A department resource held outside the platform
 * cannot be applied for here: it is requested from the department.
 */
export async function expandThematicItems(q: Query, items: string[] | null | undefined): Promise<string[]> {
  if (!items?.some((i) => RESOURCE_CODE.test(i.trim()))) return items ?? [];
  const rows = await composedRows(q);
  const out: string[] = [];
  for (const raw of items) {
    const name = raw.trim();
    const row = rows.find((r) => r.code === name);
    if (row?.kind === 'THEMATIC') out.push(...row.items);
    else if (row?.kind === 'DEPARTMENT') {
      throw badUserInput(`${name} is a department resource${row.held_outside_platform ? ' held outside the platform' : ''}: request it from ${row.provider}`, {
        argument: 'input.items',
        item: name,
      });
    } else out.push(name);
  }
  return out;
}
