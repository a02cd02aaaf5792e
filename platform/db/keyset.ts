/**
 * The one keyset pagination of the platform's SQL lists (applications, grants, audit events,
 * a data subject's access history): a page is `first + 1` rows after the cursor in key order, one
 * indexed range scan however deep; the cursor is the text of the last row's key; `totalCount` runs
 * its COUNT only when selected (connection.ts). The cursor handed out is sealed to the field, its
 * filters and the caller by the policy layer (graphql/cursor-seal.ts); what arrives here is the
 * plain cursor, checked again against the key's shape before it reaches SQL.
 */
import { badUserInput } from '../errors';
import { decodeCursor, encodeCursor } from '../graphql/cursor';
import type { ConnectionShape } from '../graphql/connection';
import type { Sql } from './sql';

/** A piece of SQL with its `?` parameters, in order. */
export interface Clause {
  sql: string;
  params: unknown[];
}

export interface KeyColumn {
  /** The column as ORDER BY names it, e.g. `submitted_at` or `audit_event.seq`. */
  column: string;
  /** Its SQL type, for the cursor's parameter (`timestamptz`, `uuid`, `bigint`). */
  type: string;
  /** What a cursor part must look like. */
  pattern: RegExp;
}

/** PostgreSQL's text of a timestamptz, as cursors carry it (full microseconds, so no row is skipped). */
export const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
export const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const BIGINT_TEXT = /^\d{1,19}$/;

export interface KeysetQuery<Row, Node = Row> {
  /** The select list (the key's text is added as `cursor_key`). */
  select: string | Clause;
  /** A table name (unaliased: conditions and key columns may qualify by it). */
  from: string;
  /** Conditions, ANDed. */
  where: Clause[];
  key: KeyColumn[];
  direction: 'ASC' | 'DESC';
  first: number;
  /** The `after` argument as the resolver received it. */
  after: string | null | undefined;
  /** Turns a page of rows into nodes, in the same order (e.g. hydrates entities); default the rows. */
  nodes?: (rows: (Row & { cursor_key: string })[]) => Promise<(Node | null | undefined)[]>;
}

/** The plain cursor's key parts, or BAD_USER_INPUT when it is not a key of this list. */
export function cursorKey(after: string | null | undefined, key: KeyColumn[]): string[] | undefined {
  const text = decodeCursor(after);
  if (text === undefined) return undefined;
  const parts = text.split('|');
  if (parts.length !== key.length || parts.some((p, i) => !key[i].pattern.test(p))) {
    throw badUserInput('Argument "after" is not a cursor of this list', { argument: 'after' });
  }
  return parts;
}

const clause = (c: string | Clause): Clause => (typeof c === 'string' ? { sql: c, params: [] } : c);
const whereSql = (cs: Clause[]) => (cs.length ? `WHERE ${cs.map((c) => c.sql).join(' AND ')}` : '');

/** One page of a keyset-paginated list, as a connection. */
export async function keysetPage<Row extends object, Node = Row>(sql: Sql, q: KeysetQuery<Row, Node>): Promise<ConnectionShape<Node>> {
  const parts = cursorKey(q.after, q.key);
  const where = [...q.where];
  if (parts) {
    const op = q.direction === 'DESC' ? '<' : '>';
    const cols = q.key.map((k) => k.column);
    const vals = q.key.map((k) => `?::${k.type}`);
    where.push(
      cols.length === 1 ? { sql: `${cols[0]} ${op} ${vals[0]}`, params: parts } : { sql: `(${cols.join(', ')}) ${op} (${vals.join(', ')})`, params: parts },
    );
  }
  const select = clause(q.select);
  const keyText = q.key.length === 1 ? `${q.key[0].column}::text` : `concat_ws('|', ${q.key.map((k) => `${k.column}::text`).join(', ')})`;
  const rows = await sql<Row & { cursor_key: string }>(
    `SELECT ${select.sql}, ${keyText} AS cursor_key FROM ${q.from} ${whereSql(where)}
      ORDER BY ${q.key.map((k) => `${k.column} ${q.direction}`).join(', ')} LIMIT ${q.first + 1}`,
    [...select.params, ...where.flatMap((c) => c.params)],
  );
  const page = rows.slice(0, q.first);
  const nodes = q.nodes ? await q.nodes(page) : (page as unknown as Node[]);
  const edges = page.flatMap((r, i) => (nodes[i] == null ? [] : [{ cursor: encodeCursor(r.cursor_key), node: nodes[i] as Node }]));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > q.first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    get totalCount() {
      return sql<{ n: string }>(
        `SELECT count(*) AS n FROM ${q.from} ${whereSql(q.where)}`,
        q.where.flatMap((c) => c.params),
      ).then(([c]) => Number(c.n));
    },
  };
}
