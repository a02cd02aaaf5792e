/**
 * Per-request DataLoaders over MikroORM: one SELECT … WHERE key IN (…) per batch, whatever the
 * number of parents, so nested lists never turn into N+1 queries.
 *
 * `plain: true` reads through MikroORM's query builder with results mapped to property names but
 * not hydrated into managed entities. Hydration and the identity map were most of a lookup's CPU
 * (profiled: ~45% of the population subgraph's time for `personByIdNumber`), and read-only rows
 * of plain-data entities do not need them. Entities with getters or custom types keep `em.find`.
 * List pages read through `findRows`, the same way (docs/DECISIONS.md "Issue 9: data access").
 *
 * The batch loaders of plain-data entities go one step further (issue 15): their SELECT is the
 * same for every batch but the keys, so its text is built once from the entity's metadata
 * (plain-select.ts) and run as raw SQL with the keys as one array parameter. Building the query
 * through MikroORM's query builder and knex for every lookup was a fifth of a subgraph's CPU.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { inSpan } from '../observability/tracing';
import { plainSelect } from './plain-select';

/** The entity's name for a span (a class, a string, or MikroORM's reference object). */
function entityLabel(entity: unknown): string {
  if (typeof entity === 'string') return entity;
  return (entity as { name?: string }).name ?? 'entity';
}

/** One span per DataLoader batch (issue 12): its SQL statements are its children. The keys are not
 *  recorded (they are ID numbers), only how many. */
function batchSpan<R>(kind: string, entity: unknown, field: string, keys: readonly string[], load: () => Promise<R>): Promise<R> {
  return inSpan(
    `batch ${entityLabel(entity)}.${field}`,
    { 'hengyang.loader': kind, 'hengyang.entity': entityLabel(entity), 'hengyang.batch_size': keys.length },
    load,
  );
}

export interface LoaderOptions {
  /** Plain mapped rows instead of managed entities (only for entities that are plain data). */
  plain?: boolean;
}

/** The read style for plain-data entities (docs/DECISIONS.md "Issue 9: data access"). */
export const PLAIN: LoaderOptions = { plain: true };

export interface FindOptions<T> {
  // eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- MikroORM's types are {} for a generic entity T
  orderBy?: QueryOrderMap<T>;
  limit?: number;
}

/** Rows matching `where`, as plain mapped rows (`options.plain`) or managed entities. List queries
 *  (keyset pages) read through here too, so a subgraph reads one way whether by key or by page. */
export async function findRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  find: FindOptions<T> = {},
  options: LoaderOptions = {},
): Promise<T[]> {
  if (!options.plain) {
    return em.find(entity, where, { ...(find.orderBy ? { orderBy: find.orderBy } : {}), ...(find.limit !== undefined ? { limit: find.limit } : {}) });
  }
  const qb = em.createQueryBuilder(entity).select('*').where(where);
  if (find.orderBy) qb.orderBy(find.orderBy);
  if (find.limit !== undefined) qb.limit(find.limit);
  return qb.execute('all', true);
}

/** Loads one row per key (null when absent). */
export function rowLoader<T extends object>(em: EntityManager, entity: EntityName<T>, keyField: keyof T & string, options: LoaderOptions = {}) {
  const fast = options.plain ? plainSelect<T>(em, entity, keyField) : undefined;
  return new DataLoader<string, T | null>((keys) =>
    batchSpan('row', entity, keyField, keys, async () => {
      const rows = fast ? await fast(keys) : await findRows(em, entity, { [keyField]: { $in: [...keys] } } as FilterQuery<T>, {}, options);
      const byKey = new Map(rows.map((r) => [String(r[keyField]), r]));
      return keys.map((k) => byKey.get(k) ?? null);
    }),
  );
}

/** Loads all rows whose `groupField` equals each key (an empty list when none). */
export function groupLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  groupField: keyof T & string,
  // eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- MikroORM's types are {} for a generic entity T
  orderBy: QueryOrderMap<T> = {},
  where: FilterQuery<T> = {},
  options: LoaderOptions = {},
) {
  const fast = options.plain && !Object.keys(where).length ? plainSelect<T>(em, entity, groupField, orderBy as Record<string, string>) : undefined;
  return new DataLoader<string, T[]>((keys) =>
    batchSpan('group', entity, groupField, keys, async () => {
      const rows = fast
        ? await fast(keys)
        : await findRows(em, entity, { ...(where as object), [groupField]: { $in: [...keys] } } as FilterQuery<T>, { orderBy }, options);
      const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const r of rows) groups.get(String(r[groupField]))?.push(r);
      return keys.map((k) => groups.get(k) ?? []);
    }),
  );
}
