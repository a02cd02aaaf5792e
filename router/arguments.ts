/**
 * Argument values the router refuses before any engine plans the operation (issue 13, hostile
 * input), so that they are a 400 with a code rather than a resolver's error folded into a 200:
 *
 *   `first` not an integer from 1 to MAX_PAGE_SIZE (1e12, -5, 2.5), inline or in a variable
 *   an inline string literal longer than VARIABLE_LIMITS.maxStringLength (the variables' own
 *   bound is checked where the body is read, router/http.ts)
 *
 * The subgraphs check `first` again (validateFirst): this is the first line, not the only one.
 */
import { Kind, visit, type ValueNode } from 'graphql';
import { parsedDocument } from './parsed-documents';
import { ErrorCode } from '../platform/errors';
import { MAX_PAGE_SIZE } from '../platform/graphql/page-size';
import { httpError, VARIABLE_LIMITS, type GraphQLParams } from './http';

function literal(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    default:
      return node; // not a number: validation reports the type error
  }
}

export function checkArguments(params: GraphQLParams): void {
  let document;
  try {
    document = parsedDocument(params.query);
  } catch {
    return; // the limit check has already reported GRAPHQL_PARSE_FAILED
  }
  const variables = params.variables ?? {};
  visit(document, {
    Argument(node) {
      if (node.name.value !== 'first') return;
      const value = literal(node.value, variables);
      if (typeof value !== 'number') return; // a wrong type is the variable coercion's error
      if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
        throw httpError(400, `Argument "first" must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${JSON.stringify(value)}`, ErrorCode.BAD_USER_INPUT, {
          argument: 'first',
        });
      }
    },
    StringValue(node) {
      if (node.value.length > VARIABLE_LIMITS.maxStringLength) {
        throw httpError(400, `A string argument is longer than ${VARIABLE_LIMITS.maxStringLength} characters`, ErrorCode.BAD_USER_INPUT);
      }
    },
  });
}
