/**
 * Fault: one department's PostgreSQL server stopped under load, then started again. Requests that
 * need it fail fast with a coded error and no data; the other domains answer; nothing is served
 * unaudited; when the server returns, answers resume by themselves (same processes: the pools
 * reconnect, and a lost pooled connection never crashes the subgraph).
 */
import { auditedRequests, startFaultPlatform, type FaultPlatform } from '../support/platform';
import { LoadLoop, standardKinds } from '../support/load';
import { alive, until } from '../support/poll';

let fp: FaultPlatform;
let load: LoadLoop;

beforeAll(async () => {
  fp = await startFaultPlatform({ name: 'subdb', portBase: 7280, ownServerFor: 'population' });
  load = new LoadLoop(fp.routerUrl, await standardKinds(fp.sample));
}, 600_000);

afterAll(async () => {
  await load?.stop();
  await fp?.stop();
});

test("a subgraph's database stopped and started: coded fast failures, no data, nothing unaudited, recovery without restart", async () => {
  const started = Date.now();
  await until('both domains answer before the fault', () => ['person', 'enterprise'].every((k) => load.since(started, k).some((o) => o.served)), 30_000);
  const pids = { ...fp.platform.pids };
  await fp.server!.stop();
  const stoppedAt = Date.now();

  // A few answers while it is down: coded, no data.
  await until(
    'person requests fail with a code',
    () => load.since(stoppedAt, 'person').filter((o) => o.sentAt > stoppedAt && o.status > 0).length >= 5,
    30_000,
  );
  const down = load.since(stoppedAt, 'person').filter((o) => o.sentAt > stoppedAt);
  for (const o of down) {
    expect(o.served).toBe(false);
    expect(o.codes).toEqual(['SERVICE_UNAVAILABLE']);
    expect(o.services).toEqual(['population']);
    // Fail fast: a refused connection, not a wait for the router's 10 s timeout (ceiling 5 s on a loaded machine).
    expect(o.at - o.sentAt).toBeLessThan(5000);
  }
  const enterprisesDuring = load.since(stoppedAt, 'enterprise').filter((o) => o.sentAt > stoppedAt);
  expect(enterprisesDuring.length).toBeGreaterThan(0);
  expect(enterprisesDuring.filter((o) => !o.served)).toEqual([]);

  await fp.server!.start();
  const back = Date.now();
  await until('person answers resume without a process restart', () => load.since(back, 'person').find((o) => o.served && o.sentAt > back), 30_000);
  expect(fp.platform.pids).toEqual(pids);
  for (const pid of Object.values(pids)) expect(alive(pid)).toBe(true);
  expect(fp.log.filter((l) => /exited unexpectedly/.test(l))).toEqual([]);

  // Nothing served without its audit record.
  const outcomes = await load.stop();
  const served = outcomes.filter((o) => o.served).map((o) => o.requestId!);
  const audited = await auditedRequests(fp.governanceUrl, served);
  expect(served.filter((id) => !audited.has(id))).toEqual([]);
});
