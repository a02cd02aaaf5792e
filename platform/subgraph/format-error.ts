/**
 * What a client sees of an error: GraphQL errors we raised keep their message and extensions;
 * anything unexpected becomes a generic INTERNAL_SERVER_ERROR without internals (no stack, no SQL).
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';

const CLIENT_CODES = new Set<unknown>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_REQUEST,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.LOOKUP_BUDGET_EXHAUSTED,
  ErrorCode.LOOKUP_BUDGET_UNAVAILABLE,
  ErrorCode.REVIEW_REQUIRED,
  ErrorCode.BATCH_NOT_GRANTED,
  ErrorCode.EXPORT_LIMIT_EXCEEDED,
]);

/** PostgreSQL connection-class errors (08…), shutdowns (57P01-03: pg_terminate_backend, restart)
 *  and the drivers' own words for a lost or unobtainable connection. */
const CONNECTION_SQLSTATE = /^(08|57P0[123])/;
const CONNECTION_MESSAGE =
  /Connection terminated|connection error|not queryable|ECONNREFUSED|ECONNRESET|Timeout acquiring a connection|terminating connection|not currently accepting connections|the database system is (starting up|shutting down)|too many clients/i;

/** Whether an error (or one it wraps) says the database is unreachable, not that the query is wrong. */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; original?: unknown; previous?: unknown };
  if (typeof e.code === 'string' && (CONNECTION_SQLSTATE.test(e.code) || /^ECONN/.test(e.code))) return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGE.test(e.message)) return true;
  return [e.cause, e.original, e.previous].some((inner) => isConnectionError(inner, depth + 1));
}

/** SQLSTATE 57014 (query_canceled) from statement_timeout, possibly wrapped by the ORM. */
function isStatementTimeout(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; original?: unknown; previous?: unknown };
  if (e.code === '57014' || (typeof e.message === 'string' && /canceling statement due to statement timeout/.test(e.message))) return true;
  return [e.cause, e.original, e.previous].some((inner) => isStatementTimeout(inner, depth + 1));
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError && original.extensions?.code && CLIENT_CODES.has(String(original.extensions.code))) return formatted;
  // A lost database connection: fail closed with a code the caller can retry on (the pools
  // reconnect by themselves), not an INTERNAL_SERVER_ERROR that reads like a bug.
  if (isConnectionError(original)) {
    console.error('[subgraph] database unavailable:', (original as Error)?.message ?? original);
    return {
      message: 'The data source is temporarily unavailable; retry shortly',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  // The statement outlived statement_timeout (platform/db/statement-timeout.ts): the router has
  // already answered its caller with a timeout; whoever still listens gets a code, not a bug.
  if (isStatementTimeout(original)) {
    return {
      message: 'The data source did not answer in time',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason: 'statement_timeout' },
    };
  }
  // Log the real cause for operators; the client gets a stable code and no internals.
  console.error('[subgraph] unexpected error:', original);
  return { message: 'Internal error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
