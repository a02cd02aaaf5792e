/**
 * Identity at the router, the first step of a request: a bad token is refused here with
 * HTTP 401 before any planning, and a request without a token may only touch open data (Art.
 * 20-22). Which fields are open is read from the supergraph itself (`@sharing(open: "OPEN")`), so
 * the router needs no list of its own. The subgraphs verify the same token again and decide
 * field by field: the router's check is a first gate, not the policy.
 */
import { buildASTSchema, GraphQLError, GraphQLSchema, Kind, parse, TypeInfo, visit, visitWithTypeInfo, type DocumentNode } from 'graphql';
import { identify } from '../platform/identity/tokens';
import { decodePurpose, PURPOSE_HEADER } from '../platform/identity/purpose';
import { ErrorCode } from '../platform/errors';

function httpStatus(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
}

/** Fields of a query that are not open data (`Type.field`), in document order. */
export function closedFields(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const closed: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value.startsWith('__')) return; // __typename and introspection: the schema is public
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return; // unknown field: the engine's validation will answer
        const sharing = field.astNode?.directives?.find((d) => d.name.value === 'sharing');
        if (!sharing) return; // structural plumbing (connections, edges, page info)
        const open = sharing.arguments?.find((a) => a.name.value === 'open');
        if (open?.value.kind !== Kind.STRING || open.value.value !== 'OPEN') {
          closed.push(`${parent.name}.${field.name}`);
        }
      },
    }),
  );
  return closed;
}

export interface RequestIdentity {
  /** Whether the request carried a verified agency or subject token. */
  authenticated: boolean;
  /** From the verified token only (metrics labels and the access log). */
  agency?: string;
  operator?: string;
  /** The decoded x-purpose header (free text: logged only as a digest). */
  purpose?: string;
}

export function createAuthenticator(supergraphSdl: string) {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  return async function authenticate(headers: Readonly<Record<string, string>>, query: string | undefined): Promise<RequestIdentity> {
    let purpose: string | undefined;
    try {
      purpose = decodePurpose(headers[PURPOSE_HEADER]);
    } catch (e) {
      throw httpStatus(e as GraphQLError, 400);
    }
    if (headers.authorization) {
      try {
        const identity = await identify(headers.authorization);
        return { authenticated: true, agency: identity.agency, operator: identity.operator, purpose };
      } catch (e) {
        throw httpStatus(e as GraphQLError, 401);
      }
    }
    if (!query) return { authenticated: false };
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return { authenticated: false }; // a syntax error is the engine's to report, as GRAPHQL_PARSE_FAILED
    }
    const closed = closedFields(schema, document);
    if (closed.length) {
      throw new GraphQLError(`Unauthenticated: ${closed[0]} is not open data; send an agency token (Authorization: Bearer …)`, {
        extensions: {
          code: ErrorCode.UNAUTHENTICATED,
          reason: 'a token is required for data that is not open',
          items: closed.slice(0, 20),
          http: { status: 401 },
        },
      });
    }
    return { authenticated: false };
  };
}
