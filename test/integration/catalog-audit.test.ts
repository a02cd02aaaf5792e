/**
 * Audit search (Art. 21, 24) scoped by role, the trace of one request across subgraphs, the chain
 * status, and a data subject's own access history.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { asAgency, asSubject, countSql, gql, subgraphUrl } from '../support/client';
import { withDb } from '../support/db';
import { BUREAU, SECURITY_ADMIN, as, ok, refused } from './catalog-support';
import { syntheticPerson } from '../../seed/synthetic/people';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { legalPersonKey, personKey } from '../../platform/keys';
import { applyMask } from '../../platform/masking';
import { Pool } from 'pg';
import { writeAuditCheckpoint } from '../../platform/audit/upkeep';

const run = promisify(execFile);
const catalogUrl = () => {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${process.env.DATABASE_PREFIX}_catalog`;
  return url.toString();
};
const root = path.resolve(__dirname, '..', '..');

const lp = syntheticLegalPerson(37, Number(process.env.TEST_SEED_SCALE));
const representative = syntheticPerson(lp.legalRepresentativeIndex);
const other = syntheticPerson(388);
// Request ids are the router's (returned in x-request-id); the ids the client sends are kept as correlation ids.
let R1: string; // taxation: an enterprise and its representative (legal-person + population)
let R2: string; // finance-bank: another person (population)
let R3: string; // civil-affairs: the representative, masked (population)
let beforeR3: string;
let afterR3: string;

const EVENT = `seq at requestId subgraph agencyCode agency { code name } operator purpose operation resource itemsServed itemsMasked itemsRefused subjectKeys decision`;

async function search(agency: string | Record<string, string>, filter: Record<string, unknown> = {}, first = 100, after?: string, url?: string) {
  const headers = typeof agency === 'string' ? await as(agency, undefined, SECURITY_ADMIN) : agency;
  return gql(
    `query Search($filter: AuditEventFilter, $first: Int, $after: String) { auditEvents(filter: $filter, first: $first, after: $after) {
       totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${EVENT} } } } }`,
    { filter, first, after },
    headers,
    url,
  );
}

async function trace(agency: string, requestId: string) {
  return ok(await gql(`query($r: String!) { auditTrace(requestId: $r) { ${EVENT} } }`, { r: requestId }, await as(agency, undefined, SECURITY_ADMIN)))
    .auditTrace as any[];
}

beforeAll(async () => {
  expect(representative.idNumber).not.toBe(other.idNumber);
  const r1 = await gql(
    `query TaxCheck($u: String!) { legalPersonByUscc(uscc: $u) { name legalRepresentative { gender name } } }`,
    { u: lp.uscc },
    { ...(await asAgency('taxation', '综合治税', { operator: 'tax-officer-1' })), 'x-request-id': `r1-${randomUUID()}` },
  );
  expect(r1.errors).toBeUndefined();
  R1 = r1.headers.get('x-request-id')!;
  // taxation's grant serves names with their default masking (surname only).
  expect(r1.data.legalPersonByUscc.legalRepresentative.name).toBe(applyMask(representative.name, 'SURNAME', { hashKey: '' }));
  const r2 = await gql(
    `query($n: String!) { personByIdNumber(idNumber: $n) { gender } }`,
    { n: other.idNumber },
    { ...(await asAgency('finance-bank')), 'x-request-id': `r2-${randomUUID()}` },
  );
  expect(r2.errors).toBeUndefined();
  R2 = r2.headers.get('x-request-id')!;
  beforeR3 = new Date(Date.now() - 1).toISOString();
  const r3 = await gql(
    `query LowIncome($n: String!) { personByIdNumber(idNumber: $n) { name gender } }`,
    { n: representative.idNumber },
    { ...(await asAgency('civil-affairs', '最低生活保障审核', { operator: 'clerk-audit-1' })), 'x-request-id': `r3-${randomUUID()}` },
  );
  expect(r3.errors).toBeUndefined();
  R3 = r3.headers.get('x-request-id')!;
  afterR3 = new Date(Date.now() + 1).toISOString();
});

describe('audit search by role', () => {
  test('the bureau sees the whole trace of a request across subgraphs', async () => {
    const events = await trace(BUREAU, R1);
    expect(new Set(events.map((e) => e.subgraph))).toEqual(new Set(['legal-person', 'population']));
    expect(events.every((e) => e.requestId === R1 && e.agencyCode === 'taxation' && e.operator === 'tax-officer-1' && e.purpose === '综合治税')).toBe(true);
    expect(events.every((e) => /TaxCheck/.test(e.operation))).toBe(true);
    const person = events.find((e) => e.subgraph === 'population' && e.resource === 'Person');
    expect(person).toMatchObject({
      itemsServed: ['Person.gender'],
      subjectKeys: [personKey(representative.idNumber)],
      agency: { code: 'taxation', name: '国家税务总局衡阳市税务局' },
    });
    const company = events.find((e) => e.subgraph === 'legal-person' && e.resource === 'LegalPerson');
    expect(company.itemsServed).toEqual(expect.arrayContaining(['LegalPerson.name', 'LegalPerson.legalRepresentative']));
    expect(company.subjectKeys).toEqual([legalPersonKey(lp.uscc)]);
    // Chain order.
    expect(events.map((e) => Number(e.seq))).toEqual([...events.map((e) => Number(e.seq))].sort((a, b) => a - b));
  });

  test('a providing agency sees accesses to its own data only; the requester its own requests; others nothing', async () => {
    // public-security: the population subgraph's events, and elsewhere only events touching its items (the key Person.id).
    const ps = await trace('public-security', R1);
    expect(ps.some((e) => e.subgraph === 'population' && e.resource === 'Person')).toBe(true);
    expect(
      ps.every((e) => e.subgraph === 'population' || [...e.itemsServed, ...e.itemsMasked, ...e.itemsRefused].some((i: string) => i.startsWith('Person.'))),
    ).toBe(true);
    expect(ps.some((e) => e.resource === 'LegalPerson')).toBe(false);
    const mr = await trace('market-regulation', R1);
    expect(new Set(mr.map((e) => e.subgraph))).toEqual(new Set(['legal-person']));
    expect(mr.some((e) => e.resource === 'LegalPerson')).toBe(true);
    expect(new Set((await trace('taxation', R1)).map((e) => e.subgraph))).toEqual(new Set(['legal-person', 'population']));
    expect(await trace('finance-bank', R1)).toEqual([]);
    expect(ok(await search('finance-bank', { requestId: R1 })).auditEvents.totalCount).toBe(0);
    expect(ok(await search('taxation', { requestId: R2 })).auditEvents.totalCount).toBe(0);
    expect(ok(await search('public-security', { requestId: R2 })).auditEvents.totalCount).toBeGreaterThan(0);
    expect(ok(await search('finance-bank', { requestId: R2 })).auditEvents.totalCount).toBeGreaterThan(0);
  });

  test('whatever the filter, a scope never widens', async () => {
    const tax = ok(await search('taxation', {}, 200)).auditEvents;
    expect(tax.edges.length).toBeGreaterThan(0);
    expect(tax.edges.every((e: any) => e.node.agencyCode === 'taxation')).toBe(true);
    const ps = ok(await search('public-security', {}, 200)).auditEvents;
    const psItems = new Set(
      ok(await gql(`{ catalogResources(provider: "public-security") { items { name } } }`)).catalogResources.flatMap((r: any) =>
        r.items.map((i: any) => i.name),
      ),
    );
    expect(
      ps.edges.every(
        (e: any) =>
          e.node.agencyCode === 'public-security' ||
          e.node.subgraph === 'population' ||
          [...e.node.itemsServed, ...e.node.itemsMasked, ...e.node.itemsRefused].some((i: string) => psItems.has(i)),
      ),
    ).toBe(true);
    expect(ps.edges.some((e: any) => e.node.agencyCode !== 'public-security')).toBe(true);
    // Asking for another agency's events returns nothing, not an error.
    expect(ok(await search('taxation', { agency: 'civil-affairs' })).auditEvents.totalCount).toBe(0);
    // The bureau's count matches the table.
    const all = await withDb('catalog', async (c) => (await c.query(`SELECT count(*)::int AS n FROM audit_event WHERE agency = 'civil-affairs'`)).rows[0].n);
    expect(ok(await search(BUREAU, { agency: 'civil-affairs' })).auditEvents.totalCount).toBe(all);
  });

  test('filters: agency, operator, purpose, item, decision, resource, time range', async () => {
    const f = {
      agency: 'civil-affairs',
      operator: 'clerk-audit-1',
      purpose: '最低生活保障审核',
      item: 'Person.name',
      decision: 'MASKED',
      resource: 'Person',
      from: beforeR3,
      to: afterR3,
    };
    const hits = ok(await search(BUREAU, f)).auditEvents;
    expect(hits.totalCount).toBe(1);
    expect(hits.edges[0].node).toMatchObject({
      requestId: R3,
      subgraph: 'population',
      itemsMasked: ['Person.name'],
      itemsServed: ['Person.gender'],
      decision: 'MASKED',
    });
    expect(ok(await search(BUREAU, { ...f, to: beforeR3, from: '2026-01-01' })).auditEvents.totalCount).toBe(0);
    expect(ok(await search(BUREAU, { ...f, decision: 'REFUSED' })).auditEvents.totalCount).toBe(0);
    expect(ok(await search(BUREAU, { ...f, item: 'Person.phone' })).auditEvents.totalCount).toBe(0);
    expect(ok(await search(BUREAU, { subjectKey: personKey(other.idNumber), requestId: R2 })).auditEvents.totalCount).toBe(1);
  });

  test('keyset pagination, newest first', async () => {
    const p1 = ok(await search(BUREAU, {}, 3)).auditEvents;
    expect(p1.edges).toHaveLength(3);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = ok(await search(BUREAU, {}, 3, p1.pageInfo.endCursor)).auditEvents;
    const seqs = [...p1.edges, ...p2.edges].map((e: any) => Number(e.node.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(6);
  });

  test('a page of events costs the same SQL statements whatever its size (no N+1)', async () => {
    const headers = await as(BUREAU, undefined, SECURITY_ADMIN);
    const small = await countSql(() => search(headers, {}, 5));
    const large = await countSql(() => search(headers, {}, 60));
    expect(ok(large.result).auditEvents.edges).toHaveLength(60);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(3);
  });

  test('bad input is BAD_USER_INPUT naming the argument', async () => {
    expect(refused(await search(BUREAU, { from: 'yesterday' }), 'BAD_USER_INPUT').extensions?.argument).toBe('filter.from');
    expect(refused(await search(BUREAU, { from: '2026-11-02', to: '2026-11-01' }), 'BAD_USER_INPUT').extensions?.argument).toBe('filter.from');
    expect(refused(await search(BUREAU, {}, 0), 'BAD_USER_INPUT').extensions?.argument).toBe('first');
    expect(refused(await search(BUREAU, {}, 10, 'not-a-cursor'), 'BAD_USER_INPUT').extensions?.argument).toBe('after');
    expect(refused(await search(BUREAU, { agency: '' }), 'BAD_USER_INPUT').extensions?.argument).toBe('filter.agency');
  });

  test('no audit search without an agency token', async () => {
    const anonymous = await search({});
    expect(anonymous.data?.auditEvents ?? null).toBeNull();
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(anonymous.errors?.[0].extensions?.code); // the router, or the subgraph itself
    refused(await search({}, {}, 100, undefined, subgraphUrl('catalog')), 'FORBIDDEN');
    refused(await search(await asSubject(personKey(representative.idNumber))), 'FORBIDDEN');
  });

  test('the search is itself audited', async () => {
    const requestId = `search-${randomUUID()}`;
    ok(await search({ ...(await as(BUREAU, 'auditor-1', SECURITY_ADMIN)), 'x-request-id': requestId }, { requestId: R1 }));
    const rows = await withDb(
      'catalog',
      async (c) => (await c.query(`SELECT agency, operator, resource, items_served FROM audit_event WHERE correlation_id = $1`, [requestId])).rows,
    );
    expect(rows).toContainEqual(expect.objectContaining({ agency: BUREAU, operator: 'auditor-1', resource: 'AuditEvent' }));
  });

  test('chain status: verified for the bureau, refused to others', async () => {
    const status = ok(
      await gql(`{ auditChainStatus { intact events headHash brokenAtSeq reason checkedAt } }`, {}, await as(BUREAU, undefined, SECURITY_ADMIN)),
    ).auditChainStatus;
    const head = await withDb('catalog', async (c) => (await c.query(`SELECT last_seq::int AS n, last_hash FROM audit_chain_head`)).rows[0]);
    expect(status).toMatchObject({ intact: true, brokenAtSeq: null, reason: null });
    expect(status.events).toBeGreaterThan(0);
    expect(status.events).toBeLessThanOrEqual(head.n);
    refused(await gql(`{ auditChainStatus { intact } }`, {}, await as('taxation', undefined, SECURITY_ADMIN)), 'FORBIDDEN');
  });

  test('chain status: checkpoints, the last full verification and the monthly partitions, for the bureau only', async () => {
    const STATUS = `{ auditChainStatus { intact mode fromSeq checkpointsMatched lastCheckpoint { seq hash keyId }
      recentCheckpoints { seq hash signedAt keyId } lastFullVerification { mode intact byWhom } partitions { name month } } }`;
    // The catalog's own checkpoint step (every AUDIT_CHECKPOINT_INTERVAL), run now, and a full verification.
    const pool = new Pool({ connectionString: catalogUrl() });
    const checkpoint = await writeAuditCheckpoint(pool).finally(() => pool.end());
    await run(process.execPath, [path.join(root, 'dist/scripts/audit-verify.js'), '--full'], {
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL },
    });
    const status = ok(await gql(STATUS, {}, await as(BUREAU, undefined, SECURITY_ADMIN))).auditChainStatus;
    expect(status).toMatchObject({ intact: true, mode: 'FROM_CHECKPOINT', lastFullVerification: { mode: 'FULL', intact: true, byWhom: 'audit:verify' } });
    expect(status.checkpointsMatched).toBeGreaterThanOrEqual(1);
    expect(Number(status.lastCheckpoint.seq)).toBeGreaterThanOrEqual(checkpoint?.sequence ?? 1);
    expect(Number(status.fromSeq)).toBe(Number(status.lastCheckpoint.seq) + 1);
    // The file is written before the database row: the newest recorded is the file's last or (mid-write) the one before.
    expect(status.recentCheckpoints[0].keyId).toBe(status.lastCheckpoint.keyId);
    expect(Number(status.recentCheckpoints[0].seq)).toBeLessThanOrEqual(Number(status.lastCheckpoint.seq));
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    expect(status.partitions).toContainEqual({ name: `audit_event_${month.replace('-', '_')}`, month });
    expect(status.partitions).toContainEqual({ name: 'audit_event_default', month: null });
    // Nobody but the bureau's security administrator: not another agency's, not the bureau's approver.
    refused(await gql(STATUS, {}, await as('taxation', undefined, SECURITY_ADMIN)), 'FORBIDDEN');
    expect(refused(await gql(STATUS, {}, await as(BUREAU, undefined, ['approver'])), 'FORBIDDEN').extensions?.requiredRole).toBe('security-admin');
  });
});

describe("a data subject's access history", () => {
  const HISTORY = `query History($first: Int, $after: String) { myAccessHistory(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { at agencyCode agency { code name } purpose operation resource subgraph items maskedItems refusedItems decision reference } } } }`;

  async function all(headers: Record<string, string>): Promise<any[]> {
    const nodes: any[] = [];
    let after: string | undefined;
    do {
      const page = ok(await gql(HISTORY, { first: 50, after }, headers)).myAccessHistory;
      nodes.push(...page.edges.map((e: any) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    return nodes;
  }

  async function expectedReferences(subjectKey: string): Promise<string[]> {
    return withDb('catalog', async (c) =>
      (
        await c.query(
          `SELECT request_id FROM audit_event WHERE seq IN (SELECT event_seq FROM audit_event_subject WHERE subject_key = $1) AND agency IS NOT NULL ORDER BY seq DESC`,
          [subjectKey],
        )
      ).rows.map((r) => r.request_id),
    );
  }

  test('a citizen sees who read their record, when, which items and why — and nothing else', async () => {
    // The token as an agency's developer would get it: npm run -s token -- --subject <ID number>.
    const { stdout } = await run(process.execPath, [path.join(root, 'dist/scripts/token.js'), '--subject', representative.idNumber], { env: process.env });
    const headers = { authorization: `Bearer ${stdout.trim()}` };
    const history = await all(headers);
    expect(history.map((h) => h.reference)).toEqual(await expectedReferences(personKey(representative.idNumber)));
    expect(history.map((h) => h.reference)).not.toContain(R2);

    const civil = history.find((h) => h.reference === R3);
    expect(civil).toMatchObject({
      agencyCode: 'civil-affairs',
      agency: { code: 'civil-affairs', name: '衡阳市民政局' },
      purpose: '最低生活保障审核',
      operation: expect.stringMatching(/LowIncome/),
      resource: 'Person',
      subgraph: 'population',
      items: ['Person.gender', 'Person.name'],
      maskedItems: ['Person.name'],
      refusedItems: [],
      decision: 'MASKED',
    });
    expect(Date.parse(civil.at)).toBeGreaterThanOrEqual(Date.parse(beforeR3));
    expect(history.find((h) => h.reference === R1 && h.subgraph === 'population')).toMatchObject({
      agencyCode: 'taxation',
      purpose: '综合治税',
      items: ['Person.gender', 'Person.name'],
    });
    // Nothing in it names the operator or any other subject.
    expect(JSON.stringify(history)).not.toContain('clerk-audit-1');
  });

  test('the other person sees only their own', async () => {
    const history = await all(await asSubject(personKey(other.idNumber)));
    expect(history.map((h) => h.reference)).toEqual(await expectedReferences(personKey(other.idNumber)));
    expect(history.map((h) => h.reference)).toContain(R2);
    expect(history.map((h) => h.reference)).not.toContain(R3);
  });

  test('an enterprise (token for its USCC) sees reads of its registration', async () => {
    const history = await all(await asSubject(legalPersonKey(lp.uscc), 'LEGAL_PERSON'));
    expect(history.map((h) => h.reference)).toEqual(await expectedReferences(legalPersonKey(lp.uscc)));
    expect(history.find((h) => h.reference === R1 && h.resource === 'LegalPerson')).toMatchObject({ agencyCode: 'taxation', subgraph: 'legal-person' });
  });

  test('paginated; the subject reading their history does not appear in it', async () => {
    const headers = await asSubject(personKey(representative.idNumber));
    const p1 = ok(await gql(HISTORY, { first: 1 }, headers)).myAccessHistory;
    expect(p1.edges).toHaveLength(1);
    expect(p1.totalCount).toBeGreaterThanOrEqual(2);
    const p2 = ok(await gql(HISTORY, { first: 1, after: p1.pageInfo.endCursor }, headers)).myAccessHistory;
    expect(p2.edges[0].node.reference).not.toBe(p1.edges[0].node.reference);
    const total = ok(await gql(HISTORY, { first: 1 }, headers)).myAccessHistory.totalCount;
    expect(total).toBe(p1.totalCount);
  });

  test('refused to agencies (FORBIDDEN) and to anonymous callers (401 at the router)', async () => {
    for (const headers of [await as(BUREAU), await as('civil-affairs')]) {
      const r = await gql(HISTORY, { first: 5 }, headers);
      expect(r.data?.myAccessHistory ?? null).toBeNull();
      refused(r, 'FORBIDDEN');
    }
    const anonymous = await gql(HISTORY, { first: 5 }, {});
    expect(anonymous.status).toBe(401);
    refused(anonymous, 'UNAUTHENTICATED');
  });
});
