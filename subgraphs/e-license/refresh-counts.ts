/** Refresh reports of 电子证照库 (platform/subgraph/refresh.ts): one table holds every licence kind,
 *  but the catalogue has one resource per kind. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { LICENSE_TYPES } from './catalogue';
import type { TableCount } from '../../platform/subgraph/refresh';

/** Records held per licence kind, with each kind's real last change (`updated_at`, issue 11), for the
 *  catalogue's freshness and records-held figures: one resource per kind, reported under the kind's
 *  type (table name `license/<kind>`, so that each kind is its own line of the refresh log).
 *  `kinds`: only these kinds (codes), after an update of them. */
export async function licenceKindCounts(em: EntityManager, kinds?: string[]): Promise<TableCount[]> {
  const only = kinds ? `WHERE type_code = ANY(?)` : '';
  const rows: { type_code: string; n: string; last: Date | null }[] = await em
    .getConnection()
    .execute(`SELECT type_code, count(*)::bigint AS n, max(updated_at) AS last FROM license ${only} GROUP BY type_code`, kinds ? [kinds] : []);
  const byCode = new Map(rows.map((r) => [r.type_code, r]));
  return LICENSE_TYPES.filter((t) => !kinds || kinds.includes(t.code)).map((t) => {
    const r = byCode.get(t.code);
    return {
      tableName: `license/${t.code.toLowerCase()}`,
      typeName: t.graphqlName,
      records: Number(r?.n ?? 0),
      lastChangedAt: r?.last ? new Date(r.last) : null,
    };
  });
}
