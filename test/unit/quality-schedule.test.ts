// The consistency job's schedule (subgraphs/catalog/quality/schedule.ts): the interval setting,
// 0 = off (nothing started, nothing to stop), a bad value refused at start-up.
import { qualityCheckIntervalMs, startConsistencySchedule } from '../../subgraphs/catalog/quality/schedule';

const saved = process.env.QUALITY_CHECK_INTERVAL_MINUTES;
afterEach(() => {
  if (saved === undefined) delete process.env.QUALITY_CHECK_INTERVAL_MINUTES;
  else process.env.QUALITY_CHECK_INTERVAL_MINUTES = saved;
});

test('default once a day; minutes as given; 0 is off', () => {
  delete process.env.QUALITY_CHECK_INTERVAL_MINUTES;
  expect(qualityCheckIntervalMs()).toBe(86_400_000);
  process.env.QUALITY_CHECK_INTERVAL_MINUTES = '15';
  expect(qualityCheckIntervalMs()).toBe(900_000);
  process.env.QUALITY_CHECK_INTERVAL_MINUTES = '0';
  expect(qualityCheckIntervalMs()).toBe(0);
});

test('a bad interval is refused', () => {
  for (const bad of ['-1', 'daily', 'NaN']) {
    process.env.QUALITY_CHECK_INTERVAL_MINUTES = bad;
    expect(() => qualityCheckIntervalMs()).toThrow(/QUALITY_CHECK_INTERVAL_MINUTES/);
  }
});

test('off: nothing is started or logged, and stopping is a no-op', async () => {
  process.env.QUALITY_CHECK_INTERVAL_MINUTES = '0';
  const lines: string[] = [];
  const stop = startConsistencySchedule((l) => lines.push(l));
  await stop();
  expect(lines).toEqual([]);
});
