/**
 * Class guarded: one agency's inbox and demands read or changed by another (issue 10, items 6 and
 * 8). An agency reads only its own notifications (the agency comes from the token, never from an
 * argument), cannot mark another's read or learn that an id exists, cannot page another's inbox or
 * demand list with a borrowed cursor, and sees a demand only as its applicant, its assigned
 * provider or the bureau.
 */
import { gql } from '../support/client';
import { BUREAU, approved, as, ok } from '../integration/catalog-support';

const base = { purpose: '越权测试：最低生活保障复核', justification: '依《社会救助暂行办法》核对家庭状况', legalBasis: '《社会救助暂行办法》' };

async function inbox(agency: string, after?: string) {
  return gql(
    `query($after: String) { myNotifications(first: 1, after: $after) { pageInfo { endCursor } edges { node { id agency links { id } } } } }`,
    { after },
    await as(agency),
  );
}

test("another agency's notification: not listed, not markable, its existence not revealed", async () => {
  const app = await approved('civil-affairs', { ...base, items: ['Person.phone'] });
  const mine = ok(await gql(`{ myNotifications(first: 100) { edges { node { id agency links { id } } } } }`, {}, await as('civil-affairs')));
  const note = mine.myNotifications.edges.map((e: any) => e.node).find((n: any) => n.links.some((l: any) => l.id === app.id));
  expect(note.agency).toBe('civil-affairs');

  for (const other of ['taxation', 'public-security', BUREAU]) {
    const theirs = ok(await gql(`{ myNotifications(first: 100) { edges { node { id agency } } } }`, {}, await as(other)));
    expect(theirs.myNotifications.edges.every((e: any) => e.node.agency === other)).toBe(true);
    expect(theirs.myNotifications.edges.map((e: any) => e.node.id)).not.toContain(note.id);
    // Marking it: the same empty answer as for an id that does not exist.
    const marked = ok(await gql(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }`, { ids: [note.id] }, await as(other)));
    const absent = ok(
      await gql(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }`, { ids: ['00000000-0000-4000-8000-000000000000'] }, await as(other)),
    );
    expect(marked).toEqual(absent);
  }
  const still = ok(await gql(`{ myNotifications(first: 100, unread: true) { edges { node { id } } } }`, {}, await as('civil-affairs')));
  expect(still.myNotifications.edges.map((e: any) => e.node.id)).toContain(note.id);
});

test("a borrowed inbox cursor does not page the lender's inbox (variant: the same cursor under another operator of the same agency works)", async () => {
  const cursor = ok(await inbox('civil-affairs')).myNotifications.pageInfo.endCursor;
  expect(cursor).toBeTruthy();
  expect((await inbox('taxation', cursor)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const again = await gql(
    `query($after: String) { myNotifications(first: 1, after: $after) { edges { node { agency } } } }`,
    { after: cursor },
    await as('civil-affairs', 'another-clerk'),
  );
  for (const e of ok(again).myNotifications.edges) expect(e.node.agency).toBe('civil-affairs');
});

test("a demand: not readable or listable by an uninvolved agency, nor through the bureau's cursor", async () => {
  const d = ok(
    await gql(
      `mutation($input: DataDemandInput!) { submitDataDemand(input: $input) { id } }`,
      { input: { need: '越权测试需求', purpose: base.purpose, legalBasis: base.legalBasis } },
      await as('civil-affairs'),
    ),
  ).submitDataDemand;
  const one = await gql(`query($id: ID!) { dataDemand(id: $id) { id need } }`, { id: d.id }, await as('taxation'));
  expect(one.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(one.data?.dataDemand ?? null).toBeNull();
  const list = ok(await gql(`{ dataDemands(first: 100) { edges { node { id applicant provider } } } }`, {}, await as('taxation')));
  for (const e of list.dataDemands.edges) expect([e.node.applicant, e.node.provider]).toContain('taxation');
  const bureauPage = ok(await gql(`{ dataDemands(first: 1) { pageInfo { endCursor } } }`, {}, await as(BUREAU)));
  const replay = await gql(
    `query($after: String) { dataDemands(first: 100, after: $after) { edges { node { id } } } }`,
    { after: bureauPage.dataDemands.pageInfo.endCursor },
    await as('taxation'),
  );
  expect(replay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
