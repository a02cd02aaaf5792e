/**
 * The refresh log (`resource_refresh`, Art. 11, 25): after a subgraph loads data into its own
 * database it appends one line per table with the rows it counted; the catalog's evaluation turns
 * them into "records held" and freshness. Only counts and times cross over.
 */
import type { Sql } from '../db/sql';

export interface TableCount {
  tableName: string;
  /** The entity class name without its `Entity` suffix (PersonEntity → Person). */
  typeName: string;
  records: number;
  /** The newest `updated_at` of the table's records (its real last change), when it keeps one. */
  lastChangedAt?: Date | null;
}

export async function recordRefresh(sql: Sql, subgraph: string, counts: readonly TableCount[], source: string): Promise<void> {
  if (!counts.length) return;
  const values: unknown[] = [];
  const tuples = counts.map((c) => {
    values.push(subgraph, c.tableName, c.typeName, c.records, source, c.lastChangedAt ?? null);
    return '(?, ?, ?, ?, ?, ?::timestamptz)';
  });
  await sql(`INSERT INTO resource_refresh (subgraph, table_name, type_name, records, source, last_changed_at) VALUES ${tuples.join(', ')}`, values);
}

export interface RefreshRecord {
  subgraph: string;
  tableName: string;
  typeName: string;
  records: number;
  refreshedAt: Date;
  /** The data's real last change as reported (issue 11); null when the table keeps none. */
  lastChangedAt: Date | null;
}

/** Each table's last report at or before `asOf`. */
export async function latestRefreshes(sql: Sql, asOf: Date): Promise<RefreshRecord[]> {
  const rows = await sql<{ subgraph: string; table_name: string; type_name: string; records: string; refreshed_at: Date; last_changed_at: Date | null }>(
    `SELECT DISTINCT ON (subgraph, table_name) subgraph, table_name, type_name, records::text AS records, refreshed_at, last_changed_at
       FROM resource_refresh WHERE refreshed_at <= ? ORDER BY subgraph, table_name, refreshed_at DESC`,
    [asOf],
  );
  return rows.map((r) => ({
    subgraph: r.subgraph,
    tableName: r.table_name,
    typeName: r.type_name,
    records: Number(r.records),
    refreshedAt: new Date(r.refreshed_at),
    lastChangedAt: r.last_changed_at ? new Date(r.last_changed_at) : null,
  }));
}

/** How many reports each table had in [start, asOf]. */
export async function refreshCountsBetween(sql: Sql, start: Date, asOf: Date): Promise<{ subgraph: string; tableName: string; reports: number }[]> {
  const rows = await sql<{ subgraph: string; table_name: string; n: string }>(
    `SELECT subgraph, table_name, count(*)::text AS n FROM resource_refresh WHERE refreshed_at >= ? AND refreshed_at <= ? GROUP BY subgraph, table_name`,
    [start, asOf],
  );
  return rows.map((r) => ({ subgraph: r.subgraph, tableName: r.table_name, reports: Number(r.n) }));
}
