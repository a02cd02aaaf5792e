/**
 * Class 8 of issue 8: "The audit trail stops at 1,000". Every decision is recorded without caps:
 * every subject of a large read is in the trail (child table, covered by the hash chain) and in
 * that subject's access history; refusals at the router and BAD_USER_INPUT lookups are audited;
 * the request id is the router's, and a client-chosen x-request-id never merges two agencies'
 * requests.
 *
 * The test platform seeds 1,000 persons (TEST_SEED_SCALE), so the "2,000 names" read is two
 * aliased pages of 500 persons with their households: the Household event then names every
 * household and every member (1,000 persons + their households, more than the old cap of 1,000
 * subject keys in one event), and the Person event names all 1,000 persons.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client, Pool } from 'pg';
import { asAgency, asSubject, gql } from '../support/client';
import { withDb } from '../support/db';
import { migrate, openOrm } from '../../platform/db/orm';
import { dropDatabase, ensureDatabase, withDatabase } from '../../platform/db/databases';
import { subgraph as catalog } from '../../subgraphs/catalog';
import { verifyAuditChain } from '../../platform/audit/verify';
import { AuditWriter } from '../../platform/audit/writer';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
// civil-affairs' demo grant covers Person.household (conditional since class 5) and the members.
const MINIMUM_LIVING = '最低生活保障审核';
const PAGE = `edges { node { id name household { id } } } pageInfo { endCursor }`;

async function subjectsOf(requestId: string): Promise<{ resource: string; seq: string; subject_count: number; keys: string[] }[]> {
  return withDb(
    'catalog',
    async (c) =>
      (
        await c.query(
          `SELECT e.resource, e.seq::text AS seq, e.subject_count,
            ARRAY(SELECT s.subject_key FROM audit_event_subject s WHERE s.event_seq = e.seq ORDER BY s.subject_key COLLATE "C") AS keys
       FROM audit_event e WHERE e.request_id = $1 ORDER BY e.seq`,
          [requestId],
        )
      ).rows,
  );
}

async function verifyChain(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [path.join(root, 'dist/scripts/audit-verify.js'), '--full'], {
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL },
    });
    return { code: 0, out: stdout };
  } catch (e: any) {
    return { code: e.code, out: String(e.stdout) };
  }
}

describe('every subject of a large read is recorded, without a cap', () => {
  let requestId: string;
  let persons: string[];
  let households: string[];

  beforeAll(async () => {
    const headers = await asAgency('civil-affairs', MINIMUM_LIVING);
    const first = await gql(`{ persons(first: 500) { ${PAGE} } }`, {}, headers);
    expect(first.errors).toBeUndefined();
    const after = first.data.persons.pageInfo.endCursor;
    const r = await gql(
      `query TwoPages($after: String) { p1: persons(first: 500) { ${PAGE} } p2: persons(first: 500, after: $after) { ${PAGE} } }`,
      { after },
      headers,
    );
    expect(r.errors).toBeUndefined();
    requestId = r.headers.get('x-request-id')!;
    const nodes = [...r.data.p1.edges, ...r.data.p2.edges].map((e: any) => e.node);
    persons = [...new Set(nodes.map((n: any) => n.id as string))];
    households = [...new Set(nodes.map((n: any) => n.household?.id as string).filter(Boolean))];
    expect(persons).toHaveLength(1000);
  });

  test('the Person event names all 1,000 persons, the Household event every household and every member (> 1,000)', async () => {
    const events = await subjectsOf(requestId);
    const person = events.find((e) => e.resource === 'Person')!;
    expect(person.subject_count).toBe(1000);
    expect(new Set(person.keys)).toEqual(new Set(persons));
    const household = events.find((e) => e.resource === 'Household')!;
    expect(household).toBeDefined();
    expect(household.subject_count).toBeGreaterThan(1000);
    expect(household.keys).toHaveLength(household.subject_count);
    // Every household read and every member of it (all 1,000 persons belong to one).
    for (const h of households) expect(household.keys).toContain(h);
    for (const p of persons) expect(household.keys).toContain(p);
  });

  test('a member past the old cap (the 1,200th key of the Household event) sees the household read in their access history', async () => {
    const household = (await subjectsOf(requestId)).find((e) => e.resource === 'Household')!;
    // The first person key at or after position 1,200 of the event's keys (past the old cap either way).
    const late = household.keys.slice(Math.min(1199, household.keys.length - 200)).find((k) => persons.includes(k))!;
    expect(household.keys.indexOf(late)).toBeGreaterThanOrEqual(1000);
    const history = await gql(`{ myAccessHistory(first: 20) { edges { node { reference resource agencyCode } } } }`, {}, await asSubject(late));
    expect(history.errors).toBeUndefined();
    const mine = history.data.myAccessHistory.edges.map((e: any) => e.node).filter((n: any) => n.reference === requestId);
    expect(mine.map((n: any) => n.resource).sort()).toEqual(['Household', 'Person']);
    expect(mine.every((n: any) => n.agencyCode === 'civil-affairs')).toBe(true);
  });

  test('the chain, subject rows included, still verifies; an added subject row breaks it', async () => {
    const ok = await verifyChain();
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^audit chain intact: \d+ events, head [0-9a-f]{64}\n$/);
    const person = (await subjectsOf(requestId)).find((e) => e.resource === 'Person')!;
    // Someone with database rights slips another subject into the event (or edits one's flag).
    await withDb('catalog', (c) =>
      c.query(
        `INSERT INTO audit_event_subject (event_seq, subject_key, disclosed, event_at) SELECT seq, 'forged-subject', true, at FROM audit_event WHERE seq = $1`,
        [person.seq],
      ),
    );
    const broken = await verifyChain();
    await withDb('catalog', async (c) => {
      await c.query('ALTER TABLE audit_event_subject DISABLE TRIGGER audit_event_subject_append_only');
      await c.query(`DELETE FROM audit_event_subject WHERE subject_key = 'forged-subject'`);
      await c.query('ALTER TABLE audit_event_subject ENABLE TRIGGER audit_event_subject_append_only');
    });
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN at seq ${person.seq}`);
    expect((await verifyChain()).code).toBe(0);
  });

  test('a row of the first format (subjects in the row, written before this change) still verifies and is still found', async () => {
    const requestId = `legacy-${randomUUID()}`;
    const key = persons[0];
    // As the first release wrote it: subject keys in the row's array, format 1 (the column's default).
    await withDb('catalog', (c) =>
      c.query(
        `INSERT INTO audit_event (at, request_id, subgraph, agency, operator, purpose, resource, items_served, subject_keys, decision, seq, prev_hash, hash)
       VALUES (now(), $1, 'population', 'civil-affairs', 'clerk-1', '最低生活保障审核', 'Person', '{Person.gender}', ARRAY[$2], 'SERVED', 0, '', '')`,
        [requestId, key],
      ),
    );
    const row = await withDb(
      'catalog',
      async (c) => (await c.query(`SELECT format, subject_count FROM audit_event WHERE request_id = $1`, [requestId])).rows[0],
    );
    expect(row).toEqual({ format: 1, subject_count: 0 });
    expect((await verifyChain()).code).toBe(0);
    const history = await gql(`{ myAccessHistory(first: 5) { edges { node { reference } } } }`, {}, await asSubject(key));
    expect(history.data.myAccessHistory.edges.map((e: any) => e.node.reference)).toContain(requestId);
    const trace = async (agency: string) =>
      (
        await gql(
          `query($r: String!) { auditTrace(requestId: $r) { subjectKeys } }`,
          { r: requestId },
          await asAgency(agency, undefined, { roles: ['security-admin'] }),
        )
      ).data.auditTrace;
    expect(await trace('data-bureau')).toEqual([{ subjectKeys: [key] }]);
    // Without a disclosed flag, the requesting agency is not shown the key (it may not have been served).
    expect(await trace('civil-affairs')).toEqual([{ subjectKeys: [] }]);
  });

  test('subject rows are append-only', async () => {
    await withDb('catalog', async (c) => {
      await expect(
        c.query(`UPDATE audit_event_subject SET disclosed = NOT disclosed WHERE event_seq = (SELECT min(event_seq) FROM audit_event_subject)`),
      ).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM audit_event_subject WHERE event_seq = (SELECT min(event_seq) FROM audit_event_subject)`)).rejects.toThrow(
        /append-only/,
      );
    });
  });
});

describe('refusals are audited', () => {
  const QUERY = `query Refused { persons(first: 1) { edges { node { name } } } }`;

  async function routerRows(where: string, params: unknown[]) {
    return withDb('catalog', async (c) => (await c.query(`SELECT * FROM audit_event WHERE subgraph = 'router' AND ${where} ORDER BY seq`, params)).rows);
  }

  test('a refusal at the router with a verified token: one row naming the agency', async () => {
    const correlation = `bad-purpose-${randomUUID()}`;
    const r = await gql(QUERY, {}, { ...(await asAgency('taxation', undefined, { operator: 'tax-9' })), 'x-purpose': '%ZZ', 'x-request-id': correlation });
    expect(r.status).toBe(400);
    const rows = await routerRows('correlation_id = $1', [correlation]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      request_id: r.headers.get('x-request-id'),
      agency: 'taxation',
      agency_verified: true,
      operator: 'tax-9',
      decision: 'REFUSED',
      refusal_reason: 'BAD_USER_INPUT',
      refusal_count: 1,
      operation: 'Refused',
    });
  });

  test('variant: limits and CSRF refusals of a named caller are one row each, with their code', async () => {
    const headers = await asAgency('civil-affairs');
    const deep = `query TooDeep { persons(first: 1) { edges { node { ${'household { members { '.repeat(8)}id${' } }'.repeat(8)} } } } }`;
    const limited = await gql(deep, {}, { ...headers, 'x-request-id': `limits-${randomUUID()}` });
    expect(limited.status).toBeGreaterThanOrEqual(400);
    const csrfId = `csrf-${randomUUID()}`;
    // A POST that is not JSON is 415 (one parse); the CSRF rule still guards GET.
    const csrf = await fetch(`${process.env.TEST_ROUTER_URL!}?query=${encodeURIComponent('{ __typename }')}`, {
      method: 'GET',
      headers: { ...headers, 'x-request-id': csrfId },
    });
    expect(csrf.status).toBe(400);
    const rows = await routerRows('correlation_id = ANY($1)', [[limited.headers.get('x-correlation-id'), csrfId]]);
    expect(rows.map((r) => [r.agency, r.agency_verified, r.refusal_reason]).sort()).toEqual(
      [
        ['civil-affairs', true, 'CSRF_ERROR'],
        ['civil-affairs', true, limited.errors?.[0].extensions?.code],
      ].sort(),
    );
  });

  test('a token that does not verify: one row with the claimed agency, marked unverified', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const forged = `${b64({ alg: 'EdDSA', typ: 'JWT' })}.${b64({ agency: 'finance-bank', operator: 'mallory', exp: Math.floor(Date.now() / 1000) + 600 })}.${Buffer.from('not a signature').toString('base64url')}`;
    const correlation = `forged-${randomUUID()}`;
    const r = await gql(QUERY, {}, { authorization: `Bearer ${forged}`, 'x-request-id': correlation });
    expect(r.status).toBe(401);
    const rows = await routerRows('correlation_id = $1', [correlation]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agency: 'finance-bank', agency_verified: false, operator: 'mallory', refusal_reason: 'UNAUTHENTICATED' });
    // The agency sees the refusal in its own trail, flagged as unverified.
    const own = await gql(
      `query($c: String!) { auditTraceByCorrelationId(correlationId: $c) { subgraph agencyVerified refusalReason decision } }`,
      { c: correlation },
      await asAgency('finance-bank', undefined, { roles: ['security-admin'] }),
    );
    expect(own.data.auditTraceByCorrelationId).toEqual([{ subgraph: 'router', agencyVerified: false, refusalReason: 'UNAUTHENTICATED', decision: 'REFUSED' }]);
  });

  test('anonymous refusals are aggregated per source address, reason and window, with a count', async () => {
    const from = new Date();
    // The anonymous gate (401) three times, and a body over the size limit (413) once.
    for (let i = 0; i < 3; i++) expect((await gql(QUERY)).status).toBe(401);
    const big = await fetch(process.env.TEST_ROUTER_URL!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, pad: 'x'.repeat(3_000_000) }),
    });
    expect(big.status).toBe(413);
    // The test platform's window is 2 s (AUDIT_REFUSAL_WINDOW_MS); rows are written when it closes.
    let rows: any[] = [];
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 250));
      rows = await routerRows(`agency IS NULL AND at >= date_trunc('second', $1::timestamptz) - interval '2 seconds'`, [from]);
      const count = (reason: string) => rows.filter((x) => x.refusal_reason === reason).reduce((s, x) => s + x.refusal_count, 0);
      if (count('UNAUTHENTICATED') >= 3 && rows.some((x) => x.refusal_reason !== 'UNAUTHENTICATED')) break;
    }
    const unauth = rows.filter((x) => x.refusal_reason === 'UNAUTHENTICATED');
    expect(unauth.reduce((s, x) => s + x.refusal_count, 0)).toBe(3);
    expect(unauth.length).toBeLessThanOrEqual(2); // one row per window (two if the three straddled a boundary)
    expect(unauth.every((x) => /127\.0\.0\.1|::1/.test(x.source_address))).toBe(true);
    expect(rows.filter((x) => x.refusal_reason !== 'UNAUTHENTICATED').reduce((s, x) => s + x.refusal_count, 0)).toBe(1);
  });

  test('a lookup refused for bad input (a malformed ID number) leaves an event', async () => {
    const correlation = `bad-input-${randomUUID()}`;
    const r = await gql(
      `query Lookup { personByIdNumber(idNumber: "43042119900101123") { gender } }`,
      {},
      { ...(await asAgency('taxation')), 'x-request-id': correlation },
    );
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const rows = await withDb('catalog', async (c) => (await c.query(`SELECT * FROM audit_event WHERE correlation_id = $1`, [correlation])).rows);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      subgraph: 'population',
      agency: 'taxation',
      decision: 'REFUSED',
      items_refused: ['Query.personByIdNumber'],
      request_id: r.headers.get('x-request-id'),
    });
  });
});

describe('request ids are the router’s; a client id never merges two agencies', () => {
  test('the same client x-request-id from two agencies gives two request ids; each trace is one agency', async () => {
    const shared = `shared-${randomUUID()}`;
    const q = `{ persons(first: 2) { edges { node { id } } } }`;
    const a = await gql(q, {}, { ...(await asAgency('taxation')), 'x-request-id': shared });
    const b = await gql(q, {}, { ...(await asAgency('finance-bank')), 'x-request-id': shared });
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const [ida, idb] = [a.headers.get('x-request-id'), b.headers.get('x-request-id')];
    expect(ida).not.toBe(shared);
    expect(ida).not.toBe(idb);
    expect(a.headers.get('x-correlation-id')).toBe(shared);
    const trace = async (requestId: string) =>
      (
        await gql(
          `query($r: String!) { auditTrace(requestId: $r) { agencyCode correlationId } }`,
          { r: requestId },
          await asAgency('data-bureau', undefined, { roles: ['security-admin'] }),
        )
      ).data.auditTrace;
    expect(await trace(shared)).toEqual([]);
    const ta = await trace(ida!);
    expect(ta.length).toBeGreaterThan(0);
    expect(ta.every((e: any) => e.agencyCode === 'taxation' && e.correlationId === shared)).toBe(true);
    // By correlation id, each agency finds its own requests only (the bureau too).
    const byCorrelation = async (agency: string) =>
      (
        await gql(
          `query($c: String!) { auditTraceByCorrelationId(correlationId: $c) { agencyCode requestId } }`,
          { c: shared },
          await asAgency(agency, undefined, { roles: ['security-admin'] }),
        )
      ).data.auditTraceByCorrelationId;
    const ownA = await byCorrelation('taxation');
    expect(ownA.length).toBeGreaterThan(0);
    expect(ownA.every((e: any) => e.agencyCode === 'taxation' && e.requestId === ida)).toBe(true);
    expect((await byCorrelation('finance-bank')).every((e: any) => e.agencyCode === 'finance-bank' && e.requestId === idb)).toBe(true);
    expect(await byCorrelation('data-bureau')).toEqual([]);
  });

  test('x-correlation-id works as well, and a junk client id is dropped (a fresh id, no correlation)', async () => {
    const r = await gql(`{ __typename }`, {}, { 'x-correlation-id': 'batch-7.item-3' });
    expect(r.headers.get('x-correlation-id')).toBe('batch-7.item-3');
    const junk = await gql(`{ __typename }`, {}, { 'x-request-id': 'has spaces; and <tags>' });
    expect(junk.headers.get('x-correlation-id')).toBeNull();
    expect(junk.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('upgrading a trail written before this change', () => {
  test('first-release rows still verify after the migration, and new rows (thousands of subjects) chain after them', async () => {
    const server = process.env.TEST_DATABASE_URL!;
    const database = `${process.env.DATABASE_PREFIX}_audit_upgrade`;
    await dropDatabase(server, database).catch(() => undefined);
    await ensureDatabase(server, database);
    const url = withDatabase(server, database);
    try {
      let orm = await openOrm({ ...catalog, migrations: catalog.migrations.slice(0, 2) }, url);
      await migrate(orm);
      await orm.close();
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        // As the first release's writer wrote them.
        for (let i = 0; i < 3; i++) {
          await c.query(
            `INSERT INTO audit_event (at, request_id, subgraph, agency, operator, purpose, operation, resource, items_served, items_refused, subject_keys, decision, seq, prev_hash, hash)
            VALUES (now(), $1, 'population', 'taxation', 'o', '综合治税', 'Q', 'Person', '{Person.gender}', '{Person.name}', ARRAY['k1', 'k2'], 'PARTIAL', 0, '', '')`,
            [`old-${i}`],
          );
        }
        orm = await openOrm(catalog, url);
        expect(await migrate(orm)).toContain('Migration20261130020000_audit_uncapped');
        await orm.close();
        expect(await verifyAuditChain(url)).toMatchObject({ intact: true, events: 3 });
        const writer = new AuditWriter(new Pool({ connectionString: url, max: 2 }));
        const event = (n: number) => ({
          at: new Date(),
          requestId: `new-${n}`,
          subgraph: 'population',
          agency: 'taxation',
          operator: 'o',
          actorSubject: null,
          purpose: null,
          operation: null,
          resource: 'Person',
          itemsServed: ['Person.id'],
          itemsMasked: [],
          itemsRefused: [],
          decision: 'SERVED' as const,
          subjects: Array.from({ length: 1500 * n }, (_, i) => ({ key: `p${i}`, disclosed: i % 2 === 0 })),
        });
        await Promise.all([1, 2, 3].map((n) => writer.write([event(n), { ...event(n), resource: 'Household', subjects: [] }])));
        await writer.close();
        expect(await verifyAuditChain(url)).toMatchObject({ intact: true, events: 9 });
        const rows = (await c.query(`SELECT format, subject_count, request_id, resource FROM audit_event ORDER BY seq`)).rows;
        expect(rows.slice(0, 3).every((r) => r.format === 1)).toBe(true);
        expect(
          rows
            .filter((r) => r.resource === 'Person' && r.format === 3) // the current format (2 plus operation_hash)
            .map((r) => [r.request_id, r.subject_count])
            .sort(),
        ).toEqual([
          ['new-1', 1500],
          ['new-2', 3000],
          ['new-3', 4500],
        ]);
      } finally {
        await c.end();
      }
    } finally {
      await dropDatabase(server, database);
    }
  });
});
