/**
 * Classes guarded (issue 10, item 8, webhooks):
 *  - server-side request forgery: the platform POSTs to a URL an agency chose, so only http/https
 *    URLs without credentials to an allowed host are accepted (the development default: loopback
 *    and private ranges; never link-local metadata, never public addresses), a redirect is not
 *    followed, and a host whose name resolves outside the allow-list is refused at connection time;
 *  - cross-agency delivery: another agency's notifications never reach my URL, and neither my URL
 *    nor my deliveries are shown to another agency;
 *  - content: a POST carries exactly the notification the agency's own inbox shows.
 */
import { gql } from '../support/client';
import { WebhookReceiver, eventually } from '../support/webhook-receiver';
import { WebhookAllowList } from '../../platform/webhooks/allow-list';
import { post } from '../../platform/webhooks/dispatcher';
import { APPROVER, BUREAU, as, ok, refused } from '../integration/catalog-support';
import { withDb } from '../support/db';
import { pgSql } from '../../platform/db/sql';
import { writeNotification } from '../../platform/governance';

const receiver = new WebhookReceiver();
const A = 'transport';
const B = 'development-reform';
const C = 'institution-registration';

const register = async (agency: string, url: string) =>
  gql(`mutation($url: String!) { registerWebhook(url: $url) { url secret } }`, { url }, await as(agency, undefined, APPROVER));

async function notify(agency: string): Promise<string> {
  const d = ok(
    await gql(
      `mutation($input: DataDemandInput!) { submitDataDemand(input: $input) { id } }`,
      { input: { need: '回调越权测试', purpose: '回调越权测试', legalBasis: '《政务数据共享条例》' } },
      await as('civil-affairs'),
    ),
  ).submitDataDemand;
  ok(
    await gql(
      `mutation($id: ID!, $p: String!) { assignDataDemand(id: $id, provider: $p, dueInWorkingDays: 5) { id } }`,
      { id: d.id, p: agency },
      await as(BUREAU, undefined, APPROVER),
    ),
  );
  return d.id;
}
async function inboxIds(agency: string): Promise<string[]> {
  const r = ok(await gql(`{ myNotifications(first: 200) { edges { node { id } } } }`, {}, await as(agency)));
  return r.myNotifications.edges.map((e: any) => e.node.id);
}

beforeAll(() => receiver.start());
afterAll(async () => {
  for (const a of [A, B, C]) await gql(`mutation { clearWebhook }`, {}, await as(a, undefined, APPROVER));
  await receiver.stop();
});

test.each([
  ['file:///etc/passwd', /http: and https:/],
  ['ftp://127.0.0.1/x', /http: and https:/],
  ['gopher://127.0.0.1:6379/_FLUSHALL', /http: and https:/],
  ['http://169.254.169.254/latest/meta-data/', /not an allowed webhook host/],
  ['http://[::ffff:169.254.169.254]/', /not an allowed webhook host/],
  ['http://8.8.8.8/hook', /not an allowed webhook host/],
  ['http://0.0.0.0:5432/', /not an allowed webhook host/],
  ['http://user:pass@127.0.0.1/hook', /credentials/],
  ['http://no-such-host.invalid/hook', /does not resolve|not an allowed/],
])('registering %s is refused', async (url, why) => {
  const e = refused(await register(A, url), 'BAD_USER_INPUT');
  expect(e.extensions?.argument).toBe('url');
  expect(e.message).toMatch(why);
  expect(ok(await gql(`{ myWebhook { url } }`, {}, await as(A))).myWebhook?.url ?? null).not.toBe(url);
});

test('a redirect is not followed: the delivery fails with REDIRECT_NOT_FOLLOWED and the redirect target is never called', async () => {
  ok(await register(A, `${receiver.url}/redirect`));
  receiver.answers.set('/redirect', [302]);
  await notify(A);
  await eventually('the redirecting POST', () => receiver.at('/redirect').length > 0);
  const failed = await eventually('FAILED', async () => {
    const r = ok(await gql(`{ webhookDeliveries(state: FAILED, first: 20) { edges { node { lastError lastStatus } } } }`, {}, await as(A)));
    return r.webhookDeliveries.edges.map((e: any) => e.node).find((n: any) => n.lastError === 'REDIRECT_NOT_FOLLOWED');
  });
  expect(failed.lastStatus).toBe(302);
  expect(receiver.at('/internal')).toEqual([]);
});

test('a host name resolving outside the allow-list is refused at connection time (DNS rebinding), the receiver never called', async () => {
  const before = receiver.received.length;
  const port = new URL(receiver.url).port;
  await expect(post(`http://localhost:${port}/rebound`, '{}', {}, new WebhookAllowList('10.0.0.0/8'), 2000)).rejects.toThrow();
  expect(receiver.received.length).toBe(before);
  // The same request is delivered where the resolved address is allowed.
  await expect(post(`http://localhost:${port}/rebound`, '{}', {}, new WebhookAllowList('127.0.0.0/8,::1/128'), 2000)).resolves.toBe(200);
});

test('another agency’s notifications never reach my URL; my webhook and deliveries are not shown to it', async () => {
  ok(await register(A, `${receiver.url}/a`));
  ok(await register(B, `${receiver.url}/b`));
  receiver.answers.set('/a', [200]);
  receiver.answers.set('/b', [200]);
  await notify(A);
  await notify(B);
  await notify(B);
  await eventually('B’s two POSTs', () => receiver.at('/b').length >= 2);
  await eventually('A’s POST', () => receiver.at('/a').length >= 1);

  const aInbox = new Set(await inboxIds(A));
  const bInbox = new Set(await inboxIds(B));
  for (const r of receiver.at('/a')) {
    expect(r.json.notification.agency).toBe(A);
    expect(aInbox.has(r.json.notification.id)).toBe(true);
    expect(bInbox.has(r.json.notification.id)).toBe(false);
  }
  for (const r of receiver.at('/b')) expect(r.json.notification.agency).toBe(B);

  expect(ok(await gql(`{ myWebhook { url } }`, {}, await as(B))).myWebhook.url).toBe(`${receiver.url}/b`);
  const theirs = ok(await gql(`{ webhookDeliveries(first: 100) { edges { node { notificationId } } } }`, {}, await as(B))).webhookDeliveries.edges;
  for (const e of theirs) expect(aInbox.has(e.node.notificationId)).toBe(false);
  // Asking for one of A's deliveries by its notification id from B's side answers nothing.
  const one = receiver.at('/a')[0].json.notification.id;
  expect(
    ok(await gql(`query($n: ID!) { webhookDeliveries(notificationId: $n, first: 5) { totalCount } }`, { n: one }, await as(B))).webhookDeliveries.totalCount,
  ).toBe(0);
});

test('a suspended agency’s notifications are not POSTed (its tokens read nothing, its inbox included)', async () => {
  const SUSPEND = `mutation($code: String!, $reason: String!) { suspendAgency(code: $code, reason: $reason) { status } }`;
  const REINSTATE = `mutation($code: String!, $reason: String!) { reinstateAgency(code: $code, reason: $reason) { status } }`;
  ok(await register(C, `${receiver.url}/suspended`));
  ok(await gql(SUSPEND, { code: C, reason: '回调安全测试' }, await as(BUREAU, undefined, APPROVER)));
  try {
    // A notification written for it while suspended, through the one function every step uses.
    const id = await withDb('catalog', (c) => writeNotification(pgSql(c), { agency: C, kind: 'TEST_WHILE_SUSPENDED', subject: '暂停期间', body: '不应推送' }));
    const row = await eventually('the delivery settled', () =>
      withDb('catalog', async (c) => {
        const r = (await c.query(`SELECT state, last_error FROM webhook_delivery WHERE notification_id = $1`, [id])).rows[0];
        return r && r.state !== 'PENDING' ? r : undefined;
      }),
    );
    expect(row).toEqual({ state: 'CANCELLED', last_error: 'AGENCY_SUSPENDED' });
    expect(receiver.at('/suspended')).toEqual([]);
  } finally {
    ok(await gql(REINSTATE, { code: C, reason: '回调安全测试结束' }, await as(BUREAU, undefined, APPROVER)));
  }
});

test('one agency’s hanging receiver does not hold up another agency’s deliveries', async () => {
  ok(await register(A, `${receiver.url}/hang-a`));
  ok(await register(B, `${receiver.url}/b2`));
  receiver.answers.set('/hang-a', ['hang']);
  await notify(A);
  await eventually('A’s POST held open', () => receiver.at('/hang-a').length === 1);
  await notify(B);
  // B's delivery arrives while A's request is still held (the timeout is seconds away).
  await eventually('B’s POST', () => receiver.at('/b2').length === 1);
  expect(receiver.at('/hang-a')).toHaveLength(1);
  receiver.answers.set('/hang-a', [200]);
  receiver.release(200);
});
