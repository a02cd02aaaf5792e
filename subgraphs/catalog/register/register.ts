/**
 * The bureau keeps the catalogue register (issue 10, item 3): edits an item's published conditions
 * and legal basis, a resource's metadata, and reclassifies an item STRICTER directly. A LOOSER
 * change is refused (REVIEW_REQUIRED): loosening is decided only by the argumentation review of an
 * objection (论证审核, workflow/objections.ts), which calls `applyReviewedReclassification`. Every
 * change is a new version in the register (platform/governance/register.ts) and notifies the
 * agencies holding live grants for the affected items, in the step's transaction.
 */
import { badUserInput, graphqlError, ErrorCode } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import { formatMaskSpec, parseMaskSpec } from '../../../platform/masking/spec';
import {
  grantHoldersOf,
  lockRegisterItem,
  lockRegisterResource,
  writeItemVersion,
  writeResourceVersion,
  type ItemChange,
  type RegisterItemEntry,
} from '../../../platform/governance';
import { changedAttributes, compareSharing, loosenedAttributes } from '../../../platform/policy/strictness';
import type { OpenType, SensitivityLevel, SharingType, UpdateCycle } from '../../../platform/policy/metadata';
import type { Catalogue, CatalogItemData } from '../catalogue/catalogue';
import { notify, NotificationKind } from '../notifications/notify';
import type { Query } from '../shared/sql';
import { Actor } from '../shared/actors';

export interface ReclassificationInput {
  sharingType?: SharingType | null;
  openType?: OpenType | null;
  level?: SensitivityLevel | null;
  mask?: string | null;
  basis?: string | null;
  reason: string;
}

export interface ItemEditInput {
  conditions?: string | null;
  basis?: string | null;
  reason: string;
}

export interface ResourceEditInput {
  name?: string | null;
  summary?: string | null;
  updateCycle?: UpdateCycle | null;
  reason: string;
}

const author = (actor: Actor) => ({ agency: actor.agency, operator: actor.operator });

function catalogueItem(catalogue: Catalogue, name: string, argument = 'item'): CatalogItemData {
  const item = catalogue.items.get((name ?? '').trim());
  if (!item) throw badUserInput(`Item ${JSON.stringify(name)} is not in the sharing catalogue (items are named Type.field)`, { argument, item: name });
  return item;
}

async function registered(q: Query, item: CatalogItemData, argument = 'item'): Promise<RegisterItemEntry> {
  const entry = await lockRegisterItem(q, item.name);
  // Registered by its subgraph at boot; absent only while that subgraph has never started.
  if (!entry) throw badUserInput(`Item ${item.name} is not in the catalogue register yet (its subgraph has not started)`, { argument, item: item.name });
  return entry;
}

/** A mask in canonical form, refused on an item that is not text (masks apply to text only). */
export function checkedMask(item: CatalogItemData, mask: string, argument: string): string {
  const spec = formatMaskSpec(parseMaskSpec(mask, argument));
  if (spec !== 'FULL' && !(item.valueKind === 'SCALAR' && /^\[?(String|ID)!?\]?!?$/.test(item.dataType))) {
    throw badUserInput(`${item.name} is ${item.dataType}; masking applies to text fields only`, { argument, item: item.name });
  }
  return spec;
}

const optionalText = (value: string | null | undefined, argument: string, max: number) =>
  value == null ? undefined : value.trim() === '' ? null : assertNonEmpty(value, argument, max);

/** Tells every agency holding a live grant for one of `items` that the catalogue changed them. */
async function notifyHolders(q: Query, items: string[], subject: string, body: string): Promise<void> {
  for (const agency of await grantHoldersOf(q, items)) {
    await notify(q, agency, NotificationKind.CATALOGUE_ITEM_CHANGED, subject, body, [{ type: 'CatalogItem', id: items.join(',') }]);
  }
}

function describe(c: ItemChange): string {
  return `${c.type}/${c.open}/${c.level}/${c.mask}`;
}

export async function reclassifyStricter(q: Query, actor: Actor, name: string, input: ReclassificationInput, catalogue: Catalogue): Promise<number> {
  const item = catalogueItem(catalogue, name);
  const reason = assertNonEmpty(input.reason ?? '', 'input.reason', 4000);
  const current = await registered(q, item);
  const next: ItemChange = {
    type: input.sharingType ?? current.type,
    open: input.openType ?? current.open,
    level: input.level ?? current.level,
    mask: input.mask != null ? checkedMask(item, input.mask, 'input.mask') : current.mask,
    basis: optionalText(input.basis, 'input.basis', 4000) ?? current.basis,
    conditions: current.conditions,
  };
  if (next.type === 'NONE') {
    if (input.openType && input.openType !== 'CLOSED')
      throw badUserInput('A NONE item cannot be open data: openType must be CLOSED', { argument: 'input.openType' });
    next.open = 'CLOSED';
    if (!next.basis) throw badUserInput('A NONE item must cite its legal basis (Art. 15): give input.basis', { argument: 'input.basis' });
  }
  const loosened = loosenedAttributes(next, current);
  if (loosened.length) {
    throw graphqlError(
      ErrorCode.REVIEW_REQUIRED,
      `Reclassifying ${item.name} this way loosens (or is not comparable with) its ${loosened.join(', ')} (${describe(current)} → ${describe(next)}): ` +
        'only an argumentation review may (Mutation.objectToNonSharing, then reviewNonSharingObjection with RECLASSIFY)',
      { item: item.name, attributes: loosened },
    );
  }
  const changed = changedAttributes(next, current);
  if (!changed.length && next.basis === current.basis)
    throw badUserInput(`${item.name} already is ${describe(current)}: nothing to change`, { argument: 'input' });
  const version = await writeItemVersion(q, current, next, author(actor), reason);
  await notifyHolders(
    q,
    [item.name],
    `目录信息项 ${item.name} 调整为更严格的共享属性`,
    `${item.name}: ${describe(current)} → ${describe(next)} (version ${version}). ${reason}`,
  );
  return version;
}

export async function editItem(q: Query, actor: Actor, name: string, input: ItemEditInput, catalogue: Catalogue): Promise<number> {
  const item = catalogueItem(catalogue, name);
  const reason = assertNonEmpty(input.reason ?? '', 'input.reason', 4000);
  const current = await registered(q, item);
  const conditions = optionalText(input.conditions, 'input.conditions', 4000);
  const basis = optionalText(input.basis, 'input.basis', 4000);
  if (basis === null && current.type === 'NONE') throw badUserInput('A NONE item must cite its legal basis (Art. 15)', { argument: 'input.basis' });
  const next: ItemChange = {
    ...current,
    conditions: conditions === undefined ? current.conditions : conditions,
    basis: basis === undefined ? current.basis : basis,
  };
  if (next.conditions === current.conditions && next.basis === current.basis) throw badUserInput(`Nothing to change for ${item.name}`, { argument: 'input' });
  const version = await writeItemVersion(q, current, next, author(actor), reason);
  await notifyHolders(q, [item.name], `目录信息项 ${item.name} 的共享条件已更新`, `${item.name} (version ${version}): ${reason}`);
  return version;
}

export async function editResource(q: Query, actor: Actor, code: string, input: ResourceEditInput, catalogue: Catalogue): Promise<number> {
  const resource = catalogue.resources.find((r) => r.code === (code ?? '').trim());
  if (!resource) throw badUserInput(`No catalogue resource has the code ${JSON.stringify(code)}`, { argument: 'code' });
  const reason = assertNonEmpty(input.reason ?? '', 'input.reason', 4000);
  const current = await lockRegisterResource(q, resource.code);
  if (!current) throw badUserInput(`Resource ${resource.code} is not in the catalogue register yet (its subgraph has not started)`, { argument: 'code' });
  const next = {
    name: input.name == null ? current.name : assertNonEmpty(input.name, 'input.name', 200),
    summary: input.summary == null ? current.summary : assertNonEmpty(input.summary, 'input.summary', 4000),
    updateCycle: input.updateCycle ?? current.updateCycle,
  };
  if (next.name === current.name && next.summary === current.summary && next.updateCycle === current.updateCycle) {
    throw badUserInput(`Nothing to change for ${resource.code}`, { argument: 'input' });
  }
  const version = await writeResourceVersion(q, current, next, author(actor), reason);
  await notifyHolders(
    q,
    resource.items.map((i) => i.name),
    `目录资源 ${resource.code} 的元数据已更新`,
    `${resource.code} ${next.name} (version ${version}): ${reason}`,
  );
  return version;
}

/**
 * The register change an argumentation review decided (RECLASSIFY): the item becomes `to` (with the
 * review's default mask and conditions, if given), authored by the reviewer, with the review's
 * reason, linked to the objection. Applied only if it loosens the register's sharing type (another
 * review may have reclassified the item already); returns the version, or null when nothing changed.
 */
export async function applyReviewedReclassification(
  q: Query,
  actor: Actor,
  objectionId: string,
  name: string,
  to: SharingType,
  change: { mask?: string | null; conditions?: string | null },
  reason: string,
  catalogue: Catalogue,
): Promise<number | null> {
  const item = catalogueItem(catalogue, name);
  const current = await registered(q, item);
  if (compareSharing(to, current.type) !== 'LOOSER') return null;
  const next: ItemChange = {
    ...current,
    type: to,
    mask: change.mask != null ? checkedMask(item, change.mask, 'mask') : current.mask,
    // A shareable item cites no basis for refusal; the review's reason is in the history.
    basis: null,
    conditions: change.conditions == null ? current.conditions : (optionalText(change.conditions, 'conditions', 4000) ?? null),
  };
  const version = await writeItemVersion(q, current, next, author(actor), reason, objectionId);
  await notifyHolders(
    q,
    [item.name],
    `目录信息项 ${item.name} 经论证审核调整为${to}`,
    `${item.name}: ${describe(current)} → ${describe(next)} (version ${version}). ${reason}`,
  );
  return version;
}
