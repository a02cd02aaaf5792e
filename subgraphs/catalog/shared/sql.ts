/**
 * Plain SQL for the catalog's own tables, through the request's MikroORM connection (so it is
 * counted like every other statement), with transactions and row locks where a transition needs
 * them. The statement runner is the platform's (platform/db/sql.ts: `?` placeholders, arrays as
 * PostgreSQL array literals, JSON as text), so the same runner is handed to platform/governance's
 * functions inside a transaction. The governance tables are never named here.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { emSql, emTransaction, type Sql } from '../../../platform/db/sql';
import { ErrorCode } from '../../../platform/errors';

export { pgArray } from '../../../platform/db/sql';
export type Query = Sql;

export function query(em: EntityManager): Query {
  return emSql(em);
}

export function transaction<T>(em: EntityManager, fn: (q: Query) => Promise<T>): Promise<T> {
  return emTransaction(em, fn);
}

export const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());

export function notFound(what: string, argument = 'id'): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: ErrorCode.NOT_FOUND, argument } });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);
