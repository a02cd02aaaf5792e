/**
 * Issue 10 — a suspended agency. Before, the register had no suspension: an agency removed from
 * duty kept reading through every token its staff held (tokens live up to 12 h). Now the bureau's
 * suspendAgency takes effect in every subgraph within a second (the register's NOTIFY): its
 * tokens — issued before the suspension too — read nothing through the router or at a subgraph,
 * conditional data under its live grants included, and it cannot apply for more.
 */
import { randomUUID } from 'node:crypto';
import { asAgency, gql, subgraphUrl } from '../support/client';
import { withDb } from '../support/db';
import { syntheticPerson } from '../../seed/synthetic/people';
import { APPROVER, BUREAU, ok, sleep } from '../integration/catalog-support';

const person = syntheticPerson(7);
const PURPOSE = '社会保险待遇资格认证';
/** human-resources holds a demo grant for Person.name in full for this purpose. */
const QUERY = `query($n: String!) { personByIdNumber(idNumber: $n) { gender name } }`;
const SUSPEND = `mutation($code: String!, $reason: String!) { suspendAgency(code: $code, reason: $reason) { status } }`;
const REINSTATE = `mutation($code: String!, $reason: String!) { reinstateAgency(code: $code, reason: $reason) { status } }`;
const registrar = () => asAgency(BUREAU, undefined, { roles: APPROVER });

/** Nothing of the person in the answer. */
function readsNothing(r: Awaited<ReturnType<typeof gql>>) {
  const text = JSON.stringify(r.data ?? null);
  expect(text).not.toContain(person.name);
  expect(text).not.toContain(person.gender);
  expect(r.errors?.length).toBeGreaterThan(0);
}

describe('a suspended agency reads nothing', () => {
  // A token issued before the suspension, as an agency's application would hold it.
  let held: Record<string, string>;
  beforeAll(async () => {
    held = await asAgency('human-resources', PURPOSE);
    const before = await gql(QUERY, { n: person.idNumber }, held);
    expect(before.errors).toBeUndefined();
    expect(before.data.personByIdNumber.name).toBe(person.name);
    ok(await gql(SUSPEND, { code: 'human-resources', reason: `安全测试 ${randomUUID()}` }, await registrar()));
    await sleep(1000);
  });
  afterAll(async () => {
    ok(await gql(REINSTATE, { code: 'human-resources', reason: '测试结束' }, await registrar()));
    await sleep(1000);
  });

  test('through the router, with a token issued before the suspension (the reproduction)', async () => {
    const r = await gql(QUERY, { n: person.idNumber }, held);
    readsNothing(r);
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('variant: at a subgraph directly, a fresh token, and its live grant changes nothing', async () => {
    const grants = await withDb(
      'catalog',
      async (c) => (await c.query(`SELECT count(*)::int AS n FROM sharing_grant WHERE agency_code = 'human-resources' AND revoked_at IS NULL`)).rows[0].n,
    );
    expect(grants).toBeGreaterThan(0);
    const direct = await gql(QUERY, { n: person.idNumber }, await asAgency('human-resources', PURPOSE), subgraphUrl('population'));
    expect(direct.status).toBe(401);
    readsNothing(direct);
  });

  test('variant: its approver and security admin are refused too (no post survives), and it cannot apply', async () => {
    for (const roles of [APPROVER, ['security-admin'], ['operator', 'approver', 'security-admin']]) {
      readsNothing(await gql(QUERY, { n: person.idNumber }, await asAgency('human-resources', PURPOSE, { roles })));
      const audit = await gql(`{ auditEvents(first: 1) { totalCount } }`, {}, await asAgency('human-resources', undefined, { roles }));
      expect(audit.data?.auditEvents ?? null).toBeNull();
    }
    const apply = await gql(
      `mutation($input: SharingApplicationInput!) { submitSharingApplication(input: $input) { id } }`,
      { input: { items: ['Person.phone'], purpose: PURPOSE, justification: '暂停后申请' } },
      await asAgency('human-resources'),
    );
    expect(apply.data?.submitSharingApplication ?? null).toBeNull();
    expect(apply.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
