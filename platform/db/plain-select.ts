/**
 * The SELECT of a plain-data batch loader (platform/db/loaders.ts), built once per loader from the
 * entity's MikroORM metadata: every persisted scalar column as its property name, the key column
 * matched against one array parameter, the loader's order. The rows come back as MikroORM's plain
 * mapping gives them (test/integration/plain-select.test.ts compares the two on every plain
 * entity); `Date` properties are parsed as MikroORM parses them. An entity with anything else
 * (relations, embeddables, formulas, other custom types) returns undefined, and its loader keeps
 * the query builder.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, EntityProperty } from '@mikro-orm/core';
import { emSql, pgArray } from './sql';

/** Runtime types read back exactly as the driver returns them (pg's own parsers, MikroORM's date/time overrides). */
const AS_RETURNED = new Set(['string', 'number', 'boolean']);
/** MikroORM types whose values, as this driver returns them, MikroORM also hands on unchanged: a
 *  date as its text (the connection's type override), a float8 as pg's number, jsonb as pg parsed it. */
const SAME_AS_RETURNED = new Set(['DateType:string', 'DoubleType:number', 'JsonType:any', 'JsonType:object']);

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The column of a property, or undefined when the property is not one plain column. */
function columnOf(p: EntityProperty | undefined): string | undefined {
  if (!p || p.kind !== 'scalar' || p.formula || p.embedded || p.fieldNames?.length !== 1) return undefined;
  return p.fieldNames[0];
}

export function plainSelect<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  keyField: string,
  orderBy: Record<string, string> = {},
): ((keys: readonly string[]) => Promise<T[]>) | undefined {
  const meta = em.getMetadata().find<T>(entity as never);
  if (!meta?.tableName) return undefined;
  const prop = (name: string) => (meta.properties as Record<string, EntityProperty | undefined>)[name];
  const columns: string[] = [];
  const dates: string[] = [];
  for (const p of meta.props) {
    if (p.persist === false) continue;
    const column = columnOf(p);
    const custom = p.customType?.constructor.name;
    if (!column || (custom && !SAME_AS_RETURNED.has(`${custom}:${p.runtimeType}`))) return undefined;
    if (p.runtimeType === 'Date' && !custom) dates.push(p.name);
    else if (!custom && !AS_RETURNED.has(p.runtimeType)) return undefined;
    columns.push(`${quoted(column)} AS ${quoted(p.name)}`);
  }
  const key = columnOf(prop(keyField));
  if (!key) return undefined;
  const order: string[] = [];
  for (const [field, direction] of Object.entries(orderBy)) {
    const column = columnOf(prop(field));
    if (!column || !/^(asc|desc)$/i.test(direction)) return undefined;
    order.push(`${quoted(column)} ${direction.toUpperCase()}`);
  }
  const text = `SELECT ${columns.join(', ')} FROM ${quoted(meta.tableName)} WHERE ${quoted(key)} = ANY(?::text[])${order.length ? ` ORDER BY ${order.join(', ')}` : ''}`;
  const sql = emSql(em);
  return async (keys) => {
    const rows = await sql<Record<string, unknown>>(text, [pgArray(keys)]);
    for (const row of rows) for (const d of dates) if (row[d] != null) row[d] = new Date(row[d] as string);
    return rows as T[];
  };
}
