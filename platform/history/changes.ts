/**
 * `<resource>ChangesSince` (issue 11): a consumer asks what changed since a time, and learns only
 * of changes to items it may read for its purpose. A change is kept for this caller when at least
 * one of its changed fields is an item the caller's decision allows — for a row-scoped grant, on a
 * record inside the scope; a change touching only other items is skipped before paging, so it
 * shows up nowhere (no edge, no key, no time, no count). The values handed on hold only those
 * items; the composite field's masking step (platform/policy/protect.ts) then serves each one under
 * its item's decision and mask, exactly as a normal read of that item.
 */
import type { Sql } from '../db/sql';
import { pgArray } from '../db/sql';
import { inScope, type Decision } from '../policy/decide';
import { badUserInput } from '../errors';
import { decodeCursor, toConnection, type ConnectionShape } from '../graphql/connection';

export interface ChangeRow {
  seq: string;
  recordId: string;
  changedAt: Date;
  agency: string;
  operator: string | null;
  kind: 'INSERT' | 'UPDATE' | 'DELETE';
  /** Changed fields by GraphQL name, only those this caller may read. */
  fields: string[];
  /** New / old values by GraphQL name, only those this caller may read (null: a delete / an insert). */
  values: Record<string, unknown> | null;
  oldValues: Record<string, unknown> | null;
  /** Every new value by column, items or not (server side only: a `present` hook reads the
   *  columns that decide how an item is served, never hands them on). */
  rawNew: Record<string, unknown> | null;
}

export interface ChangesQuery {
  table: string;
  /** GraphQL field → column of the items a change may carry. */
  columns: Record<string, string>;
  /** The caller's decision for the field's item (`Person.name`). */
  decide: (field: string) => Decision;
  /** The current rows of records, for row-scoped decisions (a deleted record has none: out of scope). */
  rowsOf: (ids: string[]) => Promise<Map<string, unknown>>;
  /** Whether this caller may know of the record at all (a natural person's credit record is hidden
   *  from listings without a grant): a change to a record it may not see is skipped before paging. */
  visible?: (row: unknown) => boolean;
  since: Date;
  after: string | undefined;
  first: number;
}

/** `since` as an ISO 8601 instant with a time zone, or BAD_USER_INPUT. */
export function parseSince(value: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const at = new Date(value);
  if (!ok || Number.isNaN(at.getTime())) {
    throw badUserInput(`Argument "since" must be an ISO 8601 instant with a time zone (2026-12-01T08:00:00Z), got ${JSON.stringify(value)}`, {
      argument: 'since',
    });
  }
  return at;
}

const pick = (values: Record<string, unknown> | null, byColumn: Map<string, string>, fields: Set<string>) => {
  if (!values) return null;
  const out: Record<string, unknown> = {};
  for (const [column, v] of Object.entries(values)) {
    const field = byColumn.get(column);
    if (field && fields.has(field)) out[field] = v;
  }
  return out;
};

/**
 * The keyset walk every `…ChangesSince` pages with: history rows come in chunks by their own
 * sequence after the caller's cursor, `prepare` turns a chunk into a function that keeps a row (as
 * what the page lists) or skips it, and the walk stops once a page and one more are kept, so a page
 * of changes the caller may see can take several chunks. The connection has no totalCount
 * (platform/history/connection.ts): the count is never asked.
 */
export async function walkChanges<R extends { seq: string }, T extends { seq: string }>(
  page: { after: string | null | undefined; first: number },
  fetchChunk: (cursor: string, limit: number) => Promise<R[]>,
  prepare: (rows: R[]) => Promise<(row: R) => T | undefined>,
): Promise<ConnectionShape<T>> {
  let cursor = page.after ? (decodeCursor(page.after) ?? '') : '0';
  if (!/^\d{1,19}$/.test(cursor)) throw badUserInput('Argument "after" is not a cursor of this list', { argument: 'after' });
  const chunk = Math.max(100, (page.first + 1) * 2);
  const accepted: T[] = [];
  for (;;) {
    const rows = await fetchChunk(cursor, chunk);
    const keep = await prepare(rows);
    for (const r of rows) {
      const kept = keep(r);
      if (!kept) continue;
      accepted.push(kept);
      if (accepted.length > page.first) break;
    }
    if (accepted.length > page.first || rows.length < chunk) break;
    cursor = rows[rows.length - 1].seq;
  }
  return noChanges(accepted, page.first);
}

/** A page of changes without walking (nothing the caller may read), or the walk's result. */
export const noChanges = <T extends { seq: string }>(rows: T[] = [], first = 0): ConnectionShape<T> =>
  toConnection(
    rows,
    first,
    (r) => r.seq,
    () => Promise.reject(new Error('no count of changes')),
  );

interface HistoryRow {
  seq: string;
  record_id: string;
  changed_at: Date;
  agency: string;
  operator: string | null;
  kind: ChangeRow['kind'];
  fields: string[];
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
}

export async function changesSince(q: Sql, c: ChangesQuery): Promise<ConnectionShape<ChangeRow>> {
  const byColumn = new Map(Object.entries(c.columns).map(([f, col]) => [col, f]));
  const everywhere = new Set<string>();
  const scoped = new Map<string, Extract<Decision, { allowed: true }>['scopes'] & object>();
  for (const field of Object.keys(c.columns)) {
    const d = c.decide(field);
    if (!d.allowed) continue;
    if (d.scopes) scoped.set(field, d.scopes);
    else everywhere.add(field);
  }
  const readableColumns = [...everywhere, ...scoped.keys()].map((f) => c.columns[f]);
  if (!readableColumns.length) return noChanges();
  return walkChanges(
    { after: c.after, first: c.first },
    (cursor, limit) =>
      q<HistoryRow>(
        `SELECT id::text AS seq, record_id, changed_at, agency, operator, kind, fields, old_values, new_values
           FROM record_change
          WHERE table_name = ? AND changed_at >= ? AND id > ?::bigint AND fields && ?::text[]
          ORDER BY id LIMIT ?`,
        [c.table, c.since, cursor, pgArray(readableColumns), limit],
      ),
    async (rows) => {
      const current = scoped.size || c.visible ? await c.rowsOf([...new Set(rows.map((r) => r.record_id))]) : new Map<string, unknown>();
      return (r): ChangeRow | undefined => {
        if (c.visible && !c.visible(current.get(r.record_id))) return undefined;
        const readable = new Set<string>();
        for (const col of r.fields) {
          const field = byColumn.get(col);
          if (!field) continue;
          if (everywhere.has(field)) readable.add(field);
          else if (scoped.has(field) && inScope(current.get(r.record_id), scoped.get(field)!)) readable.add(field);
        }
        if (!readable.size) return undefined;
        return {
          seq: r.seq,
          recordId: r.record_id,
          changedAt: new Date(r.changed_at),
          agency: r.agency,
          operator: r.operator,
          kind: r.kind,
          fields: [...readable].sort(),
          values: pick(r.new_values, byColumn, readable),
          oldValues: pick(r.old_values, byColumn, readable),
          rawNew: r.new_values,
        };
      };
    },
  );
}
