/**
 * What can be exported in batch (issue 11 item 6): the resources whose base database serves a
 * paginated list query through the router, and the filters that list takes. The export job reads
 * exactly these queries as the requesting agency (job.ts), so an export is never more than what
 * the agency could page through online — it is the same read, in bulk.
 *
 * Population persons (`persons`) and legal persons (`legalPersons`) are the two lists of whole
 * registers. The other resources are reached by key or by relation only (a licence by number, a
 * parcel by code, credit records of one subject): there is no list to page, and adding one is the
 * providing subgraph's decision (docs/exchange.md "Batch exports").
 */
export enum ExportResourceName {
  PERSON = 'PERSON',
  LEGAL_PERSON = 'LEGAL_PERSON',
}

export interface ExportableResource {
  /** The GraphQL type whose items are exported (`Type.field`). */
  typeName: string;
  /** The router's list query that pages the whole register. */
  listField: string;
  /** The list query's filter arguments and their GraphQL types; each is an item for the policy (platform/policy/arguments.ts). */
  filters: Record<string, string>;
}

export const EXPORTABLE: Record<ExportResourceName, ExportableResource> = {
  PERSON: { typeName: 'Person', listField: 'persons', filters: { divisionCode: 'String', bornFrom: 'String', bornTo: 'String' } },
  LEGAL_PERSON: { typeName: 'LegalPerson', listField: 'legalPersons', filters: { name: 'String', status: 'LegalPersonStatus', divisionCode: 'String' } },
};

/** The job's GraphQL operation: one page of the list with the exported fields (names checked against the catalogue before). */
export function exportQuery(r: ExportableResource, fields: readonly string[], filters: readonly string[]): string {
  const vars = ['$first: Int!', '$after: String', ...filters.map((f) => `$${f}: ${r.filters[f]}`)].join(', ');
  const args = ['first: $first', 'after: $after', ...filters.map((f) => `${f}: $${f}`)].join(', ');
  return `query BatchExport(${vars}) { ${r.listField}(${args}) { edges { node { ${fields.join(' ')} } } pageInfo { hasNextPage endCursor } } }`;
}
