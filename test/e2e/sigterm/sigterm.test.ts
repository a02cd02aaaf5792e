/**
 * Fault: the platform told to stop (SIGTERM, the launcher's orderly stop) during load, with
 * requests in flight (held by a lock in population's database for a moment). The router stops
 * accepting, finishes what is in flight, then the subgraphs do; every answered request is complete
 * and audited (zero audit rows lost), later ones are refused at connect, no process is left.
 */
import { Client } from 'pg';
import { auditedRequests, startFaultPlatform, type FaultPlatform } from '../support/platform';
import { LoadLoop, standardKinds } from '../support/load';
import { alive, until } from '../support/poll';

let fp: FaultPlatform;
let load: LoadLoop;

beforeAll(async () => {
  fp = await startFaultPlatform({ name: 'term', portBase: 7520 });
  load = new LoadLoop(fp.routerUrl, await standardKinds(fp.sample), 4, 20);
}, 600_000);

afterAll(async () => {
  await load?.stop();
  await fp?.stop();
});

test('SIGTERM during load: in-flight requests complete and are audited, new ones refused, no process left', async () => {
  const started = Date.now();
  await until('both domains answer before the stop', () => ['person', 'enterprise'].every((k) => load.since(started, k).some((o) => o.served)), 30_000);
  const pids = Object.values(fp.platform.pids);

  // Hold person requests in flight: their SQL waits on a lock for 1.5 s, across the SIGTERM.
  const locker = new Client({ connectionString: fp.populationUrl });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE person IN ACCESS EXCLUSIVE MODE');
  await new Promise((r) => setTimeout(r, 300));
  const inFlightAt = Date.now();
  const stopping = fp.platform.stop();
  setTimeout(() => void locker.query('ROLLBACK').finally(() => locker.end()), 1500);
  await stopping;
  const stoppedAt = Date.now();
  const outcomes = await load.stop();

  // Requests sent before the stop and answered after it began: they were in flight, and completed.
  const inFlight = outcomes.filter((o) => o.kind === 'person' && o.sentAt < inFlightAt && o.at > inFlightAt);
  expect(inFlight.length).toBeGreaterThan(0);
  expect(inFlight.filter((o) => o.status !== 200 || !o.served)).toEqual([]);
  // Every HTTP answer is complete (no 5xx); nothing sent before the stop lost its connection. Requests
  // sent after it are refused (connection refused, or a kept-alive socket closed before they were read).
  expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
  expect(outcomes.filter((o) => o.networkError && o.sentAt < inFlightAt)).toEqual([]);
  const refusedAfter = outcomes.filter((o) => o.networkError);
  process.stderr.write(
    `sigterm: ${refusedAfter.length} requests sent after the stop refused (${[...new Set(refusedAfter.map((o) => o.networkError))].join(', ')})\n`,
  );

  // Zero audit rows lost: every served answer has its record (the governance database outlives the platform here).
  const served = outcomes.filter((o) => o.served).map((o) => o.requestId!);
  const audited = await auditedRequests(fp.governanceUrl, served);
  expect(served.filter((id) => !audited.has(id))).toEqual([]);

  // The launcher's orderly stop leaves no process behind, and restarted none.
  await until('every platform process has exited', () => pids.every((pid) => !alive(pid)), 10_000);
  expect(fp.log.filter((l) => /restart/.test(l))).toEqual([]);
  process.stderr.write(`sigterm: stopped in ${stoppedAt - inFlightAt} ms with ${inFlight.length} requests in flight\n`);
});
