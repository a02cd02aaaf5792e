import { issueDevToken } from '../../platform/identity/tokens';
import { signFetch } from '../../platform/identity/subgraph-signature';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** Tiny GraphQL client for the tests: POST to the router (or a subgraph) and return the parsed body. */
export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  headers: Headers;
}

export const routerUrl = () => process.env.TEST_ROUTER_URL!;
export const subgraphUrl = (name: string) => JSON.parse(process.env.TEST_SUBGRAPH_URLS!)[name] as string;

/**
 * The data of a typed query as the tests read it: every field present and non-null. Tests assert
 * nullability at run time (`expect(r.errors).toBeUndefined()`, `toBeNull()`); what the types
 * catch is a field that no longer exists or changed shape, so a renamed field breaks `tsc`.
 */
export type Answer<T> = T extends (infer U)[] ? Answer<U>[] : T extends object ? { [K in keyof T]-?: Answer<NonNullable<T[K]>> } : NonNullable<T>;

/** The response to a typed query (a document from `graphql()` in test/generated). */
export interface TypedResponse<T> extends Omit<GraphQLResponse, 'data'> {
  data: Answer<T>;
}

/**
 * POSTs an operation: a string (untyped answer), or a typed document from `graphql()` (generated
 * by `npm run codegen` from the supergraph; its answer and variables are typed). Sent to a
 * subgraph (any URL but the router's), it is signed as the router signs (subgraphs answer only
 * signed requests); `unsignedGql` sends it as an outsider would.
 */
export async function gql<T, V extends Record<string, unknown>>(
  query: TypedDocumentNode<T, V>,
  variables?: V,
  headers?: Record<string, string>,
  url?: string,
): Promise<TypedResponse<T>>;
export async function gql<T = any>(
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
  url?: string,
): Promise<GraphQLResponse<T>>;
/** Either form, for helpers that wrap `gql` and pass their query through. */
export async function gql(
  query: string | TypedDocumentNode,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
  url?: string,
): Promise<GraphQLResponse>;
export async function gql(
  query: string | TypedDocumentNode,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  url = routerUrl(),
): Promise<GraphQLResponse> {
  return post(typeof query === 'string' ? query : print(query), variables, headers, url, url !== routerUrl());
}

/** As `gql`, never signed: what a caller going around the router can send. */
export async function unsignedGql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  url = routerUrl(),
): Promise<GraphQLResponse<T>> {
  return post<T>(query, variables, headers, url, false);
}

async function post<T>(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
  url: string,
  signed: boolean,
): Promise<GraphQLResponse<T>> {
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  };
  const res = await fetch(url, signed ? signFetch(url, init) : init);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 300)}`);
  }
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}

/** Sum of SQL statements executed by every subgraph so far (each exposes a counter on /metrics). */
export async function sqlStatements(): Promise<number> {
  const urls = Object.values<string>(JSON.parse(process.env.TEST_SUBGRAPH_URLS!));
  let total = 0;
  for (const url of urls) {
    const text = await (await fetch(new URL('/metrics', url))).text();
    const m = /sql_statements_total\{[^}]*\} (\d+)/.exec(text);
    total += m ? Number(m[1]) : 0;
  }
  return total;
}

/** SQL statements executed while `fn` runs (tests run serially, so nothing else interferes). */
export async function countSql<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = await sqlStatements();
  const result = await fn();
  const statements = (await sqlStatements()) - before;
  return { result, statements };
}

/** Headers of a request made by an agency's operator, optionally stating a purpose. */
export async function asAgency(agency: string, purpose?: string, extra: { operator?: string; roles?: string[] } = {}): Promise<Record<string, string>> {
  const token = await issueDevToken({ agency, operator: extra.operator, roles: extra.roles, ttl: '10m' });
  return { authorization: `Bearer ${token}`, ...(purpose ? { 'x-purpose': encodeURIComponent(purpose) } : {}) };
}

/** Headers of a data subject (a citizen's ID number or an enterprise's USCC). */
export async function asSubject(subjectKey: string, kind: 'PERSON' | 'LEGAL_PERSON' = 'PERSON'): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await issueDevToken({ subjectKey, subjectKind: kind, ttl: '10m' })}` };
}
