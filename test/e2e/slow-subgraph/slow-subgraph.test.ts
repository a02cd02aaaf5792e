/**
 * Fault: a slow subgraph. Its database holds a lock on the table every person request reads (a
 * maintenance statement: LOCK TABLE), so population's SQL waits. The router's subgraph timeout
 * (traffic_shaping, 2 s here) answers the caller with a coded error, and the subgraph's SQL is
 * cancelled by PostgreSQL too (statement_timeout, derived from the same router.yaml): nothing keeps
 * waiting for a caller who has left. The other domain answers meanwhile; all resumes when the lock goes.
 */
import { Client } from 'pg';
import { startFaultPlatform, type FaultPlatform } from '../support/platform';
import { LoadLoop, send, standardKinds } from '../support/load';
import { until } from '../support/poll';

const SUBGRAPH_TIMEOUT_MS = 2000;
let fp: FaultPlatform;
let load: LoadLoop;
let locker: Client;
let observer: Client;

beforeAll(async () => {
  fp = await startFaultPlatform({
    name: 'slow',
    portBase: 7440,
    routerYaml: (yaml) => yaml.replace(/(traffic_shaping:[\s\S]*?all:[\s\S]*?timeout: )10s/, `$1${SUBGRAPH_TIMEOUT_MS / 1000}s`),
  });
  load = new LoadLoop(fp.routerUrl, await standardKinds(fp.sample));
  locker = new Client({ connectionString: fp.populationUrl });
  observer = new Client({ connectionString: fp.populationUrl });
  await Promise.all([locker.connect(), observer.connect()]);
}, 600_000);

afterAll(async () => {
  await locker?.end().catch(() => undefined);
  await observer?.end().catch(() => undefined);
  await load?.stop();
  await fp?.stop();
});

/** population's statements waiting on a lock, other than ours. */
async function waiting(): Promise<number> {
  const r = await observer.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return r.rows[0].n as number;
}

test("a slow subgraph: the router's timeout answers with a code, and the subgraph's SQL is cancelled too", async () => {
  const started = Date.now();
  await until('both domains answer before the fault', () => ['person', 'enterprise'].every((k) => load.since(started, k).some((o) => o.served)), 30_000);
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE person IN ACCESS EXCLUSIVE MODE');
  const lockedAt = Date.now();
  try {
    const timedOut = await until(
      'a person request answered by the router timeout',
      () => load.since(lockedAt, 'person').find((o) => o.sentAt > lockedAt),
      30_000,
    );
    expect(timedOut.value.served).toBe(false);
    expect(timedOut.value.codes).toEqual(['GATEWAY_TIMEOUT']);
    expect(timedOut.value.services).toEqual(['population']);
    // Answered at the router's timeout, not the lock's end (ceiling: timeout + 5 s on a loaded machine).
    expect(timedOut.value.at - timedOut.value.sentAt).toBeLessThan(SUBGRAPH_TIMEOUT_MS + 5000);

    // Statements were waiting on the lock; PostgreSQL cancels each at the statement_timeout while the lock is still held.
    await until('population statements wait on the lock', async () => (await waiting()) > 0, 10_000, 50);
    const enterprises = load.since(lockedAt, 'enterprise').filter((o) => o.sentAt > lockedAt);
    expect(enterprises.filter((o) => !o.served)).toEqual([]);
    await load.stop();
    const stoppedAt = Date.now();
    await until('no population statement still waits (statement_timeout cancelled them)', async () => (await waiting()) === 0, SUBGRAPH_TIMEOUT_MS + 8000, 100);
    expect(Date.now() - lockedAt).toBeGreaterThan(SUBGRAPH_TIMEOUT_MS); // the lock was held all along
    process.stderr.write(`slow-subgraph: waiting statements gone ${Date.now() - stoppedAt} ms after the load stopped\n`);
  } finally {
    await locker.query('ROLLBACK');
  }
  const [person] = await standardKinds(fp.sample);
  await until('person answers again once the lock is gone', async () => (await send(fp.routerUrl, person)).served, 20_000);
});
