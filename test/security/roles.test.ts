/**
 * Issue 10 — posts that do not query. Before, the token's `roles` claim was read by nothing: a
 * token issued to an agency's 数据分管领导 (approver) or 数据安全管理员 (security-admin) read the
 * agency's granted personal data like any operator, so the posts Art. 8 separates were one. Now the
 * base databases serve an agency's non-open items only to a token holding `operator`
 * (FORBIDDEN with `requiredRole: "operator"` otherwise, field by field, before any resolver);
 * open data stays open to every post, and the governance records stay readable by every post.
 */
import { asAgency, gql, subgraphUrl } from '../support/client';
import { syntheticPerson } from '../../seed/synthetic/people';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { APPROVER, SECURITY_ADMIN, application, ok, submit } from '../integration/catalog-support';

const person = syntheticPerson(9);
const PURPOSE = '社会保险待遇资格认证';
/** human-resources holds a demo grant for Person.name and idNumber in full for this purpose; gender is unconditional. */
const QUERY = `query($n: String!) { personByIdNumber(idNumber: $n) { gender name idNumber } }`;

function nothingOfThePerson(r: Awaited<ReturnType<typeof gql>>) {
  const text = JSON.stringify(r.data ?? null);
  expect(text).not.toContain(person.name);
  expect(text).not.toContain(person.gender);
  expect(text).not.toContain(person.idNumber);
  const codes = new Set((r.errors ?? []).map((e) => e.extensions?.code));
  expect(codes.size).toBeGreaterThan(0);
  for (const e of r.errors ?? []) {
    if (e.extensions?.code === 'FORBIDDEN') expect(e.extensions).toMatchObject({ reason: 'role', requiredRole: 'operator' });
  }
}

describe('only the operator post queries the base databases', () => {
  test('control: the operator reads the granted items', async () => {
    const r = await gql(QUERY, { n: person.idNumber }, await asAgency('human-resources', PURPOSE));
    expect(r.errors).toBeUndefined();
    expect(r.data.personByIdNumber).toEqual({ gender: person.gender, name: person.name, idNumber: person.idNumber });
  });

  test('the reproduction: the approver of the same agency reads nothing of the person, through the router', async () => {
    nothingOfThePerson(await gql(QUERY, { n: person.idNumber }, await asAgency('human-resources', PURPOSE, { roles: APPROVER })));
  });

  test('variant: the security admin, a token with no post, and directly at the subgraph', async () => {
    nothingOfThePerson(await gql(QUERY, { n: person.idNumber }, await asAgency('human-resources', PURPOSE, { roles: SECURITY_ADMIN })));
    nothingOfThePerson(await gql(QUERY, { n: person.idNumber }, await asAgency('human-resources', PURPOSE, { roles: [] })));
    const direct = await gql(QUERY, { n: person.idNumber }, await asAgency('human-resources', PURPOSE, { roles: APPROVER }), subgraphUrl('population'));
    nothingOfThePerson(direct);
  });

  test('variant: a provider’s approver does not read its own base database either; its operator does', async () => {
    nothingOfThePerson(await gql(QUERY, { n: person.idNumber }, await asAgency('public-security', undefined, { roles: APPROVER })));
    const own = await gql(QUERY, { n: person.idNumber }, await asAgency('public-security'));
    expect(own.data.personByIdNumber.name).toBe(person.name);
  });

  test('open data and the governance records stay readable by every post', async () => {
    const lp = syntheticLegalPerson(0, Number(process.env.TEST_SEED_SCALE));
    const open = await gql(
      `query($u: String!) { legalPersonByUscc(uscc: $u) { name } }`,
      { u: lp.uscc },
      await asAgency('taxation', undefined, { roles: APPROVER }),
    );
    expect(open.errors).toBeUndefined();
    expect(open.data.legalPersonByUscc.name).toBe(lp.name);
    // An approver reads the application it decides on.
    const app = ok(
      await submit('civil-affairs', { items: ['Person.householdAddress'], purpose: '岗位测试', justification: '岗位测试' }),
    ).submitSharingApplication;
    const seen = await gql(
      `query($id: ID!) { sharingApplication(id: $id) { id status } }`,
      { id: app.id },
      await asAgency('public-security', undefined, { roles: APPROVER }),
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data.sharingApplication).toEqual({ id: app.id, status: 'UNDER_REVIEW' });
    expect(ok(await application('civil-affairs', app.id)).sharingApplication.id).toBe(app.id);
  });
});
