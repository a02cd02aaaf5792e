/**
 * Refresh reports (Art. 11, 25): after a subgraph loads data into its own database (the seed, or
 * a department's ETL), it counts the rows of each of its tables and appends one line per table to
 * the refresh log of the governance database (platform/governance/refresh.ts). The catalog turns these into "records
 * held" and freshness against each resource's declared update cycle. Only counts and times cross
 * over: each department keeps owning its database. Best effort: a report that cannot be written is
 * logged and never stops the subgraph.
 */
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pgSql, type Sql } from '../db/sql';
import { governanceDatabaseUrl, recordRefresh, type TableCount } from '../governance';
import type { SubgraphDefinition } from './definition';
import { changeItems } from '../history/items';

export type { TableCount } from '../governance';

/** Rows checked and valid of the file just ingested, by table (the ingest CLI's report). */
export type Validity = Record<string, { rowsChecked: number; rowsValid: number }>;

export async function countTables(def: SubgraphDefinition, orm: MikroORM, validity?: Validity): Promise<TableCount[]> {
  const conn = orm.em.getConnection();
  const counts: TableCount[] = [];
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    if (!def.entities.includes(meta.class as never) || !meta.tableName) continue;
    if (!/^[a-z_][a-z0-9_]*$/.test(meta.tableName)) continue;
    // A table that keeps `updated_at` (issue 11) reports its real last change with its count.
    const changed = meta.properties.updatedAt ? ', max(updated_at) AS last' : '';
    // Completeness (issue 11): for a resource with an ingest declaration, its item cells filled.
    const spec = def.ingest?.find((s) => s.table === meta.tableName);
    const items = spec ? Object.keys(changeItems(spec)).map((f) => spec.columns[f]) : [];
    const filled = items.length ? `, sum(${items.map((c) => `(${c} IS NOT NULL)::int`).join(' + ')})::bigint AS filled` : '';
    const [row] = await conn.execute(`SELECT count(*)::bigint AS n${changed}${filled} FROM "${meta.tableName}"`);
    const lastChangedAt = row.last ? new Date(row.last as string) : null;
    const records = Number(row.n);
    counts.push({
      tableName: meta.tableName,
      typeName: meta.className.replace(/Entity$/, ''),
      records,
      lastChangedAt,
      ...(items.length ? { itemsFilled: Number(row.filled ?? 0), itemsExpected: records * items.length } : {}),
      ...validity?.[meta.tableName],
    });
  }
  return counts;
}

/** Appends a refresh report for `def`'s tables. `server` is the PostgreSQL server URL. */
export async function reportRefresh(
  def: SubgraphDefinition,
  orm: MikroORM,
  server: string,
  source: string,
  log: (l: string) => void = console.log,
  validity?: Validity,
): Promise<void> {
  try {
    const counts = def.refreshCounts ? await def.refreshCounts(orm.em.fork()) : await countTables(def, orm, validity);
    if (!counts.length) return;
    const client = new Client({ connectionString: governanceDatabaseUrl(server) });
    await client.connect();
    try {
      await recordRefresh(pgSql(client), def.name, counts, source);
    } finally {
      await client.end();
    }
  } catch (e) {
    log(`${def.name}: warning: refresh report not written to the catalog (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * After a provider's update through the API (issue 11): reports the changed tables with their
 * count and real last change, so that the evaluation's freshness follows the data. Best effort,
 * like every refresh report: the change is committed whatever happens here.
 */
export async function reportChangedTables(
  subgraph: string,
  q: Sql,
  tables: { tableName: string; typeName: string }[],
  log: (l: string) => void = console.log,
): Promise<void> {
  await reportCounts(
    subgraph,
    async () => {
      const counts: TableCount[] = [];
      for (const t of tables) {
        if (!/^[a-z_][a-z0-9_]*$/.test(t.tableName)) continue;
        const [row] = await q<{ n: string; last: Date | null }>(`SELECT count(*)::bigint AS n, max(updated_at) AS last FROM "${t.tableName}"`);
        counts.push({ ...t, records: Number(row.n), lastChangedAt: row.last ? new Date(row.last) : null });
      }
      return counts;
    },
    log,
  );
}

/** Appends the counts `count` gives as a change report (source `change`); best effort, as above. */
export async function reportCounts(subgraph: string, count: () => Promise<TableCount[]>, log: (l: string) => void = console.log): Promise<void> {
  try {
    const counts = await count();
    const client = new Client({ connectionString: governanceDatabaseUrl() });
    await client.connect();
    try {
      await recordRefresh(pgSql(client), subgraph, counts, 'change');
    } finally {
      await client.end();
    }
  } catch (e) {
    log(`${subgraph}: warning: change report not written to the catalog (${e instanceof Error ? e.message : String(e)})`);
  }
}
