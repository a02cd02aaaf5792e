/**
 * The sharing catalogue (目录, Art. 12, 14) generated from the composed supergraph: one resource per
 * entity type that carries `@resource`, one item per field with its `@sharing`. Nothing here is a
 * second list: the catalogue is whatever the subgraphs declared beside their fields, as composed.
 * The supergraph is read from SUPERGRAPH_PATH (set by the launcher when it composes a subset) or
 * schema/supergraph.graphql, and re-read when the file changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { plainDescription } from '../../../platform/policy/describe';
import { ConstDirectiveNode, DocumentNode, FieldDefinitionNode, Kind, TypeNode, parse, print } from 'graphql';
import { repoRoot } from '../../../platform/config';
import { setting } from '../../../platform/settings/read';
import type { FieldPolicy, OpenType, SensitivityLevel, SharingType, UpdateCycle } from '../../../platform/policy/metadata';
import { activeRegister, type RegisterStore } from '../../../platform/policy/register';

export interface CatalogItemData {
  /** `Type.field`, as in the supergraph (the schema coordinate). */
  name: string;
  typeName: string;
  field: string;
  description: string | null;
  /** The field's GraphQL type as in the supergraph, e.g. `String`, `[Person!]`. */
  dataType: string;
  /** SCALAR, ENUM or OBJECT (a link to another resource), after unwrapping lists. */
  valueKind: 'SCALAR' | 'ENUM' | 'OBJECT';
  list: boolean;
  sharingType: SharingType;
  openType: OpenType;
  level: SensitivityLevel;
  mask: string;
  provider: string;
  basis: string | null;
  /** Subgraph that serves the field. */
  subgraph: string;
  resourceCode: string;
  updateCycle: UpdateCycle;
  /** Conditions of sharing the bureau published for this item (Art. 15); null: the standard sentence. */
  conditions: string | null;
  /** The item's version in the catalogue register; null when it is not registered (yet). */
  registerVersion: number | null;
}

export interface CatalogResourceData {
  code: string;
  name: string;
  summary: string;
  updateCycle: UpdateCycle;
  provider: string;
  typeName: string;
  description: string | null;
  /** The subgraph that owns the entity (serves most of its fields). */
  subgraph: string;
  /** Computed on request (or reference data), from what: no records of its own (@resource computedFrom). */
  computedFrom: string | null;
  items: CatalogItemData[];
}

export interface Catalogue {
  resources: CatalogResourceData[];
  items: Map<string, CatalogItemData>;
  /** Changes whenever any item's metadata changes (publication dates are tracked by it). */
  fingerprint: string;
  source: string;
}

const stringArg = (d: ConstDirectiveNode, name: string): string | undefined => {
  const a = d.arguments?.find((x) => x.name.value === name);
  return a && a.value.kind === Kind.STRING ? a.value.value : undefined;
};
const enumArg = (d: ConstDirectiveNode, name: string): string | undefined => {
  const a = d.arguments?.find((x) => x.name.value === name);
  return a && a.value.kind === Kind.ENUM ? a.value.value : undefined;
};
const directives = (node: { directives?: readonly ConstDirectiveNode[] }, name: string) => (node.directives ?? []).filter((d) => d.name.value === name);

function namedType(t: TypeNode): { name: string; list: boolean } {
  let list = false;
  let cur = t;
  while (cur.kind !== Kind.NAMED_TYPE) {
    if (cur.kind === Kind.LIST_TYPE) list = true;
    cur = cur.type;
  }
  return { name: cur.name.value, list };
}

const BUILT_IN_SCALARS = new Set(['String', 'ID', 'Int', 'Float', 'Boolean']);

/** Builds the catalogue from supergraph SDL. Pure. */
export function buildCatalogue(sdl: string | DocumentNode, source = 'supergraph'): Catalogue {
  const doc = typeof sdl === 'string' ? parse(sdl) : sdl;
  const graphNames = new Map<string, string>();
  const kinds = new Map<string, 'SCALAR' | 'ENUM' | 'OBJECT'>();
  for (const def of doc.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
      kinds.set(def.name.value, 'ENUM');
      if (def.name.value === 'join__Graph') {
        for (const v of def.values ?? []) {
          const g = directives(v, 'join__graph')[0];
          if (g) graphNames.set(v.name.value, stringArg(g, 'name') ?? v.name.value.toLowerCase());
        }
      }
    } else if (def.kind === Kind.SCALAR_TYPE_DEFINITION) kinds.set(def.name.value, 'SCALAR');
    else if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_DEFINITION || def.kind === Kind.UNION_TYPE_DEFINITION) {
      kinds.set(def.name.value, 'OBJECT');
    }
  }

  const resources: CatalogResourceData[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const type = def;
    const res = directives(type, 'resource')[0];
    if (!res) continue;
    const typeGraphs = directives(type, 'join__type')
      .map((d) => enumArg(d, 'graph')!)
      .filter(Boolean);
    /** Graphs that resolve a field: those its @join__field names (not as external), else all the type's. */
    const explicitGraphs = (f: FieldDefinitionNode): string[] =>
      directives(f, 'join__field')
        .filter((d) => !(d.arguments ?? []).some((a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value))
        .map((d) => enumArg(d, 'graph'))
        .filter((g): g is string => !!g);
    const fieldGraphs = (f: FieldDefinitionNode): string[] => {
      const named = explicitGraphs(f);
      return named.length ? named : typeGraphs;
    };
    const served = new Map<string, number>();
    for (const f of type.fields ?? []) for (const g of fieldGraphs(f)) served.set(g, (served.get(g) ?? 0) + 1);
    const ownerGraph = [...served.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? typeGraphs[0];
    const graphName = (g: string | undefined) => (g ? (graphNames.get(g) ?? g.toLowerCase()) : 'unknown');

    const resource: CatalogResourceData = {
      code: stringArg(res, 'code')!,
      name: stringArg(res, 'name')!,
      summary: stringArg(res, 'summary') ?? '',
      updateCycle: stringArg(res, 'updateCycle') as UpdateCycle,
      provider: stringArg(res, 'provider')!,
      typeName: type.name.value,
      description: type.description?.value ?? null,
      subgraph: graphName(ownerGraph),
      computedFrom: stringArg(res, 'computedFrom') ?? null,
      items: [],
    };
    for (const f of type.fields ?? []) {
      const sharing = directives(f, 'sharing')[0];
      if (!sharing) continue;
      const { name: base, list } = namedType(f.type);
      const policy: FieldPolicy = {
        type: stringArg(sharing, 'type') as SharingType,
        open: stringArg(sharing, 'open') as OpenType,
        level: stringArg(sharing, 'level') as SensitivityLevel,
        mask: stringArg(sharing, 'mask') ?? 'FULL',
        provider: stringArg(sharing, 'provider')!,
        basis: stringArg(sharing, 'basis'),
      };
      resource.items.push({
        name: `${type.name.value}.${f.name.value}`,
        typeName: type.name.value,
        field: f.name.value,
        // The schema's sharing line (platform/policy/describe.ts) is the catalogue's own columns.
        description: plainDescription(f.description?.value),
        dataType: print(f.type),
        valueKind: BUILT_IN_SCALARS.has(base) ? 'SCALAR' : (kinds.get(base) ?? 'OBJECT'),
        list,
        sharingType: policy.type,
        openType: policy.open,
        level: policy.level,
        mask: policy.mask ?? 'FULL',
        provider: policy.provider,
        basis: policy.basis ?? null,
        subgraph: graphName(explicitGraphs(f)[0] ?? ownerGraph),
        resourceCode: resource.code,
        updateCycle: resource.updateCycle,
        conditions: null,
        registerVersion: null,
      });
    }
    resources.push(resource);
  }
  resources.sort((a, b) => a.code.localeCompare(b.code));
  const items = new Map(resources.flatMap((r) => r.items.map((i) => [i.name, i] as const)));
  return { resources, items, fingerprint: fingerprintOf(resources), source };
}

/** The metadata of an item that, when it changes, is a new publication of it. */
export function itemFingerprint(i: CatalogItemData): string {
  // Published conditions count only once set, so that items without them keep their earlier fingerprint (and publication date).
  return [i.sharingType, i.openType, i.level, i.mask, i.provider, i.basis ?? '', i.dataType, i.resourceCode, ...(i.conditions ? [i.conditions] : [])].join('|');
}

function fingerprintOf(resources: CatalogResourceData[]): string {
  const h = createHash('sha256');
  for (const r of resources) {
    h.update(`${r.code}|${r.name}|${r.summary}|${r.updateCycle}|${r.provider}|${r.computedFrom ?? ''}\n`);
    for (const i of r.items) h.update(`${i.name}|${itemFingerprint(i)}\n`);
  }
  return h.digest('hex');
}

/** Resource-level classes: UNCONDITIONAL (or OPEN) only when every item is; NONE (CLOSED) only
 *  when every item is; otherwise CONDITIONAL, the resource being shared (opened) in part. */
export function resourceSharingType(r: CatalogResourceData): SharingType {
  const types = new Set(r.items.map((i) => i.sharingType));
  if (types.size === 1) return [...types][0];
  return 'CONDITIONAL';
}
export function resourceOpenType(r: CatalogResourceData): OpenType {
  const types = new Set(r.items.map((i) => i.openType));
  if (types.size === 1) return [...types][0];
  return 'CONDITIONAL';
}

export function supergraphFile(): string {
  return path.resolve(repoRoot, setting('SUPERGRAPH_PATH'));
}

let cached: { file: string; mtimeMs: number; size: number; catalogue: Catalogue } | undefined;
let overlaid: { base: Catalogue; register: RegisterStore; generation: number; catalogue: Catalogue } | undefined;

/**
 * The catalogue of the supergraph the platform runs (re-read when the file changes), as the
 * catalogue register has it (issue 10): each item's effective policy and published conditions,
 * each resource's metadata, by the same rule as the shield's (platform/policy/register.ts).
 */
export function currentCatalogue(): Catalogue {
  const file = supergraphFile();
  const stat = fs.statSync(file);
  if (!cached || cached.file !== file || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
    cached = { file, mtimeMs: stat.mtimeMs, size: stat.size, catalogue: buildCatalogue(fs.readFileSync(file, 'utf8'), file) };
  }
  const register = activeRegister();
  if (!register?.isLoaded) return cached.catalogue;
  if (!overlaid || overlaid.base !== cached.catalogue || overlaid.register !== register || overlaid.generation !== register.generation) {
    overlaid = { base: cached.catalogue, register, generation: register.generation, catalogue: withRegister(cached.catalogue, register) };
  }
  return overlaid.catalogue;
}

/** The catalogue with the register's entries laid over the code's declarations. Pure but for the store's reads. */
export function withRegister(base: Catalogue, register: RegisterStore): Catalogue {
  const resources = base.resources.map((r) => {
    const meta = register.resource(r.code);
    const updateCycle = meta?.updateCycle ?? r.updateCycle;
    const items = r.items.map((i): CatalogItemData => {
      const entry = register.item(i.name);
      if (!entry) return { ...i, updateCycle };
      const code: FieldPolicy = { type: i.sharingType, open: i.openType, level: i.level, mask: i.mask, provider: i.provider, basis: i.basis ?? undefined };
      const p = register.effective(i.name, code);
      return {
        ...i,
        updateCycle,
        sharingType: p.type,
        openType: p.open,
        level: p.level,
        mask: p.mask ?? 'FULL',
        basis: p.basis ?? null,
        conditions: entry.conditions,
        registerVersion: entry.version,
      };
    });
    return { ...r, name: meta?.name ?? r.name, summary: meta?.summary ?? r.summary, updateCycle, items };
  });
  const items = new Map(resources.flatMap((r) => r.items.map((i) => [i.name, i] as const)));
  return { resources, items, fingerprint: fingerprintOf(resources), source: base.source };
}

/** Providers (agency codes) of a set of items. */
export function providersOf(catalogue: Catalogue, items: Iterable<string>): string[] {
  return [...new Set([...items].map((i) => catalogue.items.get(i)?.provider).filter((p): p is string => !!p))].sort();
}
