/**
 * Issue 10, item 5 — the agency register kept by the bureau: registerAgency, updateAgency,
 * suspendAgency (and reinstateAgency), by the administering bureau's approver only, each audited;
 * a registered agency's tokens work and a suspended agency's read nothing, within a second, in
 * every subgraph (the register's NOTIFY); demo agencies and grants are never seeded when
 * NODE_ENV=production.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { syntheticPerson } from '../../seed/synthetic/people';
import { prepareDatabase } from '../../platform/subgraph/run';
import { migrateDatabase } from '../../platform/db/migrate';
import { subgraph as catalog } from '../../subgraphs/catalog';
import { APPROVER, BUREAU, as, ok, refused, sleep } from './catalog-support';

const person = syntheticPerson(5);
/** Unconditional: any registered, active agency reads it. */
const READ = `query($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;
const AGENCY = `code name kind provides description status suspendedAt`;
const REGISTER = `mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { ${AGENCY} } }`;
const UPDATE = `mutation($code: String!, $input: UpdateAgencyInput!) { updateAgency(code: $code, input: $input) { ${AGENCY} } }`;
const SUSPEND = `mutation($code: String!, $reason: String!) { suspendAgency(code: $code, reason: $reason) { ${AGENCY} } }`;
const REINSTATE = `mutation($code: String!, $reason: String!) { reinstateAgency(code: $code, reason: $reason) { ${AGENCY} } }`;

// Agencies this file registers leave the register afterwards: other tests count the register's records.
afterAll(() => withDb('catalog', (c) => c.query(`DELETE FROM agency WHERE code LIKE 'reg-%'`)));

const registrar = () => asAgency(BUREAU, undefined, { roles: APPROVER, operator: 'registrar-1' });
const newCode = () => `reg-${randomUUID().slice(0, 8)}`;

/** Polls `read` until `done` holds (a second at most, as the register's NOTIFY promises). */
async function within1s<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const until = Date.now() + 1000;
  let v = await read();
  while (!done(v) && Date.now() < until) {
    await sleep(50);
    v = await read();
  }
  return v;
}

const reads = (code: string) => async () => gql(READ, { n: person.idNumber }, await asAgency(code));
const served = (r: Awaited<ReturnType<typeof gql>>) => !r.errors && r.data?.personByIdNumber?.gender === person.gender;

describe('registering an agency', () => {
  test("the bureau's approver registers an agency; its tokens read within a second; the register lists it ACTIVE", async () => {
    const code = newCode();
    expect(served(await reads(code)())).toBe(false);
    const a = ok(await gql(REGISTER, { input: { code, name: '衡阳市测试局', kind: 'CONSUMER', description: '角色测试' } }, await registrar())).registerAgency;
    expect(a).toEqual({ code, name: '衡阳市测试局', kind: 'CONSUMER', provides: null, description: '角色测试', status: 'ACTIVE', suspendedAt: null });
    expect(served(await within1s(reads(code), served))).toBe(true);
    expect(ok(await gql(`{ agencies { code status } }`)).agencies).toContainEqual({ code, status: 'ACTIVE' });
  });

  test('refused: not the bureau, not its approver, bad input, a taken code', async () => {
    const input = { code: newCode(), name: '某局', kind: 'CONSUMER' };
    const notApprover = refused(await gql(REGISTER, { input }, await as(BUREAU)), 'FORBIDDEN');
    expect(notApprover.extensions?.requiredRole).toBe('approver');
    const notBureau = refused(await gql(REGISTER, { input }, await asAgency('public-security', undefined, { roles: APPROVER })), 'FORBIDDEN');
    expect(notBureau.extensions?.requiredRole).toBe('BUREAU');
    refused(await gql(REGISTER, { input }, {}), 'UNAUTHENTICATED');
    const bad: [Record<string, unknown>, string][] = [
      [{ code: 'Bad Code' }, 'input.code'],
      [{ code: 'x' }, 'input.code'],
      [{ name: ' ' }, 'input.name'],
      [{ kind: 'ADMINISTERING' }, 'input.kind'],
      [{ kind: 'OWNER' }, 'input.kind'],
      [{ provides: 'no-such-database' }, 'input.provides'],
    ];
    for (const [change, argument] of bad) {
      expect(refused(await gql(REGISTER, { input: { ...input, ...change } }, await registrar()), 'BAD_USER_INPUT').extensions?.argument).toBe(argument);
    }
    const taken = refused(await gql(REGISTER, { input: { ...input, code: 'taxation' } }, await registrar()), 'BAD_USER_INPUT');
    expect(taken.message).toMatch(/already registered/);
    const row = await withDb('catalog', async (c) => (await c.query(`SELECT name FROM agency WHERE code = 'taxation'`)).rows[0]);
    expect(row.name).toBe('国家税务总局衡阳市税务局');
  });
});

describe('editing an agency', () => {
  test('the approver changes given fields only; refused for others, unknown codes, empty changes', async () => {
    const code = newCode();
    ok(await gql(REGISTER, { input: { code, name: '旧名', kind: 'CONSUMER', description: '说明' } }, await registrar()));
    const changed = ok(await gql(UPDATE, { code, input: { name: '新名', kind: 'PROVIDER', provides: 'credit' } }, await registrar())).updateAgency;
    expect(changed).toMatchObject({ code, name: '新名', kind: 'PROVIDER', provides: 'credit', description: '说明' });
    expect(ok(await gql(UPDATE, { code, input: { provides: '' } }, await registrar())).updateAgency.provides).toBeNull();
    expect(refused(await gql(UPDATE, { code, input: { name: 'x' } }, await as(BUREAU)), 'FORBIDDEN').extensions?.requiredRole).toBe('approver');
    expect(
      refused(await gql(UPDATE, { code, input: { name: 'x' } }, await asAgency(code, undefined, { roles: APPROVER })), 'FORBIDDEN').extensions?.requiredRole,
    ).toBe('BUREAU');
    expect(refused(await gql(UPDATE, { code: 'no-such-agency', input: { name: 'x' } }, await registrar()), 'NOT_FOUND').extensions?.argument).toBe('code');
    expect(refused(await gql(UPDATE, { code, input: {} }, await registrar()), 'BAD_USER_INPUT').extensions?.argument).toBe('input');
    expect(refused(await gql(UPDATE, { code: BUREAU, input: { kind: 'CONSUMER' } }, await registrar()), 'BAD_USER_INPUT').extensions?.argument).toBe('code');
  });
});

describe('suspending an agency', () => {
  test('a suspended agency reads nothing within a second; reinstated, it reads again', async () => {
    const code = newCode();
    ok(await gql(REGISTER, { input: { code, name: '暂停测试局', kind: 'CONSUMER' } }, await registrar()));
    expect(served(await within1s(reads(code), served))).toBe(true);

    const s = ok(await gql(SUSPEND, { code, reason: '违规调用，暂停共享' }, await registrar())).suspendAgency;
    expect(s.status).toBe('SUSPENDED');
    expect(Date.now() - new Date(s.suspendedAt).getTime()).toBeLessThan(60_000);
    const refusedRead = await within1s(reads(code), (r) => !served(r));
    expect(served(refusedRead)).toBe(false);
    expect(refusedRead.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const row = await withDb('catalog', async (c) => (await c.query(`SELECT suspended_reason, suspended_by FROM agency WHERE code = $1`, [code])).rows[0]);
    expect(row).toEqual({ suspended_reason: '违规调用，暂停共享', suspended_by: 'registrar-1' });

    expect(refused(await gql(SUSPEND, { code, reason: 'again' }, await registrar()), 'BAD_USER_INPUT').extensions?.status).toBe('SUSPENDED');
    const back = ok(await gql(REINSTATE, { code, reason: '整改完成' }, await registrar())).reinstateAgency;
    expect(back).toMatchObject({ status: 'ACTIVE', suspendedAt: null });
    expect(served(await within1s(reads(code), served))).toBe(true);
  });

  test('refused: wrong post, wrong agency, the bureau itself, unknown codes, no reason', async () => {
    expect(refused(await gql(SUSPEND, { code: 'taxation', reason: 'x' }, await as(BUREAU)), 'FORBIDDEN').extensions?.requiredRole).toBe('approver');
    const other = refused(
      await gql(SUSPEND, { code: 'taxation', reason: 'x' }, await asAgency('public-security', undefined, { roles: APPROVER })),
      'FORBIDDEN',
    );
    expect(other.extensions?.requiredRole).toBe('BUREAU');
    expect(refused(await gql(SUSPEND, { code: BUREAU, reason: 'x' }, await registrar()), 'BAD_USER_INPUT').extensions?.argument).toBe('code');
    expect(refused(await gql(SUSPEND, { code: 'no-such-agency', reason: 'x' }, await registrar()), 'NOT_FOUND').extensions?.argument).toBe('code');
    expect(refused(await gql(SUSPEND, { code: 'taxation', reason: ' ' }, await registrar()), 'BAD_USER_INPUT').extensions?.argument).toBe('reason');
    expect(refused(await gql(REINSTATE, { code: 'taxation', reason: 'x' }, await registrar()), 'BAD_USER_INPUT').extensions?.status).toBe('ACTIVE');
    // Nothing was suspended by the refused attempts.
    expect(served(await reads('taxation')())).toBe(true);
  });
});

test('every register change is in the audit trail, served or refused, with the operator', async () => {
  const code = newCode();
  const operator = `registrar-${randomUUID().slice(0, 8)}`;
  const h = await asAgency(BUREAU, undefined, { roles: APPROVER, operator });
  ok(await gql(REGISTER, { input: { code, name: '审计测试局', kind: 'CONSUMER' } }, h));
  ok(await gql(UPDATE, { code, input: { name: '审计测试局（改）' } }, h));
  ok(await gql(SUSPEND, { code, reason: '测试' }, h));
  refused(await gql(SUSPEND, { code, reason: '测试' }, h), 'BAD_USER_INPUT');
  ok(await gql(REINSTATE, { code, reason: '测试' }, h));
  const rows = await withDb(
    'catalog',
    async (c) =>
      (
        await c.query(
          `SELECT decision, array(SELECT i FROM unnest(items_served || items_refused) i WHERE i LIKE 'Mutation.%') AS items FROM audit_event WHERE operator = $1 AND resource = 'Agency' AND subgraph = 'catalog' ORDER BY seq`,
          [operator],
        )
      ).rows,
  );
  expect(rows).toEqual([
    { decision: 'SERVED', items: ['Mutation.registerAgency'] },
    { decision: 'SERVED', items: ['Mutation.updateAgency'] },
    { decision: 'SERVED', items: ['Mutation.suspendAgency'] },
    { decision: 'REFUSED', items: ['Mutation.suspendAgency'] },
    { decision: 'SERVED', items: ['Mutation.reinstateAgency'] },
  ]);
});

describe('demo data and production', () => {
  const prefix = `${process.env.DATABASE_PREFIX}_prod${Date.now().toString(36)}`;
  const saved = { prefix: process.env.DATABASE_PREFIX, env: process.env.NODE_ENV, url: process.env.DATABASE_URL };
  afterAll(async () => {
    process.env.DATABASE_PREFIX = saved.prefix;
    process.env.NODE_ENV = saved.env;
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${prefix}_catalog" WITH (FORCE)`);
    await admin.end();
  });

  test('NODE_ENV=production: an empty governance database gets the bureau and the platform’s consistency job alone, no demo agencies or grants', async () => {
    process.env.DATABASE_PREFIX = prefix;
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    process.env.NODE_ENV = 'production';
    const lines: string[] = [];
    // Production processes never migrate (issue 12): the migration Job (`npm run migrate`) runs first.
    await migrateDatabase(catalog, process.env.TEST_DATABASE_URL);
    const orm = await prepareDatabase(catalog, 10, (l) => lines.push(l));
    try {
      const conn = orm.em.getConnection();
      // The consistency job's actor and its one standing grant are the platform's own (issue 11, docs/quality.md).
      expect(await conn.execute(`SELECT code, kind, status FROM agency ORDER BY code`)).toEqual([
        { code: BUREAU, kind: 'ADMINISTERING', status: 'ACTIVE' },
        { code: 'quality-check', kind: 'CONSUMER', status: 'ACTIVE' },
      ]);
      expect(await conn.execute(`SELECT agency_code, purposes FROM sharing_grant`)).toEqual([{ agency_code: 'quality-check', purposes: ['一数一源核验'] }]);
      expect(lines.join('\n')).toMatch(/demo data is not seeded/);
    } finally {
      await orm.close();
      process.env.DATABASE_URL = saved.url;
    }
  });
});
