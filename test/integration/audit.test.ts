/** The audit trail (Art. 21, 24): what is written per request, append-only, hash chain, fail closed. */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { asAgency, gql, subgraphUrl } from '../support/client';
import { withDb } from '../support/db';
import { syntheticPerson } from '../../seed/synthetic/people';
import { personKey } from '../../platform/keys';

const run = promisify(execFile);
const person = syntheticPerson(7);
const root = path.resolve(__dirname, '..', '..');

/** Events of a request by the id the client sent (kept as the correlation id), with their subjects. */
async function eventsOf(correlationId: string) {
  return withDb(
    'catalog',
    async (c) =>
      (
        await c.query(
          `SELECT e.*, ARRAY(SELECT s.subject_key FROM audit_event_subject s WHERE s.event_seq = e.seq ORDER BY s.subject_key) AS subjects
       FROM audit_event e WHERE correlation_id = $1 ORDER BY seq`,
          [correlationId],
        )
      ).rows,
  );
}

async function verify(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [path.join(root, 'dist/scripts/audit-verify.js'), '--full'], {
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL },
    });
    return { code: 0, out: stdout };
  } catch (e: any) {
    return { code: e.code, out: String(e.stdout) };
  }
}

describe('audit trail', () => {
  test('a request appends events with request id, agency, operator, purpose, operation, items and subject keys', async () => {
    const requestId = randomUUID();
    const headers = { ...(await asAgency('civil-affairs', '最低生活保障审核', { operator: 'clerk-042' })), 'x-request-id': requestId };
    const r = await gql(`query LowIncomeCheck($n: String!) { personByIdNumber(idNumber: $n) { name gender ethnicity } }`, { n: person.idNumber }, headers);
    expect(r.data.personByIdNumber.name).not.toBe(person.name);
    const events = await eventsOf(requestId);
    const personEvent = events.find((e) => e.resource === 'Person');
    expect(personEvent).toMatchObject({
      subgraph: 'population',
      agency: 'civil-affairs',
      operator: 'clerk-042',
      purpose: '最低生活保障审核',
      decision: 'PARTIAL',
      items_served: ['Person.gender'],
      items_masked: ['Person.name'],
      items_refused: ['Person.ethnicity'],
      subjects: [personKey(person.idNumber)],
    });
    expect(personEvent.operation).toBeTruthy();
    // The trail carries pseudonymous keys, never the ID number itself.
    expect(JSON.stringify(events)).not.toContain(person.idNumber);
  });

  test('rows cannot be updated or deleted', async () => {
    await withDb('catalog', async (c) => {
      await expect(c.query(`UPDATE audit_event SET agency = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM audit_event WHERE seq = 1`)).rejects.toThrow(/append-only/);
    });
  });

  test('audit:verify passes on the intact chain and names the first edited row', async () => {
    await gql(`query($n: String!) { personByIdNumber(idNumber: $n) { gender } }`, { n: person.idNumber }, await asAgency('taxation'));
    const before = await verify();
    expect(before.code).toBe(0);
    expect(before.out).toMatch(/intact: \d+ events/);
    const target = await withDb('catalog', async (c) => (await c.query(`SELECT seq, agency FROM audit_event ORDER BY seq LIMIT 1 OFFSET 2`)).rows[0]);
    // A database administrator disables the guard and edits a row: the chain still shows it.
    await withDb('catalog', async (c) => {
      await c.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
      await c.query(`UPDATE audit_event SET agency = 'someone-else' WHERE seq = $1`, [target.seq]);
    });
    try {
      const after = await verify();
      expect(after.code).toBe(1);
      expect(after.out).toContain(`BROKEN at seq ${target.seq}`);
    } finally {
      await withDb('catalog', async (c) => {
        await c.query(`UPDATE audit_event SET agency = $2 WHERE seq = $1`, [target.seq, target.agency]);
        await c.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      });
    }
    expect((await verify()).code).toBe(0);
  });

  test('if the audit record cannot be written, no data is served (fail closed)', async () => {
    const requestId = `blocked-${randomUUID()}`;
    // Direct to the subgraph the client's id is the request id; through the router it is the correlation id.
    await withDb('catalog', (c) =>
      c.query(`ALTER TABLE audit_event ADD CONSTRAINT test_block_audit
      CHECK (request_id NOT LIKE 'blocked-%' AND coalesce(correlation_id, '') NOT LIKE 'blocked-%')`),
    );
    try {
      const headers = { ...(await asAgency('public-security')), 'x-request-id': requestId };
      const direct = await gql(
        `query($n: String!) { personByIdNumber(idNumber: $n) { name idNumber } }`,
        { n: person.idNumber },
        headers,
        subgraphUrl('population'),
      );
      expect(direct.status).toBe(503);
      expect(direct.data).toBeUndefined();
      expect(direct.errors?.[0].extensions?.code).toBe('AUDIT_UNAVAILABLE');
      const routed = await gql(`query($n: String!) { personByIdNumber(idNumber: $n) { name idNumber } }`, { n: person.idNumber }, headers);
      expect(JSON.stringify(routed.data ?? null)).not.toContain(person.name);
      expect(routed.errors?.length).toBeGreaterThan(0);
    } finally {
      await withDb('catalog', (c) => c.query(`ALTER TABLE audit_event DROP CONSTRAINT test_block_audit`));
    }
  });
});
