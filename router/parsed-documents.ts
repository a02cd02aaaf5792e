/**
 * Parsed operation documents by text, shared by the router's checks that walk the document with
 * the request's variables (arguments.ts, demand-control.ts): agencies send the same few documents
 * thousands of times, and parsing a thematic query on every request cost more than its checks.
 * Documents are never modified by the checks (visit and the estimate only read them).
 */
import { parse, type DocumentNode } from 'graphql';
import { MAX_TOKENS } from '../platform/graphql/operation-limits';

const CACHE_SIZE = 1_000;
const docs = new Map<string, DocumentNode>();

/** The document of `query`; throws graphql's syntax error (the limit check reports it first). */
export function parsedDocument(query: string): DocumentNode {
  let doc = docs.get(query);
  if (!doc) {
    doc = parse(query, { maxLexicalTokens: MAX_TOKENS, noLocation: true });
    if (docs.size >= CACHE_SIZE) docs.delete(docs.keys().next().value as string);
    docs.set(query, doc);
  }
  return doc;
}
