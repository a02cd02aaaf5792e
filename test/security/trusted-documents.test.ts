/**
 * Trusted documents (issue 13, item 2), through the shared router (router.yaml: persisted_queries
 * and its safelist on): an application's `operations` are checked against the supergraph at
 * submission (coded error), work by their SHA-256 id once the application is approved (POST and
 * GET), and an agency whose register entry enforces them may send nothing else. Ids are per
 * agency: another agency's approved document is unknown to this one, answered exactly as an id
 * nobody has, until its own application approves the same document. The executed document's hash
 * is in the audit rows, a refusal's too. An enforcing agency may still send the portal's workflow
 * documents (router/workflow-documents.ts) by their exact text — applying, listing its
 * applications — but no data read, no other text of the same mutation, no widened portal text and
 * not the portal's batch export request.
 */
import { createHash, randomUUID } from 'node:crypto';
import { asAgency, gql, routerUrl, type GraphQLResponse } from '../support/client';
import { withDb } from '../support/db';
import { APPROVER, BUREAU, approved, ok, review } from '../integration/catalog-support';
import { until } from '../integration/register-support';
import { syntheticPerson } from '../../seed/synthetic/people';
import * as portal from '../../web/portal/queries';

const person = syntheticPerson(7);
const DOCUMENT = `query TrustedGender($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;
const OTHER = `query UntrustedGender($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;
const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const ID = sha256(DOCUMENT);
const SUBMIT = `mutation TdSubmit($input: SharingApplicationInput!) { submitSharingApplication(input: $input) { id status operations { id operationName document } } }`;
const UPDATE = `mutation TdUpdate($code: String!, $input: UpdateAgencyInput!) { updateAgency(code: $code, input: $input) { code } }`;
const REGISTER = `mutation TdRegister($input: RegisterAgencyInput!) { registerAgency(input: $input) { code } }`;

const registrar = () => asAgency(BUREAU, undefined, { roles: APPROVER, operator: 'registrar-td' });
const codes = (r: GraphQLResponse) => (r.errors ?? []).map((e) => e.extensions?.code);
const input = (operations: string[]) => ({ items: ['Person.phone'], purpose: '可信文档测试', justification: '测试可信文档', operations });

async function register(): Promise<string> {
  const code = `td-${randomUUID().slice(0, 8)}`;
  ok(await gql(REGISTER, { input: { code, name: '可信文档测试局', kind: 'CONSUMER' } }, await registrar()));
  return code;
}

async function enforce(code: string, on: boolean) {
  ok(await gql(UPDATE, { code, input: { enforceTrustedDocuments: on } }, await registrar()));
}

/** A request by id alone (POST, or GET with the id in extensions). */
async function byId(id: string, headers: Record<string, string>, method: 'POST' | 'GET' = 'POST'): Promise<GraphQLResponse> {
  const extensions = { persistedQuery: { version: 1, sha256Hash: id } };
  const variables = { n: person.idNumber };
  const res =
    method === 'POST'
      ? await fetch(routerUrl(), { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ variables, extensions }) })
      : await fetch(`${routerUrl()}?${new URLSearchParams({ variables: JSON.stringify(variables), extensions: JSON.stringify(extensions) })}`, {
          headers: { 'apollo-require-preflight': 'true', ...headers },
        });
  return { ...((await res.json()) as object), status: res.status, headers: res.headers };
}

let applicant: string;
let other: string;

beforeAll(async () => {
  applicant = await register();
  other = await register();
});

afterAll(async () => {
  // Best effort: the register's count is read by other suites; these agencies' records go with them.
  await withDb('catalog', async (c) => {
    const codes = `SELECT code FROM agency WHERE code LIKE 'td-%'`;
    await c.query(`DELETE FROM notification WHERE agency IN (${codes})`);
    await c.query(`DELETE FROM sharing_application WHERE applicant IN (${codes})`);
    await c.query(`DELETE FROM sharing_grant WHERE agency_code IN (${codes})`);
    await c.query(`DELETE FROM agency WHERE code LIKE 'td-%'`);
  }).catch(() => undefined);
});

describe('documents checked at submission', () => {
  test.each([
    ['{ personByIdNumber(idNumber: "x") { gender ', 'GRAPHQL_PARSE_FAILED'],
    ['query Q { personByIdNumber(idNumber: "x") { noSuchField } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['query A { __typename } query B { __typename }', 'ONE_OPERATION'],
    ['   ', 'EMPTY'],
  ])('%s → BAD_USER_INPUT (%s), and nothing is submitted', async (document, reason) => {
    const r = await gql(SUBMIT, { input: input([DOCUMENT, document]) }, await asAgency(applicant));
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].extensions).toMatchObject({ argument: 'input.operations', index: 1, reason });
    const rows = await withDb('catalog', (c) => c.query(`SELECT count(*)::int AS n FROM sharing_application WHERE applicant = $1`, [applicant]));
    expect(rows.rows[0].n).toBe(0);
  });
});

describe('approved documents work by id, for their agency', () => {
  let applicationId: string;

  beforeAll(async () => {
    const app = ok(await gql(SUBMIT, { input: input([DOCUMENT]) }, await asAgency(applicant))).submitSharingApplication;
    expect(app.status).toBe('UNDER_REVIEW');
    expect(app.operations).toEqual([{ id: ID, operationName: 'TrustedGender', document: DOCUMENT }]);
    applicationId = app.id;
  });

  test('under review the id is unknown; once approved it runs by POST and by GET, and its hash is in the audit rows', async () => {
    expect(codes(await byId(ID, await asAgency(applicant)))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    // Approved by the bureau and every provider (catalog-support's approved() submits anew, so review this one).
    const reviewers = ok(await gql(`query TdApp($id: ID!) { sharingApplication(id: $id) { providers } }`, { id: applicationId }, await asAgency(applicant)))
      .sharingApplication.providers as string[];
    for (const reviewer of [BUREAU, ...reviewers.filter((p) => p !== BUREAU)]) ok(await review(reviewer, applicationId, true, 'ok'));
    const requestId = `td-${randomUUID()}`;
    const post = (
      await until(
        async () => byId(ID, { ...(await asAgency(applicant)), 'x-request-id': requestId }),
        (r) => r.status === 200,
      )
    ).value;
    expect(post.status).toBe(200);
    expect(post.data.personByIdNumber.gender).toBe(person.gender);
    const get = await byId(ID, await asAgency(applicant), 'GET');
    expect([get.status, get.data?.personByIdNumber?.gender]).toEqual([200, person.gender]);
    const rows = await withDb('catalog', (c) =>
      c.query(`SELECT operation_hash FROM audit_event WHERE correlation_id = $1 AND subgraph = 'population'`, [requestId]),
    );
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(new Set(rows.rows.map((r: { operation_hash: string }) => r.operation_hash))).toEqual(new Set([ID]));
  });

  test("another agency's id is unknown, answered exactly as an id nobody has; anonymous callers have none", async () => {
    const theirs = await byId(ID, await asAgency(other));
    const nobodys = await byId(sha256(`# ${randomUUID()}\n${DOCUMENT}`), await asAgency(other));
    expect(codes(theirs)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect([theirs.status, theirs.errors]).toEqual([nobodys.status, nobodys.errors]);
    const anonymous = await byId(ID, {});
    expect([anonymous.status, anonymous.errors]).toEqual([nobodys.status, nobodys.errors]);
  });

  test('an id that is not the hash of the text sent with it is refused', async () => {
    const r = await gql(DOCUMENT, { n: person.idNumber }, await asAgency(applicant));
    expect(r.status).toBe(200);
    const res = await fetch(routerUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await asAgency(applicant)) },
      body: JSON.stringify({ query: OTHER, variables: { n: person.idNumber }, extensions: { persistedQuery: { version: 1, sha256Hash: ID } } }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });
});

describe('an enforcing agency sends only its own approved documents', () => {
  test('live: other operations → 403 PERSISTED_QUERY_NOT_IN_SAFELIST (audited with their hash); its document runs by id and by text', async () => {
    const headers = await asAgency(applicant);
    expect((await gql(OTHER, { n: person.idNumber }, headers)).status).toBe(200);
    await enforce(applicant, true);
    const requestId = `td-${randomUUID()}`;
    const refusal = (
      await until(
        () => gql(OTHER, { n: person.idNumber }, { ...headers, 'x-request-id': requestId }),
        (r) => r.status === 403,
      )
    ).value;
    expect([refusal.status, codes(refusal)]).toEqual([403, ['PERSISTED_QUERY_NOT_IN_SAFELIST']]);
    expect(refusal.data).toBeUndefined();
    const audited = await withDb('catalog', (c) =>
      c.query(
        `SELECT refusal_reason, operation_hash FROM audit_event WHERE agency = $1 AND subgraph = 'router' AND refusal_reason = 'PERSISTED_QUERY_NOT_IN_SAFELIST'`,
        [applicant],
      ),
    );
    expect(audited.rows).toContainEqual({ refusal_reason: 'PERSISTED_QUERY_NOT_IN_SAFELIST', operation_hash: sha256(OTHER) });
    expect((await byId(ID, headers)).data?.personByIdNumber?.gender).toBe(person.gender);
    expect((await gql(DOCUMENT, { n: person.idNumber }, headers)).data?.personByIdNumber?.gender).toBe(person.gender);
  });

  test("another agency's approved document is not in an enforcing agency's safelist until its own application approves it", async () => {
    const headers = await asAgency(other);
    await enforce(other, true);
    const refusal = (
      await until(
        () => gql(DOCUMENT, { n: person.idNumber }, headers),
        (r) => r.status === 403,
      )
    ).value;
    expect(codes(refusal)).toEqual(['PERSISTED_QUERY_NOT_IN_SAFELIST']);
    expect(codes(await byId(ID, headers))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    // Its own application, with the same document, approved: now it is its own. (catalog-support's
    // approved() sends its own texts of the workflow mutations, not the portal's, so the flag is
    // switched off for it; the portal's own texts pass while enforcing, below.)
    await enforce(other, false);
    await approved(other, input([DOCUMENT]));
    await enforce(other, true);
    const served = (
      await until(
        () => byId(ID, headers),
        (r) => r.status === 200,
      )
    ).value;
    expect(served.data.personByIdNumber.gender).toBe(person.gender);
    await enforce(other, false);
  });
});

describe('the platform workflow exception: the portal’s own operations, nothing else', () => {
  test('an enforcing agency applies and lists its applications with the portal’s texts; data reads, other texts and the export request stay refused', async () => {
    const code = await register();
    const headers = await asAgency(code);
    await enforce(code, true);
    const refused = (
      await until(
        () => gql(OTHER, { n: person.idNumber }, headers),
        (r) => r.status === 403,
      )
    ).value;
    expect(codes(refused)).toEqual(['PERSISTED_QUERY_NOT_IN_SAFELIST']);

    const submitted = await gql(portal.SUBMIT_APPLICATION, { input: { items: ['Person.phone'], purpose: '可信文档测试', justification: '门户流程' } }, headers);
    expect(submitted.status).toBe(200);
    const application = ok(submitted).submitSharingApplication;
    expect(application).toMatchObject({ applicantCode: code, status: 'UNDER_REVIEW' });
    const listed = ok(await gql(portal.APPLICATIONS, { first: 10 }, headers)).sharingApplications;
    expect(listed.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(application.id);

    const refusedWith = async (query: string, variables: Record<string, unknown>) => {
      const r = await gql(query, variables, headers);
      return [r.status, codes(r), r.data ?? null];
    };
    const REFUSED = [403, ['PERSISTED_QUERY_NOT_IN_SAFELIST'], null];
    // A data read; the same mutation in another text; the portal's text widened by one base field.
    expect(await refusedWith(DOCUMENT, { n: person.idNumber })).toEqual(REFUSED);
    expect(await refusedWith(SUBMIT, { input: input([]) })).toEqual(REFUSED);
    const widened = portal.APPLICATIONS.replace('totalCount', `totalCount\n    personByIdNumber(idNumber: "${person.idNumber}") { name }`);
    expect(await refusedWith(widened, { first: 1 })).toEqual(REFUSED);
    // The portal's batch export request reads base data: a trusted document, not a workflow one.
    expect(await refusedWith(portal.REQUEST_BATCH_EXPORT, { input: { resource: 'Person', items: ['Person.name'], purpose: 'x' } })).toEqual(REFUSED);
    // By id alone the portal's text is unknown (the exception is for the text the portal sends).
    expect(codes(await byId(sha256(portal.SUBMIT_APPLICATION), headers))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    // Only one application was made: the refused mutation created none.
    const rows = await withDb('catalog', (c) => c.query(`SELECT count(*)::int AS n FROM sharing_application WHERE applicant = $1`, [code]));
    expect(rows.rows[0].n).toBe(1);
  });
});
