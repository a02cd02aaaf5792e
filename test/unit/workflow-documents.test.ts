/**
 * Issue 13, trusted documents: the platform workflow documents an enforcing agency may send
 * besides its own (router/workflow-documents.ts). They are the portal's operations, byte for byte,
 * that stay inside the governance subgraph; anything reaching a base subgraph — at the root, mixed
 * in beside governance fields, or hidden in a fragment — is not one, nor is the batch export
 * request. The check holds an enforcing agency to its documents for everything else, and a
 * workflow document's id alone resolves to nothing (it is sent as text).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphQLError } from 'graphql';
import * as portal from '../../web/portal/queries';
import { NOT_WORKFLOW, PORTAL_OPERATIONS_FILE, workflowDocuments } from '../../router/workflow-documents';
import { createTrustedDocumentCheck, documentId } from '../../router/trusted-documents';

const root = path.resolve(__dirname, '..', '..');
const sdl = fs.readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
const governance = (JSON.parse(fs.readFileSync(path.join(root, 'schema', 'subgraphs.json'), 'utf8')) as { governance: string }).governance;
const portalOperations = Object.fromEntries(Object.entries(portal).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
const BASE_READ = `query Sneak($n: String!) { personByIdNumber(idNumber: $n) { name phone } }`;

test('schema/portal-operations.json is the portal’s operations, byte for byte (npm run codegen)', () => {
  expect(JSON.parse(fs.readFileSync(PORTAL_OPERATIONS_FILE, 'utf8'))).toEqual(portalOperations);
});

test('every portal operation but the batch export request is a workflow document', () => {
  const { allowed, excluded } = workflowDocuments(sdl, governance);
  expect(excluded).toEqual(Object.entries(NOT_WORKFLOW).map(([name, reason]) => ({ name, reason })));
  expect([...allowed.values()].sort()).toEqual(
    Object.keys(portalOperations)
      .filter((n) => !(n in NOT_WORKFLOW))
      .sort(),
  );
  expect(allowed.get(documentId(portal.SUBMIT_APPLICATION))).toBe('SUBMIT_APPLICATION');
});

test.each([
  ['a base read at the root', BASE_READ, /Query\.personByIdNumber is not resolved by the catalog subgraph alone/],
  ['a base read beside governance fields', `query Mixed($n: String!) { agencies { code } personByIdNumber(idNumber: $n) { name } }`, /Query\.personByIdNumber/],
  [
    'a base read in a fragment',
    `query Frag($n: String!) { agencies { code } ...F } fragment F on Query { personByIdNumber(idNumber: $n) { name } }`,
    /Query\.personByIdNumber/,
  ],
  ['two operations', `query A { agencies { code } } query B { agencies { name } }`, /not exactly one operation/],
  ['a field the schema does not have', `query X { agencies { noSuchField } }`, /Agency|noSuchField/],
])('%s is not a workflow document', (_what, text, reason) => {
  const { allowed, excluded } = workflowDocuments(sdl, governance, { X: text });
  expect(allowed.size).toBe(0);
  expect(excluded).toHaveLength(1);
  expect(excluded[0].reason).toMatch(reason);
});

describe('the check for an enforcing agency', () => {
  const own = `query Own($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;
  const source = {
    enforcesTrustedDocuments: (agency: string) => agency === 'enforcing',
    trustedDocument: (agency: string, id: string) => (agency === 'enforcing' && id === documentId(own) ? own : undefined),
  };
  const check = createTrustedDocumentCheck({ enabled: true, safelist: { enabled: true, requireId: true } }, source, workflowDocuments(sdl, governance).allowed);
  const code = (f: () => unknown) => {
    try {
      f();
      return 'PASSED';
    } catch (e) {
      return (e as GraphQLError).extensions.code;
    }
  };

  test('sends the portal’s workflow documents by their text, even where ids are required', () => {
    expect(check({ query: portal.SUBMIT_APPLICATION }, 'enforcing')).toBe(documentId(portal.SUBMIT_APPLICATION));
    expect(check({ query: portal.REVIEW_APPLICATION, operationName: 'PortalReviewApplication' }, 'enforcing')).toBe(documentId(portal.REVIEW_APPLICATION));
  });

  test('anything else is held to its own documents: a base read, an edited workflow document, the batch export request', () => {
    expect(code(() => check({ query: BASE_READ }, 'enforcing'))).toBe('PERSISTED_QUERY_NOT_IN_SAFELIST');
    // One field added to the portal's text, or only its whitespace changed: another document.
    const widened = portal.APPLICATIONS.replace('totalCount', 'totalCount\n    personByIdNumber(idNumber: "x") { name }');
    expect(code(() => check({ query: widened }, 'enforcing'))).toBe('PERSISTED_QUERY_NOT_IN_SAFELIST');
    expect(code(() => check({ query: portal.APPLICATIONS.trim() }, 'enforcing'))).toBe('PERSISTED_QUERY_NOT_IN_SAFELIST');
    expect(code(() => check({ query: portal.REQUEST_BATCH_EXPORT }, 'enforcing'))).toBe('PERSISTED_QUERY_NOT_IN_SAFELIST');
    // Its own document still needs its id here (require_id); by id it runs.
    expect(code(() => check({ query: own }, 'enforcing'))).toBe('PERSISTED_QUERY_ID_REQUIRED');
    expect(code(() => check({ query: '', extensions: { persistedQuery: { version: 1, sha256Hash: documentId(own) } } }, 'enforcing'))).toBe('PASSED');
  });

  test('a workflow document’s id alone resolves to nothing (the exception is for the text)', () => {
    const id = documentId(portal.SUBMIT_APPLICATION);
    expect(code(() => check({ query: '', extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, 'enforcing'))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
