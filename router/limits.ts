/**
 * Operation limits at the router, measured on the parsed document before any engine plans it
 * (platform/graphql/operation-limits.ts, shared with the subgraphs' second line), with Apollo
 * Router's error codes, so a client sees the same refusal whichever router fronts the subgraphs:
 *
 *   limits.max_depth        → 400, extensions.code MAX_DEPTH_LIMIT
 *   limits.max_aliases      → 400, extensions.code MAX_ALIASES_LIMIT
 *   limits.max_root_fields  → 400, extensions.code MAX_ROOT_FIELDS_LIMIT
 *   unparsable query        → 400, extensions.code GRAPHQL_PARSE_FAILED
 */
import type { RouterConfig } from './config';
import { httpError } from './http';
import { createOperationLimitCheck, type LimitCheck } from '../platform/graphql/operation-limits';

export type { LimitCheck };

/** Returns a checker that throws a GraphQLError carrying `extensions.http.status` 400. */
export function createLimitCheck(limits: RouterConfig['limits']): LimitCheck {
  return createOperationLimitCheck(limits, (message, code) => httpError(400, message, code));
}
