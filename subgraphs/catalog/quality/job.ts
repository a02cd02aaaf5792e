/**
 * The consistency job (一数一源, Art. 9): reads the base databases through the router as the
 * `quality-check` actor (reader.ts), applies the rules (rules.ts) and records the findings in the
 * governance database. Idempotent: a finding seen again stays OPEN (its values and last_seen
 * refreshed), a new one opens, an OPEN one this run did not see is CLOSED (it no longer holds).
 * A run that cannot read everything fails before anything is written, so a partial read never
 * closes findings it did not look at.
 *
 * Run by `npm run quality:check` (scripts/quality-check.ts), by the bureau's
 * Mutation.runConsistencyCheck, and on a schedule inside the catalog (schedule.ts).
 */
import type { PoolClient, Client } from 'pg';
import { pgSql, type Sql } from '../../../platform/db/sql';
import { platformNow } from '../../../platform/governance';
import { currentCatalogue } from '../catalogue/catalogue';
import type { GraphQLReader } from './reader';
import { loadCalendar } from '../calendar/calendar';
import { raiseObjection } from '../objections-data/objections';
import { QUALITY_ACTOR, QUALITY_OPERATOR } from './actor';
import {
  ConsistencyRule,
  legalPersonFindings,
  OPENS_OBJECTION,
  personFindings,
  type LegalPersonWithLocation,
  type ObservedFinding,
  type PersonWithLicences,
} from './rules';

const PAGE = 500;

const PERSONS = `query ConsistencyPersons($first: Int!, $after: String) {
  persons(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name idNumber status
        licenses { __typename id holderName status ... on IdCard { number } ... on DrivingLicense { number } }
      }
    }
  }
}`;

const LEGAL_PERSONS = `query ConsistencyLegalPersons($first: Int!, $after: String) {
  legalPersons(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id registeredAddress registeredDivisionCode registeredLocation { id text division { code parentCode } } } }
  }
}`;

interface LegalPersonsPage {
  legalPersons: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: LegalPersonWithLocation }[] };
}

interface PersonsPage {
  persons: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: PersonWithLicences }[] };
}

/** Every finding the rules make on the base databases as they are now. */
export async function observe(read: GraphQLReader): Promise<{ findings: ObservedFinding[]; subjectsRead: number }> {
  const findings: ObservedFinding[] = [];
  let subjectsRead = 0;
  let after: string | null = null;
  for (;;) {
    const page: PersonsPage = await read<PersonsPage>(PERSONS, { first: PAGE, after });
    for (const { node } of page.persons.edges) findings.push(...personFindings(node));
    subjectsRead += page.persons.edges.length;
    if (!page.persons.pageInfo.hasNextPage) break;
    after = page.persons.pageInfo.endCursor;
  }
  after = null;
  for (;;) {
    const page: LegalPersonsPage = await read<LegalPersonsPage>(LEGAL_PERSONS, { first: PAGE, after });
    for (const { node } of page.legalPersons.edges) findings.push(...legalPersonFindings(node));
    subjectsRead += page.legalPersons.edges.length;
    if (!page.legalPersons.pageInfo.hasNextPage) break;
    after = page.legalPersons.pageInfo.endCursor;
  }
  return { findings, subjectsRead };
}

export interface CheckSummary {
  startedAt: Date;
  subjectsRead: number;
  open: number;
  opened: number;
  closed: number;
  byRule: { rule: string; open: number }[];
}

/** A new finding of a rule that says so opens a data objection to the second source's provider. */
async function openObjection(q: Sql, findingId: string, f: ObservedFinding, provider: string): Promise<void> {
  const actor = { agency: QUALITY_ACTOR, operator: QUALITY_OPERATOR, roles: [] };
  const claim = `${f.a.source} says ${f.a.item} = ${f.a.value}; ${f.b.source} says ${f.b.item} = ${f.b.value} (rule ${f.rule})`;
  const evidence = `Consistency finding ${findingId} (一数一源, Art. 9)`;
  await raiseObjection(q, actor, { item: f.b.item, key: f.recordKey || f.subjectKey, claim, evidence, provider, findingId }, await loadCalendar(q));
}

/** Records a run's findings (in the caller's transaction). */
export async function recordFindings(q: Sql, findings: ObservedFinding[], subjectsRead: number): Promise<CheckSummary> {
  // Two runs at once (the schedule and the bureau's mutation) record one after the other.
  await q(`SELECT pg_advisory_xact_lock(hashtext('consistency_finding'))`);
  const now = await platformNow(q);
  const catalogue = currentCatalogue();
  const providerOf = (item: string) => catalogue.items.get(item)?.provider ?? 'unknown';
  let opened = 0;
  const seen: string[] = [];
  for (const f of findings) {
    const [row] = await q<{ id: string; inserted: boolean }>(
      `INSERT INTO consistency_finding (rule, subject_kind, subject_key, record_key, source_a, item_a, value_a, provider_a,
                                        source_b, item_b, value_b, provider_b, status, first_seen, last_seen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)
       ON CONFLICT (rule, subject_key, record_key) WHERE status = 'OPEN'
       DO UPDATE SET value_a = EXCLUDED.value_a, value_b = EXCLUDED.value_b, item_a = EXCLUDED.item_a, item_b = EXCLUDED.item_b,
                     provider_a = EXCLUDED.provider_a, provider_b = EXCLUDED.provider_b, last_seen = EXCLUDED.last_seen
       RETURNING id, (xmax = 0) AS inserted`,
      [
        f.rule,
        f.subjectKind,
        f.subjectKey,
        f.recordKey,
        f.a.source,
        f.a.item,
        f.a.value,
        providerOf(f.a.item),
        f.b.source,
        f.b.item,
        f.b.value,
        providerOf(f.b.item),
        now,
        now,
      ],
    );
    if (row.inserted) {
      opened++;
      if (OPENS_OBJECTION.has(f.rule)) await openObjection(q, row.id, f, providerOf(f.b.item));
    }
    seen.push(row.id);
  }
  const closed = await q(`UPDATE consistency_finding SET status = 'CLOSED', closed_at = ? WHERE status = 'OPEN' AND NOT (id = ANY(?::uuid[])) RETURNING id`, [
    now,
    `{${seen.join(',')}}`,
  ]);
  const byRule = await q<{ rule: string; open: number }>(
    `SELECT rule, count(*)::int AS open FROM consistency_finding WHERE status = 'OPEN' GROUP BY rule ORDER BY rule`,
  );
  const counts = new Map(byRule.map((r) => [r.rule, r.open]));
  return {
    startedAt: now,
    subjectsRead,
    open: seen.length,
    opened,
    closed: closed.length,
    byRule: Object.values(ConsistencyRule).map((rule) => ({ rule, open: counts.get(rule) ?? 0 })),
  };
}

/** One whole run: observe through the router, then record in one transaction. */
export async function runConsistencyCheck(read: GraphQLReader, inTransaction: <T>(fn: (q: Sql) => Promise<T>) => Promise<T>): Promise<CheckSummary> {
  const { findings, subjectsRead } = await observe(read);
  return inTransaction((q) => recordFindings(q, findings, subjectsRead));
}

/** A transaction on one pg connection (the schedule's and the script's: outside a request). */
export function clientTransaction(client: PoolClient | Client) {
  return async <T>(fn: (q: Sql) => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      const out = await fn(pgSql(client));
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
  };
}

export const summaryLine = (s: CheckSummary) =>
  `consistency check: ${s.subjectsRead} subjects read, ${s.open} findings open (${s.opened} new), ${s.closed} closed; ` +
  s.byRule.map((r) => `${r.rule} ${r.open}`).join(', ');
