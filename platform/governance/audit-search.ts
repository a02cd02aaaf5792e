/**
 * Reading the audit trail (Art. 21, 24), scoped to who reads it: the administering bureau reads
 * everything; a providing agency its own requests, every event of the subgraph it provides, and
 * any event that served, masked or refused an item it provides (its items may be declared in other
 * subgraphs, e.g. the entity key Person.id); any other agency its own requests. The same provider
 * test decides who sees every subject key of an event, not only the keys disclosed to the
 * requesting agency. A data subject reads every event naming them (subjectAccessHistory).
 * Newest first, keyset-paginated on the chain position (db/keyset.ts).
 */
import type { ConnectionShape } from '../graphql/connection';
import { BIGINT_TEXT, keysetPage, type Clause, type KeyColumn } from '../db/keyset';
import { pgArray, type Sql } from '../db/sql';

export interface AuditEventRow {
  seq: string;
  at: Date;
  request_id: string;
  subgraph: string;
  agency: string | null;
  operator: string | null;
  actor_subject: string | null;
  purpose: string | null;
  operation: string | null;
  resource: string;
  items_served: string[];
  items_masked: string[];
  items_refused: string[];
  subject_keys: string[];
  decision: string;
  prev_hash: string;
  hash: string;
  format: number;
  correlation_id: string | null;
  refusal_reason: string | null;
  agency_verified: boolean | null;
  source_address: string | null;
  refusal_count: number;
  /** The subject keys this viewer may see (absent from a data subject's own history). */
  visible_subject_keys: string[];
}

/** Who reads: decided by the caller (the catalog knows the bureau and who provides what). */
export type AuditViewer =
  | { scope: 'ALL' }
  | { scope: 'PROVIDER'; agency: string; /** the subgraph it provides ('' if none) */ subgraph: string; /** the items it provides */ items: string[] }
  | { scope: 'OWN'; agency: string };

/** Every condition is optional; they combine with AND. Values are validated by the caller. */
export interface AuditSearch {
  agency?: string;
  operator?: string;
  resource?: string;
  purpose?: string;
  requestId?: string;
  subgraph?: string;
  decision?: string;
  item?: string;
  subjectKey?: string;
  from?: Date;
  to?: Date;
}

/** `seq` is read as text (a bigint); ORDER BY must name `audit_event.seq`, not this text alias. */
const COLUMNS = `seq::text AS seq, at, request_id, subgraph, agency, operator, actor_subject, purpose, operation, resource,
  items_served, items_masked, items_refused, subject_keys, decision, prev_hash, hash,
  format, correlation_id, refusal_reason, agency_verified, source_address, refusal_count`;

const SEQ_KEY: KeyColumn[] = [{ column: 'audit_event.seq', type: 'bigint', pattern: BIGINT_TEXT }];

/** A condition over the audit_event row aliased `alias` ('' for the unaliased table, else 'e.'). */
type FullSubjects = (alias: string) => Clause;
const ALL: FullSubjects = () => ({ sql: 'true', params: [] });
const NONE: FullSubjects = () => ({ sql: 'false', params: [] });

interface Scope {
  /** The events the viewer may see (null: all). */
  visible: Clause | null;
  /** True for events of which the viewer may see every subject key. */
  fullSubjects: FullSubjects;
}

function scopeOf(viewer: AuditViewer): Scope {
  if (viewer.scope === 'ALL') return { visible: null, fullSubjects: ALL };
  if (viewer.scope === 'OWN') return { visible: { sql: `agency = ?`, params: [viewer.agency] }, fullSubjects: NONE };
  const mine = pgArray(viewer.items);
  const aboutMine = (a: string) => ({
    sql: `(${a}subgraph = ? OR ${a}items_served && ?::text[] OR ${a}items_masked && ?::text[] OR ${a}items_refused && ?::text[])`,
    params: [viewer.subgraph, mine, mine, mine],
  });
  return { visible: { sql: `(agency = ? OR ${aboutMine('').sql})`, params: [viewer.agency, ...aboutMine('').params] }, fullSubjects: aboutMine };
}

/** Events naming a subject: subject rows (the uncapped trail) and the first release's arrays. */
function eventsOfSubject(key: string, fullSubjects: FullSubjects = ALL): Clause {
  const e2 = fullSubjects('e2.');
  const e3 = fullSubjects('e3.');
  return {
    sql: `audit_event.seq IN (
      SELECT s.event_seq FROM audit_event_subject s JOIN audit_event e2 ON e2.seq = s.event_seq
       WHERE s.subject_key = ? AND (s.disclosed OR ${e2.sql})
      UNION ALL
      SELECT e3.seq FROM audit_event e3 WHERE e3.subject_keys @> ARRAY[?]::text[] AND ${e3.sql})`,
    params: [key, ...e2.params, key, ...e3.params],
  };
}

/**
 * The select list with the subject keys of each event as the viewer may see them, read in the
 * same statement (no extra query per page): the keys disclosed to the requesting agency, and all
 * of them where the viewer may see all. Rows of the first release carry their keys in the row,
 * without a disclosed flag: only the bureau and the provider see those.
 */
function columnsFor(scope: Scope): Clause {
  const full = scope.fullSubjects('audit_event.');
  return {
    sql: `${COLUMNS},
      ARRAY(SELECT s.subject_key FROM audit_event_subject s WHERE s.event_seq = audit_event.seq AND (s.disclosed OR ${full.sql})
            UNION SELECT k FROM unnest(audit_event.subject_keys) AS k WHERE ${full.sql} ORDER BY 1) AS visible_subject_keys`,
    params: [...full.params, ...full.params],
  };
}

function searchClauses(search: AuditSearch, fullSubjects: FullSubjects): Clause[] {
  const where: Clause[] = [];
  const eq = (column: string, value: string | undefined) => {
    if (value !== undefined) where.push({ sql: `${column} = ?`, params: [value] });
  };
  eq('agency', search.agency);
  eq('operator', search.operator);
  eq('resource', search.resource);
  eq('purpose', search.purpose);
  eq('request_id', search.requestId);
  eq('subgraph', search.subgraph);
  eq('decision', search.decision);
  if (search.item)
    where.push({ sql: `(? = ANY(items_served) OR ? = ANY(items_masked) OR ? = ANY(items_refused))`, params: [search.item, search.item, search.item] });
  // Only keys the viewer may see can be searched for (else the filter would be the oracle).
  if (search.subjectKey) where.push(eventsOfSubject(search.subjectKey, fullSubjects));
  if (search.from) where.push({ sql: `at >= ?`, params: [search.from] });
  if (search.to) where.push({ sql: `at < ?`, params: [search.to] });
  return where;
}

/** A page of the events the viewer may see that match the search, newest first. */
export function searchAuditEvents(
  sql: Sql,
  viewer: AuditViewer,
  search: AuditSearch,
  first: number,
  after: string | null | undefined,
): Promise<ConnectionShape<AuditEventRow>> {
  const scope = scopeOf(viewer);
  return keysetPage<AuditEventRow>(sql, {
    select: columnsFor(scope),
    from: 'audit_event',
    where: [...(scope.visible ? [scope.visible] : []), ...searchClauses(search, scope.fullSubjects)],
    key: SEQ_KEY,
    direction: 'DESC',
    first,
    after,
  });
}

/** The events of one request across subgraphs the viewer may see, in chain order (at most 1,000). */
export function auditTrace(sql: Sql, viewer: AuditViewer, requestId: string): Promise<AuditEventRow[]> {
  const scope = scopeOf(viewer);
  const columns = columnsFor(scope);
  return sql<AuditEventRow>(
    `SELECT ${columns.sql} FROM audit_event WHERE request_id = ? ${scope.visible ? `AND ${scope.visible.sql}` : ''} ORDER BY audit_event.seq LIMIT 1000`,
    [...columns.params, requestId, ...(scope.visible?.params ?? [])],
  );
}

/** The events of `agency`'s own requests that carried this client correlation id, in chain order (at most 1,000). */
export function auditTraceByCorrelation(sql: Sql, viewer: AuditViewer, agency: string, correlationId: string): Promise<AuditEventRow[]> {
  const columns = columnsFor(scopeOf(viewer));
  return sql<AuditEventRow>(`SELECT ${columns.sql} FROM audit_event WHERE agency = ? AND correlation_id = ? ORDER BY audit_event.seq LIMIT 1000`, [
    ...columns.params,
    agency,
    correlationId,
  ]);
}

/** Every agency's access naming the data subject, disclosed to the reader or not (it is their data), newest first. */
export function subjectAccessHistory(sql: Sql, subjectKey: string, first: number, after: string | null | undefined): Promise<ConnectionShape<AuditEventRow>> {
  return keysetPage<AuditEventRow>(sql, {
    select: COLUMNS,
    from: 'audit_event',
    where: [eventsOfSubject(subjectKey), { sql: `agency IS NOT NULL`, params: [] }],
    key: SEQ_KEY,
    direction: 'DESC',
    first,
    after,
  });
}

/**
 * The agencies that read `item` about the data subject — served in full or masked — since `since`
 * (issue 11: who must hear that a value they read was corrected). Refused reads are not reads.
 */
export async function agenciesThatRead(sql: Sql, subjectKey: string, item: string, since: Date | null): Promise<string[]> {
  const subject = eventsOfSubject(subjectKey);
  const rows = await sql<{ agency: string }>(
    `SELECT DISTINCT agency FROM audit_event
      WHERE ${subject.sql} AND agency IS NOT NULL AND (? = ANY(items_served) OR ? = ANY(items_masked)) AND (?::timestamptz IS NULL OR at >= ?::timestamptz)
      ORDER BY agency`,
    [...subject.params, item, item, since, since],
  );
  return rows.map((r) => r.agency);
}
