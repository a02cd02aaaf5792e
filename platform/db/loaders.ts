/**
 * Per-request DataLoaders over MikroORM: one SELECT … WHERE key IN (…) per batch, whatever the
 * number of parents, so nested lists never turn into N+1 queries.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';

/** Loads one row per key (null when absent). */
export function rowLoader<T extends object>(em: EntityManager, entity: EntityName<T>, keyField: keyof T & string) {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = await em.find(entity, { [keyField]: { $in: [...keys] } } as FilterQuery<T>);
    const byKey = new Map(rows.map((r) => [String(r[keyField]), r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** Loads all rows whose `groupField` equals each key (an empty list when none). */
export function groupLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  groupField: keyof T & string,
  orderBy: QueryOrderMap<T> = {},
  where: FilterQuery<T> = {} as FilterQuery<T>,
) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await em.find(entity, { ...(where as object), [groupField]: { $in: [...keys] } } as FilterQuery<T>, { orderBy });
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const r of rows) groups.get(String(r[groupField]))?.push(r);
    return keys.map((k) => groups.get(k) ?? []);
  });
}
