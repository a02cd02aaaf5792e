/**
 * Per-agency daily lookup budget (issue 8, class 4). A lookup by a natural key (an ID number, a
 * USCC, a parcel code, a decision number…) stays available to an agency that holds the key — that
 * is 联机查询 — but each one, hit or miss, counts against the agency's budget for the day (China
 * time), so that trying candidates (the 1,000 sequence numbers of a birth date) runs dry.
 *
 * - The budget lives in the governance database, so every replica of every subgraph draws on one
 *   counter (platform/governance/lookup-budget.ts: `lookup_budget` overrides, `lookup_usage`).
 * - One atomic statement per request charges all its lookups (aliases included) at once, before
 *   execution (`lookupBudgetPlugin`), and only if they all fit: no partial charge.
 * - Exhausted → HTTP 429, extensions.code LOOKUP_BUDGET_EXHAUSTED.
 * - Lookups are audited pseudonymously: the lookup field (served by the shield's masking step, or
 *   refused here) and the keys of the rows it found, never the looked-up value.
 * Anonymous callers and data subjects have no agency budget: anonymous lookups reach only open
 * facts, under the router's own limits.
 */
import { GraphQLError, GraphQLField, GraphQLSchema, Kind, SelectionSetNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import type { Pool } from 'pg';
import { pgSql } from '../db/sql';
import { chargeLookupBudget, type LookupCharge } from '../governance';
import type { ApolloServerPlugin } from '@apollo/server';
import { chinaDay } from '../time';
import { readFieldPolicy } from './directive';
import { parseArgumentUse } from './metadata';
import type { RequestPolicy } from './request';
import { ErrorCode } from '../errors';
import { setting } from '../settings/read';

export const LOOKUP_BUDGET_EXHAUSTED = ErrorCode.LOOKUP_BUDGET_EXHAUSTED;
export const LOOKUP_BUDGET_UNAVAILABLE = ErrorCode.LOOKUP_BUDGET_UNAVAILABLE;
export const DEFAULT_LOOKUPS_PER_DAY = 20_000;

/** LOOKUP_BUDGET_PER_DAY, or 20,000; a value that is not a whole number stops start-up. */
export function defaultLookupsPerDay(): number {
  return setting('LOOKUP_BUDGET_PER_DAY');
}

export type Charge = LookupCharge;

/** The shared counter. `charge` is one round trip when it fits: it adds `n` only if the total stays within the
 *  agency's limit for the day, and says what was used. */
export class LookupBudget {
  constructor(
    private readonly pool: Pool,
    private readonly perDay: number = defaultLookupsPerDay(),
  ) {}

  async charge(agency: string, n: number, day = chinaDay()): Promise<Charge> {
    return chargeLookupBudget(pgSql(this.pool), agency, day, n, this.perDay);
  }
}

export function budgetExhausted(agency: string, charge: Charge, wanted: number): GraphQLError {
  const reason = `The lookup budget of ${agency} for today (China time) is exhausted: ${charge.used} of ${charge.limit} used, ${wanted} more asked. Lookups by natural key count, hits and misses alike; the budget resets at midnight China time.`;
  return new GraphQLError(reason, {
    extensions: { code: LOOKUP_BUDGET_EXHAUSTED, used: charge.used, limit: charge.limit, requested: wanted, http: { status: 429 } },
  });
}

/** A budget that cannot be read refuses the lookups (fail closed) with a code, not a crash. */
async function chargeOrFailClosed(budget: LookupBudget, agency: string, n: number): Promise<Charge> {
  try {
    return await budget.charge(agency, n);
  } catch (e) {
    console.error(`[lookup-budget] charge failed for ${agency}: ${e instanceof Error ? e.message : String(e)}`);
    throw new GraphQLError('The lookup budget cannot be checked right now, so lookups by natural key are refused; try again shortly', {
      extensions: { code: LOOKUP_BUDGET_UNAVAILABLE, http: { status: 503 } },
    });
  }
}

/** Where a request's budget is: set on its request policy by lookupBudgetPlugin before execution,
 *  so that chargeLookups finds it from a resolver's context. */
export interface WithLookupBudget {
  lookupBudget?: LookupBudget;
}

/**
 * For resolvers that look up by a value outside a declared `lookupBy` argument (e.g. a licence
 * presented for verification): charges `n` lookups of `item` to the calling agency, throwing the
 * 429 error when the budget is spent. A no-op for callers without an agency.
 */
export async function chargeLookups(ctx: { policy: RequestPolicy }, n: number, item: string): Promise<void> {
  const { identity } = ctx.policy;
  const budget = (ctx.policy as RequestPolicy & WithLookupBudget).lookupBudget;
  if (identity.kind !== 'agency' || !identity.agency || !budget || n <= 0) return;
  const charge = await chargeOrFailClosed(budget, identity.agency, n);
  if (!charge.allowed) throw budgetExhausted(identity.agency, charge, n);
  ctx.policy.audit.record(item.split('.')[0], item, 'served');
}

interface LookupCall {
  /** `Query.personByIdNumber` */
  item: string;
  /** The response key (its alias) */
  field: string;
}

const lookupFields = new WeakMap<GraphQLField<unknown, unknown>, boolean>();
/** Whether a field declares a lookup argument (read from its @sharing once per schema field). */
function isLookupField(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): boolean {
  let known = lookupFields.get(field);
  if (known === undefined) {
    known = Object.values(readFieldPolicy(schema, field)?.args ?? {}).some((use) => parseArgumentUse(use)?.kind === 'lookup');
    lookupFields.set(field, known);
  }
  return known;
}

/** The root fields of an operation that are lookups, one per selection (aliases count). */
export function lookupCalls(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): LookupCall[] {
  const rootType = operation.operation === 'query' ? schema.getQueryType() : undefined;
  if (!rootType) return [];
  const fields = rootType.getFields();
  const calls: LookupCall[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        if (seen.has(sel.name.value)) continue;
        seen.add(sel.name.value);
        const frag = fragments[sel.name.value];
        if (frag) walk(frag.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      } else {
        const field = fields[sel.name.value];
        if (field && isLookupField(schema, field)) calls.push({ item: `${rootType.name}.${field.name}`, field: (sel.alias ?? sel.name).value });
      }
    }
  };
  walk(operation.selectionSet);
  return calls;
}

/** Charges a request's lookups in one statement before it executes. */
export function lookupBudgetPlugin<C extends { policy: RequestPolicy }>(budget: LookupBudget): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, schema }) {
          const policy = contextValue.policy as RequestPolicy & WithLookupBudget;
          policy.lookupBudget = budget;
          const fragments = Object.fromEntries(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          if (!operation) return;
          const calls = lookupCalls(schema, operation, fragments);
          if (!calls.length) return;
          const { identity } = policy;
          const charge = identity.kind === 'agency' && identity.agency ? await chargeOrFailClosed(budget, identity.agency, calls.length) : undefined;
          if (charge && !charge.allowed) {
            // The refused lookups are audited by field; the values looked up are never recorded.
            for (const call of calls) policy.audit.record(call.item.split('.')[0], call.item, 'refused');
            throw budgetExhausted(identity.agency!, charge, calls.length);
          }
        },
      };
    },
  };
}
