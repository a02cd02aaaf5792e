/**
 * The three workloads as GraphQL documents, built from the parts whose subgraphs are present
 * (geospatial, e-license and credit may not all be in schema/subgraphs.json yet), and the
 * policy analysis that tells which conditional items a document reads (from the @sharing
 * directives of the composed supergraph), so that the bench can make sure a grant covers them.
 */
import { buildASTSchema, getNamedType, GraphQLSchema, isObjectType, Kind, parse, TypeInfo, visit, visitWithTypeInfo, type ConstDirectiveNode } from 'graphql';

/** Subgraphs that add fields to the thematic query, and what they add. */
export const OPTIONAL_PARTS = {
  'e-license': "both parties' licences (LegalPerson.licenses, Person.licenses)",
  credit: "both parties' credit profiles (LegalPerson.creditProfile, Person.creditProfile)",
  geospatial: 'registered location and parcels with geometry (LegalPerson.registeredLocation, LegalPerson.parcels, Person.parcels)',
} as const;
export type OptionalPart = keyof typeof OPTIONAL_PARTS;

/** (a) Online lookup: an agency with a grant reads unconditional and conditional fields. */
export const LOOKUP = {
  agency: 'human-resources',
  purpose: '社会保险待遇资格认证',
  query: `query Lookup($idNumber: String!) {
  personByIdNumber(idNumber: $idNumber) { gender name idNumber birthDate householdDivisionCode }
}`,
};

/** The thematic database project's caller (综合治税). */
export const THEMATIC_CALLER = { agency: 'taxation', purpose: '综合治税' };

/**
 * The nested fields of one enterprise, from the parts present: the fields of the README's
 * thematic query (docs/thematic.graphql), so that the bench measures the query agencies see.
 */
export function enterpriseSelection(parts: ReadonlySet<OptionalPart>, indent = '    '): string {
  const geo = parts.has('geospatial');
  const lic = parts.has('e-license');
  const credit = parts.has('credit');
  const licenses = 'licenses { number status type { name } }';
  const lines = [
    'name uscc kind status registeredAddress contactPhone',
    ...(geo ? ['registeredLocation { text location { type coordinates } division { code name } }'] : []),
    ...(lic ? [licenses] : []),
    ...(credit ? ['creditProfile { rating onBlacklistNow blacklists }'] : []),
    ...(geo ? ['parcels { code landUseName areaSquareMeters boundary { type coordinates } }'] : []),
    'legalRepresentative {',
    '  name idNumber',
    ...(lic ? [`  ${licenses}`] : []),
    ...(credit ? ['  creditProfile { rating onBlacklistNow }'] : []),
    ...(geo ? ['  parcels { code boundary { type coordinates } }'] : []),
    '}',
  ];
  return lines.map((l) => indent + l).join('\n');
}

/** (b) The thematic query for one enterprise, by USCC. */
export function thematicQuery(parts: ReadonlySet<OptionalPart>): string {
  return `query Thematic($uscc: String!) {
  legalPersonByUscc(uscc: $uscc) {
${enterpriseSelection(parts)}
  }
}`;
}

export const PAGE_SIZE = 50;

/** (c) A page of 50 enterprises with the same nested fields, after a random cursor. */
export function pageQuery(parts: ReadonlySet<OptionalPart>): string {
  return `query EnterprisePage($after: String) {
  legalPersons(first: ${PAGE_SIZE}, after: $after) {
    edges {
      node {
${enterpriseSelection(parts, '        ')}
      }
    }
  }
}`;
}

export interface ItemPolicy {
  item: string;
  type: string;
  provider: string;
}

function sharingOf(directives: readonly ConstDirectiveNode[] | undefined): { type: string; provider: string; open: string } | undefined {
  const d = directives?.find((x) => x.name.value === 'sharing');
  if (!d) return undefined;
  const arg = (name: string) => {
    const v = d.arguments?.find((a) => a.name.value === name)?.value;
    return v && v.kind === Kind.STRING ? v.value : '';
  };
  return { type: arg('type'), open: arg('open'), provider: arg('provider') };
}

export function supergraphSchema(sdl: string): GraphQLSchema {
  return buildASTSchema(parse(sdl), { assumeValidSDL: true });
}

/** Every `Type.field` a document reads, with its sharing class from the supergraph. Throws when
 *  the document names a field the supergraph does not have (a subgraph renamed it). */
export function itemsRead(schema: GraphQLSchema, query: string): ItemPolicy[] {
  const typeInfo = new TypeInfo(schema);
  const items = new Map<string, ItemPolicy>();
  const unknown: string[] = [];
  visit(
    parse(query),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const def = typeInfo.getFieldDef();
        if (!parent || !isObjectType(getNamedType(parent))) return;
        if (!def) {
          unknown.push(`${parent.name}.${node.name.value}`);
          return;
        }
        const policy = sharingOf(def.astNode?.directives);
        const item = `${parent.name}.${def.name}`;
        if (policy) items.set(item, { item, type: policy.open === 'OPEN' ? 'OPEN' : policy.type, provider: policy.provider });
      },
    }),
  );
  if (unknown.length) throw new Error(`the supergraph has no field ${unknown.join(', ')}: update bench/queries.ts`);
  return [...items.values()];
}

/** Conditional items that `agency` needs a grant for (its own items it reads in full). */
export function conditionalItems(items: ItemPolicy[], agency: string): string[] {
  return items
    .filter((i) => i.type === 'CONDITIONAL' && i.provider !== agency)
    .map((i) => i.item)
    .sort();
}
