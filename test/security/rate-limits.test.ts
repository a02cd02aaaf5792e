/**
 * Per-caller rate limits (issue 13, item 2), through two router replicas of this file's own (the
 * shared platform runs with RATE_LIMIT_ENABLED=false): their router.yaml allows each agency and
 * each anonymous address one request and 1,000 of estimated cost per second, counted over a 20 s
 * window (20 requests, 20,000 cost), so the counts below cannot depend on the machine's speed.
 * Proven: the allowance is shared by the replicas (PostgreSQL), a refusal is 429 with Retry-After
 * and RATE_LIMITED and is audited, the agency register's override takes effect live, one agency
 * neither spends nor learns another's limit, anonymous callers are limited per source address, and
 * a spoofed X-Forwarded-For does not escape the anonymous limit.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import { asAgency, gql, type GraphQLResponse } from '../support/client';
import { withDb } from '../support/db';
import { startRouters, type Replicas } from '../support/routers';
import { APPROVER, BUREAU } from '../integration/catalog-support';
import { clientAddress, addressKey } from '../../router/rate-limit';
import { estimateCost } from '../../platform/graphql/cost-estimate';

// The shared platform uses base+0…+6, production.test.ts +40…+60, scale-out +70…: this file takes +85, +86.
const BASE = Number(process.env.TEST_PORT_BASE || 4100) + 85;
const WINDOW = 20;
const TYPENAME = '{ __typename }';
const AGENCIES = `query RateAgencies { agencies { code } }`;
const CONTROLS = `query RateControls($code: String!) { agency(code: $code) { code trafficControls { requestsPerSecond estimatedCostPerSecond enforceTrustedDocuments } } }`;
const REGISTER = `mutation RateRegister($input: RegisterAgencyInput!) { registerAgency(input: $input) { code } }`;
const UPDATE = `mutation RateUpdate($code: String!, $input: UpdateAgencyInput!) { updateAgency(code: $code, input: $input) { code } }`;

let replicas: Replicas;
const registrar = () => asAgency(BUREAU, undefined, { roles: APPROVER, operator: 'registrar-rl' });
const newCode = () => `rl-${randomUUID().slice(0, 8)}`;
const codes = (r: GraphQLResponse) => (r.errors ?? []).map((e) => e.extensions?.code);

beforeAll(async () => {
  replicas = await startRouters([BASE, BASE + 1], (c) => {
    c.rate_limit = {
      enabled: true,
      interval: `${WINDOW}s`,
      agency: { requests_per_second: 1, estimated_cost_per_second: 1000 },
      anonymous: { requests_per_second: 1, estimated_cost_per_second: 1000 },
      trusted_proxies: [],
    };
  });
}, 120_000);

afterAll(async () => {
  await replicas?.stop();
  // Other suites count the register's agencies.
  await withDb('catalog', (c) => c.query(`DELETE FROM agency WHERE code LIKE 'rl-%'`));
});

async function register(code: string, extra: Record<string, unknown> = {}) {
  const r = await gql(REGISTER, { input: { code, name: '限流测试局', kind: 'CONSUMER', ...extra } }, await registrar());
  expect(r.errors).toBeUndefined();
}

/** Sends `n` requests one after the other, alternating between the replicas. */
async function burst(n: number, send: (url: string) => Promise<GraphQLResponse>): Promise<GraphQLResponse[]> {
  const out: GraphQLResponse[] = [];
  for (let i = 0; i < n; i++) out.push(await send(replicas.urls[i % 2]));
  return out;
}

const served = (rs: GraphQLResponse[]) => rs.filter((r) => r.status === 200).length;
const limited = (rs: GraphQLResponse[]) => rs.filter((r) => r.status === 429);

describe('per-agency limits shared by the replicas', () => {
  test('two replicas together serve an agency its 20 requests of the window, no more; 429 with Retry-After and RATE_LIMITED, audited', async () => {
    const code = newCode();
    const headers = await asAgency(code);
    const rs = await burst(30, (url) => gql(TYPENAME, {}, headers, url));
    // Each replica alone would have served 20: together they served 20.
    expect(served(rs)).toBe(WINDOW);
    const refused = limited(rs);
    expect(refused).toHaveLength(10);
    // Both replicas refused: the count is shared, not one replica's.
    expect(new Set(rs.map((r, i) => (r.status === 429 ? i % 2 : -1)).filter((i) => i >= 0))).toEqual(new Set([0, 1]));
    for (const r of refused) {
      expect(codes(r)).toEqual(['RATE_LIMITED']);
      const retry = Number(r.headers.get('retry-after'));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(WINDOW);
      expect(r.data).toBeUndefined();
    }
    const audited = await withDb('catalog', (c) =>
      c.query(`SELECT count(*)::int AS n FROM audit_event WHERE agency = $1 AND subgraph = 'router' AND refusal_reason = 'RATE_LIMITED'`, [code]),
    );
    expect(audited.rows[0].n).toBe(10);
  });

  test('the estimated cost per second is limited too (the register overrides it): requests left, cost spent → 429', async () => {
    const code = newCode();
    // 1 per second: 20 of estimated cost in the window.
    await register(code, { estimatedCostPerSecond: 1 });
    const schema = buildASTSchema(parse(readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8')), { assumeValidSDL: true });
    const cost = estimateCost(schema, parse(AGENCIES), undefined, {}, { listSize: 10 })!;
    expect(cost).toBeGreaterThan(0);
    const headers = await asAgency(code);
    const rs = await burst(Math.floor(WINDOW / cost) + 3, (url) => gql(AGENCIES, {}, headers, url));
    expect(served(rs)).toBe(Math.max(1, Math.floor(WINDOW / cost)));
    expect(limited(rs).length).toBeGreaterThan(0);
    expect(limited(rs).every((r) => codes(r)[0] === 'RATE_LIMITED')).toBe(true);
  });

  test("the register's override takes effect live (updateAgency): 2 per second → 40 in the window", async () => {
    const code = newCode();
    await register(code);
    const u = await gql(UPDATE, { code, input: { requestsPerSecond: 2 } }, await registrar());
    expect(u.errors).toBeUndefined();
    const own = await gql(CONTROLS, { code }, await asAgency(code));
    expect(own.data.agency.trafficControls).toEqual({ requestsPerSecond: 2, estimatedCostPerSecond: null, enforceTrustedDocuments: false });
    const headers = await asAgency(code);
    const rs = await burst(45, (url) => gql(TYPENAME, {}, headers, url));
    expect(served(rs)).toBe(2 * WINDOW);
    expect(limited(rs)).toHaveLength(5);
  });

  test("one agency neither spends nor learns another's limit", async () => {
    const spent = newCode();
    const other = newCode();
    await register(spent);
    await register(other, { requestsPerSecond: 3 });
    const spentHeaders = await asAgency(spent);
    const rs = await burst(WINDOW + 2, (url) => gql(TYPENAME, {}, spentHeaders, url));
    expect(limited(rs)).toHaveLength(2);
    // The other agency's allowance is whole on both replicas.
    const otherHeaders = await asAgency(other);
    for (const url of replicas.urls) expect((await gql(TYPENAME, {}, otherHeaders, url)).status).toBe(200);
    // A refusal names no figure, and no other agency.
    const refusal = limited(rs)[0].errors![0];
    expect(JSON.stringify(refusal)).not.toContain(other);
    expect(Object.keys(refusal.extensions ?? {}).sort()).toEqual(['code', 'retryAfterSeconds']);
    // Only the wait is a figure (Retry-After, up to the window's 20 s); no capacity or rate.
    expect(refusal.message.replace(spent, '').replace(/retry after \d+ s/, '')).not.toMatch(/per second|\d/);
    // The register shows an agency's controls to itself and the bureau only.
    expect((await gql(CONTROLS, { code: other }, spentHeaders)).data.agency.trafficControls).toBeNull();
    expect((await gql(CONTROLS, { code: other }, {})).status).toBe(401);
    expect((await gql(CONTROLS, { code: other }, await asAgency(BUREAU))).data.agency.trafficControls.requestsPerSecond).toBe(3);
    expect((await gql(CONTROLS, { code: other }, otherHeaders)).data.agency.trafficControls.requestsPerSecond).toBe(3);
  });
});

/** An anonymous POST from a chosen local address (127.0.0.0/8 is all loopback), with optional extra headers. */
function anonymous(url: string, localAddress: string, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const body = JSON.stringify({ query: TYPENAME });
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += String(d)));
      res.on('end', () => {
        const parsed = JSON.parse(text) as Omit<GraphQLResponse, 'status' | 'headers'>;
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve({ ...parsed, status: res.statusCode ?? 0, headers: h });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('anonymous callers, per source address', () => {
  test('an address gets its 20 of the window across both replicas; spoofed X-Forwarded-For changes nothing; another address has its own', async () => {
    const rs = await burst(WINDOW + 5, (url) => anonymous(url, '127.0.0.1', { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}` }));
    expect(served(rs)).toBe(WINDOW);
    expect(limited(rs)).toHaveLength(5);
    expect(limited(rs).every((r) => codes(r)[0] === 'RATE_LIMITED' && Number(r.headers.get('retry-after')) >= 1)).toBe(true);
    // Spoofing a forwarding header, or a fresh X-Real-IP, is still the same address.
    const spoofs: Record<string, string>[] = [{ 'x-forwarded-for': '203.0.113.9' }, { 'x-real-ip': '203.0.113.10' }, { forwarded: 'for=203.0.113.11' }];
    for (const h of spoofs) {
      expect((await anonymous(replicas.urls[0], '127.0.0.1', h)).status).toBe(429);
    }
    // Another address has an allowance of its own.
    expect((await anonymous(replicas.urls[1], '127.0.0.2')).status).toBe(200);
  });

  test('X-Forwarded-For is read only from a trusted proxy, from the right, and never past what the proxy appended', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9', [])).toBe('127.0.0.1');
    expect(clientAddress('10.0.0.5', 'evil, 203.0.113.9', ['10.0.0.5'])).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', '203.0.113.9, 10.0.0.4', ['10.0.0.5', '10.0.0.4'])).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', 'not-an-address', ['10.0.0.5'])).toBe('10.0.0.5');
    expect(clientAddress('::ffff:127.0.0.1', undefined, [])).toBe('127.0.0.1');
    // IPv6: one subscriber's /64 is one address.
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb::2'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
  });
});
