/** Refresh reports of 电子证照库 (platform/subgraph/refresh.ts): one table holds every licence kind,
 *  but the catalogue has one resource per kind. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { LICENSE_TYPES } from './catalogue';

/** Records held per licence kind, for the catalogue's freshness and records-held figures: one
 *  resource per kind, reported under the kind's type (table name `license/<kind>`, so that each
 *  kind is its own line of the refresh log). */
export async function licenceKindCounts(em: EntityManager): Promise<{ tableName: string; typeName: string; records: number }[]> {
  const rows: { type_code: string; n: string }[] = await em.getConnection().execute(`SELECT type_code, count(*)::bigint AS n FROM license GROUP BY type_code`);
  const byCode = new Map(rows.map((r) => [r.type_code, Number(r.n)]));
  return LICENSE_TYPES.map((t) => ({ tableName: `license/${t.code.toLowerCase()}`, typeName: t.graphqlName, records: byCode.get(t.code) ?? 0 }));
}
