/**
 * Grant expiry on the platform clock (issue 10, item 9), across processes: a grant provisioned to
 * expire in three days is served through the router; moving the platform clock five days ahead
 * makes the population subgraph refuse the item (its GrantStore learns the offset from the
 * clock's NOTIFY, no restart) and the catalog show the grant and its application EXPIRED; moving
 * the clock back serves the item again. Polled with a generous ceiling, never slept on.
 */
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { pgSql } from '../../platform/db/sql';
import { setPlatformClockOffset } from '../../platform/governance';
import { syntheticPerson } from '../../seed/synthetic/people';
import { BUREAU, application, approved, as, ok, provision, refused, revoke } from './catalog-support';

const DAY_MS = 86_400_000;
const AGENCY = 'natural-resources';
const PURPOSE = '平台时钟测试：授权到期核验';
const person = syntheticPerson(23);

async function moveClock(offsetMs: number): Promise<void> {
  await withDb('catalog', (c) => setPlatformClockOffset(pgSql(c), offsetMs, 'grant-expiry-clock.test.ts'));
}

async function phone(): Promise<{ value: string | null; code?: string }> {
  const r = await gql(`query($n: String!) { personByIdNumber(idNumber: $n) { phone } }`, { n: person.idNumber }, await asAgency(AGENCY, PURPOSE));
  return { value: r.data?.personByIdNumber?.phone ?? null, code: r.errors?.[0]?.extensions?.code };
}

/** Polls until `check` holds; fails after a generous ceiling (the change is expected within a second). */
async function until(what: string, check: () => Promise<boolean>, withinMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`${what} did not happen within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const grantStatus = async (id: string): Promise<string> =>
  ok(await gql(`query($id: ID!) { grant(id: $id) { status } }`, { id }, await as(BUREAU))).grant.status;
const expiredGrants = async (): Promise<string[]> =>
  ok(await gql(`{ grants(agency: "${AGENCY}", status: EXPIRED, first: 100) { edges { node { id } } } }`, {}, await as(BUREAU))).grants.edges.map(
    (e: any) => e.node.id,
  );

beforeAll(() => moveClock(0));
afterAll(() => moveClock(0));

test('a grant expires when the platform clock passes its end, in the catalog and in the serving subgraph; back, it is served again', async () => {
  expect(person.phone).toBeTruthy();
  expect((await phone()).code).toBe('FORBIDDEN');

  const app = await approved(AGENCY, {
    items: ['Person.phone'],
    purpose: PURPOSE,
    justification: '核验不动产登记申请人的联系方式',
    validUntil: new Date(Date.now() + 3 * DAY_MS).toISOString(),
  });
  const { grant } = ok(await provision('public-security', app.id)).provisionSharingApplication;
  expect(grant.status).toBe('LIVE');
  await until('the grant taking effect', async () => (await phone()).value != null);

  await moveClock(5 * DAY_MS);
  try {
    await until('the population subgraph refusing the expired grant', async () => (await phone()).code === 'FORBIDDEN');
    expect((await phone()).value).toBeNull();
    expect(await grantStatus(grant.id)).toBe('EXPIRED');
    expect(ok(await application(AGENCY, app.id)).sharingApplication).toMatchObject({ status: 'EXPIRED', grant: { status: 'EXPIRED' } });
    expect(await expiredGrants()).toContain(grant.id);
    expect(refused(await revoke(BUREAU, grant.id, '已到期'), 'BAD_USER_INPUT').extensions?.status).toBe('EXPIRED');
  } finally {
    await moveClock(0);
  }

  await until('the grant being served again', async () => (await phone()).value != null);
  expect(await grantStatus(grant.id)).toBe('LIVE');
  expect(ok(await application(AGENCY, app.id)).sharingApplication.status).toBe('PROVISIONED');
  expect(await expiredGrants()).not.toContain(grant.id);
});

test('a grant still valid on the platform clock is not expired early: two days ahead it is served', async () => {
  const app = await approved(AGENCY, {
    items: ['Person.phone'],
    purpose: `${PURPOSE}（二）`,
    justification: '核验不动产登记申请人的联系方式',
    validUntil: new Date(Date.now() + 3 * DAY_MS).toISOString(),
  });
  const { grant } = ok(await provision('public-security', app.id)).provisionSharingApplication;
  await moveClock(2 * DAY_MS);
  try {
    expect(await grantStatus(grant.id)).toBe('LIVE');
    const read = async () =>
      gql(`query($n: String!) { personByIdNumber(idNumber: $n) { phone } }`, { n: person.idNumber }, await asAgency(AGENCY, `${PURPOSE}（二）`));
    await until('the grant being served two days ahead', async () => (await read()).data?.personByIdNumber?.phone != null);
  } finally {
    await moveClock(0);
  }
});
