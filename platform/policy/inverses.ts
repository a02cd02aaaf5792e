/**
 * Relations keep their class both ways (issue 8, class 5). `Household.members` was conditional
 * while `Person.household { id }` was not, so four pages of persons rebuilt every household. Each
 * relation field (a field whose type is an entity, i.e. has a @key in some subgraph, or a union of
 * entities) declares its inverse in its @sharing (`inverse: "Household.members"`; for a union, one
 * per member: `"Person.licenses, LegalPerson.licenses"`) or `none: <reason>`; composition fails
 * when a relation is served more openly than its inverse — a less strict sharing type or a looser
 * open class — naming both. Checked over all subgraphs' SDL, so inverses may cross subgraphs.
 */
import { DocumentNode, Kind, ObjectTypeDefinitionNode, ObjectTypeExtensionNode, TypeNode, DirectiveNode } from 'graphql';
import { OPEN_TYPES, SHARING_TYPES, parseInverse } from './metadata';

/** Subgraphs whose relations do not declare inverses yet: their missing declarations are
 *  tolerated (their declared ones, and relations pointing at them, are still checked). None today. */
export const INVERSE_CHECK_PENDING = new Set<string>();

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export interface SubgraphSdl {
  name: string;
  typeDefs: DocumentNode;
}

interface RelationPolicy {
  item: string;
  subgraph: string;
  type: string;
  open: string;
  inverse?: string;
  target: string;
}

const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));

function stringArg(d: DirectiveNode, name: string): string | undefined {
  const a = d.arguments?.find((x) => x.name.value === name);
  return a && a.value.kind === Kind.STRING ? a.value.value : undefined;
}

function objectTypes(doc: DocumentNode): (ObjectTypeDefinitionNode | ObjectTypeExtensionNode)[] {
  return doc.definitions.filter(
    (d): d is ObjectTypeDefinitionNode | ObjectTypeExtensionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION,
  );
}

function isEntityOrUnionOfEntities(type: string, entities: Set<string>, unions: Map<string, string[]>): boolean {
  return entities.has(type) || (unions.get(type) ?? []).some((member) => entities.has(member));
}

/** Whether a relation's target is `type`, or a union (or interface) that has it as a member. */
function reaches(target: string, type: string, unions: Map<string, string[]>): boolean {
  return target === type || (unions.get(target) ?? []).includes(type);
}

/** Whether policy `a` serves more openly than `b`, and how. */
function moreOpen(a: { type: string; open: string }, b: { type: string; open: string }): string | undefined {
  const typeRank = (t: string) => SHARING_TYPES.indexOf(t as never);
  const openRank = (o: string) => OPEN_TYPES.indexOf(o as never);
  if (typeRank(a.type) < typeRank(b.type)) return `sharing type ${a.type} is less strict than ${b.type}`;
  if (openRank(a.open) < openRank(b.open)) return `open class ${a.open} is looser than ${b.open}`;
  return undefined;
}

/** Problems with the relation inverses of a set of subgraphs (empty when all is well). */
export function relationInverseProblems(subgraphs: SubgraphSdl[]): string[] {
  const entities = new Set<string>();
  for (const s of subgraphs) {
    for (const t of objectTypes(s.typeDefs)) if (t.directives?.some((d) => d.name.value === 'key')) entities.add(t.name.value);
  }
  // A union's members, and an interface's implementations (a licence list is a list of `License`,
  // whose kinds are entities): a relation to either reaches each of them.
  const unions = new Map<string, string[]>();
  const member = (group: string, type: string) => unions.set(group, [...(unions.get(group) ?? []), type]);
  for (const s of subgraphs) {
    for (const d of s.typeDefs.definitions) {
      if (d.kind === Kind.UNION_TYPE_DEFINITION) for (const t of d.types ?? []) member(d.name.value, t.name.value);
    }
    for (const t of objectTypes(s.typeDefs)) for (const i of t.interfaces ?? []) member(i.name.value, t.name.value);
  }
  const policies = new Map<string, RelationPolicy>();
  for (const s of subgraphs) {
    for (const t of objectTypes(s.typeDefs)) {
      if (ROOT_TYPES.has(t.name.value)) continue; // entry points, not relations
      for (const f of t.fields ?? []) {
        const sharing = f.directives?.find((d) => d.name.value === 'sharing');
        if (!sharing) continue;
        const item = `${t.name.value}.${f.name.value}`;
        if (policies.has(item)) continue; // a key field declared by several subgraphs: same policy
        policies.set(item, {
          item,
          subgraph: s.name,
          type: stringArg(sharing, 'type') ?? '',
          open: stringArg(sharing, 'open') ?? '',
          inverse: stringArg(sharing, 'inverse'),
          target: namedType(f.type),
        });
      }
    }
  }
  const problems: string[] = [];
  for (const rel of policies.values()) {
    if (!isEntityOrUnionOfEntities(rel.target, entities, unions)) continue; // not a relation
    if (!rel.inverse) {
      if (!INVERSE_CHECK_PENDING.has(rel.subgraph)) {
        problems.push(
          `${rel.item} (${rel.subgraph}) is a relation to ${rel.target} without a declared inverse: add inverse: "${rel.target}.<field>" or "none: <reason>" to its @Sharing`,
        );
      }
      continue;
    }
    const parsed = parseInverse(rel.inverse);
    if (!parsed) {
      problems.push(`${rel.item}: inverse "${rel.inverse}" is neither Type.field nor "none: <reason>"`);
      continue;
    }
    if (parsed.none) continue;
    const from = rel.item.split('.')[0];
    for (const inverseItem of parsed.items) {
      const inverse = policies.get(inverseItem);
      if (!inverse) {
        problems.push(`${rel.item} declares inverse ${inverseItem}, which no subgraph serves`);
        continue;
      }
      if (!reaches(inverse.target, from, unions)) {
        problems.push(`${rel.item} declares inverse ${inverseItem}, but ${inverseItem} leads to ${inverse.target}, not back to ${from}`);
        continue;
      }
      const how = moreOpen(rel, inverse);
      if (how) {
        problems.push(
          `${rel.item} (${rel.type}/${rel.open}) is served more openly than its inverse ${inverse.item} (${inverse.type}/${inverse.open}): ${how}; ` +
            `walking the relation the other way would rebuild what ${inverse.item} refuses`,
        );
      }
    }
  }
  return problems;
}

/** Throws when a relation is served more openly than its inverse (or lacks a declaration). */
export function assertRelationInverses(subgraphs: SubgraphSdl[]): void {
  const problems = relationInverseProblems(subgraphs);
  if (problems.length) throw new Error(`relation inverse check failed (relations keep their class both ways):\n  ${problems.join('\n  ')}`);
}
