/**
 * Agencies' inboxes (issue 10, item 8): the workflow steps that change an agency's situation write
 * to its inbox (application approved / rejected → applicant; grant revoked → holder); an agency
 * reads and marks read only its own notifications; paging is keyset with sealed cursors.
 */
import { asSubject, gql } from '../support/client';
import { personKey } from '../../platform/keys';
import { BUREAU, approved, as, ok, provision, refused, review, revoke, submit } from './catalog-support';

const NOTIFICATION = `id agency kind subject body links { type id } createdAt readAt`;
const base = { purpose: '通知测试：最低生活保障复核', justification: '依《社会救助暂行办法》第十一条核对家庭状况', legalBasis: '《社会救助暂行办法》' };

async function inbox(agency: string, args: { first?: number; after?: string; unread?: boolean } = {}) {
  const r = await gql(
    `query Inbox($first: Int, $after: String, $unread: Boolean) {
       myNotifications(first: $first, after: $after, unread: $unread) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NOTIFICATION} } } }
     }`,
    args,
    await as(agency),
  );
  return r;
}

/** The agency's notifications that link to `id`. */
async function about(agency: string, id: string): Promise<any[]> {
  const page = ok(await inbox(agency, { first: 100 })).myNotifications;
  return page.edges.map((e: any) => e.node).filter((n: any) => n.links.some((l: any) => l.id === id));
}

async function markRead(agency: string, ids: string[]) {
  return gql(`mutation Read($ids: [ID!]!) { markNotificationsRead(ids: $ids) { ${NOTIFICATION} } }`, { ids }, await as(agency));
}

describe('the workflow writes to inboxes', () => {
  test('an approved application notifies its applicant, and only its applicant', async () => {
    const app = await approved('civil-affairs', { ...base, items: ['Person.phone'] });
    const mine = await about('civil-affairs', app.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ agency: 'civil-affairs', kind: 'APPLICATION_APPROVED', readAt: null, links: [{ type: 'SharingApplication', id: app.id }] });
    expect(mine[0].body).toContain(app.provisioningDeadline);
    expect(await about('public-security', app.id)).toEqual([]);
    expect(await about('taxation', app.id)).toEqual([]);
  });

  test('a rejected application notifies its applicant with the reason', async () => {
    const app = ok(await submit('civil-affairs', { ...base, items: ['Person.phone'] })).submitSharingApplication;
    ok(await review(BUREAU, app.id, false, '用途与所申请信息项不相称'));
    const [n] = await about('civil-affairs', app.id);
    expect(n).toMatchObject({ kind: 'APPLICATION_REJECTED' });
    expect(n.body).toContain('用途与所申请信息项不相称');
  });

  test('a revoked grant notifies its holder; a refused revocation notifies nobody', async () => {
    const app = ok(await submit('civil-affairs', { ...base, items: ['Person.gender'] })).submitSharingApplication;
    const grant = app.grant.id;
    refused(await revoke('taxation', grant, 'not mine to revoke'), 'FORBIDDEN');
    expect(await about('civil-affairs', grant)).toEqual([]);
    ok(await revoke(BUREAU, grant, '用途已完成'));
    const [n] = await about('civil-affairs', grant);
    expect(n).toMatchObject({
      kind: 'GRANT_REVOKED',
      links: [
        { type: 'Grant', id: grant },
        { type: 'SharingApplication', id: app.id },
      ],
    });
    expect(n.body).toContain('用途已完成');
  });
  test('a provider withdrawing only its items notifies the holder of what left the grant', async () => {
    const app = await approved('civil-affairs', { ...base, items: ['Person.phone', 'LegalPerson.contactPhone'] });
    let provisioned = app;
    for (const provider of app.providers) provisioned = ok(await provision(provider, app.id)).provisionSharingApplication;
    const grant = provisioned.grant.id;
    const r = ok(await revoke('public-security', grant, '公安部分用途已完成')).revokeGrant;
    expect(r.status).toBe('LIVE');
    const [n] = await about('civil-affairs', grant);
    expect(n.kind).toBe('GRANT_REVOKED');
    expect(n.body).toContain('withdrew Person.phone');
    expect(n.body).not.toContain('LegalPerson.contactPhone');
  });
});

describe('reading and marking the inbox', () => {
  test('unread filter and markNotificationsRead, only on the caller’s own notifications', async () => {
    const app = await approved('civil-affairs', { ...base, items: ['Person.phone'] });
    const [n] = await about('civil-affairs', app.id);
    // Another agency marking it: nothing returned, nothing changed.
    expect(ok(await markRead('taxation', [n.id])).markNotificationsRead).toEqual([]);
    expect((await about('civil-affairs', app.id))[0].readAt).toBeNull();
    const unreadBefore = ok(await inbox('civil-affairs', { first: 100, unread: true })).myNotifications.edges.map((e: any) => e.node.id);
    expect(unreadBefore).toContain(n.id);

    const [marked] = ok(await markRead('civil-affairs', [n.id])).markNotificationsRead;
    expect(marked).toMatchObject({ id: n.id, agency: 'civil-affairs' });
    expect(marked.readAt).not.toBeNull();
    const unreadAfter = ok(await inbox('civil-affairs', { first: 100, unread: true })).myNotifications.edges.map((e: any) => e.node.id);
    expect(unreadAfter).not.toContain(n.id);
    const read = ok(await inbox('civil-affairs', { first: 100, unread: false })).myNotifications.edges.map((e: any) => e.node.id);
    expect(read).toContain(n.id);
    // Marking again is harmless and keeps the first readAt.
    expect(ok(await markRead('civil-affairs', [n.id])).markNotificationsRead[0].readAt).toBe(marked.readAt);
  });

  test('keyset pages, newest first, with cursors sealed to the caller', async () => {
    await approved('civil-affairs', { ...base, items: ['Person.phone'] });
    await approved('civil-affairs', { ...base, items: ['Person.phone'] });
    const all = ok(await inbox('civil-affairs', { first: 100 })).myNotifications;
    expect(all.totalCount).toBeGreaterThanOrEqual(2);
    const first = ok(await inbox('civil-affairs', { first: 1 })).myNotifications;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = ok(await inbox('civil-affairs', { first: 1, after: first.pageInfo.endCursor })).myNotifications;
    expect(second.edges[0].node.id).toBe(all.edges[1].node.id);
    expect(first.edges[0].node.id).toBe(all.edges[0].node.id);
    expect(Date.parse(all.edges[0].node.createdAt)).toBeGreaterThanOrEqual(Date.parse(all.edges[1].node.createdAt));
    // Another agency replaying the cursor does not page civil-affairs' inbox.
    const replay = await inbox('taxation', { first: 1, after: first.pageInfo.endCursor });
    expect(replay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('refused: a data subject, a malformed id, an oversized list', async () => {
    const subject = await gql(`{ myNotifications(first: 5) { totalCount } }`, {}, await asSubject(personKey('430421198001010011')));
    expect(subject.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    refused(await markRead('civil-affairs', ['not-an-id']), 'BAD_USER_INPUT');
    refused(
      await markRead(
        'civil-affairs',
        Array.from({ length: 501 }, () => '00000000-0000-4000-8000-000000000000'),
      ),
      'BAD_USER_INPUT',
    );
    refused(await inbox('civil-affairs', { first: 0 }), 'BAD_USER_INPUT');
  });
});
