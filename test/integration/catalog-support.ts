/** Helpers shared by the catalog tests: workflow calls through the router, error assertions. */
import { asAgency, gql, type GraphQLResponse } from '../support/client';
import { CALENDAR } from '../../migrations/catalog/Migration20261125010000_workflow';
import { WorkingCalendar } from '../../subgraphs/catalog/calendar/working-days';

export const BUREAU = 'data-bureau';
export const calendar = new WorkingCalendar(CALENDAR.map(([day, kind, name]) => ({ day, kind, name })));

export const APPLICATION = `id status applicantCode applicant { code name } items conditionalItems unconditionalItems providers purpose
  justification legalBasis requestedMasks { item mask } validUntil submittedAt decidedAt rejectionReason pendingReviewers pendingProvisioners
  reviews { reviewer role approve reason operator at } provisions { provider items at delayWorkingDays }
  provisioningDeadline provisioningDeadlineAt provisionedAt overdue provisioningDelayWorkingDays
  grant { id agencyCode items purposes masks { item mask } validFrom validTo status applicationId revokedAt revokedReason revokedBy }`;

/** Headers of an agency's staff member; the post in the token (`roles`) defaults to `operator`. */
export async function as(agency: string, operator?: string, roles?: string[]): Promise<Record<string, string>> {
  return asAgency(agency, undefined, { operator, roles });
}

/** Posts (the token's roles, issue 10): reviews, provisioning and revocation are the approver's; audit search the security admin's. */
export const APPROVER = ['approver'];
export const SECURITY_ADMIN = ['security-admin'];

export async function submit(agency: string, input: Record<string, unknown>, operator?: string): Promise<GraphQLResponse> {
  return gql(
    `mutation Submit($input: SharingApplicationInput!) { submitSharingApplication(input: $input) { ${APPLICATION} } }`,
    { input },
    await as(agency, operator),
  );
}

export async function review(agency: string, id: string, approve: boolean, reason?: string): Promise<GraphQLResponse> {
  return gql(
    `mutation Review($id: ID!, $approve: Boolean!, $reason: String) { reviewSharingApplication(id: $id, approve: $approve, reason: $reason) { ${APPLICATION} } }`,
    { id, approve, reason },
    await as(agency, undefined, APPROVER),
  );
}

export async function provision(agency: string, id: string): Promise<GraphQLResponse> {
  return gql(`mutation Provision($id: ID!) { provisionSharingApplication(id: $id) { ${APPLICATION} } }`, { id }, await as(agency, undefined, APPROVER));
}

export async function withdraw(agency: string, id: string): Promise<GraphQLResponse> {
  return gql(`mutation Withdraw($id: ID!) { withdrawSharingApplication(id: $id) { ${APPLICATION} } }`, { id }, await as(agency));
}

export async function revoke(agency: string, id: string, reason: string): Promise<GraphQLResponse> {
  return gql(
    `mutation Revoke($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id status items revokedAt revokedReason revokedBy applicationId } }`,
    { id, reason },
    await as(agency, undefined, APPROVER),
  );
}

export async function application(agency: string, id: string): Promise<GraphQLResponse> {
  return gql(`query App($id: ID!) { sharingApplication(id: $id) { ${APPLICATION} } }`, { id }, await as(agency));
}

/** The data of a response that must have no errors. */
export function ok<T = any>(r: GraphQLResponse): T {
  if (r.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

/** The first error, which must have the given code. */
export function refused(r: GraphQLResponse, code: string): { message: string; extensions?: Record<string, any> } {
  expect(r.errors?.length).toBeGreaterThan(0);
  const e = r.errors![0];
  if (e.extensions?.code !== code) throw new Error(`expected ${code}, got ${JSON.stringify(r.errors)}`);
  return e;
}

/** Submits and takes an application through the bureau's and every provider's approval. */
export async function approved(applicant: string, input: Record<string, unknown>): Promise<any> {
  const app = ok(await submit(applicant, input)).submitSharingApplication;
  let last = app;
  for (const reviewer of [BUREAU, ...app.providers.filter((p: string) => p !== BUREAU)]) {
    last = ok(await review(reviewer, app.id, true, `approved by ${reviewer}`)).reviewSharingApplication;
  }
  expect(last.status).toBe('APPROVED');
  return last;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
