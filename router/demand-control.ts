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
import { buildASTSchema, parse } from 'graphql';
import type { DemandControlConfig } from './config';
import { httpError } from './http';
import { ErrorCode } from '../platform/errors';
import { estimateCost } from '../platform/graphql/cost-estimate';
import { parsedDocument } from './parsed-documents';

/** Returns the estimate (undefined when off or the operation cannot be picked); throws the refusal. */
export type CostCheck = (query: string, operationName: string | undefined, variables: Record<string, unknown> | undefined) => number | undefined;

export function createCostCheck(config: DemandControlConfig, supergraphSdl: string, log: (line: string) => void): CostCheck {
  if (!config.enabled) return () => undefined;
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  // The estimate depends on the variables, so only the parsed document is cached (parsed-documents.ts).
  // The limit check has parsed the same text already and refused anything that does not parse.
  return (query, operationName, variables) => {
    const doc = parsedDocument(query);
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
