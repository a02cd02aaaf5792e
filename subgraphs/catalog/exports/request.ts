/**
 * Requesting a batch export (批量下载, Art. 18): the request is checked against the agency's grants
 * before anything is queued — a live grant with the BATCH method, for the stated purpose, holding
 * every requested item; at most its rows per export; within its exports per day. Only then is the
 * job queued. What the file will hold is decided later, row by row, by the base subgraphs' own
 * policy when the job reads them as this agency (job.ts): this check is about the method and its
 * bounds, not a second implementation of the policy.
 */
import { badUserInput, graphqlError, ErrorCode } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import { CHINA_OFFSET_MS, chinaDay } from '../../../platform/time';
import { countExportsSince, insertExport, loadLiveGrants, lockGrant, type ExportFormat, type LiveGrant } from '../../../platform/governance';
import { setting } from '../../../platform/settings/read';
import type { Catalogue } from '../catalogue/catalogue';
import type { Query } from '../shared/sql';
import type { Actor } from '../shared/actors';
import { EXPORTABLE, type ExportResourceName } from './resources';

const MAX_ITEMS = 100;

export interface ExportRequest {
  resource: ExportResourceName;
  items: string[];
  filter?: { argument: string; value: string }[] | null;
  purpose: string;
  format: ExportFormat;
  maxRows?: number | null;
}

interface Checked {
  /** In the order asked: the file's columns. */
  items: string[];
  filter: Record<string, string>;
  purpose: string;
}

function check(req: ExportRequest, catalogue: Catalogue): Checked {
  const r = EXPORTABLE[req.resource];
  if (!r) throw badUserInput(`Argument "input.resource" must be one of ${Object.keys(EXPORTABLE).join(', ')}`, { argument: 'input.resource' });
  if (!Array.isArray(req.items) || !req.items.length || req.items.length > MAX_ITEMS)
    throw badUserInput(`Argument "input.items" must name 1 to ${MAX_ITEMS} items of ${r.typeName} (Type.field)`, { argument: 'input.items' });
  const items = [...new Set(req.items.map((i) => i.trim()))];
  for (const name of items) {
    const item = catalogue.items.get(name);
    if (!item || item.typeName !== r.typeName || item.valueKind === 'OBJECT') {
      throw badUserInput(`Item ${JSON.stringify(name)} is not a value item of ${r.typeName} in the catalogue (links to other resources are not exported)`, {
        argument: 'input.items',
        item: name,
      });
    }
  }
  const filter: Record<string, string> = {};
  for (const f of req.filter ?? []) {
    if (!Object.hasOwn(r.filters, f.argument))
      throw badUserInput(`input.filter: ${r.listField} takes no filter ${JSON.stringify(f.argument)} (it takes ${Object.keys(r.filters).join(', ')})`, {
        argument: 'input.filter',
      });
    if (Object.hasOwn(filter, f.argument)) throw badUserInput(`input.filter names ${f.argument} twice`, { argument: 'input.filter' });
    filter[f.argument] = assertNonEmpty(f.value, `input.filter.${f.argument}`, 200);
  }
  return { items, filter, purpose: assertNonEmpty(req.purpose ?? '', 'input.purpose', 200) };
}

/**
 * The first live BATCH grant for the purpose that holds every CONDITIONAL item asked for (its bounds
 * apply); a refusal naming what is missing otherwise. UNCONDITIONAL items (a person's key, gender)
 * are every agency's without an application (Art. 17), in bulk as online, under the grant's bounds.
 */
function batchGrant(grants: LiveGrant[], agency: string, purpose: string, items: string[]): LiveGrant {
  const batch = grants.filter((g) => g.methods.has('BATCH') && g.purposes.has(purpose));
  if (!batch.length) {
    throw graphqlError(
      ErrorCode.BATCH_NOT_GRANTED,
      `Agency ${agency} holds no live grant with the BATCH method (批量下载) for the purpose "${purpose}": apply with methods: [BATCH] (Mutation.submitSharingApplication)`,
      { purpose },
    );
  }
  const covering = batch.find((g) => items.every((i) => g.items.has(i)));
  if (covering) return covering;
  const missing = items.filter((i) => !batch.some((g) => g.items.has(i)));
  throw graphqlError(
    ErrorCode.BATCH_NOT_GRANTED,
    missing.length
      ? `The BATCH grants of ${agency} for "${purpose}" do not hold ${missing.join(', ')}: a batch export carries only items granted for BATCH`
      : `No single BATCH grant of ${agency} for "${purpose}" holds all these items: export each grant's items separately`,
    { purpose, items: missing },
  );
}

const startOfChinaDay = (now: Date) => new Date(Date.parse(`${chinaDay(now)}T00:00:00Z`) - CHINA_OFFSET_MS);

/** Checks the request against the agency's grants and queues the job (in the caller's transaction); returns its id. */
export async function queueExport(q: Query, actor: Actor, req: ExportRequest, catalogue: Catalogue, now: Date): Promise<string> {
  const c = check(req, catalogue);
  if (!['CSV', 'NDJSON'].includes(req.format)) throw badUserInput('Argument "input.format" must be CSV or NDJSON', { argument: 'input.format' });
  const conditional = c.items.filter((i) => catalogue.items.get(i)?.sharingType !== 'UNCONDITIONAL');
  const grant = batchGrant(await loadLiveGrants(q, now), actor.agency, c.purpose, conditional);
  const bounds = grant.batch!;
  const maxRows = req.maxRows ?? bounds.maxRows;
  if (!Number.isInteger(maxRows) || maxRows < 1) throw badUserInput('Argument "input.maxRows" must be a positive whole number', { argument: 'input.maxRows' });
  if (maxRows > bounds.maxRows) {
    throw graphqlError(ErrorCode.EXPORT_LIMIT_EXCEEDED, `The grant allows at most ${bounds.maxRows} rows per export, not ${maxRows}`, {
      limit: 'maxRows',
      allowed: bounds.maxRows,
    });
  }
  // The grant row is locked so that two requests at once cannot both take the day's last export.
  await lockGrant(q, grant.id);
  const today = await countExportsSince(q, grant.id, startOfChinaDay(now));
  if (today >= bounds.exportsPerDay) {
    throw graphqlError(
      ErrorCode.EXPORT_LIMIT_EXCEEDED,
      `The grant allows ${bounds.exportsPerDay} export(s) per day and ${today} were requested today (China Standard Time)`,
      { limit: 'exportsPerDay', allowed: bounds.exportsPerDay },
    );
  }
  return insertExport(q, {
    agency: actor.agency,
    operator: actor.operator ?? `${actor.agency}-operator`,
    grantId: grant.id,
    resource: req.resource,
    items: c.items,
    filter: c.filter,
    purpose: c.purpose,
    format: req.format,
    maxRows,
    maxBytes: setting('EXPORT_MAX_BYTES'),
    requestedAt: now,
  });
}
