/**
 * Issue 10, item 4 — roles from the token's `roles` claim (Art. 8's three posts per department):
 * `operator` (数据操作员) submits, withdraws and objects; `approver` (数据分管领导) reviews,
 * provisions, revokes and runs the argumentation review; `security-admin` (数据安全管理员) searches
 * the audit trail (its agency's; the bureau's: all) and checks the chain (bureau). A step taken with
 * another post is FORBIDDEN with `extensions.requiredRole`; the agency-level rules (who reviews,
 * separation of duties) still apply on top, and refused steps are in the audit trail.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { APPROVER, BUREAU, SECURITY_ADMIN, approved, as, ok, provision, refused, review, submit } from './catalog-support';

const base = { purpose: `角色测试-${randomUUID().slice(0, 8)}`, justification: '角色分离测试' };
const REVIEW = `mutation($id: ID!) { reviewSharingApplication(id: $id, approve: true, reason: "ok") { id status } }`;
const PROVISION = `mutation($id: ID!) { provisionSharingApplication(id: $id) { id status } }`;
const REVOKE = `mutation($id: ID!) { revokeGrant(id: $id, reason: "收回") { id status } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawSharingApplication(id: $id) { id status } }`;
const SUBMIT = `mutation($input: SharingApplicationInput!) { submitSharingApplication(input: $input) { id status } }`;
const OBJECT = `mutation($input: NonSharingObjectionInput!) { objectToNonSharing(input: $input) { id status } }`;
const DECIDE = `mutation($id: ID!) { reviewNonSharingObjection(id: $id, outcome: KEEP_NONE, reason: "维持") { id status } }`;

/** FORBIDDEN, naming the role the step needs. */
function needsRole(r: Awaited<ReturnType<typeof gql>>, role: string) {
  const e = refused(r, 'FORBIDDEN');
  expect(e.extensions).toMatchObject({ reason: 'role', requiredRole: role });
  expect(e.message).toContain(`"${role}"`);
}

const headers = (agency: string, roles: string[], operator?: string) => asAgency(agency, undefined, { roles, operator });

describe('workflow steps need the post that takes them', () => {
  test('review: an operator or a security admin of a reviewing agency is refused; its approver reviews', async () => {
    const app = ok(await submit('civil-affairs', { ...base, items: ['Person.householdAddress'] })).submitSharingApplication;
    needsRole(await gql(REVIEW, { id: app.id }, await headers(BUREAU, ['operator'])), 'approver');
    needsRole(await gql(REVIEW, { id: app.id }, await headers('public-security', ['security-admin'])), 'approver');
    needsRole(await gql(REVIEW, { id: app.id }, await headers('public-security', [])), 'approver');
    // Nothing changed: both reviews are still awaited.
    expect(ok(await review(BUREAU, app.id, true, '同意')).reviewSharingApplication.pendingReviewers).toEqual(['public-security']);
    // A token holding several posts takes each of their steps.
    const both = await headers('public-security', ['operator', 'approver']);
    expect(ok(await gql(REVIEW, { id: app.id }, both)).reviewSharingApplication.status).toBe('APPROVED');
  });

  test('wrong agency and own application stay refused for an approver (agency rules on top of the post)', async () => {
    const app = ok(await submit('taxation', { ...base, items: ['Person.phone'] })).submitSharingApplication;
    const other = refused(await gql(REVIEW, { id: app.id }, await headers('finance-bank', APPROVER)), 'FORBIDDEN');
    expect(other.extensions?.requiredRole).toBe('BUREAU or PROVIDER');
    const own = refused(await gql(REVIEW, { id: app.id }, await headers('taxation', APPROVER)), 'FORBIDDEN');
    expect(own.extensions).toMatchObject({ reason: 'separation of duties' });
  });

  test('provision and revoke: the approver of the provider; not its operator', async () => {
    const app = await approved('human-resources', { ...base, items: ['Person.phone'] });
    needsRole(await gql(PROVISION, { id: app.id }, await headers('public-security', ['operator'])), 'approver');
    const done = ok(await provision('public-security', app.id)).provisionSharingApplication;
    expect(done.status).toBe('PROVISIONED');
    needsRole(await gql(REVOKE, { id: done.grant.id }, await headers('public-security', ['operator'])), 'approver');
    needsRole(await gql(REVOKE, { id: done.grant.id }, await headers(BUREAU, SECURITY_ADMIN)), 'approver');
    // The grantee's approver is still not a revoker (agency rule).
    expect(refused(await gql(REVOKE, { id: done.grant.id }, await headers('human-resources', APPROVER)), 'FORBIDDEN').extensions?.requiredRole).toBe(
      'BUREAU or PROVIDER',
    );
    expect(ok(await gql(REVOKE, { id: done.grant.id }, await headers('public-security', APPROVER))).revokeGrant.status).toBe('REVOKED');
  });

  test('submit and withdraw are the operator’s; an approver alone neither applies nor withdraws', async () => {
    needsRole(await gql(SUBMIT, { input: { ...base, items: ['Person.phone'] } }, await headers('taxation', APPROVER)), 'operator');
    needsRole(await gql(SUBMIT, { input: { ...base, items: ['Person.phone'] } }, await headers('taxation', SECURITY_ADMIN)), 'operator');
    const app = ok(await submit('taxation', { ...base, items: ['Person.phone'] })).submitSharingApplication;
    needsRole(await gql(WITHDRAW, { id: app.id }, await headers('taxation', APPROVER)), 'operator');
    expect(ok(await gql(WITHDRAW, { id: app.id }, await as('taxation'))).withdrawSharingApplication.status).toBe('WITHDRAWN');
  });

  test('objection by an operator; its argumentation review by the bureau’s approver only', async () => {
    const input = { item: 'Person.ethnicity', purpose: base.purpose, justification: '角色测试' };
    needsRole(await gql(OBJECT, { input }, await headers('finance-bank', APPROVER)), 'operator');
    const o = ok(await gql(OBJECT, { input }, await as('finance-bank'))).objectToNonSharing;
    needsRole(await gql(DECIDE, { id: o.id }, await headers(BUREAU, ['operator'])), 'approver');
    needsRole(await gql(DECIDE, { id: o.id }, await headers(BUREAU, SECURITY_ADMIN)), 'approver');
    expect(ok(await gql(DECIDE, { id: o.id }, await headers(BUREAU, APPROVER))).reviewNonSharingObjection.status).toBe('UPHELD');
  });

  test('refused steps are in the audit trail, with the operator who tried', async () => {
    const app = ok(await submit('civil-affairs', { ...base, items: ['Person.householdAddress'] })).submitSharingApplication;
    const operator = `clerk-${randomUUID().slice(0, 8)}`;
    needsRole(await gql(REVIEW, { id: app.id }, await headers(BUREAU, ['operator'], operator)), 'approver');
    const rows = await withDb(
      'catalog',
      async (c) =>
        (await c.query(`SELECT agency, decision, items_refused FROM audit_event WHERE operator = $1 AND resource = 'SharingApplication'`, [operator])).rows,
    );
    expect(rows).toEqual([{ agency: BUREAU, decision: 'REFUSED', items_refused: ['Mutation.reviewSharingApplication'] }]);
  });
});

describe('the audit trail is the security admin’s', () => {
  const SEARCH = `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 5) { totalCount } }`;

  test('search, trace and chain status need security-admin; an operator or an approver is refused', async () => {
    for (const roles of [['operator'], APPROVER]) {
      needsRole(await gql(SEARCH, {}, await headers('taxation', roles)), 'security-admin');
      needsRole(await gql(`{ auditTrace(requestId: "x") { seq } }`, {}, await headers(BUREAU, roles)), 'security-admin');
      needsRole(await gql(`{ auditTraceByCorrelationId(correlationId: "x") { seq } }`, {}, await headers('taxation', roles)), 'security-admin');
      needsRole(await gql(`{ auditChainStatus { intact } }`, {}, await headers(BUREAU, roles)), 'security-admin');
    }
    expect(ok(await gql(`{ auditChainStatus { intact } }`, {}, await headers(BUREAU, SECURITY_ADMIN))).auditChainStatus.intact).toBe(true);
    // The chain is the whole trail: another agency's security admin is refused (agency rule).
    expect(refused(await gql(`{ auditChainStatus { intact } }`, {}, await headers('taxation', SECURITY_ADMIN)), 'FORBIDDEN').extensions?.requiredRole).toBe(
      'BUREAU',
    );
  });

  test("an agency's security admin sees its agency's requests, the bureau's the whole trail", async () => {
    const requestId = `roles-${randomUUID()}`;
    ok(await gql(`{ agencies { code } }`, {}, { ...(await as('civil-affairs')), 'x-request-id': requestId }));
    const filter = { f: { agency: 'civil-affairs' } };
    expect(ok(await gql(SEARCH, filter, await headers('taxation', SECURITY_ADMIN))).auditEvents.totalCount).toBe(0);
    expect(ok(await gql(SEARCH, filter, await headers('civil-affairs', SECURITY_ADMIN))).auditEvents.totalCount).toBeGreaterThan(0);
    expect(ok(await gql(SEARCH, filter, await headers(BUREAU, SECURITY_ADMIN))).auditEvents.totalCount).toBeGreaterThan(0);
  });
});

test('`npm run -s token -- --agency <code> --roles a,b` puts the posts in the token', () => {
  const token = execFileSync('node', ['dist/scripts/token.js', '--agency', BUREAU, '--roles', 'approver, security-admin'], { encoding: 'utf8' }).trim();
  expect(decodeJwt(token)).toMatchObject({ agency: BUREAU, roles: ['approver', 'security-admin'] });
  const plain = execFileSync('node', ['dist/scripts/token.js', '--agency', 'taxation'], { encoding: 'utf8' }).trim();
  expect(decodeJwt(plain).roles).toEqual(['operator']);
  // A misspelt post is refused at issue, not discovered at the first refused step.
  expect(() => execFileSync('node', ['dist/scripts/token.js', '--agency', BUREAU, '--roles', 'approvers'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(
    /--roles must be posts among operator, approver, security-admin/,
  );
});
