/**
 * Plain SQL for the workflow, through the request's MikroORM connection (so it is counted like
 * every other statement), with transactions and row locks where a transition needs them.
 * Placeholders are knex's `?`; arrays go in as PostgreSQL array literals (`?::text[]`), JSON as
 * text (`?::jsonb`), never expanded into lists.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';

export type Query = <T = Record<string, any>>(sql: string, params?: unknown[]) => Promise<T[]>;

function runner(k: Knex | Knex.Transaction): Query {
  return async <T>(sql: string, params: unknown[] = []) => {
    const result = await k.raw(sql, params as Knex.RawBinding[]);
    return (result.rows ?? []) as T[];
  };
}

export function query(em: EntityManager): Query {
  return runner(em.getConnection().getKnex());
}

export async function transaction<T>(em: EntityManager, fn: (q: Query) => Promise<T>): Promise<T> {
  return em.getConnection().getKnex().transaction((trx) => fn(runner(trx)));
}

/** A PostgreSQL array literal for `?::text[]`. */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());

export function notFound(what: string, argument = 'id'): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: 'NOT_FOUND', argument } });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);
