/**
 * Fault: the governance database (agency register, grants, audit trail) lost under load, then back.
 * Conditional items are refused (fail closed: no live grants), nothing is served without its
 * audit record (503 AUDIT_UNAVAILABLE), and service recovers by itself when the database returns.
 */
import { auditedRequests, startFaultPlatform, type FaultPlatform } from '../support/platform';
import { LoadLoop, standardKinds } from '../support/load';
import { alive, until } from '../support/poll';

let fp: FaultPlatform;
let load: LoadLoop;

beforeAll(async () => {
  fp = await startFaultPlatform({ name: 'govdb', portBase: 7360, ownServerFor: 'governance' });
  load = new LoadLoop(fp.routerUrl, await standardKinds(fp.sample));
}, 600_000);

afterAll(async () => {
  await load?.stop();
  await fp?.stop();
});

test('the governance database lost: conditional items refused, nothing served without audit (503 AUDIT_UNAVAILABLE), recovery by itself', async () => {
  const started = Date.now();
  await until('both domains answer before the fault', () => ['person', 'enterprise'].every((k) => load.since(started, k).some((o) => o.served)), 30_000);
  const pids = { ...fp.platform.pids };
  await fp.server!.stop();
  const stoppedAt = Date.now();

  await until('enough answers while it is down', () => load.since(stoppedAt).filter((o) => o.sentAt > stoppedAt + 1000 && o.status > 0).length >= 8, 60_000);
  const down = load.since(stoppedAt).filter((o) => o.sentAt > stoppedAt);
  // Not one answer with data once it is gone (a request already past its audit write may finish).
  expect(down.filter((o) => o.served && o.sentAt > stoppedAt + 1000)).toEqual([]);
  const enterprises = down.filter((o) => o.kind === 'enterprise' && o.sentAt > stoppedAt + 1000);
  expect(enterprises.length).toBeGreaterThan(0);
  // An enterprise lookup is refused either at its lookup budget (read from the governance database)
  // or at its audit write: both fail closed with 503.
  expect(enterprises.filter((o) => o.status !== 503 || !o.codes.some((c) => c === 'AUDIT_UNAVAILABLE' || c === 'LOOKUP_BUDGET_UNAVAILABLE'))).toEqual([]);
  const persons = down.filter((o) => o.kind === 'person' && o.sentAt > stoppedAt + 1000);
  expect(persons.length).toBeGreaterThan(0);
  expect(
    persons.filter((o) => !o.codes.length || o.codes.some((c) => c !== 'AUDIT_UNAVAILABLE' && c !== 'LOOKUP_BUDGET_UNAVAILABLE' && c !== 'FORBIDDEN')),
  ).toEqual([]);

  await fp.server!.start();
  const back = Date.now();
  await until(
    'both domains answer again, by themselves',
    () => ['person', 'enterprise'].every((k) => load.since(back, k).some((o) => o.served && o.sentAt > back)),
    60_000,
  );
  expect(fp.platform.pids).toEqual(pids);
  for (const pid of Object.values(pids)) expect(alive(pid)).toBe(true);

  const outcomes = await load.stop();
  const served = outcomes.filter((o) => o.served).map((o) => o.requestId!);
  const audited = await auditedRequests(fp.governanceUrl, served);
  expect(served.filter((id) => !audited.has(id))).toEqual([]);
});
