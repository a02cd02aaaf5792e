/**
 * The rate limiter's local allowance under concurrency (router/rate-limit.ts): requests of one
 * caller that arrive together while its local allowance is empty must share one refill from the
 * shared counter. The benchmark found that each took its own chunk, so 16 requests in flight
 * spent 1.6 × the caller's capacity at once and were refused at a fraction of their rate.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { SharedAllowance } from '../../router/rate-limit';

/** A shared counter that answers after a delay, like PostgreSQL would, and counts its calls. */
class SlowCounter extends RateLimiterMemory {
  calls = 0;
  async consume(key: string | number, points?: number) {
    this.calls++;
    await new Promise((r) => setTimeout(r, 20));
    return super.consume(key, points);
  }
}

it('concurrent requests of one caller share one refill and are all admitted within its capacity', async () => {
  const store = new SlowCounter({ points: 2 ** 31 - 1, duration: 60 });
  const allowance = new SharedAllowance(store);
  const capacity = 200; // chunks of 20
  const waits = await Promise.all(Array.from({ length: 16 }, () => allowance.take('agency:a', 1, capacity)));
  expect(waits.every((w) => w === 0)).toBe(true);
  expect(store.calls).toBe(1);
  // 200 in all are admitted in the window, then refused with the time left in it.
  const more = await Promise.all(Array.from({ length: 184 }, () => allowance.take('agency:a', 1, capacity)));
  expect(more.every((w) => w === 0)).toBe(true);
  const refused = await allowance.take('agency:a', 1, capacity);
  expect(refused).toBeGreaterThan(0);
  expect(store.calls).toBeLessThanOrEqual(11); // ten chunks of 20, and the one that found it spent
});

it('another caller is not held up by a refill in flight for the first', async () => {
  const store = new SlowCounter({ points: 2 ** 31 - 1, duration: 60 });
  const allowance = new SharedAllowance(store);
  const [a, b] = await Promise.all([allowance.take('agency:a', 1, 10), allowance.take('agency:b', 1, 10)]);
  expect([a, b]).toEqual([0, 0]);
  expect(store.calls).toBe(2);
});
