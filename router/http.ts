/**
 * HTTP plumbing shared by the router's steps: errors that carry their HTTP status, body reading
 * with a size cap, and GraphQL-over-HTTP parameter parsing. Every refusal the router itself makes
 * is a GraphQL error body, so clients parse one shape whatever went wrong.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';

/**
 * A GraphQL error with `extensions.http.status` (the convention Apollo Server and Yoga share).
 * Steps such as the authenticate hook throw these; the router turns them into responses.
 */
export function httpError(status: number, message: string, code: string, extensions: Record<string, unknown> = {},
  headers?: Record<string, string>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status, ...(headers ? { headers } : {}) } } });
}

/** Renders an error thrown by a step. Anything that is not a GraphQLError is a bug: it is logged
 *  by the caller and answered as a bare 500, never with its message or stack. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (!(error instanceof GraphQLError)) {
    sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    return;
  }
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Record<string, string> } };
  for (const [name, value] of Object.entries(http?.headers ?? {})) res.setHeader(name, value);
  sendJson(res, http?.status ?? 400, { errors: [{ message: error.message, extensions }] });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/** Reads the body, refusing more than `maxBytes` (Apollo Router: 413, INVALID_GRAPHQL_REQUEST). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () => httpError(413, 'Request body payload too large', 'INVALID_GRAPHQL_REQUEST');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume(); // drain without buffering so the 413 can still be written
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface GraphQLParams {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

const invalid = (message: string) => httpError(400, message, 'INVALID_GRAPHQL_REQUEST');

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates the request's shape; never lets a malformed request reach an engine (whose answer
 *  to garbage differs between engines, and may be a 500). */
export function checkParams(raw: unknown): GraphQLParams {
  if (!isObject(raw)) throw invalid('Invalid GraphQL request: the body must be a JSON object (batching is not enabled)');
  const { query, operationName, variables, extensions } = raw;
  if (typeof query !== 'string' || query.trim() === '') {
    throw invalid('Invalid GraphQL request: must provide a query string');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw invalid('Invalid GraphQL request: operationName must be a string');
  }
  if (variables !== undefined && variables !== null && !isObject(variables)) {
    throw invalid('Invalid GraphQL request: variables must be an object');
  }
  if (extensions !== undefined && extensions !== null && !isObject(extensions)) {
    throw invalid('Invalid GraphQL request: extensions must be an object');
  }
  return {
    query,
    ...(typeof operationName === 'string' ? { operationName } : {}),
    ...(isObject(variables) ? { variables } : {}),
    ...(isObject(extensions) ? { extensions } : {}),
  };
}

export function paramsFromBody(text: string): GraphQLParams {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw invalid(`Invalid GraphQL request: the body is not valid JSON (${(e as Error).message})`);
  }
  return checkParams(raw);
}

export function paramsFromSearch(search: URLSearchParams): GraphQLParams {
  const json = (name: string): unknown => {
    const v = search.get(name);
    if (v === null || v === '') return undefined;
    try {
      return JSON.parse(v);
    } catch {
      throw invalid(`Invalid GraphQL request: the ${name} parameter is not valid JSON`);
    }
  };
  return checkParams({
    query: search.get('query') ?? undefined,
    operationName: search.get('operationName') ?? undefined,
    variables: json('variables'),
    extensions: json('extensions'),
  });
}

/** Apollo Router's default CSRF rule: a request a browser could send without a CORS preflight
 *  (no content type, or a "simple" one) must carry one of these headers to be executed. */
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

export function checkCsrf(headers: Readonly<Record<string, string>>): void {
  const type = headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (type && !SIMPLE_CONTENT_TYPES.has(type)) return;
  if (PREFLIGHT_HEADERS.some((h) => headers[h] !== undefined)) return;
  throw httpError(400, 'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Send a '
    + "'content-type' header such as application/json, or one of the headers x-apollo-operation-name, apollo-require-preflight.",
  'CSRF_ERROR');
}
