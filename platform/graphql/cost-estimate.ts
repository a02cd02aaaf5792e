/**
 * Static cost estimate of an operation (Apollo Router's demand control, `static_estimated`), from
 * the operation's shape and its `first` arguments, before any engine plans it:
 *
 *   - a field whose type is an object, interface or union costs 1; a scalar or enum costs 0
 *     (reading one more column of a row already fetched costs nothing worth counting);
 *   - a root mutation field costs 10 more (a write is dearer than a read);
 *   - a list multiplies its own cost and its selection's by its expected size: the `first`
 *     argument when the field has one (a literal, or a variable resolved from the request's
 *     variables, or its declared default), otherwise `list_size`;
 *   - a Relay connection (a non-list field with a `first` argument) passes `first` to its list
 *     fields (`edges`, `nodes`), as Federation's `@listSize(slicingArguments, sizedFields)` would;
 *   - nested lists multiply: `first: 500` inside `first: 500` is 250,000 rows, and costs so;
 *   - a field that needs its own figure says so with Federation 2.9's directives, read from the
 *     supergraph: `@cost(weight:)` replaces its 1 or 0, `@listSize(assumedSize, slicingArguments,
 *     sizedFields)` replaces list_size, the slicing arguments and which fields `first` sizes.
 *
 * Fragments are inlined; every branch of a type condition counts (an upper bound, never less than
 * the operation can cost). A fragment cycle counts 0 here: the engine's validation refuses it.
 */
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface CostOptions {
  /** Expected size of a list whose size no `first` argument gives. */
  listSize: number;
}

/** The slicing arguments that bound a list's size, in the order they are looked at. */
const SLICING_ARGUMENTS = ['first', 'last'];
const MUTATION_COST = 10;

/** Returns the estimated cost, or undefined when the operation cannot be picked (the engine
 *  reports a missing or ambiguous operation itself). */
export function estimateCost(
  schema: GraphQLSchema,
  doc: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  options: CostOptions,
): number | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of doc.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!op) return undefined;
  const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return undefined;

  const defaults = new Map<string, ValueNode>();
  for (const v of op.variableDefinitions ?? []) if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);

  /** A slicing argument's value as a size, or undefined when the field has none given. */
  const sliceSize = (field: FieldNode, names: readonly string[]): number | undefined => {
    for (const name of names) {
      const arg = field.arguments?.find((a) => a.name.value === name);
      if (!arg) continue;
      let value: unknown;
      if (arg.value.kind === Kind.VARIABLE) {
        const varName = arg.value.name.value;
        value = variables && varName in variables ? variables[varName] : literal(defaults.get(varName));
      } else value = literal(arg.value);
      // A non-numeric size is the engine's validation error to report; it costs list_size here.
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, Math.ceil(value));
    }
    return undefined;
  };

  const busy = new Set<string>();
  /** Cost of a selection set on `parent`; `sized` is the size a connection passes to its lists. */
  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, sized: Sized | undefined, isRoot: boolean): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const field = fieldOf(parent, sel.name.value);
        if (!field) continue; // an unknown field is the engine's validation error
        total += fieldCost(sel, field, sized) + (isRoot && parent === schema.getMutationType() ? MUTATION_COST : 0);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (on && isCompositeType(on)) total += selectionCost(sel.selectionSet, on, sized, isRoot);
      } else {
        const frag = fragments.get(sel.name.value);
        if (!frag || busy.has(frag.name.value)) continue;
        const on = schema.getType(frag.typeCondition.name.value);
        if (!on || !isCompositeType(on)) continue;
        busy.add(frag.name.value);
        total += selectionCost(frag.selectionSet, on, sized, isRoot);
        busy.delete(frag.name.value);
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, field: GraphQLField<unknown, unknown>, sizedByParent: Sized | undefined): number => {
    const type = getNullableType(field.type);
    const named = getNamedType(field.type);
    const weight = intArg(directive(field, 'cost'), 'weight');
    const own = weight ?? (isCompositeType(named) ? 1 : 0);
    const listSize = directive(field, 'listSize');
    const slice = sliceSize(node, stringsArg(listSize, 'slicingArguments') ?? SLICING_ARGUMENTS);
    const passed = isListType(type) || slice === undefined ? undefined : { size: slice, fields: stringsArg(listSize, 'sizedFields') };
    const inner = node.selectionSet && isCompositeType(named) ? selectionCost(node.selectionSet, named, passed, false) : 0;
    if (!isListType(type)) return own + inner;
    const fromParent = sizedByParent && (!sizedByParent.fields || sizedByParent.fields.includes(node.name.value)) ? sizedByParent.size : undefined;
    const size = slice ?? fromParent ?? intArg(listSize, 'assumedSize') ?? options.listSize;
    return size * (own + inner);
  };

  return selectionCost(op.selectionSet, root, undefined, true);
}

/** The size a connection passes down: to every list field, or only to its `sizedFields`. */
interface Sized {
  size: number;
  fields?: string[];
}

function directive(field: GraphQLField<unknown, unknown>, name: string): ConstDirectiveNode | undefined {
  return field.astNode?.directives?.find((d) => d.name.value === name);
}

function intArg(d: ConstDirectiveNode | undefined, name: string): number | undefined {
  const v = d?.arguments?.find((a) => a.name.value === name)?.value;
  return v && (v.kind === Kind.INT || v.kind === Kind.FLOAT) ? Math.max(0, Number(v.value)) : undefined;
}

function stringsArg(d: ConstDirectiveNode | undefined, name: string): string[] | undefined {
  const v = d?.arguments?.find((a) => a.name.value === name)?.value;
  if (!v) return undefined;
  const list = v.kind === Kind.LIST ? v.values : [v];
  return list.flatMap((x) => (x.kind === Kind.STRING ? [x.value] : []));
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (!('getFields' in parent)) return undefined; // a union has only __typename
  return parent.getFields()[name];
}

/** A literal's value, enough for a size: integers and floats (a `first: 1e12` costs what it says). */
function literal(node: ValueNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  return undefined;
}
