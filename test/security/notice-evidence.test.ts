/**
 * Class guarded: a rectification notice disclosing, through its evidence, more than the noticed
 * agency may already see (issue 10, item 7: OUT_OF_PURPOSE_REFUSALS). Two agencies are refused,
 * interleaved, in the same window: each one's notice names only audit events of its own requests
 * (each one visible in its own audit view), never the other's; neither the finding nor the
 * inbox notice carries a data subject's ID number or pseudonymous key (which the agency's own view
 * hides when the subject was not served to it), nor the item's value.
 */
import { asAgency, gql } from '../support/client';
import { syntheticPerson } from '../../seed/synthetic/people';
import { APPROVER, BUREAU, SECURITY_ADMIN, as, ok } from '../integration/catalog-support';

const RULE = 'OUT_OF_PURPOSE_REFUSALS';
const PURPOSE = '证据泄露测试：无授权用途';
const person = syntheticPerson(37);
const AGENCIES = ['taxation', 'human-resources'];

const scan = async () => ok(await gql(`mutation { raiseRectificationNotices { id } }`, {}, await as(BUREAU, undefined, APPROVER)));

async function unclosed(agency: string): Promise<any[]> {
  const r = ok(
    await gql(
      `query($a: String) { rectificationNotices(agency: $a, first: 500) { edges { node { id rule status finding evidenceEvents } } } }`,
      { a: agency },
      await as(agency),
    ),
  );
  return r.rectificationNotices.edges.map((e: any) => e.node).filter((n: any) => n.rule === RULE && n.status !== 'CLOSED');
}

async function closeAll(agency: string): Promise<void> {
  for (const n of await unclosed(agency)) {
    if (n.status === 'OPEN')
      ok(await gql(`mutation($id: ID!) { acknowledgeRectificationNotice(id: $id, fix: "测试") { id } }`, { id: n.id }, await as(agency, undefined, APPROVER)));
    ok(await gql(`mutation($id: ID!) { closeRectificationNotice(id: $id) { id } }`, { id: n.id }, await as(BUREAU, undefined, APPROVER)));
  }
}

async function refusedRead(agency: string): Promise<void> {
  const r = await gql(`query($n: String!) { personByIdNumber(idNumber: $n) { gender phone } }`, { n: person.idNumber }, await asAgency(agency, PURPOSE));
  expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
}

const ownSeqs = async (agency: string): Promise<string[]> =>
  ok(
    await gql(`{ auditEvents(filter: { agency: "${agency}" }, first: 500) { edges { node { seq } } } }`, {}, await as(agency, undefined, SECURITY_ADMIN)),
  ).auditEvents.edges.map((e: any) => e.node.seq);

test('each agency’s refusal notice names only its own audit events and no data subject', async () => {
  // Earlier refusals of these agencies are closed off, then a clean primer notice is raised and closed.
  for (const a of AGENCIES) await closeAll(a);
  for (let i = 0; i < 5; i++) for (const a of AGENCIES) await refusedRead(a);
  await scan();
  for (const a of AGENCIES) await closeAll(a);

  for (let i = 0; i < 6; i++) for (const a of AGENCIES) await refusedRead(a);
  await scan();

  const notices = Object.fromEntries(await Promise.all(AGENCIES.map(async (a) => [a, (await unclosed(a))[0]] as const)));
  const own = Object.fromEntries(await Promise.all(AGENCIES.map(async (a) => [a, new Set(await ownSeqs(a))] as const)));
  for (const [a, other] of [AGENCIES, [...AGENCIES].reverse()]) {
    const notice = notices[a];
    expect(notice).toBeDefined();
    expect(notice.evidenceEvents.length).toBeGreaterThanOrEqual(6);
    for (const seq of notice.evidenceEvents) {
      expect(own[a].has(seq)).toBe(true);
      expect(own[other].has(seq)).toBe(false);
    }
  }

  // The subjects of those events, as the bureau sees them: none is in any notice or inbox text.
  const all = ok(
    await gql(
      `{ auditEvents(filter: { purpose: "${PURPOSE}" }, first: 500) { edges { node { seq subjectKeys } } } }`,
      {},
      await as(BUREAU, undefined, SECURITY_ADMIN),
    ),
  ).auditEvents.edges.map((e: any) => e.node);
  const secrets = [person.idNumber, person.phone, ...all.flatMap((e: any) => e.subjectKeys)].filter(Boolean);
  expect(secrets.length).toBeGreaterThan(2);
  for (const a of AGENCIES) {
    const inbox = ok(await gql(`{ myNotifications(first: 100) { edges { node { subject body links { type id } } } } }`, {}, await as(a)))
      .myNotifications.edges.map((e: any) => e.node)
      .filter((n: any) => n.links.some((l: any) => l.id === notices[a].id));
    expect(inbox).toHaveLength(1);
    const text = JSON.stringify([notices[a], inbox]);
    for (const s of secrets) expect(text).not.toContain(s);
    for (const l of inbox[0].links.filter((x: any) => x.type === 'AuditEvent')) expect(own[a].has(l.id)).toBe(true);
  }
});
