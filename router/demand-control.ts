/**
 * Demand control at the router (Apollo Router's `demand_control`, `static_estimated` strategy):
 * the operation's cost is estimated from its shape and `first` arguments against the supergraph
 * (platform/graphql/cost-estimate.ts), after the operation limits and before any engine plans it.
 *
 *   mode enforce, estimate > max → 400, extensions.code COST_ESTIMATED_TOO_EXPENSIVE with
 *                                   extensions.cost { estimated, max } (Apollo Router's shape)
 *   mode measure                 → the estimate is only recorded (the access log line's
 *                                   estimatedCost, and a log line when it is over max)
 *
 * The list fields come from the supergraph the router started with: which fields are lists does
 * not change with the catalogue register's sharing lines (router/live-supergraph.ts).
 */
import { buildASTSchema, parse, type DocumentNode } from 'graphql';
import type { DemandControlConfig } from './config';
import { httpError } from './http';
import { ErrorCode } from '../platform/errors';
import { estimateCost } from '../platform/graphql/cost-estimate';
import { MAX_TOKENS } from '../platform/graphql/operation-limits';

/** Returns the estimate (undefined when off or the operation cannot be picked); throws the refusal. */
export type CostCheck = (query: string, operationName: string | undefined, variables: Record<string, unknown> | undefined) => number | undefined;

const CACHE_SIZE = 1_000;

export function createCostCheck(config: DemandControlConfig, supergraphSdl: string, log: (line: string) => void): CostCheck {
  if (!config.enabled) return () => undefined;
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  // Parsed documents by text (the estimate depends on the variables, so it is not cached). The
  // limit check has parsed the same text already and refused anything that does not parse.
  const docs = new Map<string, DocumentNode>();
  return (query, operationName, variables) => {
    let doc = docs.get(query);
    if (!doc) {
      doc = parse(query, { maxLexicalTokens: MAX_TOKENS, noLocation: true });
      if (docs.size >= CACHE_SIZE) docs.delete(docs.keys().next().value as string);
      docs.set(query, doc);
    }
    const estimated = estimateCost(schema, doc, operationName, variables, { listSize: config.listSize });
    if (estimated === undefined || estimated <= config.max) return estimated;
    if (config.mode === 'enforce') {
      throw httpError(400, `query estimated cost ${estimated} exceeded configured maximum ${config.max}`, ErrorCode.COST_ESTIMATED_TOO_EXPENSIVE, {
        cost: { estimated, max: config.max },
      });
    }
    log(`router: operation ${operationName ?? '(anonymous)'} estimated cost ${estimated} is over the maximum ${config.max} (measure mode: served)`);
    return estimated;
  };
}
