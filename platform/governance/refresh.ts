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
  /** Completeness (issue 11): item cells filled, out of records × items (none internal). */
  itemsFilled?: number | null;
  itemsExpected?: number | null;
  /** Validity (issue 11): rows of the last ingest file that passed validation, out of rows read. */
  rowsChecked?: number | null;
  rowsValid?: number | null;
}

export async function recordRefresh(sql: Sql, subgraph: string, counts: readonly TableCount[], source: string): Promise<void> {
  if (!counts.length) return;
  const values: unknown[] = [];
  const tuples = counts.map((c) => {
    values.push(subgraph, c.tableName, c.typeName, c.records, source, c.lastChangedAt ?? null, c.itemsFilled ?? null, c.itemsExpected ?? null);
    values.push(c.rowsChecked ?? null, c.rowsValid ?? null);
    return '(?, ?, ?, ?, ?, ?::timestamptz, ?::bigint, ?::bigint, ?::bigint, ?::bigint)';
  });
  await sql(
    `INSERT INTO resource_refresh (subgraph, table_name, type_name, records, source, last_changed_at, items_filled, items_expected, rows_checked, rows_valid)
     VALUES ${tuples.join(', ')}`,
    values,
  );
}

export interface RefreshRecord {
  subgraph: string;
  tableName: string;
  typeName: string;
  records: number;
  refreshedAt: Date;
  /** The data's real last change as reported (issue 11); null when the table keeps none. */
  lastChangedAt: Date | null;
  /** The last measured quality aggregates at or before `asOf` (issue 11), null when never measured. */
  itemsFilled: number | null;
  itemsExpected: number | null;
  rowsChecked: number | null;
  rowsValid: number | null;
}

/** Each table's last report at or before `asOf`, with the last measured quality aggregates. */
export async function latestRefreshes(sql: Sql, asOf: Date): Promise<RefreshRecord[]> {
  const rows = await sql<{ subgraph: string; table_name: string; type_name: string; records: string; refreshed_at: Date; last_changed_at: Date | null }>(
    `SELECT DISTINCT ON (subgraph, table_name) subgraph, table_name, type_name, records::text AS records, refreshed_at, last_changed_at
       FROM resource_refresh WHERE refreshed_at <= ? ORDER BY subgraph, table_name, refreshed_at DESC`,
    [asOf],
  );
  // A report after a small update does not measure quality: the last report that did stands.
  const measured = (column: string, second: string) =>
    sql<{ subgraph: string; table_name: string; a: string; b: string }>(
      `SELECT DISTINCT ON (subgraph, table_name) subgraph, table_name, ${column}::text AS a, ${second}::text AS b
         FROM resource_refresh WHERE refreshed_at <= ? AND ${column} IS NOT NULL ORDER BY subgraph, table_name, refreshed_at DESC`,
      [asOf],
    );
  const filled = await measured('items_filled', 'items_expected');
  const valid = await measured('rows_valid', 'rows_checked');
  const find = (list: typeof filled, r: { subgraph: string; table_name: string }) =>
    list.find((x) => x.subgraph === r.subgraph && x.table_name === r.table_name);
  return rows.map((r) => ({
    subgraph: r.subgraph,
    tableName: r.table_name,
    typeName: r.type_name,
    records: Number(r.records),
    refreshedAt: new Date(r.refreshed_at),
    lastChangedAt: r.last_changed_at ? new Date(r.last_changed_at) : null,
    itemsFilled: find(filled, r) ? Number(find(filled, r)!.a) : null,
    itemsExpected: find(filled, r) ? Number(find(filled, r)!.b) : null,
    rowsValid: find(valid, r) ? Number(find(valid, r)!.a) : null,
    rowsChecked: find(valid, r) ? Number(find(valid, r)!.b) : null,
  }));
}

/** How many reports each table had in [start, asOf] (a refused ingest file, reported for its validity rate, refreshed nothing). */
export async function refreshCountsBetween(sql: Sql, start: Date, asOf: Date): Promise<{ subgraph: string; tableName: string; reports: number }[]> {
  const rows = await sql<{ subgraph: string; table_name: string; n: string }>(
    `SELECT subgraph, table_name, count(*)::text AS n FROM resource_refresh WHERE refreshed_at >= ? AND refreshed_at <= ? AND source <> 'ingest-refused' GROUP BY subgraph, table_name`,
    [start, asOf],
  );
  return rows.map((r) => ({ subgraph: r.subgraph, tableName: r.table_name, reports: Number(r.n) }));
}
