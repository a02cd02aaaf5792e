/**
 * Trusted documents (issue 13, item 2): the GraphQL documents an agency's sharing application
 * registered (`SharingApplicationInput.operations`) and its reviewers approved. Their ids — the
 * SHA-256 of the document text, hex — work as Apollo-style persisted queries
 * (`extensions.persistedQuery: { version: 1, sha256Hash }`, by POST or GET), and an agency whose
 * register entry enforces them may send nothing else. router.yaml's `persisted_queries` (Apollo
 * Router's keys) is the global switch:
 *
 *   enabled: false            → a request naming an id: 400 PERSISTED_QUERY_NOT_SUPPORTED
 *   id alone                   → the caller's own approved document, else 400 PERSISTED_QUERY_NOT_FOUND
 *   id with the text           → the id must be the text's SHA-256 (400 PERSISTED_QUERY_HASH_MISMATCH)
 *   safelist.enabled, and the agency's register entry enforces:
 *                                anything but its own approved documents → 403 PERSISTED_QUERY_NOT_IN_SAFELIST
 *   safelist.require_id        → an enforcing agency must send the id, not the text → 400 PERSISTED_QUERY_ID_REQUIRED
 *
 * Besides its own documents, an enforcing agency may send the platform's workflow documents
 * (router/workflow-documents.ts: the portal's own operations that stay inside the governance
 * subgraph), by their exact text — the portal sends text, so require_id does not apply to them.
 *
 * Ids are per agency: another agency's approved document is unknown to this one (the same
 * PERSISTED_QUERY_NOT_FOUND as an id nobody has), so an id says nothing about who else uses it.
 * Callers without an agency token have no documents; they are never held to a safelist (they read
 * open data only). The step returns the executed document's SHA-256, which the audit rows carry.
 */
import { createHash } from 'node:crypto';
import type { PersistedQueriesConfig } from './config';
import { httpError, type GraphQLParams } from './http';
import { ErrorCode } from '../platform/errors';

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export interface TrustedDocumentSource {
  enforcesTrustedDocuments(agency: string): boolean;
  trustedDocument(agency: string, id: string): string | undefined;
}

export const documentId = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `extensions.persistedQuery`'s id (lower-case), or undefined; removed from the params (engines never see it). */
function takePersistedId(params: GraphQLParams): string | undefined {
  const ext = params.extensions;
  if (!ext || !('persistedQuery' in ext)) return undefined;
  const pq = ext.persistedQuery as { version?: unknown; sha256Hash?: unknown } | null;
  const { persistedQuery: _, ...rest } = ext;
  if (Object.keys(rest).length) params.extensions = rest;
  else delete params.extensions;
  if (!pq || typeof pq !== 'object' || pq.version !== 1 || typeof pq.sha256Hash !== 'string' || !SHA256_HEX.test(pq.sha256Hash)) {
    throw httpError(
      400,
      'Invalid GraphQL request: extensions.persistedQuery must be { "version": 1, "sha256Hash": <SHA-256 of the document, 64 hex digits> }',
      ErrorCode.INVALID_GRAPHQL_REQUEST,
    );
  }
  return pq.sha256Hash.toLowerCase();
}

/**
 * Returns the check: it resolves an id to the caller's document (filling `params.query`), holds
 * an enforcing agency to its approved documents, and returns the executed document's SHA-256.
 */
export function createTrustedDocumentCheck(
  config: PersistedQueriesConfig,
  source: TrustedDocumentSource | undefined,
  workflow: ReadonlyMap<string, string> = new Map(),
) {
  return (params: GraphQLParams, agency: string | undefined): string => {
    const id = takePersistedId(params);
    if (id !== undefined && !config.enabled) {
      throw httpError(400, 'Persisted queries are not enabled on this router; send the document text', ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED);
    }
    if (!params.query) {
      const document = agency && id ? source?.trustedDocument(agency, id) : undefined;
      if (!document) {
        throw httpError(400, 'PersistedQueryNotFound: no approved document of your agency has this id', ErrorCode.PERSISTED_QUERY_NOT_FOUND);
      }
      params.query = document;
    } else if (id !== undefined && documentId(params.query) !== id) {
      throw httpError(400, 'The persisted query id is not the SHA-256 of the document sent with it', ErrorCode.PERSISTED_QUERY_HASH_MISMATCH);
    }
    const hash = id ?? documentId(params.query);
    // The text's hash (an id sent with it was checked above): a workflow document byte for byte.
    if (config.safelist.enabled && agency && source?.enforcesTrustedDocuments(agency) && !workflow.has(hash)) {
      if (!source.trustedDocument(agency, hash)) {
        throw httpError(
          403,
          `Agency ${agency} sends only the operations its approved sharing applications registered (trusted documents); this one is not among them`,
          ErrorCode.PERSISTED_QUERY_NOT_IN_SAFELIST,
        );
      }
      if (config.safelist.requireId && id === undefined) {
        throw httpError(
          400,
          'Send this operation by its id (extensions.persistedQuery.sha256Hash) without its text: this router requires ids',
          ErrorCode.PERSISTED_QUERY_ID_REQUIRED,
        );
      }
    }
    return hash;
  };
}
