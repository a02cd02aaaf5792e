/**
 * Every `extensions.code` the platform answers with, in one place, and the small constructors that
 * raise them. Agencies script against these codes: they are stable, and a new one is added here,
 * never written as a string literal where it is raised.
 */
import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values that agencies can script against. */
export const ErrorCode = {
  // The request or its arguments are wrong (4xx).
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  INVALID_GRAPHQL_REQUEST: 'INVALID_GRAPHQL_REQUEST',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  CSRF_ERROR: 'CSRF_ERROR',
  MAX_DEPTH_LIMIT: 'MAX_DEPTH_LIMIT',
  MAX_ALIASES_LIMIT: 'MAX_ALIASES_LIMIT',
  MAX_ROOT_FIELDS_LIMIT: 'MAX_ROOT_FIELDS_LIMIT',
  /** Demand control (router.yaml demand_control): the operation's estimated cost is over `max`. */
  COST_ESTIMATED_TOO_EXPENSIVE: 'COST_ESTIMATED_TOO_EXPENSIVE',
  /** The caller spent its requests or estimated cost for this interval (router.yaml rate_limit; HTTP 429 with Retry-After). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Trusted documents (router.yaml persisted_queries): an enforcing agency sent an operation its approved applications do not hold. */
  PERSISTED_QUERY_NOT_IN_SAFELIST: 'PERSISTED_QUERY_NOT_IN_SAFELIST',
  /** An enforcing agency sent a document's text where persisted_queries.safelist.require_id wants its id. */
  PERSISTED_QUERY_ID_REQUIRED: 'PERSISTED_QUERY_ID_REQUIRED',
  /** The id is not the SHA-256 of the document sent with it. */
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  /** Persisted queries are off (router.yaml persisted_queries.enabled). */
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** The request's headers exceed what the server reads (HTTP 431; issue 13, hostile input). */
  REQUEST_HEADERS_TOO_LARGE: 'REQUEST_HEADERS_TOO_LARGE',
  /** The client did not finish sending its request in time (HTTP 408): a slow-drip body. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  // Who asks, and what they may read.
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  LOOKUP_BUDGET_EXHAUSTED: 'LOOKUP_BUDGET_EXHAUSTED',
  LOOKUP_BUDGET_UNAVAILABLE: 'LOOKUP_BUDGET_UNAVAILABLE',
  /** A change that loosens an item's policy in the catalogue register: only an argumentation review (论证审核) may. */
  REVIEW_REQUIRED: 'REVIEW_REQUIRED',
  // Batch exports (issue 11 item 6; docs/exchange.md "Batch exports").
  /** No live grant of the agency allows the BATCH method for the purpose (or for these items). */
  BATCH_NOT_GRANTED: 'BATCH_NOT_GRANTED',
  /** More rows asked for than the grant's maxRows, or the grant's exports per day are used up. */
  EXPORT_LIMIT_EXCEEDED: 'EXPORT_LIMIT_EXCEEDED',
  /** GET /exports/<id>: no such export for the caller's agency (whether it exists or not). */
  EXPORT_NOT_FOUND: 'EXPORT_NOT_FOUND',
  /** GET /exports/<id>: the file expired and was deleted (HTTP 410). */
  EXPORT_EXPIRED: 'EXPORT_EXPIRED',
  /** GET /exports/<id>: the job has not finished, or failed (HTTP 409). */
  EXPORT_NOT_READY: 'EXPORT_NOT_READY',
  // A request to a subgraph that is not the router's (platform/identity/subgraph-signature.ts).
  UNSIGNED_REQUEST: 'UNSIGNED_REQUEST',
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  STALE_SIGNATURE: 'STALE_SIGNATURE',
  REPLAYED_REQUEST: 'REPLAYED_REQUEST',
  // The platform could not answer (5xx): no internals in the message.
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  GATEWAY_TIMEOUT: 'GATEWAY_TIMEOUT',
  /** A subgraph the router cannot reach (its process is down); `extensions.serviceName` names it. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  DOWNSTREAM_SERVICE_ERROR: 'DOWNSTREAM_SERVICE_ERROR',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A GraphQL error with a code from the list; `extensions` adds the details a caller can use. */
export function graphqlError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** Malformed input: the message says what is wrong; `argument` names the offending argument. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return graphqlError(ErrorCode.BAD_USER_INPUT, message, extensions);
}

/** A refusal: policy says no (the message cites why; `item`, `provider`, `reason` say what). */
export function forbidden(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return graphqlError(ErrorCode.FORBIDDEN, message, extensions);
}

export function unauthenticated(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return graphqlError(ErrorCode.UNAUTHENTICATED, message, extensions);
}

/** A whole-response error body, for answers made outside GraphQL execution (404, 400, 500). */
export function errorBody(code: ErrorCode, message: string): { errors: [{ message: string; extensions: { code: ErrorCode } }] } {
  return { errors: [{ message, extensions: { code } }] };
}
