/**
 * Webhooks (issue 10, item 8): an agency's approver registers a URL; each notification written to
 * the agency's inbox is then also POSTed to it, as JSON, after the step commits, signed with the
 * secret returned once at registration; failures are retried with backoff and the delivery state
 * is queryable; a receiver that hangs or is down never blocks or fails the step. The receiver is a
 * local HTTP server in the test process. SSRF and cross-agency delivery: test/security/webhooks.test.ts.
 */
import { gql } from '../support/client';
import { WebhookReceiver, eventually } from '../support/webhook-receiver';
import { verifySignature } from '../../platform/webhooks/signature';
import { APPROVER, BUREAU, as, ok, refused } from './catalog-support';

const AGENCY = 'transport';
const DELIVERY = `id notificationId kind state attempts nextAttemptAt lastAttemptAt lastStatus lastError deliveredAt createdAt`;
const receiver = new WebhookReceiver();

async function register(url: string, roles = APPROVER, agency = AGENCY) {
  return gql(`mutation($url: String!) { registerWebhook(url: $url) { url registeredAt registeredBy secret } }`, { url }, await as(agency, 'it-admin', roles));
}
const clear = async (agency = AGENCY, roles = APPROVER) => gql(`mutation { clearWebhook }`, {}, await as(agency, undefined, roles));

/** A demand assigned to the agency: the step that writes a DEMAND_ASSIGNED notification to it. Returns the demand id. */
async function notifyAgency(agency = AGENCY): Promise<string> {
  const d = ok(
    await gql(
      `mutation($input: DataDemandInput!) { submitDataDemand(input: $input) { id } }`,
      { input: { need: '回调测试：道路运输许可变更', purpose: '回调测试', legalBasis: '《道路运输条例》' } },
      await as('civil-affairs', 'clerk-5'),
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

async function inboxAbout(demandId: string, agency = AGENCY): Promise<any> {
  const r = ok(
    await gql(`{ myNotifications(first: 100) { edges { node { id agency kind subject body links { type id } createdAt } } } }`, {}, await as(agency)),
  );
  return r.myNotifications.edges.map((e: any) => e.node).find((n: any) => n.links.some((l: any) => l.id === demandId));
}
async function deliveryOf(notificationId: string, agency = AGENCY): Promise<any> {
  const r = ok(
    await gql(
      `query($n: ID!) { webhookDeliveries(notificationId: $n, first: 10) { edges { node { ${DELIVERY} } } } }`,
      { n: notificationId },
      await as(agency),
    ),
  );
  return r.webhookDeliveries.edges[0]?.node;
}
const postsAbout = (path: string, notificationId: string) => receiver.at(path).filter((r) => r.json?.notification?.id === notificationId);

beforeAll(() => receiver.start());
afterAll(async () => {
  await clear();
  await receiver.stop();
});

describe('registering', () => {
  test('only the agency’s approver registers or clears; the URL is shown, the secret only once', async () => {
    expect(refused(await register(`${receiver.url}/transport`, ['operator']), 'FORBIDDEN').extensions?.requiredRole).toBe('approver');
    expect(refused(await clear(AGENCY, ['security-admin']), 'FORBIDDEN').extensions?.requiredRole).toBe('approver');
    const reg = ok(await register(`${receiver.url}/transport`)).registerWebhook;
    expect(reg).toMatchObject({ url: `${receiver.url}/transport`, registeredBy: 'it-admin' });
    expect(reg.secret).toMatch(/^[0-9a-f]{64}$/);
    const mine = ok(await gql(`{ myWebhook { url registeredAt registeredBy } }`, {}, await as(AGENCY))).myWebhook;
    expect(mine).toEqual({ url: reg.url, registeredAt: reg.registeredAt, registeredBy: 'it-admin' });
    // Registering again rotates the secret.
    const again = ok(await register(`${receiver.url}/transport`)).registerWebhook;
    expect(again.secret).not.toBe(reg.secret);
  });

  test('a malformed URL is BAD_USER_INPUT naming the argument', async () => {
    expect(refused(await register('not a url'), 'BAD_USER_INPUT').extensions?.argument).toBe('url');
  });
});

describe('delivering', () => {
  let secret: string;
  beforeAll(async () => {
    secret = ok(await register(`${receiver.url}/transport`)).registerWebhook.secret;
  });

  test('a notification is POSTed once, as the inbox shows it, signed with the secret; the delivery is DELIVERED', async () => {
    const demand = await notifyAgency();
    const note = await inboxAbout(demand);
    expect(note.kind).toBe('DEMAND_ASSIGNED');
    const [post] = await eventually('the POST', () => postsAbout('/transport', note.id).length > 0 && postsAbout('/transport', note.id));
    expect(post.headers['content-type']).toBe('application/json');
    expect(verifySignature(secret, post.body, post.headers['x-hengyang-signature'] as string)).toBe(true);
    expect(verifySignature('0'.repeat(64), post.body, post.headers['x-hengyang-signature'] as string)).toBe(false);
    expect(post.json.notification).toEqual(note);
    expect(Object.keys(post.json).sort()).toEqual(['attempt', 'delivery', 'notification']);
    const d = await eventually('DELIVERED', async () => {
      const x = await deliveryOf(note.id);
      return x?.state === 'DELIVERED' && x;
    });
    expect(d).toMatchObject({ id: post.json.delivery, kind: 'DEMAND_ASSIGNED', attempts: 1, lastStatus: 200, lastError: null, nextAttemptAt: null });
    expect(post.headers['x-hengyang-delivery']).toBe(d.id);
    expect(postsAbout('/transport', note.id)).toHaveLength(1);
  });

  test('a failing receiver is retried with backoff until it answers 2xx', async () => {
    ok(await register(`${receiver.url}/flaky`));
    receiver.answers.set('/flaky', [503, 200]);
    const note = await inboxAbout(await notifyAgency());
    const d = await eventually('DELIVERED after a retry', async () => {
      const x = await deliveryOf(note.id);
      return x?.state === 'DELIVERED' && x;
    });
    expect(d).toMatchObject({ attempts: 2, lastStatus: 200 });
    const posts = postsAbout('/flaky', note.id);
    expect(posts.map((p) => p.json.attempt)).toEqual([1, 2]);
  });

  test('a receiver that keeps failing ends FAILED after the configured attempts (three in tests), with its status', async () => {
    ok(await register(`${receiver.url}/broken`));
    receiver.answers.set('/broken', [500]);
    const note = await inboxAbout(await notifyAgency());
    const d = await eventually('FAILED', async () => {
      const x = await deliveryOf(note.id);
      return x?.state === 'FAILED' && x;
    });
    expect(d).toMatchObject({ attempts: 3, lastStatus: 500, lastError: 'HTTP_STATUS', deliveredAt: null });
    expect(postsAbout('/broken', note.id)).toHaveLength(3);
    const failed = ok(await gql(`{ webhookDeliveries(state: FAILED, first: 50) { edges { node { id state } } } }`, {}, await as(AGENCY))).webhookDeliveries;
    expect(failed.edges.map((e: any) => e.node.id)).toContain(d.id);
  });

  test('a receiver that hangs does not hold up the step that notified: the mutation has answered while the POST is still open', async () => {
    ok(await register(`${receiver.url}/slow`));
    receiver.answers.set('/slow', ['hang']);
    const demand = await notifyAgency(); // returns although the receiver has not answered
    const note = await inboxAbout(demand);
    await eventually('the POST arriving', () => postsAbout('/slow', note.id).length > 0);
    expect((await deliveryOf(note.id)).state).toBe('PENDING');
    receiver.answers.set('/slow', [200]);
    receiver.release(200);
    await eventually('DELIVERED once answered', async () => (await deliveryOf(note.id))?.state === 'DELIVERED');
  });

  test('a receiver that is down does not fail the step; the delivery records CONNECTION and ends FAILED', async () => {
    ok(await register('http://127.0.0.1:9/down')); // the discard port: nothing listens
    const demand = await notifyAgency();
    const note = await inboxAbout(demand);
    expect(note.kind).toBe('DEMAND_ASSIGNED');
    const d = await eventually('FAILED', async () => {
      const x = await deliveryOf(note.id);
      return x?.state === 'FAILED' && x;
    });
    expect(d).toMatchObject({ lastError: 'CONNECTION', lastStatus: null, attempts: 3 });
  });

  test('after clearing, notifications are no longer queued or POSTed', async () => {
    ok(await register(`${receiver.url}/transport`));
    expect(ok(await clear()).clearWebhook).toBe(true);
    expect(ok(await clear()).clearWebhook).toBe(false);
    expect(ok(await gql(`{ myWebhook { url } }`, {}, await as(AGENCY))).myWebhook).toBeNull();
    const note = await inboxAbout(await notifyAgency());
    expect(await deliveryOf(note.id)).toBeUndefined();
    // The next delivery for another notification proves the dispatcher is running; none came for this one.
    ok(await register(`${receiver.url}/transport`));
    const later = await inboxAbout(await notifyAgency());
    await eventually('the later POST', () => postsAbout('/transport', later.id).length > 0);
    expect(postsAbout('/transport', note.id)).toEqual([]);
  });

  test('a refused step queues nothing: assigning a demand twice notifies once, delivers once', async () => {
    ok(await register(`${receiver.url}/transport`));
    const demand = await notifyAgency();
    const again = await gql(
      `mutation($id: ID!) { assignDataDemand(id: $id, provider: "${AGENCY}", dueInWorkingDays: 5) { id } }`,
      { id: demand },
      await as(BUREAU, undefined, APPROVER),
    );
    refused(again, 'BAD_USER_INPUT');
    const note = await inboxAbout(demand);
    await eventually('DELIVERED', async () => (await deliveryOf(note.id))?.state === 'DELIVERED');
    const r = ok(await gql(`{ myNotifications(first: 200) { edges { node { id links { id } } } } }`, {}, await as(AGENCY)));
    const about = r.myNotifications.edges.map((e: any) => e.node).filter((n: any) => n.links.some((l: any) => l.id === demand));
    expect(about).toHaveLength(1);
    expect(receiver.at('/transport').filter((p) => p.json?.notification?.links?.some((l: any) => l.id === demand))).toHaveLength(1);
  });

  test('registering and clearing are audited', async () => {
    const r = ok(
      await gql(
        `{ auditEvents(filter: { agency: "${AGENCY}", resource: "Webhook" }, first: 100) { edges { node { itemsServed itemsRefused } } } }`,
        {},
        await as(AGENCY, undefined, ['security-admin']),
      ),
    );
    const events = r.auditEvents.edges.map((e: any) => e.node);
    expect(events.flatMap((e: any) => e.itemsServed)).toEqual(expect.arrayContaining(['Mutation.registerWebhook', 'Mutation.clearWebhook']));
    expect(events.flatMap((e: any) => e.itemsRefused)).toEqual(expect.arrayContaining(['Mutation.registerWebhook', 'Mutation.clearWebhook']));
  });
});
