/**
 * Fault: a subgraph process killed outright (SIGKILL) under load. The other domains keep
 * answering; the dead subgraph's fields are null with a stable code naming the service; the
 * development launcher restarts it with backoff and says so; its answers resume within 5 s of it
 * being up again, with no router restart.
 */
import { startFaultPlatform, type FaultPlatform } from '../support/platform';
import { LoadLoop, standardKinds } from '../support/load';
import { alive, until } from '../support/poll';

let fp: FaultPlatform;
let load: LoadLoop;

beforeAll(async () => {
  fp = await startFaultPlatform({ name: 'kill', portBase: 7200 });
  load = new LoadLoop(fp.routerUrl, await standardKinds(fp.sample));
}, 600_000);

afterAll(async () => {
  await load?.stop();
  await fp?.stop();
});

test('a killed subgraph: others answer, its fields are null with a code naming it, the launcher restarts it and answers resume', async () => {
  const started = Date.now();
  await until('both domains answer before the fault', () => ['person', 'enterprise'].every((k) => load.since(started, k).some((o) => o.served)), 30_000);
  const routerPid = fp.platform.pids.router;
  const killed = fp.platform.pids.population;
  process.kill(killed, 'SIGKILL');
  const killedAt = Date.now();

  // Its fields: null, with a code and the service's name (not a hang, not a 500 without a code).
  const down = await until(
    'a person request answered without data, with a code',
    () => load.since(killedAt, 'person').find((o) => o.status > 0 && !o.served),
    15_000,
  );
  expect(down.value.codes).toEqual(['SUBGRAPH_UNAVAILABLE']);
  expect(down.value.services).toEqual(['population']);

  // The launcher says so and starts it again (a new pid).
  await until(
    'the launcher logs the restart',
    () => fp.log.some((l) => /\[population\] exited unexpectedly .*signal SIGKILL.*restarting it in \d+ ms/.test(l)),
    10_000,
  );
  await until('a new population process', () => fp.platform.pids.population !== killed && fp.platform.pids.population, 30_000);
  const subgraph = fp.platform.subgraphUrls.population;
  const up = await until('population answers /health again', async () => (await fetch(new URL('/health', subgraph))).ok, 120_000, 50);

  // Meanwhile the other domain answered throughout.
  const during = load.outcomes.filter((o) => o.kind === 'enterprise' && o.sentAt > killedAt && o.at < up.at);
  expect(during.length).toBeGreaterThan(0);
  expect(during.filter((o) => !o.served)).toEqual([]);

  // Answers resume within 5 s of it being up (ceiling 10 s on a loaded machine), same router.
  const resumed = await until('person answers resume', () => load.since(up.at, 'person').find((o) => o.served), 10_000, 50);
  process.stderr.write(`subgraph-kill: answers resumed ${resumed.at - up.at} ms after population was up\n`);
  expect(fp.platform.pids.router).toBe(routerPid);
  expect(alive(routerPid)).toBe(true);
  expect(alive(killed)).toBe(false);
});
