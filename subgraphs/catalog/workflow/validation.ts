/**
 * Checking a sharing application before it is submitted (Art. 16-17, 19): its items are in the
 * catalogue, shareable and not the applicant's own; requested masks apply to conditional text
 * items; the validity end is in the future and within the longest allowed.
 */
import { addYears } from '../shared/time';
import { badUserInput } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import { formatMaskSpec, parseMaskSpec } from '../../../platform/masking';
import { Catalogue, CatalogItemData, providersOf } from '../catalogue/catalogue';
import { endOfChinaDay, isIsoDay } from '../calendar/working-days';
import type { Actor } from '../shared/actors';
import type { BatchBounds, SharingMethod } from '../../../platform/governance';
import { validateMethods, type BatchLimitsInput } from './methods';

/** A grant without a requested end runs for one year. */
export const DEFAULT_VALIDITY_YEARS = 1;
/** No grant is issued for longer than this. */
export const MAX_VALIDITY_YEARS = 5;
const MAX_ITEMS = 200;

/** A validity end: a local date (end of that day) or an ISO 8601 instant, in the future. */
export function parseValidUntil(value: string, argument: string, now = new Date()): Date {
  let at: Date;
  if (isIsoDay(value)) at = endOfChinaDay(value);
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) at = new Date(value);
  else throw badUserInput(`Argument "${argument}" must be YYYY-MM-DD or an ISO 8601 instant with a zone, got ${JSON.stringify(value)}`, { argument });
  if (at.getTime() <= now.getTime()) throw badUserInput(`Argument "${argument}" must be in the future`, { argument });
  if (at.getTime() > addYears(now, MAX_VALIDITY_YEARS).getTime()) {
    throw badUserInput(`Argument "${argument}" is more than ${MAX_VALIDITY_YEARS} years ahead; apply again when the grant ends`, { argument });
  }
  return at;
}

// ─── submit ──────────────────────────────────────────────────────────────────────────────────

export interface SubmitInput {
  items: string[];
  purpose: string;
  justification: string;
  legalBasis?: string | null;
  requestedMasks?: { item: string; mask: string }[] | null;
  validUntil?: string | null;
  methods?: readonly string[] | null;
  batchLimits?: BatchLimitsInput | null;
}

export interface ValidatedApplication {
  items: string[];
  conditional: string[];
  unconditional: string[];
  providers: string[];
  purpose: string;
  justification: string;
  legalBasis: string | null;
  masks: Record<string, string>;
  validUntil: Date | null;
  /** ONLINE_QUERY and/or BATCH (Art. 18); BATCH with its bounds. */
  methods: SharingMethod[];
  batch: BatchBounds | null;
}

export function validateApplication(actor: Actor, input: SubmitInput, catalogue: Catalogue, now = new Date()): ValidatedApplication {
  const argument = 'input.items';
  if (!Array.isArray(input.items) || input.items.length === 0)
    throw badUserInput('Argument "input.items" must name at least one item (Type.field)', { argument });
  if (input.items.length > MAX_ITEMS) throw badUserInput(`Argument "input.items" names more than ${MAX_ITEMS} items`, { argument });
  const items = [...new Set(input.items.map((i) => i.trim()))];
  const found: CatalogItemData[] = [];
  for (const name of items) {
    const item = catalogue.items.get(name);
    if (!item) {
      throw badUserInput(`Item ${JSON.stringify(name)} is not in the sharing catalogue (items are named Type.field, see Query.catalogResources)`, {
        argument,
        item: name,
      });
    }
    if (item.sharingType === 'NONE') {
      throw badUserInput(`Item ${name} is not shared (不予共享): ${item.basis}. To dispute it, use Mutation.objectToNonSharing (Art. 16)`, {
        argument,
        item: name,
        basis: item.basis,
      });
    }
    if (item.provider === actor.agency) {
      throw badUserInput(`Item ${name} is provided by ${actor.agency} itself: a providing agency reads its own items without a grant`, {
        argument,
        item: name,
      });
    }
    found.push(item);
  }
  const conditional = found
    .filter((i) => i.sharingType === 'CONDITIONAL')
    .map((i) => i.name)
    .sort();
  const unconditional = found
    .filter((i) => i.sharingType === 'UNCONDITIONAL')
    .map((i) => i.name)
    .sort();

  const masks: Record<string, string> = {};
  for (const m of input.requestedMasks ?? []) {
    const a = 'input.requestedMasks';
    const item = catalogue.items.get(m.item);
    if (!item || !items.includes(m.item))
      throw badUserInput(`requestedMasks names ${JSON.stringify(m.item)}, which is not one of the application's items`, { argument: a, item: m.item });
    if (item.sharingType !== 'CONDITIONAL') {
      throw badUserInput(
        `requestedMasks: ${m.item} is UNCONDITIONAL and is served to every agency with its default masking (${item.mask}); only conditional items take a grant's masking`,
        { argument: a, item: m.item },
      );
    }
    const spec = formatMaskSpec(parseMaskSpec(m.mask, a));
    if (spec !== 'FULL' && !(item.valueKind === 'SCALAR' && /^\[?(String|ID)!?\]?!?$/.test(item.dataType))) {
      throw badUserInput(`requestedMasks: ${m.item} is ${item.dataType}; masking applies to text fields only (use FULL or the default)`, {
        argument: a,
        item: m.item,
      });
    }
    if (masks[m.item] && masks[m.item] !== spec) throw badUserInput(`requestedMasks names ${m.item} twice`, { argument: a, item: m.item });
    masks[m.item] = spec;
  }

  return {
    items: items.sort(),
    conditional,
    unconditional,
    providers: providersOf(catalogue, conditional),
    purpose: assertNonEmpty(input.purpose ?? '', 'input.purpose', 200),
    justification: assertNonEmpty(input.justification ?? '', 'input.justification', 4000),
    legalBasis: input.legalBasis == null || input.legalBasis.trim() === '' ? null : assertNonEmpty(input.legalBasis, 'input.legalBasis', 1000),
    masks,
    validUntil: input.validUntil == null ? null : parseValidUntil(input.validUntil, 'input.validUntil', now),
    ...validateMethods(input.methods, input.batchLimits),
  };
}
