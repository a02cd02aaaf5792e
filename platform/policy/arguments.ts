/**
 * Arguments are items (issue 8, class 4). Filtering by a value answers questions about that
 * value: `persons(bornFrom:, bornTo:)` binary-searches a birth date the caller may not read. So
 * each argument declares, in the field's @Sharing `args`, the item whose value it carries, and
 *  - at build time every argument of every field is declared (default deny), naming an item of
 *    the same subgraph for filters (the decision needs the item's policy);
 *  - at run time, in the field's shield rule (before the resolver, so before any SQL), a filter
 *    argument that is given needs the caller's right to read its item for the stated purpose, in
 *    full (a masked right would be unmasked by filtering) and not row-scoped (a scoped grant would
 *    leak the rows outside the scope through counts and pages).
 * Lookup arguments are admitted by the field's own rule and counted by the lookup budget
 * (lookup-budget.ts); parameters carry no item.
 */
import { GraphQLError, GraphQLSchema, isObjectType, isIntrospectionType, GraphQLObjectType } from 'graphql';
import { FieldPolicy, PLUMBING_ARGUMENTS, parseArgumentUse } from './metadata';
import type { RequestPolicy } from './request';
import { forbidden } from '../errors';

/** Subgraphs whose arguments are not (yet) declared, with the reason. Remove an entry once its
 *  fields declare `args`.
 *  - catalog: the governance subgraph; its arguments select governance records (applications,
 *    audit events) whose access the resolvers decide by role, or public register entries. */
export const ARGUMENT_CHECK_PENDING: Record<string, string> = {
  catalog: 'governance records: access decided by role in the resolvers',
};

const FEDERATION_ROOT_FIELDS = new Set(['_service', '_entities']);

/** Every argument of every policed field is plumbing or declared in `args`; a filter names an item
 *  of this schema. Throws listing every problem. */
export function checkArgumentDeclarations(schema: GraphQLSchema, policies: Map<string, FieldPolicy>, subgraph: string): void {
  if (ARGUMENT_CHECK_PENDING[subgraph]) return;
  const problems: string[] = [];
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type) || type === mutationType) continue;
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      const item = `${type.name}.${field.name}`;
      if (type === schema.getQueryType() && FEDERATION_ROOT_FIELDS.has(field.name)) continue;
      const policy = policies.get(item);
      const declared = policy?.args ?? {};
      for (const arg of field.args) {
        if (PLUMBING_ARGUMENTS.has(arg.name)) continue;
        const use = declared[arg.name] ? parseArgumentUse(declared[arg.name]) : undefined;
        if (!policy) continue; // structural types: no policy, no data arguments
        if (!use) {
          problems.push(`${item}(${arg.name}:) is not declared: add it to the field's @Sharing args (filterBy, lookupBy or PARAMETER)`);
        } else if (use.kind === 'filter' && !policies.has(use.item)) {
          problems.push(`${item}(${arg.name}:) filters by ${use.item}, which is not an item of this subgraph`);
        }
      }
      for (const arg of Object.keys(declared)) {
        if (!field.args.some((a) => a.name === arg)) problems.push(`${item}: args declares "${arg}", which the field does not have`);
      }
    }
  }
  if (problems.length) throw new Error(`argument declarations check failed (arguments are items):\n  ${problems.join('\n  ')}`);
}

/** The refusal for the first given filter argument the caller may not use, or undefined. */
export function argumentRefusal(
  policy: RequestPolicy,
  fieldItem: string,
  fieldPolicy: FieldPolicy,
  args: Record<string, unknown>,
  policies: Map<string, FieldPolicy>,
): GraphQLError | undefined {
  if (!fieldPolicy.args) return undefined;
  // In the order of the declaration, so that the refusal names the same argument every time.
  for (const [arg, declared] of Object.entries(fieldPolicy.args)) {
    if (args[arg] == null) continue;
    const use = parseArgumentUse(declared);
    if (!use || use.kind !== 'filter') continue;
    const itemPolicy = policies.get(use.item);
    if (!itemPolicy) return refusal(fieldItem, arg, use.item, `${use.item} has no policy here (default deny)`);
    const d = policy.decision(use.item, itemPolicy);
    if (!d.allowed) return refusal(fieldItem, arg, use.item, d.reason, itemPolicy.provider);
    if (d.mask !== 'FULL') {
      return refusal(
        fieldItem,
        arg,
        use.item,
        `${use.item} is served to you masked (${d.mask}); filtering by it would reveal what the mask hides`,
        itemPolicy.provider,
      );
    }
    if (d.scopes) {
      return refusal(
        fieldItem,
        arg,
        use.item,
        `your grant for ${use.item} is row-scoped; filtering by it would reach rows outside the scope`,
        itemPolicy.provider,
      );
    }
  }
  return undefined;
}

function refusal(field: string, argument: string, item: string, why: string, provider?: string): GraphQLError {
  const reason = `Argument "${argument}" of ${field} filters by ${item}, which you may not read for this purpose: ${why}`;
  return forbidden(reason, { argument, item, field, provider, reason });
}
