/**
 * HTTP plumbing shared by the router's steps: errors that carry their HTTP status, body reading
 * with a size cap, and GraphQL-over-HTTP parameter parsing. Every refusal the router itself makes
 * is a GraphQL error body, so clients parse one shape whatever went wrong.
 *
 * One parse (issue 8, class 7): the HTTP request is read once, here, into `{ query, variables,
 * operationName, extensions }`; the router checks and limits that object and the engine executes
 * exactly that object, re-serialised by us (engines never see the client's body, query string or
 * content type). Only `application/json` POST and GET are GraphQL requests; anything else is 415.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { ErrorCode, errorBody } from '../platform/errors';

/**
 * A GraphQL error with `extensions.http.status` (the convention Apollo Server and Yoga share).
 * Steps such as the authenticate hook throw these; the router turns them into responses.
 */
export function httpError(
  status: number,
  message: string,
  code: ErrorCode,
  extensions: Record<string, unknown> = {},
  headers?: Record<string, string>,
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status, ...(headers ? { headers } : {}) } } });
}

/** Renders an error thrown by a step. Anything that is not a GraphQLError is a bug: it is logged
 *  by the caller and answered as a bare 500, never with its message or stack. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (!(error instanceof GraphQLError)) {
    sendJson(res, 500, errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
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

/** A body must arrive within this time once its headers have (a slow drip would otherwise hold a
 *  socket and its buffer for as long as the attacker likes; Node's own requestTimeout is 5 min). */
export const BODY_READ_TIMEOUT_MS = 10_000;

/** Strict UTF-8: a lenient decode turns invalid bytes into U+FFFD, so the request executed would not
 *  be the bytes that were sent (and audited). */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the body, refusing more than `maxBytes` (Apollo Router: 413, INVALID_GRAPHQL_REQUEST), a
 *  body that does not arrive within `timeoutMs` (408), and bytes that are not UTF-8 (400). */
export function readBody(req: IncomingMessage, maxBytes: number, timeoutMs = BODY_READ_TIMEOUT_MS): Promise<string> {
  const tooLarge = () => httpError(413, 'Request body payload too large', ErrorCode.INVALID_GRAPHQL_REQUEST);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: GraphQLError) => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      req.resume(); // drain without buffering so the refusal can still be written
      reject(error);
    };
    const timer = setTimeout(() => {
      // The refusal closes the connection: the client has not finished its body and never will.
      stop(httpError(408, `The request body did not arrive within ${timeoutMs / 1000} s`, ErrorCode.REQUEST_TIMEOUT, {}, { connection: 'close' }));
    }, timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(utf8.decode(Buffer.concat(chunks)));
      } catch {
        reject(httpError(400, 'Invalid GraphQL request: the body is not valid UTF-8', ErrorCode.INVALID_GRAPHQL_REQUEST));
      }
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export interface GraphQLParams {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

const invalid = (message: string) => httpError(400, message, ErrorCode.INVALID_GRAPHQL_REQUEST);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Bounds on the variables' JSON (issue 13, hostile input), checked before anything walks them
 * recursively (JSON.stringify, variable coercion, the engine): a deeply nested list overflows the
 * stack (a 500), and a huge list or string costs memory and CPU in every step after this one. No
 * argument of the schema needs more: pages are at most 500, lists of keys far fewer.
 */
export const VARIABLE_LIMITS = { maxDepth: 32, maxValues: 10_000, maxStringLength: 100_000 };

function checkVariableShape(variables: Record<string, unknown>): void {
  const refuse = (name: string, message: string) => {
    throw httpError(400, `Variable "$${name}" ${message}`, ErrorCode.BAD_USER_INPUT, { variable: name });
  };
  let values = 0;
  for (const [name, root] of Object.entries(variables)) {
    // Iterative, so that the check itself cannot overflow the stack.
    const stack: [unknown, number][] = [[root, 1]];
    while (stack.length) {
      const [value, depth] = stack.pop()!;
      if (++values > VARIABLE_LIMITS.maxValues) refuse(name, `is too large: the variables may hold at most ${VARIABLE_LIMITS.maxValues} values`);
      if (depth > VARIABLE_LIMITS.maxDepth) refuse(name, `is nested too deeply (at most ${VARIABLE_LIMITS.maxDepth} levels)`);
      if (typeof value === 'string' && value.length > VARIABLE_LIMITS.maxStringLength) {
        refuse(name, `holds a string longer than ${VARIABLE_LIMITS.maxStringLength} characters`);
      }
      if (Array.isArray(value)) for (const v of value) stack.push([v, depth + 1]);
      else if (isObject(value)) for (const v of Object.values(value)) stack.push([v, depth + 1]);
    }
  }
}

/** Validates the request's shape; never lets a malformed request reach an engine (whose answer
 *  to garbage differs between engines, and may be a 500). */
export function checkParams(raw: unknown): GraphQLParams {
  if (!isObject(raw)) throw invalid('Invalid GraphQL request: the body must be a JSON object (batching is not enabled)');
  const { query, operationName, variables, extensions } = raw;
  // A persisted query's id may stand for the text (router/trusted-documents.ts fills it in).
  const byId = isObject(extensions) && extensions.persistedQuery !== undefined && (query === undefined || query === null);
  if (!byId && (typeof query !== 'string' || query.trim() === '')) {
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
  if (isObject(variables)) checkVariableShape(variables);
  return {
    query: typeof query === 'string' ? query : '',
    ...(typeof operationName === 'string' ? { operationName } : {}),
    ...(isObject(variables) ? { variables } : {}),
    ...(isObject(extensions) ? { extensions } : {}),
  };
}

/** The one body type a GraphQL POST may have (GraphQL over HTTP); a charset other than UTF-8 is
 *  refused too, since we decode as UTF-8. */
export function checkContentType(header: string | undefined): void {
  const [type, ...rest] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  const charset = rest
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (type === 'application/json' && (charset === undefined || charset === 'utf-8' || charset === 'utf8')) return;
  throw httpError(
    415,
    `Unsupported content type ${JSON.stringify(header ?? '(none)')}: send GraphQL requests as POST with ` +
      "'content-type: application/json' (UTF-8), or as GET for queries",
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    {},
    { accept: 'application/json' },
  );
}

/**
 * GraphQL over HTTP: GET may carry queries only (a browser or proxy may repeat or prefetch a GET).
 * A document that does not parse is left to the limit check, which reports GRAPHQL_PARSE_FAILED.
 */
export function checkGetIsQuery(params: GraphQLParams): void {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(params.query, { noLocation: true, maxLexicalTokens: 15_000 }).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return;
  }
  const op = params.operationName ? operations.find((o) => o.name?.value === params.operationName) : operations.length === 1 ? operations[0] : undefined;
  // Unknown or ambiguous operation: refuse any non-query in the document rather than guess.
  const kinds = op ? [op.operation] : operations.map((o) => o.operation);
  if (kinds.some((k) => k !== 'query')) {
    throw httpError(
      405,
      'Only queries may be sent with GET; send mutations as POST with content-type application/json',
      'METHOD_NOT_ALLOWED',
      {},
      { allow: 'POST' },
    );
  }
}

/** Reads the request once into its GraphQL parameters (POST JSON body, or GET query string). */
export async function readGraphQLRequest(req: IncomingMessage, url: URL, maxBytes: number): Promise<GraphQLParams> {
  if (req.method === 'GET') {
    const params = paramsFromSearch(url.searchParams);
    checkGetIsQuery(params);
    return params;
  }
  checkContentType(req.headers['content-type']);
  return paramsFromBody(await readBody(req, maxBytes));
}

/** The engine's GET query string, rebuilt from the checked parameters (never the client's). */
export function searchFromParams(params: GraphQLParams): string {
  const search = new URLSearchParams({ query: params.query });
  if (params.operationName !== undefined) search.set('operationName', params.operationName);
  if (params.variables !== undefined) search.set('variables', JSON.stringify(params.variables));
  if (params.extensions !== undefined) search.set('extensions', JSON.stringify(params.extensions));
  return `?${search.toString()}`;
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
  // A repeated parameter has no one meaning (first? last?): refuse rather than pick one.
  for (const name of ['query', 'operationName', 'variables', 'extensions']) {
    if (search.getAll(name).length > 1) throw invalid(`Invalid GraphQL request: the ${name} parameter is repeated`);
  }
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
  throw httpError(
    400,
    'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Send a ' +
      "'content-type' header such as application/json, or one of the headers x-apollo-operation-name, apollo-require-preflight.",
    ErrorCode.CSRF_ERROR,
  );
}

/**
 * Answers what Node's HTTP parser refuses before any handler runs (issue 13, hostile input): by
 * default Node writes a bare 400/408/431 with no body, or nothing; clients get a GraphQL error body
 * with a code like every other refusal, then the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', ErrorCode.REQUEST_HEADERS_TOO_LARGE, 'The request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', ErrorCode.REQUEST_TIMEOUT, 'The request did not arrive in time']
        : [400, 'Bad Request', ErrorCode.BAD_REQUEST, 'Malformed HTTP request'];
  const text = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
}
