/**
 * Platform workflow documents (issue 13, trusted documents): the portal's own operations
 * (web/portal/queries.ts, validated against the supergraph by test/unit/portal-queries.test.ts;
 * read here from schema/portal-operations.json, which `npm run codegen` generates from it)
 * that an agency enforcing trusted documents may still send, so that it applies for grants,
 * reviews, provisions, answers demands and objections, acknowledges notices and reads its own
 * audit trail without switching enforcement off (docs/DECISIONS.md).
 *
 * The exception must never become a way to read base data with the agency's token. A portal
 * document is a workflow document only when all of these hold:
 *
 *   - it is sent byte for byte as the portal has it: the router matches the SHA-256 of the exact
 *     text, so a caller can choose the variables, never the selection (no other field, alias,
 *     fragment or operation rides along);
 *   - every root field it selects is resolved by the governance subgraph alone, and every field
 *     below is one the governance subgraph resolves itself (no `@requires`, no entity jump): the
 *     query plan never leaves the governance database, so no base database is read. Checked here
 *     against the supergraph the router starts with (the schema's shape is the release's;
 *     router/live-supergraph.ts changes only descriptions and policy arguments);
 *   - it is not in NOT_WORKFLOW: governance operations that read base data by another road
 *     (a batch export job reads the base databases and writes a file) stay trusted documents.
 *
 * A portal document that fails the field check is left out with a start-up warning naming it and
 * the field (it is then held to the agency's safelist like any other operation).
 */
import {
  buildASTSchema,
  getNamedType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../platform/config';
import { documentId } from './trusted-documents';

/** The portal's operations by name, exactly as it sends them (generated from web/portal/queries.ts). */
export const PORTAL_OPERATIONS_FILE = path.join(repoRoot, 'schema', 'portal-operations.json');
const portalOperations = (): Record<string, unknown> => JSON.parse(readFileSync(PORTAL_OPERATIONS_FILE, 'utf8')) as Record<string, unknown>;

/** Portal operations that reach base data although the governance subgraph serves them. */
export const NOT_WORKFLOW: Readonly<Record<string, string>> = {
  REQUEST_BATCH_EXPORT: 'a batch export job reads the base databases: register it as a trusted document',
};

export interface WorkflowDocuments {
  /** Document id (SHA-256 of the text) → the portal's name for it. */
  allowed: ReadonlyMap<string, string>;
  /** Portal operations left out, and why. */
  excluded: { name: string; reason: string }[];
}

const enumArg = (d: ConstDirectiveNode, name: string): string | undefined => {
  const a = d.arguments?.find((x) => x.name.value === name);
  return a?.value.kind === 'EnumValue' ? a.value.value : undefined;
};
const stringArg = (d: ConstDirectiveNode, name: string): string | undefined => {
  const a = d.arguments?.find((x) => x.name.value === name);
  return a?.value.kind === 'StringValue' ? a.value.value : undefined;
};
const hasArg = (d: ConstDirectiveNode, name: string) => d.arguments?.some((x) => x.name.value === name && !(x.value.kind === 'BooleanValue' && !x.value.value));

/** The join__Graph enum value of the subgraph named `subgraph` (its @join__graph name). */
function graphEnumValue(schema: GraphQLSchema, subgraph: string): string | undefined {
  const graphs = schema.getType('join__Graph');
  const values = graphs?.astNode?.kind === 'EnumTypeDefinition' ? (graphs.astNode.values ?? []) : [];
  return values.find((v) => v.directives?.some((d) => d.name.value === 'join__graph' && stringArg(d, 'name') === subgraph))?.name.value;
}

/**
 * The first field of `doc` not resolved by `graph` as the rule above wants (null when none):
 * a root field must be the graph's alone; a nested field must be resolvable by the graph itself.
 */
function fieldOutsideGraph(schema: GraphQLSchema, doc: DocumentNode, graph: string): string | null {
  const typeInfo = new TypeInfo(schema);
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((t) => t!.name));
  let outside: string | null = null;
  visit(
    doc,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (outside || node.name.value.startsWith('__')) return;
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) {
          outside = node.name.value;
          return;
        }
        const joinFields = (field.astNode?.directives ?? []).filter((d) => d.name.value === 'join__field');
        // A field that requires fields of another subgraph makes the planner fetch them there.
        if (joinFields.some((d) => enumArg(d, 'graph') === graph && hasArg(d, 'requires'))) {
          outside = `${parent.name}.${field.name}`;
          return;
        }
        const graphs = joinFields.length
          ? joinFields.filter((d) => !hasArg(d, 'external')).map((d) => enumArg(d, 'graph'))
          : (getNamedType(parent).astNode?.directives ?? []).filter((d) => d.name.value === 'join__type').map((d) => enumArg(d, 'graph'));
        const ok = roots.has(parent.name) ? graphs.length > 0 && graphs.every((g) => g === graph) : graphs.includes(graph);
        if (!ok) outside = `${parent.name}.${field.name}`;
      },
    }),
  );
  return outside;
}

/** The workflow documents of the portal, against `supergraphSdl`, for the governance subgraph `governance`. */
export function workflowDocuments(supergraphSdl: string, governance: string, documents: Record<string, unknown> = portalOperations()): WorkflowDocuments {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const graph = graphEnumValue(schema, governance);
  const allowed = new Map<string, string>();
  const excluded: { name: string; reason: string }[] = [];
  for (const [name, text] of Object.entries(documents)) {
    if (typeof text !== 'string') continue;
    if (NOT_WORKFLOW[name]) {
      excluded.push({ name, reason: NOT_WORKFLOW[name] });
      continue;
    }
    let doc: DocumentNode;
    try {
      doc = parse(text);
    } catch {
      excluded.push({ name, reason: 'does not parse' });
      continue;
    }
    const operations = doc.definitions.filter((d) => d.kind === 'OperationDefinition');
    if (operations.length !== 1) {
      excluded.push({ name, reason: 'not exactly one operation' });
      continue;
    }
    const outside = graph ? fieldOutsideGraph(schema, doc, graph) : `the supergraph has no subgraph ${governance}`;
    if (outside) excluded.push({ name, reason: `${outside} is not resolved by the ${governance} subgraph alone` });
    else allowed.set(documentId(text), name);
  }
  return { allowed, excluded };
}
