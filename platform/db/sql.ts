/**
 * One way to run a parameterised statement, whoever holds the connection: a pg Pool or Client
 * (the policy layer, the audit writer, the router) or a knex connection or transaction (a
 * subgraph's MikroORM entity manager). Placeholders are knex's `?`; arrays go in as PostgreSQL
 * array literals (`?::text[]` with `pgArray(…)`), JSON as text (`?::jsonb`), so that the same
 * statement means the same thing through either connection (knex would expand a bound JS array
 * into a list).
 */
import { createHash } from 'node:crypto';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows as node-postgres returns them; callers narrow with T
export type Sql = <T = Record<string, any>>(text: string, params?: unknown[]) => Promise<T[]>;

/** What node-postgres' Pool, PoolClient and Client have in common. */
export interface PgQueryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's own row type
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** What node-postgres' Pool and clients take for a named prepared statement. */
export interface PgPreparable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's own row type
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: any[] }>;
}

/** `?` → `$1, $2, …`, outside quoted literals, quoted identifiers and `--` comments. */
export function toNumberedPlaceholders(text: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop - 1;
    } else if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop - 1;
    } else if (ch === '?') {
      n += 1;
      out += `$${n}`;
    } else out += ch;
  }
  return out;
}

const numbered = new Map<string, string>();

function numberedText(text: string): string {
  let t = numbered.get(text);
  if (t === undefined) {
    t = toNumberedPlaceholders(text);
    if (numbered.size < 1000) numbered.set(text, t);
  }
  return t;
}

export function pgSql(db: PgQueryable): Sql {
  return async <T>(text: string, params: unknown[] = []) => (await db.query(numberedText(text), params)).rows as T[];
}

/**
 * Each statement as a named prepared statement (parsed and planned once per connection), for a
 * writer whose few statements run thousands of times a second with the same text: the audit
 * writer, where planning was about 40 % of an append's PostgreSQL CPU (docs/PERFORMANCE.md).
 */
export function pgPreparedSql(db: PgPreparable): Sql {
  return async <T>(text: string, params: unknown[] = []) => {
    const t = numberedText(text);
    return (await db.query({ name: statementName(t), text: t, values: params })).rows as T[];
  };
}

const statementNames = new Map<string, string>();
/** A prepared statement's name: node-postgres refuses one name for two texts, so the name is the text's hash. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (statementNames.size < 1000) statementNames.set(text, name);
  }
  return name;
}

export function knexSql(k: Knex | Knex.Transaction): Sql {
  return async <T>(text: string, params: unknown[] = []) => {
    const result = await k.raw<{ rows?: unknown[] }>(text, params as Knex.RawBinding[]);
    return (result.rows ?? []) as T[];
  };
}

/** The request's connection of a MikroORM entity manager (statements are counted like any other). */
export function emSql(em: EntityManager): Sql {
  return knexSql(em.getConnection().getKnex());
}

/** Runs `fn` in one transaction of the entity manager's connection. */
export async function emTransaction<T>(em: EntityManager, fn: (q: Sql) => Promise<T>): Promise<T> {
  return em
    .getConnection()
    .getKnex()
    .transaction((trx) => fn(knexSql(trx)));
}

/** A PostgreSQL array literal for `?::text[]` (also `?::int[]`, `?::boolean[]`: elements are quoted text). */
export function pgArray(values: readonly (string | number | boolean)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
