/**
 * Scale-out (issue 12, item 5): two replicas of the population subgraph against one database,
 * behind a router, as a Kubernetes Deployment of two pods behind a Service would run them.
 *
 * The shared test platform's population process is replica A; this file starts replica B (same
 * database, another port), a round-robin TCP-level HTTP proxy in the test process standing for the
 * Service (one URL, both endpoints), and a second router whose POPULATION_URL is the proxy (the
 * other subgraphs are the shared platform's). Proven here:
 * (a) a revoked grant is refused by BOTH replicas within a second (each asked directly, signed);
 * (b) the audit hash chain stays intact while both replicas write to it at once;
 * (c) SIGKILL of one replica under load: every request the survivor can serve is answered — the
 *     proxy retries a refused connection on the other endpoint, as a Service whose endpoints drop the
 *     dead pod would; only requests already inside the killed process when it died can fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { asAgency, gql, subgraphUrl } from '../support/client';
import { withDb } from '../support/db';
import { approved, ok, provision, refused, revoke } from './catalog-support';
import { distPath, stopProcess, subgraphUrlEnv, waitForHealth } from '../../scripts/processes';
import { verifyAuditChain } from '../../platform/audit/verify';
import { withDatabase } from '../../platform/db/databases';
import { syntheticPerson } from '../../seed/synthetic/people';

// The shared platform uses base+0…+6; production.test.ts base+40…+60: this file takes base+70….
const BASE = Number(process.env.TEST_PORT_BASE || 4100) + 70;
const REPLICA_B = `http://127.0.0.1:${BASE + 1}/`;
const ROUTER2 = `http://127.0.0.1:${BASE}/`;
const person = syntheticPerson(23);
const PURPOSE = '扩容验证：联系方式核验';
const PHONE = `query ScaleOutPhone($n: String!) { personByIdNumber(idNumber: $n) { gender phone } }`;
const GENDER = `query ScaleOutGender($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;

/** One upstream of the proxy: a replica's address and what happened to the requests sent to it. */
interface Endpoint {
  port: number;
  served: number;
  refusedConnections: number;
  /** Requests whose connection broke after they reached the replica (it died with them inside). */
  lostInside: number;
  inFlight: number;
}

/**
 * The Service: each request goes to the next endpoint in turn; a refused connection (the pod is
 * gone) is retried on the next one, as kube-proxy's endpoints would no longer list the dead pod.
 * A request the replica had already accepted is not retried (a Service cannot either): the router
 * gets a 502 for it. One fresh upstream connection per request, so the round-robin is exact.
 */
function startServiceProxy(endpoints: Endpoint[]): Promise<{ url: string; close: () => Promise<void> }> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // This request's turn; a retry goes to the endpoint after the one that refused, never back to it.
      const first = next++;
      const attempt = (tried: number) => {
        const endpoint = endpoints[(first + tried) % endpoints.length];
        endpoint.inFlight++;
        // Exactly one outcome per attempt, whichever of the request's and the answer's events comes first.
        let settled = false;
        const settle = (outcome: 'served' | 'refusedConnections' | 'lostInside') => {
          if (settled) return false;
          settled = true;
          endpoint.inFlight--;
          endpoint[outcome]++;
          return true;
        };
        let connected = false;
        const upstream = http.request(
          { host: '127.0.0.1', port: endpoint.port, method: req.method, path: req.url, headers: req.headers, agent: false },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            answer.on('end', () => settle('served'));
            answer.on('error', () => settle('lostInside') && res.destroy());
          },
        );
        upstream.on('socket', (s) => s.once('connect', () => (connected = true)));
        upstream.on('error', (e: NodeJS.ErrnoException) => {
          // Refused at the door: the replica never saw it; try the next endpoint.
          if (!connected && e.code === 'ECONNREFUSED') {
            settle('refusedConnections');
            if (tried + 1 < endpoints.length) {
              attempt(tried + 1);
              return;
            }
          } else if (!settle('lostInside')) return;
          if (res.headersSent) {
            res.destroy();
            return;
          }
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: `upstream ${endpoint.port}: ${e.code ?? e.message}` }] }));
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

function startNode(name: string, script: string, env: Record<string, string>): { proc: ChildProcess; output: () => string } {
  let output = '';
  const proc = spawn(process.execPath, [script], { env: { ...(process.env as Record<string, string>), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => (output += String(d)));
  proc.stderr.on('data', (d) => (output += String(d)));
  return { proc, output: () => `[${name}] ${output.slice(-2000)}` };
}

/** Waits for a started process's /health; if it never comes, the error carries the process's last output. */
async function ready(url: string, started: { proc: ChildProcess; output: () => string }, ms: number): Promise<void> {
  await waitForHealth(url, started.proc, url, ms).catch((e: unknown) => {
    throw new Error(`${String(e)}\n${started.output()}`);
  });
}

async function within(what: string, check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

// A run of a subset of subgraphs without population (TEST_SUBGRAPHS) has nothing to scale out.
const launched = Object.keys(JSON.parse(process.env.TEST_SUBGRAPH_URLS ?? '{}') as Record<string, string>).includes('population');

(launched ? describe : describe.skip)('two population replicas behind one router', () => {
  const portOf = (url: string) => Number(new URL(url).port);
  const endpoint = (url: string): Endpoint => ({ port: portOf(url), served: 0, refusedConnections: 0, lostInside: 0, inFlight: 0 });
  // Filled when the tests run (a skipped run has no population URL).
  const endpoints: Endpoint[] = [];
  let A: Endpoint;
  let B: Endpoint;
  let replica: { proc: ChildProcess; output: () => string };
  let router: { proc: ChildProcess; output: () => string };
  let proxy: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    endpoints.push((A = endpoint(subgraphUrl('population'))), (B = endpoint(REPLICA_B)));
    replica = startNode('population B', distPath('subgraphs', 'population', 'main.js'), {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      PORT: String(portOf(REPLICA_B)), // no SEED_SCALE: the database is A's, already seeded
    });
    await ready(REPLICA_B, replica, 120_000);
    proxy = await startServiceProxy(endpoints);
    const urls: Record<string, string> = JSON.parse(process.env.TEST_SUBGRAPH_URLS!);
    const routerEnv: Record<string, string> = { ROUTER_LISTEN: `127.0.0.1:${portOf(ROUTER2)}` };
    for (const [name, url] of Object.entries(urls)) routerEnv[subgraphUrlEnv(name)] = url;
    routerEnv[subgraphUrlEnv('population')] = proxy.url;
    router = startNode('router 2', distPath('router', 'main.js'), routerEnv);
    await ready(ROUTER2, router, 60_000);
  }, 240_000);

  afterAll(async () => {
    if (router) await stopProcess(router.proc);
    if (replica) await stopProcess(replica.proc);
    if (proxy) await proxy.close();
  });

  const phoneOn = async (url: string) => gql(PHONE, { n: person.idNumber }, await asAgency('finance-bank', PURPOSE), url);

  test('(a) a revoked grant is refused by both replicas within a second', async () => {
    const app = await approved('finance-bank', { items: ['Person.phone'], purpose: PURPOSE, justification: '扩容验证：两个副本同时生效' });
    const grant = ok(await provision('public-security', app.id)).provisionSharingApplication.grant;
    // Granted: both replicas serve the item (each learns of the grant on its own LISTEN).
    for (const url of [subgraphUrl('population'), REPLICA_B]) {
      await within(`the grant on ${url}`, async () => (await phoneOn(url)).data?.personByIdNumber?.phone != null, 5000);
    }
    expect((await gql(PHONE, { n: person.idNumber }, await asAgency('finance-bank', PURPOSE), ROUTER2)).data.personByIdNumber.phone).toBeTruthy();

    expect(ok(await revoke('public-security', grant.id, '扩容验证结束')).revokeGrant.status).toBe('REVOKED');
    const revokedAt = Date.now();
    await Promise.all(
      [subgraphUrl('population'), REPLICA_B].map((url) =>
        within(`the revocation on ${url}`, async () => (await phoneOn(url)).data?.personByIdNumber?.phone === null, 1000),
      ),
    );
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    for (const url of [subgraphUrl('population'), REPLICA_B]) {
      const after = await phoneOn(url);
      expect([url, after.data.personByIdNumber]).toEqual([url, { gender: person.gender, phone: null }]);
      refused(after, 'FORBIDDEN');
    }
  });

  /** Sends `count` requests through the second router, `concurrency` at a time; `during(i)` runs before request i. */
  async function load(count: number, concurrency: number, during: (i: number) => Promise<void> = async () => undefined) {
    const results: { id: string; ok: boolean; sentAt: number; error?: string }[] = [];
    let i = 0;
    const headers = await asAgency('civil-affairs', '最低生活保障审核');
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (i < count) {
          const n = i++;
          await during(n);
          const id = `scale-${randomUUID()}`;
          const sentAt = Date.now();
          const r = await gql(GENDER, { n: person.idNumber }, { ...headers, 'x-request-id': id }, ROUTER2);
          const good = r.status === 200 && !r.errors && r.data?.personByIdNumber?.gender === person.gender;
          results.push({ id, ok: good, sentAt, error: good ? undefined : JSON.stringify(r.errors ?? r.status) });
        }
      }),
    );
    return results;
  }

  test('(b) both replicas write the audit trail at once and the chain stays intact', async () => {
    const before = { a: A.served, b: B.served };
    const results = await load(40, 4);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // Round-robin: each replica answered half of the population fetches.
    expect(A.served - before.a).toBeGreaterThanOrEqual(15);
    expect(B.served - before.b).toBeGreaterThanOrEqual(15);
    // Every request has its population event (the writers flush in batches: poll).
    const ids = results.map((r) => r.id);
    await within(
      'every request audited',
      async () =>
        withDb('catalog', async (c) => {
          const rows = await c.query(
            `SELECT count(DISTINCT correlation_id)::int AS n FROM audit_event WHERE subgraph = 'population' AND correlation_id = ANY($1)`,
            [ids],
          );
          return rows.rows[0].n === ids.length;
        }),
      30_000,
    );
    const governance = withDatabase(process.env.TEST_DATABASE_URL!, `${process.env.DATABASE_PREFIX}_catalog`);
    const chain = await verifyAuditChain(governance);
    expect(chain).toMatchObject({ intact: true });
  });

  test('(c) SIGKILL of one replica under load loses no request the other can serve', async () => {
    let deadAt = 0;
    const exited = new Promise<void>((r) => replica.proc.once('exit', () => r()));
    const results = await load(120, 4, async (i) => {
      if (i !== 40) return;
      // The other workers keep sending while the replica dies.
      replica.proc.kill('SIGKILL');
      await exited;
      deadAt = Date.now();
    });
    expect(deadAt).toBeGreaterThan(0);
    const failed = results.filter((r) => !r.ok);
    // A failure can only be a request the killed replica had already accepted (the proxy counts those):
    // nothing refused at the door was lost, and nothing sent once the replica was gone failed.
    expect(failed.length).toBe(B.lostInside);
    expect(failed.filter((r) => r.sentAt >= deadAt)).toEqual([]);
    expect(results.filter((r) => r.sentAt >= deadAt).length).toBeGreaterThanOrEqual(70);
    // The proxy did meet the dead replica and retried on A, so the survivor really took its share.
    expect(B.refusedConnections).toBeGreaterThan(0);
    expect(results).toHaveLength(120);
    // …and those were broken connections inside it (reset), never a refusal the proxy could retry.
    for (const f of failed) expect(f.error).toMatch(/upstream \d+: ECONNRESET/);
  });
});
