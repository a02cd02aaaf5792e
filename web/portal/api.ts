/**
 * The portal speaks only the public GraphQL API the agencies use (issue 14 item 3): a POST to the
 * router's endpoint with the signed-in user's token and the purpose in `x-purpose`,
 * percent-encoded. What a screen shows is what the policy serves that user; nothing else is asked.
 */
import { encodePurpose } from '../explorer/purpose';
import { currentSession } from './session';

/** The GraphQL endpoint: the router names its path in a meta tag (router/web-pages.ts). */
export const endpoint = document.querySelector<HTMLMetaElement>('meta[name="graphql-endpoint"]')?.content ?? '/';

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; item?: string; reason?: string; requiredRole?: string; basis?: string; [k: string]: unknown };
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLErrorEntry[];
}

/** A request that answered nothing usable (HTTP refusal or a top-level error without data). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly errors: GraphQLErrorEntry[],
  ) {
    super(message);
  }
}

/** Sends one operation as the signed-in user (or anonymously), with a purpose when the screen asks for one. */
export async function request<T>(query: string, variables: Record<string, unknown> = {}, purpose?: string): Promise<GraphQLResult<T>> {
  const session = currentSession();
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (purpose?.trim()) headers['x-purpose'] = encodePurpose(purpose.trim());
  const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  let body: GraphQLResult<T>;
  try {
    body = (await response.json()) as GraphQLResult<T>;
  } catch {
    throw new ApiError(`HTTP ${response.status}`, undefined, []);
  }
  if (!response.ok && !body.data) {
    const first = body.errors?.[0];
    throw new ApiError(first?.message ?? `HTTP ${response.status}`, first?.extensions?.code, body.errors ?? []);
  }
  return body;
}

/** As `request`, for screens that need the whole answer: any error without data is thrown. */
export async function fetchData<T>(query: string, variables: Record<string, unknown> = {}, purpose?: string): Promise<T> {
  const result = await request<T>(query, variables, purpose);
  if (!result.data) {
    const first = result.errors?.[0];
    throw new ApiError(first?.message ?? '无数据', first?.extensions?.code, result.errors ?? []);
  }
  const fatal = result.errors?.find((e) => !e.path || e.path.length <= 1);
  if (fatal && Object.values(result.data as object).every((v) => v === null)) throw new ApiError(fatal.message, fatal.extensions?.code, result.errors ?? []);
  return result.data;
}
