/**
 * Puts policy in front of every resolver of a subgraph schema:
 *  1. graphql-shield, default deny (`fallbackRule: deny`): one rule per `Type.field` from its
 *     @sharing metadata; structural types are allowed (their data fields carry their own rules);
 *     `_entities` is allowed because every entity field reached through it has its rule, and
 *     `_service` needs an agency token. A refusal is a FORBIDDEN error on that field alone.
 *  2. masking: the decision's mask (the grant's for the item, or the item's default) is applied
 *     to each returned value, and what was served or masked is recorded for the audit trail.
 */
import { GraphQLError, GraphQLSchema, getNamedType, isObjectType, isScalarType, GraphQLObjectType } from 'graphql';
import { allow, deny, rule, shield, type IRule } from 'graphql-shield';

/** A rule as shield() takes it: built with rule(), or allow/deny. */
type ShieldRule = IRule | typeof allow;
import { applyMiddleware, IMiddlewareFunction } from 'graphql-middleware';
import { applyMask } from '../masking';
import type { FieldPolicy } from './metadata';
import { inScope, type Decision } from './decide';
import { serveComposite } from './composite';
import type { RequestPolicy } from './request';
import type { SubjectKeys } from '../audit/collector';
import { argumentRefusal } from './arguments';
import { cursorScope, sealCursor, unsealCursor } from '../graphql/cursor-seal';
import { forbidden as forbiddenError, unauthenticated } from '../errors';

export interface PolicyContext {
  policy: RequestPolicy;
}

export interface ProtectOptions {
  structuralTypes: Set<string>;
  hashKey: string;
  /** Pseudonymous key(s) of the data subject(s) a row is about (for the audit trail): a group
   *  record (a household) names its members too, so that each of them sees the read. */
  subjectOf: (typeName: string, row: unknown, ctx: PolicyContext) => SubjectKeys | Promise<SubjectKeys>;
}

function refusalOf(d: Extract<Decision, { allowed: false }>): GraphQLError {
  return new GraphQLError(d.reason, { extensions: d.extensions });
}

/** Masks apply to text: a mask on an object, enum or number field is a declaration error. */
function assertMaskable(schema: GraphQLSchema, item: string, policy: FieldPolicy) {
  if (!policy.mask || policy.mask === 'FULL') return;
  const [typeName, fieldName] = item.split('.');
  const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName];
  const named = getNamedType(field.type);
  if (!isScalarType(named) || !['String', 'ID'].includes(named.name)) {
    throw new Error(`${item}: a default mask (${policy.mask}) needs a String field, not ${named.name}`);
  }
}

/** Seals, in place, the cursors of a connection a resolver returned (in place: `totalCount` is a
 *  getter that must stay lazy). */
function sealConnection(value: unknown, scope: string): void {
  const connection = value as { edges?: { cursor?: string }[]; pageInfo?: { endCursor?: string | null } } | null;
  if (!connection || typeof connection !== 'object') return;
  for (const edge of connection.edges ?? []) if (typeof edge.cursor === 'string') edge.cursor = sealCursor(scope, edge.cursor);
  if (connection.pageInfo && typeof connection.pageInfo.endCursor === 'string') {
    connection.pageInfo.endCursor = sealCursor(scope, connection.pageInfo.endCursor);
  }
}

/** The items that page (take `after`): their cursors are sealed. */
function pagedItems(schema: GraphQLSchema, policies: Map<string, FieldPolicy>): Set<string> {
  return new Set(
    [...policies.keys()].filter((item) => {
      const [typeName, fieldName] = item.split('.');
      return (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName].args.some((a) => a.name === 'after');
    }),
  );
}

/**
 * The benchmark's "policy off" schema (BENCH_POLICY_OFF, refused in production: platform/policy/
 * bench-policy-off.ts): no shield, no masking, no audit records; only the cursor seals stay, so that
 * the same requests (sealed cursors) work and the measurement isolates the policy's cost.
 */
export function cursorSealsOnly(schema: GraphQLSchema, policies: Map<string, FieldPolicy>): GraphQLSchema {
  const middleware: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const item of pagedItems(schema, policies)) {
    const [typeName, fieldName] = item.split('.');
    (middleware[typeName] ??= {})[fieldName] = async (resolve, parent, args: Record<string, unknown>, ctx: PolicyContext, info) => {
      const scope = cursorScope(item, (parent as { id?: unknown } | null)?.id, args, ctx.policy.identity);
      if (args.after != null) args = { ...args, after: unsealCursor(scope, args.after) };
      const value: unknown = await resolve(parent, args, ctx, info);
      sealConnection(value, scope);
      return value;
    };
  }
  return applyMiddleware(schema, middleware);
}

export function protectSchema(schema: GraphQLSchema, policies: Map<string, FieldPolicy>, options: ProtectOptions): GraphQLSchema {
  /** Per-field rules by type, and whole-type rules (structural types, `_Service`). */
  const rules: Record<string, Record<string, ShieldRule>> = {};
  const typeRules: Record<string, ShieldRule> = {};
  const masking: Record<string, Record<string, IMiddlewareFunction>> = {};
  const queryType = schema.getQueryType()?.name ?? 'Query';
  const pagedFields = pagedItems(schema, policies);

  for (const [item, policy] of policies) {
    assertMaskable(schema, item, policy);
    const [typeName, fieldName] = item.split('.');
    // Records a refusal with its subject(s), waiting only when finding them is asynchronous (a
    // group record's members), so that the allowed path stays synchronous.
    const refuse = (parent: unknown, ctx: PolicyContext, error: GraphQLError) => {
      const subject = options.subjectOf(typeName, parent, ctx);
      if (!(subject instanceof Promise)) {
        ctx.policy.audit.record(typeName, item, 'refused', subject);
        return error;
      }
      return subject.then((keys) => {
        ctx.policy.audit.record(typeName, item, 'refused', keys);
        return error;
      });
    };
    (rules[typeName] ??= {})[fieldName] = rule(`policy:${item}`, { cache: 'no_cache' })((parent, args: Record<string, unknown>, ctx: PolicyContext) => {
      const d = ctx.policy.decision(item, policy);
      // Served fields are recorded by the masking step below; here only refusals are.
      if (!d.allowed) return refuse(parent, ctx, refusalOf(d));
      // Arguments are items: a filter needs the right to read what it filters by (before any SQL).
      const argRefused = argumentRefusal(ctx.policy, item, policy, args ?? {}, policies);
      if (argRefused) return refuse(parent, ctx, argRefused);
      if (d.scopes && typeName !== queryType && !inScope(parent, d.scopes)) {
        const reason = `${item}: this record lies outside the row scope of the grant (${d.scopes.map((s) => `${s.field} ∈ {${s.values.join(', ')}}`).join(' or ')})`;
        return refuse(
          parent,
          ctx,
          forbiddenError(reason, { item, sharingType: ctx.policy.effectivePolicy(item, policy).type, provider: policy.provider, reason }),
        );
      }
      return true;
    });
    const paged = pagedFields.has(item);
    (masking[typeName] ??= {})[fieldName] = async (resolve, parent, args: Record<string, unknown>, ctx: PolicyContext, info) => {
      // Cursors are sealed to this field, its parent row, its filters and the caller: the resolver
      // sees only the plain cursor of a seal it issued, and hands out sealed ones.
      const scope = paged ? cursorScope(item, (parent as { id?: unknown } | null)?.id, args, ctx.policy.identity) : '';
      if (paged && args.after != null) args = { ...args, after: unsealCursor(scope, args.after) };
      const value: unknown = await resolve(parent, args, ctx, info);
      if (paged) sealConnection(value, scope);
      const d = ctx.policy.decision(item, policy);
      const mask = d.allowed ? d.mask : 'FULL';
      const found = options.subjectOf(typeName, parent, ctx);
      const subject = found instanceof Promise ? await found : found;
      if (policy.composite && value != null && d.allowed) {
        // Each inner value under its own item (composite.ts); each is audited as that item.
        ctx.policy.audit.record(typeName, item, 'served', subject);
        return serveComposite(
          value,
          policy.composite,
          (inner) => {
            const p = policies.get(inner);
            if (!p) return undefined;
            const di = ctx.policy.decision(inner, p);
            ctx.policy.audit.record(typeName, inner, di.allowed ? (di.mask === 'FULL' ? 'served' : 'masked') : 'refused', subject);
            return di;
          },
          (v, spec) => applyMask(v, spec, { hashKey: options.hashKey }),
        );
      }
      if (mask === 'FULL' || value == null) {
        ctx.policy.audit.record(typeName, item, 'served', subject);
        // A subject's key counts as disclosed to the caller only when the key itself was served.
        if (typeof value === 'string' && (subject === value || (Array.isArray(subject) && subject.includes(value)))) ctx.policy.audit.disclose(value);
        return value;
      }
      ctx.policy.audit.record(typeName, item, 'masked', subject);
      const maskOne = (v: unknown) => applyMask(v, mask, { hashKey: options.hashKey });
      return Array.isArray(value) ? value.map(maskOne) : maskOne(value);
    };
  }

  for (const typeName of options.structuralTypes) if (isObjectType(schema.getType(typeName))) typeRules[typeName] = allow;
  const agencyOnly = rule('agency-token', { cache: 'contextual' })((_p, _a, ctx: PolicyContext) =>
    ctx.policy.identity.kind === 'agency' ? true : forbiddenError('An agency token is required'),
  );
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  rules[queryType] = { ...(rules[queryType] ?? {}), _service: agencyOnly };
  if (queryFields._entities) rules[queryType]._entities = allow; // absent when a subgraph has no entity
  typeRules._Service = allow;
  const mutationType = schema.getMutationType();
  if (mutationType) {
    // Mutations are workflow steps: the resolvers check the caller's role for each transition.
    const authenticated = rule('authenticated', { cache: 'contextual' })((_p, _a, ctx: PolicyContext) =>
      ctx.policy.identity.kind !== 'anonymous' ? true : unauthenticated('A token is required'),
    );
    rules[mutationType.name] = Object.fromEntries(Object.keys(mutationType.getFields()).map((f) => [f, authenticated]));
  }

  const shieldMiddleware = shield(
    { ...rules, ...typeRules },
    {
      fallbackRule: deny,
      allowExternalErrors: true,
      fallbackError: () => forbiddenError('Refused: this field has no sharing policy (default deny)'),
    },
  );
  return applyMiddleware(schema, shieldMiddleware, masking);
}
