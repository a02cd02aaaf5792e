/**
 * The catalogue register (issue 10, item 3): per item its effective policy and published conditions
 * of sharing, per resource its metadata, each versioned (`register_item_version`,
 * `register_resource_version`: append-only, a trigger refuses UPDATE and DELETE). Every subgraph
 * seeds it from its code's declarations at boot (`syncDeclarations`); the bureau changes it through
 * the catalog's mutations. A change notifies `catalogue_register_changed` (a trigger), on which
 * every subgraph reloads it (platform/policy/register.ts).
 */
import { pgArray, type Sql } from '../db/sql';
import type { OpenType, SensitivityLevel, SharingType, UpdateCycle } from '../policy/metadata';
import { ATTRIBUTES, compareAttribute, type Attribute, type Classification } from '../policy/strictness';

export const REGISTER_CHANGED_CHANNEL = 'catalogue_register_changed';

export interface RegisterItemEntry extends Classification {
  item: string;
  provider: string;
  /** Conditions of sharing published for this item (Art. 15); null: the catalogue's standard sentence. */
  conditions: string | null;
  /** The code's declaration the register last saw. */
  declared: Classification;
  version: number;
  changedAt: Date;
}

export interface ResourceMeta {
  name: string;
  summary: string;
  updateCycle: UpdateCycle;
}

export interface RegisterResourceEntry extends ResourceMeta {
  code: string;
  provider: string;
  declared: ResourceMeta;
  version: number;
  changedAt: Date;
}

/** Who made a change: an agency's operator, or a release (`release:<subgraph>`) of the provider. */
export interface Author {
  agency: string;
  operator: string | null;
}

export interface ItemVersion extends Classification {
  item: string;
  version: number;
  conditions: string | null;
  authorAgency: string;
  authorOperator: string | null;
  reason: string;
  objectionId: string | null;
  changedAt: Date;
}

export interface ResourceVersion extends ResourceMeta {
  code: string;
  version: number;
  authorAgency: string;
  authorOperator: string | null;
  reason: string;
  changedAt: Date;
}

interface ItemRow {
  item: string;
  provider: string;
  sharing_type: SharingType;
  open_type: OpenType;
  level: SensitivityLevel;
  mask: string;
  basis: string | null;
  conditions: string | null;
  declared: Classification;
  version: number;
  changed_at: Date;
}

interface ResourceRow {
  code: string;
  provider: string;
  name: string;
  summary: string;
  update_cycle: UpdateCycle;
  declared: ResourceMeta;
  version: number;
  changed_at: Date;
}

const itemOf = (r: ItemRow): RegisterItemEntry => ({
  item: r.item,
  provider: r.provider,
  type: r.sharing_type,
  open: r.open_type,
  level: r.level,
  mask: r.mask,
  basis: r.basis,
  conditions: r.conditions,
  declared: r.declared,
  version: r.version,
  changedAt: r.changed_at,
});

const resourceOf = (r: ResourceRow): RegisterResourceEntry => ({
  code: r.code,
  provider: r.provider,
  name: r.name,
  summary: r.summary,
  updateCycle: r.update_cycle,
  declared: r.declared,
  version: r.version,
  changedAt: r.changed_at,
});

export async function loadRegister(sql: Sql): Promise<{ items: Map<string, RegisterItemEntry>; resources: Map<string, RegisterResourceEntry> }> {
  const [items, resources] = await Promise.all([sql<ItemRow>(`SELECT * FROM register_item`), sql<ResourceRow>(`SELECT * FROM register_resource`)]);
  return {
    items: new Map(items.map((r) => [r.item, itemOf(r)] as const)),
    resources: new Map(resources.map((r) => [r.code, resourceOf(r)] as const)),
  };
}

/** The item's entry, locked for a change in the caller's transaction; null when not registered. */
export async function lockRegisterItem(sql: Sql, item: string): Promise<RegisterItemEntry | null> {
  const [row] = await sql<ItemRow>(`SELECT * FROM register_item WHERE item = ? FOR UPDATE`, [item]);
  return row ? itemOf(row) : null;
}

export async function lockRegisterResource(sql: Sql, code: string): Promise<RegisterResourceEntry | null> {
  const [row] = await sql<ResourceRow>(`SELECT * FROM register_resource WHERE code = ? FOR UPDATE`, [code]);
  return row ? resourceOf(row) : null;
}

export interface ItemChange extends Classification {
  conditions: string | null;
}

/** Writes a new version of a registered item (lock it first); returns the version number. */
export async function writeItemVersion(
  sql: Sql,
  current: RegisterItemEntry,
  next: ItemChange,
  author: Author,
  reason: string,
  objectionId?: string,
): Promise<number> {
  const version = current.version + 1;
  await sql(
    `UPDATE register_item SET sharing_type = ?, open_type = ?, level = ?, mask = ?, basis = ?, conditions = ?, version = ?, changed_at = clock_timestamp() WHERE item = ?`,
    [next.type, next.open, next.level, next.mask, next.basis, next.conditions, version, current.item],
  );
  await insertItemVersion(sql, current.item, version, next, author, reason, objectionId ?? null);
  return version;
}

function insertItemVersion(sql: Sql, item: string, version: number, c: ItemChange, author: Author, reason: string, objectionId: string | null) {
  return sql(
    `INSERT INTO register_item_version (item, version, sharing_type, open_type, level, mask, basis, conditions, author_agency, author_operator, reason, objection_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [item, version, c.type, c.open, c.level, c.mask, c.basis, c.conditions, author.agency, author.operator, reason, objectionId],
  );
}

/** Writes a new version of a registered resource's metadata (lock it first). */
export async function writeResourceVersion(sql: Sql, current: RegisterResourceEntry, next: ResourceMeta, author: Author, reason: string): Promise<number> {
  const version = current.version + 1;
  await sql(`UPDATE register_resource SET name = ?, summary = ?, update_cycle = ?, version = ?, changed_at = clock_timestamp() WHERE code = ?`, [
    next.name,
    next.summary,
    next.updateCycle,
    version,
    current.code,
  ]);
  await insertResourceVersion(sql, current.code, version, next, author, reason);
  return version;
}

function insertResourceVersion(sql: Sql, code: string, version: number, m: ResourceMeta, author: Author, reason: string) {
  return sql(
    `INSERT INTO register_resource_version (code, version, name, summary, update_cycle, author_agency, author_operator, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [code, version, m.name, m.summary, m.updateCycle, author.agency, author.operator, reason],
  );
}

const ITEM_VERSION_COLUMNS = `item, version, sharing_type AS type, open_type AS open, level, mask, basis, conditions, author_agency AS "authorAgency",
  author_operator AS "authorOperator", reason, objection_id AS "objectionId", changed_at AS "changedAt"`;

/** An item's versions, newest first. */
export function itemHistory(sql: Sql, item: string): Promise<ItemVersion[]> {
  return sql<ItemVersion>(`SELECT ${ITEM_VERSION_COLUMNS} FROM register_item_version WHERE item = ? ORDER BY version DESC`, [item]);
}

/** A resource's versions, newest first. */
export function resourceHistory(sql: Sql, code: string): Promise<ResourceVersion[]> {
  return sql<ResourceVersion>(
    `SELECT code, version, name, summary, update_cycle AS "updateCycle", author_agency AS "authorAgency", author_operator AS "authorOperator", reason,
            changed_at AS "changedAt" FROM register_resource_version WHERE code = ? ORDER BY version DESC`,
    [code],
  );
}

// ---- Seeding and releases ------------------------------------------------------------------

export interface DeclaredItem extends Classification {
  item: string;
  provider: string;
}

export interface DeclaredResource extends ResourceMeta {
  code: string;
  provider: string;
}

export interface SyncReport {
  initialised: string[];
  /** Items (and the attributes) a release's stricter code tightened. */
  tightened: { item: string; attributes: Attribute[] }[];
  /** Items whose code is now looser than the register in some attribute: the register kept its value. */
  keptStricter: { item: string; attributes: Attribute[] }[];
  resourcesInitialised: string[];
  resourcesUpdated: string[];
}

const sameClassification = (a: Classification, b: Classification) => ATTRIBUTES.every((k) => a[k] === b[k]) && (a.basis ?? null) === (b.basis ?? null);

/**
 * Brings the register in line with a release's declarations (one subgraph's), in one transaction
 * that the caller opens. An item or resource not yet registered is initialised from its
 * declaration. For a registered one, only what the code CHANGED since the register last saw it
 * counts (so that a restart does not undo a review's loosening): per attribute, a changed
 * declaration that is stricter than the register (or a mask not comparable with it) is taken as a
 * new version whose reason says so; a looser one leaves the register as it is. Resource metadata
 * the code changed is taken where the register still holds the previous declaration (the bureau's
 * own edits win).
 */
export async function syncDeclarations(sql: Sql, items: DeclaredItem[], resources: DeclaredResource[], author: Author): Promise<SyncReport> {
  const report: SyncReport = { initialised: [], tightened: [], keptStricter: [], resourcesInitialised: [], resourcesUpdated: [] };
  // Two subgraphs starting together may declare the same item (an entity's key): one at a time.
  await sql(`SELECT pg_advisory_xact_lock(hashtext('catalogue_register_sync'))`);
  const existing = (await loadRegister(sql)).items;
  for (const d of items) {
    const declared: Classification = { type: d.type, open: d.open, level: d.level, mask: d.mask, basis: d.basis };
    const r = existing.get(d.item);
    if (!r) {
      await sql(
        `INSERT INTO register_item (item, provider, sharing_type, open_type, level, mask, basis, declared, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 1)`,
        [d.item, d.provider, d.type, d.open, d.level, d.mask, d.basis, JSON.stringify(declared)],
      );
      await insertItemVersion(
        sql,
        d.item,
        1,
        { ...declared, conditions: null },
        author,
        `initialised from the code's declaration (${author.operator ?? 'release'})`,
        null,
      );
      report.initialised.push(d.item);
      continue;
    }
    if (sameClassification(r.declared, declared) && r.provider === d.provider) continue;
    const next: ItemChange = { type: r.type, open: r.open, level: r.level, mask: r.mask, basis: r.basis, conditions: r.conditions };
    const taken: Attribute[] = [];
    const kept: Attribute[] = [];
    for (const k of ATTRIBUTES) {
      if (declared[k] === r.declared[k]) continue; // the code did not change this attribute
      const c = compareAttribute(k, declared, r);
      if (c === 'STRICTER' || c === 'INCOMPARABLE') {
        (next as unknown as Record<Attribute, string>)[k] = declared[k];
        taken.push(k);
      } else if (c === 'LOOSER') kept.push(k);
    }
    if (taken.includes('type')) next.basis = declared.basis;
    if (next.type === 'NONE') {
      next.open = 'CLOSED';
      next.basis ??= declared.basis ?? r.declared.basis;
    }
    await sql(`UPDATE register_item SET declared = ?::jsonb, provider = ? WHERE item = ?`, [JSON.stringify(declared), d.provider, d.item]);
    if (taken.length) {
      const what = taken.map((k) => `${k} ${r[k]} → ${declared[k]}`).join(', ');
      await writeItemVersion(
        sql,
        r,
        next,
        author,
        `a release (${author.operator ?? 'code'}) declares a stricter policy than the register (${what}): the stricter value wins`,
      );
      report.tightened.push({ item: d.item, attributes: taken });
    }
    if (kept.length) report.keptStricter.push({ item: d.item, attributes: kept });
  }
  const registered = (await loadRegister(sql)).resources;
  for (const d of resources) {
    const declared: ResourceMeta = { name: d.name, summary: d.summary, updateCycle: d.updateCycle };
    const r = registered.get(d.code);
    if (!r) {
      await sql(`INSERT INTO register_resource (code, provider, name, summary, update_cycle, declared, version) VALUES (?, ?, ?, ?, ?, ?::jsonb, 1)`, [
        d.code,
        d.provider,
        d.name,
        d.summary,
        d.updateCycle,
        JSON.stringify(declared),
      ]);
      await insertResourceVersion(sql, d.code, 1, declared, author, `initialised from the code's declaration (${author.operator ?? 'release'})`);
      report.resourcesInitialised.push(d.code);
      continue;
    }
    const keys = ['name', 'summary', 'updateCycle'] as const;
    if (keys.every((k) => r.declared[k] === declared[k]) && r.provider === d.provider) continue;
    const next: ResourceMeta = { name: r.name, summary: r.summary, updateCycle: r.updateCycle };
    const changed = keys.filter((k) => r.declared[k] !== declared[k] && r[k] === r.declared[k]);
    for (const k of changed) (next as unknown as Record<string, string>)[k] = declared[k];
    await sql(`UPDATE register_resource SET declared = ?::jsonb, provider = ? WHERE code = ?`, [JSON.stringify(declared), d.provider, d.code]);
    if (changed.length) {
      await writeResourceVersion(sql, r, next, author, `a release (${author.operator ?? 'code'}) changed the declared ${changed.join(', ')}`);
      report.resourcesUpdated.push(d.code);
    }
  }
  return report;
}

/** Agencies holding a live grant (not revoked, not expired) that covers any of `items`: told of a change to them. */
export async function grantHoldersOf(sql: Sql, items: readonly string[]): Promise<string[]> {
  if (!items.length) return [];
  const rows = await sql<{ agency: string }>(
    `SELECT DISTINCT agency_code AS agency FROM sharing_grant
      WHERE revoked_at IS NULL AND (valid_to IS NULL OR valid_to > now()) AND items && ?::text[] ORDER BY 1`,
    [pgArray([...items])],
  );
  return rows.map((r) => r.agency);
}
