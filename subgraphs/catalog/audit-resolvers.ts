/**
 * The audit trail as something people can search (Art. 21, 24): the administering bureau searches
 * everything; a providing agency sees the accesses to its own data (the events of the subgraph it
 * provides) and its own requests; any other agency sees its own requests. A data subject sees who
 * read their records (myAccessHistory). Newest first, keyset-paginated on the chain position.
 */
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { Sharing } from '../../platform/policy/metadata';
import { badUserInput, forbidden } from '../../platform/errors';
import { decodeCursor, toConnection, validateFirst } from '../../platform/graphql/connection';
import { verifyAuditChain } from '../../platform/audit/verify';
import { databaseName, serverUrl, withDatabase } from '../../platform/db/databases';
import { governanceSubgraph } from '../../platform/subgraph/registry';
import type { CatalogLoaders } from './loaders';
import {
  AUDIT, AccessRecord, AccessRecordConnection, Agency, AuditChainStatus, AuditDecision, AuditEvent, AuditEventConnection, AuditEventFilter, SELF_SERVICE,
} from './types';
import { Actor, BUREAU, agencyActor } from './workflow';
import { iso, pgArray, query } from './sql';
import { currentCatalogue } from './catalogue';
import { parseInstant } from './time';

type Ctx = SubgraphContext<CatalogLoaders>;

export interface AuditRow {
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
  /** The subject keys this viewer may see (columnsFor). */
  visible_subject_keys: string[];
}

/** `seq` is read as text (a bigint); ORDER BY must name `audit_event.seq`, not this text alias. */
const COLUMNS = `seq::text AS seq, at, request_id, subgraph, agency, operator, actor_subject, purpose, operation, resource,
  items_served, items_masked, items_refused, subject_keys, decision, prev_hash, hash,
  format, correlation_id, refusal_reason, agency_verified, source_address, refusal_count`;

/** A WHERE clause over the audit_event row aliased `alias` ('' for the unaliased table, else 'e.'). */
type FullSubjects = (alias: string) => { sql: string; params: unknown[] };
const ALL: FullSubjects = () => ({ sql: 'true', params: [] });
const NONE: FullSubjects = () => ({ sql: 'false', params: [] });

export interface AuditScope {
  /** WHERE clause limiting the events the viewer may see (null: all). */
  sql: string | null;
  params: unknown[];
  scope: 'ALL' | 'PROVIDER' | 'OWN';
  /** WHERE clause true for events of which the viewer may see every subject key, not only those
   *  disclosed to the requesting agency: all for the bureau, the events about the provider's own
   *  data for a provider, none for any other agency. */
  fullSubjects: FullSubjects;
}

/**
 * The WHERE clause that limits an agency to the events it may see: the bureau everything; a
 * providing agency its own requests, every event of the subgraph it provides, and any event that
 * served, masked or refused an item it provides (its items may be declared in other subgraphs,
 * e.g. the entity key Person.id); any other agency its own requests. The same provider test
 * decides who sees every subject key of an event (`fullSubjects`).
 */
export async function auditScope(ctx: Ctx, actor: Actor): Promise<AuditScope> {
  if (actor.agency === BUREAU) return { sql: null, params: [], scope: 'ALL', fullSubjects: ALL };
  const agency = await ctx.loaders.agencyByCode.load(actor.agency);
  const items = [...currentCatalogue().items.values()].filter((i) => i.provider === actor.agency).map((i) => i.name);
  if (agency?.provides || items.length) {
    const mine = pgArray(items);
    const provides = agency?.provides ?? '';
    const aboutMine = (a: string) => ({
      sql: `(${a}subgraph = ? OR ${a}items_served && ?::text[] OR ${a}items_masked && ?::text[] OR ${a}items_refused && ?::text[])`,
      params: [provides, mine, mine, mine],
    });
    return {
      sql: `(agency = ? OR ${aboutMine('').sql})`,
      params: [actor.agency, ...aboutMine('').params],
      scope: 'PROVIDER',
      fullSubjects: aboutMine,
    };
  }
  return { sql: `agency = ?`, params: [actor.agency], scope: 'OWN', fullSubjects: NONE };
}

/** Events naming a subject: subject rows (the uncapped trail) and the first release's arrays. */
function eventsOfSubject(key: string, fullSubjects: FullSubjects = ALL): { sql: string; params: unknown[] } {
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
 * of them where the viewer may see all (`fullSubjects`). Rows of the first release carry their
 * keys in the row, without a disclosed flag: only the bureau and the provider see those.
 */
function columnsFor(scope: Pick<AuditScope, 'fullSubjects'>): { sql: string; params: unknown[] } {
  const full = scope.fullSubjects('audit_event.');
  return {
    sql: `${COLUMNS},
      ARRAY(SELECT s.subject_key FROM audit_event_subject s WHERE s.event_seq = audit_event.seq AND (s.disclosed OR ${full.sql})
            UNION SELECT k FROM unnest(audit_event.subject_keys) AS k WHERE ${full.sql} ORDER BY 1) AS visible_subject_keys`,
    params: [...full.params, ...full.params],
  };
}

function text(value: string | null | undefined, argument: string, max = 200): string | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (!v || v.length > max) throw badUserInput(`Argument "${argument}" must be 1 to ${max} characters`, { argument });
  return v;
}

export function filterClauses(filter: AuditEventFilter | undefined, fullSubjects: FullSubjects): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!filter) return { where, params };
  const eq = (column: string, value: string | undefined) => {
    if (value !== undefined) { where.push(`${column} = ?`); params.push(value); }
  };
  eq('agency', text(filter.agency, 'filter.agency'));
  eq('operator', text(filter.operator, 'filter.operator'));
  eq('resource', text(filter.resource, 'filter.resource'));
  eq('purpose', text(filter.purpose, 'filter.purpose'));
  eq('request_id', text(filter.requestId, 'filter.requestId'));
  eq('subgraph', text(filter.subgraph, 'filter.subgraph'));
  eq('decision', filter.decision ?? undefined);
  const item = text(filter.item, 'filter.item');
  if (item) {
    where.push(`(? = ANY(items_served) OR ? = ANY(items_masked) OR ? = ANY(items_refused))`);
    params.push(item, item, item);
  }
  const subject = text(filter.subjectKey, 'filter.subjectKey');
  if (subject) {
    // Only keys the viewer may see can be searched for (else the filter would be the oracle).
    const c = eventsOfSubject(subject, fullSubjects);
    where.push(c.sql);
    params.push(...c.params);
  }
  const from = filter.from != null ? parseInstant(filter.from, 'filter.from') : undefined;
  const to = filter.to != null ? parseInstant(filter.to, 'filter.to') : undefined;
  if (from && to && from.getTime() >= to.getTime()) throw badUserInput('Argument "filter.from" must be before "filter.to"', { argument: 'filter.from' });
  if (from) { where.push(`at >= ?`); params.push(from); }
  if (to) { where.push(`at < ?`); params.push(to); }
  return { where, params };
}

function decodeSeq(after: string | undefined): string | undefined {
  const key = decodeCursor(after);
  if (key !== undefined && !/^\d{1,19}$/.test(key)) throw badUserInput('Argument "after" is not a cursor of this list', { argument: 'after' });
  return key;
}

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Query(() => AuditEventConnection, {
    description: 'Searches the audit trail, newest first. The administering bureau sees every event; a providing agency the accesses to its own '
      + "data and its own requests; any other agency its own requests. The search itself is audited.",
  })
  @Sharing(AUDIT)
  async auditEvents(
    @Ctx() ctx: Ctx,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const actor = agencyActor(ctx.policy.identity, 'Searching the audit trail');
    const size = validateFirst(first);
    const cursor = decodeSeq(after);
    const scope = await auditScope(ctx, actor);
    const { where, params } = filterClauses(filter, scope.fullSubjects);
    if (scope.sql) { where.unshift(scope.sql); params.unshift(...scope.params); }
    const countWhere = [...where];
    const countParams = [...params];
    if (cursor) { where.push(`seq < ?::bigint`); params.push(cursor); }
    const sql = query(ctx.em);
    const columns = columnsFor(scope);
    const rows = await sql<AuditRow>(`SELECT ${columns.sql} FROM audit_event ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY audit_event.seq DESC LIMIT ${size + 1}`, [...columns.params, ...params]);
    return toConnection(rows, size, (r) => r.seq, async () => {
      const [c] = await sql<{ n: string }>(`SELECT count(*) AS n FROM audit_event ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''}`, countParams);
      return Number(c.n);
    });
  }

  @Query(() => [AuditEvent], { description: 'The trace of one request across subgraphs, in chain order (scoped as auditEvents)' })
  @Sharing(AUDIT)
  async auditTrace(@Arg('requestId', () => String) requestId: string, @Ctx() ctx: Ctx) {
    const actor = agencyActor(ctx.policy.identity, 'Tracing a request');
    const id = text(requestId, 'requestId')!;
    const scope = await auditScope(ctx, actor);
    const columns = columnsFor(scope);
    return query(ctx.em)<AuditRow>(
      `SELECT ${columns.sql} FROM audit_event WHERE request_id = ? ${scope.sql ? `AND ${scope.sql}` : ''} ORDER BY audit_event.seq LIMIT 1000`,
      [...columns.params, id, ...scope.params],
    );
  }

  @Query(() => [AuditEvent], {
    description: "The events of the caller's own agency's requests that carried this client request id (x-request-id as sent), "
      + 'in chain order. Never another agency’s: a client-chosen id is not a key.',
  })
  @Sharing(AUDIT)
  async auditTraceByCorrelationId(@Arg('correlationId', () => String) correlationId: string, @Ctx() ctx: Ctx) {
    const actor = agencyActor(ctx.policy.identity, 'Tracing a request');
    const id = text(correlationId, 'correlationId', 128)!;
    const columns = columnsFor(await auditScope(ctx, actor));
    return query(ctx.em)<AuditRow>(
      `SELECT ${columns.sql} FROM audit_event WHERE agency = ? AND correlation_id = ? ORDER BY audit_event.seq LIMIT 1000`,
      [...columns.params, actor.agency, id],
    );
  }

  @Query(() => AuditChainStatus, { description: "Verifies the audit trail's whole hash chain now (administering bureau)" })
  @Sharing(AUDIT)
  async auditChainStatus(@Ctx() ctx: Ctx): Promise<AuditChainStatus> {
    const actor = agencyActor(ctx.policy.identity, 'Verifying the audit chain');
    if (actor.agency !== BUREAU) throw forbidden(`Verifying the audit chain is the administering bureau's (${BUREAU}) role`, { reason: 'role', requiredRole: 'BUREAU' });
    const status = await verifyAuditChain(withDatabase(serverUrl(), databaseName(governanceSubgraph())));
    const checkedAt = new Date().toISOString();
    return status.intact
      ? { intact: true, events: status.events, headHash: status.headHash, brokenAtSeq: null, reason: null, checkedAt }
      : { intact: false, events: status.events, headHash: null, brokenAtSeq: String(status.brokenAtSeq), reason: status.reason, checkedAt };
  }

  @FieldResolver(() => String) @Sharing(AUDIT) at(@Root() r: AuditRow) { return iso(r.at); }
  @FieldResolver(() => String) @Sharing(AUDIT) requestId(@Root() r: AuditRow) { return r.request_id; }
  @FieldResolver(() => String, { nullable: true }) @Sharing(AUDIT) agencyCode(@Root() r: AuditRow) { return r.agency; }
  @FieldResolver(() => Agency, { nullable: true }) @Sharing(AUDIT) agency(@Root() r: AuditRow, @Ctx() ctx: Ctx) { return r.agency ? ctx.loaders.agencyByCode.load(r.agency) : null; }
  @FieldResolver(() => String, { nullable: true }) @Sharing(AUDIT) actorSubject(@Root() r: AuditRow) { return r.actor_subject; }
  @FieldResolver(() => [String]) @Sharing(AUDIT) itemsServed(@Root() r: AuditRow) { return r.items_served; }
  @FieldResolver(() => [String]) @Sharing(AUDIT) itemsMasked(@Root() r: AuditRow) { return r.items_masked; }
  @FieldResolver(() => [String]) @Sharing(AUDIT) itemsRefused(@Root() r: AuditRow) { return r.items_refused; }
  @FieldResolver(() => [String]) @Sharing(AUDIT) subjectKeys(@Root() r: AuditRow) { return r.visible_subject_keys; }
  @FieldResolver(() => String, { nullable: true }) @Sharing(AUDIT) correlationId(@Root() r: AuditRow) { return r.correlation_id; }
  @FieldResolver(() => String, { nullable: true }) @Sharing(AUDIT) refusalReason(@Root() r: AuditRow) { return r.refusal_reason; }
  @FieldResolver(() => Boolean, { nullable: true }) @Sharing(AUDIT) agencyVerified(@Root() r: AuditRow) { return r.agency_verified; }
  @FieldResolver(() => Int) @Sharing(AUDIT) refusalCount(@Root() r: AuditRow) { return r.refusal_count ?? 1; }
  @FieldResolver(() => String, { nullable: true }) @Sharing(AUDIT) sourceAddress(@Root() r: AuditRow) { return r.source_address; }
  @FieldResolver(() => AuditDecision) @Sharing(AUDIT) decision(@Root() r: AuditRow) { return r.decision; }
  @FieldResolver(() => String) @Sharing(AUDIT) prevHash(@Root() r: AuditRow) { return r.prev_hash; }
}

@Resolver(() => AccessRecord)
export class AccessHistoryResolver {
  @Query(() => AccessRecordConnection, {
    description: 'For a data subject (a token whose subject is their own ID number or USCC): which agencies read their records, when, which items '
      + 'and for which purpose, newest first. Their own records only; any other caller is refused.',
  })
  @Sharing(SELF_SERVICE)
  async myAccessHistory(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const { identity } = ctx.policy;
    if (identity.kind !== 'subject' || !identity.subjectKey) {
      throw forbidden('The access history is shown to the data subject only: authenticate with a token issued for your own ID number or USCC', { reason: 'data subject token required' });
    }
    const size = validateFirst(first);
    const cursor = decodeSeq(after);
    // Every event naming the subject, disclosed to the reader or not: it is their data.
    const mine = eventsOfSubject(identity.subjectKey);
    const where = [mine.sql, `agency IS NOT NULL`];
    const params: unknown[] = [...mine.params];
    const sql = query(ctx.em);
    const rows = await sql<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_event WHERE ${where.join(' AND ')} ${cursor ? 'AND seq < ?::bigint' : ''} ORDER BY audit_event.seq DESC LIMIT ${size + 1}`,
      cursor ? [...params, cursor] : params,
    );
    const records = rows.map((r) => ({
      seq: r.seq,
      at: iso(r.at)!,
      agencyCode: r.agency!,
      purpose: r.purpose,
      operation: r.operation,
      resource: r.resource,
      subgraph: r.subgraph,
      items: [...r.items_served, ...r.items_masked].sort(),
      maskedItems: r.items_masked,
      refusedItems: r.items_refused,
      decision: r.decision as AuditDecision,
      reference: r.request_id,
    }));
    return toConnection(records, size, (r) => r.seq, async () => {
      const [c] = await sql<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE ${where.join(' AND ')}`, params);
      return Number(c.n);
    });
  }

  @FieldResolver(() => Agency, { nullable: true })
  @Sharing(SELF_SERVICE)
  agency(@Root() r: AccessRecord, @Ctx() ctx: Ctx) {
    return ctx.loaders.agencyByCode.load(r.agencyCode);
  }
}
