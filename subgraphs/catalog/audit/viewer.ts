/**
 * Who reads the audit trail and what they asked for, in the terms of platform/governance's audit
 * search: the administering bureau reads everything; an agency that provides a base database or
 * catalogue items reads its own requests and the accesses to its data; any other agency its own
 * requests. Filter values are checked here (clear BAD_USER_INPUT), before any SQL.
 */
import { badUserInput } from '../../../platform/errors';
import type { AuditSearch, AuditViewer } from '../../../platform/governance';
import type { CatalogLoaders } from '../loaders';
import { currentCatalogue } from '../catalogue/catalogue';
import { Actor, BUREAU } from '../shared/actors';
import { parseInstant } from '../shared/time';
import type { AuditEventFilter } from './types';

export async function auditViewer(loaders: Pick<CatalogLoaders, 'agencyByCode'>, actor: Actor): Promise<AuditViewer> {
  if (actor.agency === BUREAU) return { scope: 'ALL' };
  const agency = await loaders.agencyByCode.load(actor.agency);
  const items = [...currentCatalogue().items.values()].filter((i) => i.provider === actor.agency).map((i) => i.name);
  if (agency?.provides || items.length) return { scope: 'PROVIDER', agency: actor.agency, subgraph: agency?.provides ?? '', items };
  return { scope: 'OWN', agency: actor.agency };
}

export function text(value: string | null | undefined, argument: string, max = 200): string | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (!v || v.length > max) throw badUserInput(`Argument "${argument}" must be 1 to ${max} characters`, { argument });
  return v;
}

export function auditSearch(filter: AuditEventFilter | undefined): AuditSearch {
  if (!filter) return {};
  const search: AuditSearch = {
    agency: text(filter.agency, 'filter.agency'),
    operator: text(filter.operator, 'filter.operator'),
    resource: text(filter.resource, 'filter.resource'),
    purpose: text(filter.purpose, 'filter.purpose'),
    requestId: text(filter.requestId, 'filter.requestId'),
    subgraph: text(filter.subgraph, 'filter.subgraph'),
    decision: filter.decision ?? undefined,
    item: text(filter.item, 'filter.item'),
    subjectKey: text(filter.subjectKey, 'filter.subjectKey'),
  };
  const from = filter.from != null ? parseInstant(filter.from, 'filter.from') : undefined;
  const to = filter.to != null ? parseInstant(filter.to, 'filter.to') : undefined;
  if (from && to && from.getTime() >= to.getTime()) throw badUserInput('Argument "filter.from" must be before "filter.to"', { argument: 'filter.from' });
  return { ...search, from, to };
}
