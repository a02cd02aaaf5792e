/**
 * Operation limits (depth, aliases, root fields), measured on a parsed document with Apollo
 * Router's definitions: depth counts fields, root field = 1, fragments inlined; aliases and root
 * fields count fields reached through fragments too. The router checks them first (router/limits.ts);
 * every subgraph checks them again as a second line (platform/subgraph/server.ts), so a request
 * that reaches a subgraph some other way is no deeper than the router would have allowed.
 */
import { GraphQLError, Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '../errors';
import { setting } from '../settings/read';

export interface OperationLimits {
  maxDepth?: number;
  maxAliases?: number;
  maxRootFields?: number;
}

interface Measure {
  depth: number;
  aliases: number;
  rootFields: number;
}

/** The parser's token cap (Apollo Router's `parser_max_tokens` default) stops a huge document
 *  from costing CPU before any limit can look at it. */
export const MAX_TOKENS = 15_000;
const CACHE_SIZE = 1_000;

export function measureOperation(doc: DocumentNode, operationName: string | undefined): Measure | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of doc.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!op) return undefined; // the engine reports the missing/ambiguous operation itself

  // Memoised per fragment, so a fragment spread many times costs one walk (no "fragment bomb");
  // a fragment cycle counts as 0 here and is refused by the engine's validation.
  const memo = new Map<string, { depth: number; aliases: number; fields: number } | 'busy'>();
  const walk = (set: SelectionSetNode): { depth: number; aliases: number; fields: number } => {
    let depth = 0;
    let aliases = 0;
    let fields = 0;
    for (const sel of set.selections) {
      let inner = { depth: 0, aliases: 0, fields: 0 };
      if (sel.kind === Kind.FIELD) {
        const sub = sel.selectionSet ? walk(sel.selectionSet) : inner;
        inner = { depth: sub.depth + 1, aliases: sub.aliases + (sel.alias ? 1 : 0), fields: 1 };
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        inner = walk(sel.selectionSet);
      } else {
        const name = sel.name.value;
        const seen = memo.get(name);
        if (seen === 'busy') continue;
        if (seen) inner = seen;
        else {
          const frag = fragments.get(name);
          if (!frag) continue;
          memo.set(name, 'busy');
          inner = walk(frag.selectionSet);
          memo.set(name, inner);
        }
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      fields += inner.fields;
    }
    return { depth, aliases, fields };
  };
  const top = walk(op.selectionSet);
  return { depth: top.depth, aliases: top.aliases, rootFields: top.fields };
}

/** How a refusal is raised: (HTTP status 400, message, Apollo Router's code). */
export type LimitError = (message: string, code: ErrorCode) => GraphQLError;

export type LimitCheck = (query: string, operationName: string | undefined) => void;

/** Returns a checker that throws `error(...)` on the first limit exceeded. Results are cached by
 *  (operation name, query text): agencies send the same few operations all day. */
export function createOperationLimitCheck(limits: OperationLimits, error: LimitError): LimitCheck {
  const cache = new Map<string, Measure | GraphQLError | undefined>();
  return (query, operationName) => {
    const key = `${operationName ?? ''}\n${query}`;
    let result = cache.get(key);
    if (result === undefined && !cache.has(key)) {
      try {
        result = measureOperation(parse(query, { maxLexicalTokens: MAX_TOKENS, noLocation: true }), operationName);
      } catch (e) {
        result = error((e as GraphQLError).message, ErrorCode.GRAPHQL_PARSE_FAILED);
      }
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, result);
    }
    if (result instanceof GraphQLError) throw result;
    if (!result) return;
    if (limits.maxDepth !== undefined && result.depth > limits.maxDepth) {
      throw error(`Maximum depth limit exceeded in this operation (depth ${result.depth}, limit ${limits.maxDepth})`, ErrorCode.MAX_DEPTH_LIMIT);
    }
    if (limits.maxAliases !== undefined && result.aliases > limits.maxAliases) {
      throw error(`Maximum aliases limit exceeded in this operation (${result.aliases} aliases, limit ${limits.maxAliases})`, ErrorCode.MAX_ALIASES_LIMIT);
    }
    if (limits.maxRootFields !== undefined && result.rootFields > limits.maxRootFields) {
      throw error(
        `Maximum root fields limit exceeded in this operation (${result.rootFields} root fields, limit ${limits.maxRootFields})`,
        ErrorCode.MAX_ROOT_FIELDS_LIMIT,
      );
    }
  };
}

/** A subgraph's own limits: SUBGRAPH_MAX_DEPTH / _ALIASES / _ROOT_FIELDS, defaults as router.yaml's. */
export function subgraphLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  return {
    maxDepth: setting('SUBGRAPH_MAX_DEPTH', env),
    maxAliases: setting('SUBGRAPH_MAX_ALIASES', env),
    maxRootFields: setting('SUBGRAPH_MAX_ROOT_FIELDS', env),
  };
}
