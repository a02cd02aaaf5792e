/**
 * Per-caller rate limits at the router (issue 13, item 2): requests and estimated cost (from demand
 * control) per second, per agency, and per source address for callers without an agency token.
 * The defaults are router.yaml's `rate_limit`; the agency register overrides them per agency, live
 * (router/agency-controls.ts). Over the limit → 429, `Retry-After`, code RATE_LIMITED.
 *
 * Shared by every router replica: the counters are rows of PostgreSQL's `rate_limit` table
 * (rate-limiter-flexible's RateLimiterPostgres), one fixed window of `interval` per caller. A
 * request must not pay a database round trip, so each replica takes its allowance from the shared
 * counter in chunks (a tenth of the caller's capacity) and spends it in memory; only when its
 * chunk is spent does it go back to PostgreSQL. Accounting stays exact: a replica keeps only what
 * the counter had left when it asked (never more than the capacity between them); the price is
 * that a chunk one replica holds unspent at the window's end is not available to the others (at
 * most a tenth of the capacity per replica and window). Once the shared counter is spent, a
 * replica remembers it until the window ends, so a flood of refused requests costs no queries.
 *
 * The limits differ per agency and change live, so the store's own `points` is set out of reach
 * and the comparison with the caller's capacity is done here, on the counter's total. When the
 * database cannot be reached, rate-limiter-flexible's insurance limiter counts in memory: each
 * replica then holds callers to the whole limit on its own (a rate limit is protection, not
 * policy; nothing is served unaudited either way).
 */
import { isIP } from 'node:net';
import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig, RateRule } from './config';
import { httpError } from './http';
import { ErrorCode } from '../platform/errors';

/** The share of a caller's capacity a replica takes from PostgreSQL at once. */
const CHUNK_SHARE = 0.1;
/** Out of reach: the caller's own capacity is compared here (see the file comment). */
const UNBOUNDED = 2 ** 31 - 1;
/** Local windows kept before expired ones are dropped (one per active caller and dimension). */
const MAX_LOCAL = 10_000;

interface Local {
  allowance: number;
  windowEnd: number;
  /** The shared counter had nothing left for this window. */
  exhausted: boolean;
}

/** One dimension (requests, or estimated cost) of every caller's allowance. */
export class SharedAllowance {
  private local = new Map<string, Local>();

  constructor(private readonly store: RateLimiterAbstract) {}

  /** Refills in flight, per key: concurrent requests of one caller wait for the one refill. */
  private refilling = new Map<string, Promise<void>>();

  /** Takes `n` from the caller's capacity for this window: 0 when granted, else ms until the window ends. */
  async take(key: string, n: number, capacity: number): Promise<number> {
    const need = Math.min(n, capacity);
    for (;;) {
      const now = Date.now();
      let l = this.local.get(key);
      if (l && l.windowEnd <= now) l = undefined;
      if (l && l.allowance >= need) {
        l.allowance -= need;
        return 0;
      }
      if (l?.exhausted) return l.windowEnd - now;
      // One refill per key at a time: without this, every request in flight when the local
      // allowance runs out took its own chunk from the shared counter, so 16 concurrent requests
      // spent 16 tenths of the caller's capacity at once and were refused far below its rate
      // (found by the benchmark at 16 in flight). Waiters then try the refreshed allowance.
      const pending = this.refilling.get(key);
      if (pending) {
        await pending;
        continue;
      }
      const refill = this.refill(key, need, capacity, l).finally(() => this.refilling.delete(key));
      this.refilling.set(key, refill);
      await refill;
    }
  }

  /** Takes a chunk of the caller's capacity from the shared counter into the local allowance. */
  private async refill(key: string, need: number, capacity: number, l: Local | undefined): Promise<void> {
    const chunk = Math.max(need, Math.ceil(capacity * CHUNK_SHARE));
    const res = await this.store.consume(key, chunk).catch((e: unknown) => {
      if (e instanceof RateLimiterRes) return e; // not expected with an unbounded store, but a result all the same
      throw e;
    });
    const before = res.consumedPoints - chunk;
    const granted = Math.max(0, Math.min(chunk, capacity - before));
    const windowEnd = Date.now() + Math.max(res.msBeforeNext, 1);
    // A chunk from a new window replaces what was left of the old one.
    const current = this.local.get(key) ?? l;
    const sameWindow = current !== undefined && Math.abs(current.windowEnd - windowEnd) < 50;
    // Exhausted when the counter could not give what this request needs (the take loop then
    // refuses until the window ends, without asking PostgreSQL again).
    const allowance = (sameWindow ? current.allowance : 0) + granted;
    if (this.local.size >= MAX_LOCAL) this.prune();
    this.local.set(key, { allowance, windowEnd, exhausted: granted < chunk && allowance < need });
  }

  private prune() {
    const now = Date.now();
    for (const [k, l] of this.local) if (l.windowEnd <= now) this.local.delete(k);
    // Still full (a flood of addresses): forget the oldest; they ask PostgreSQL again.
    for (const k of this.local.keys()) {
      if (this.local.size < MAX_LOCAL) break;
      this.local.delete(k);
    }
  }
}

/** A window counter in PostgreSQL (`rate_limit`, migrations/governance/…_agency_limits), or in memory without a database. */
function store(prefix: string, intervalMs: number, pool: Pool | undefined): RateLimiterAbstract {
  const duration = intervalMs / 1000;
  const memory = new RateLimiterMemory({ keyPrefix: prefix, points: UNBOUNDED, duration });
  if (!pool) return memory;
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: 'rate_limit',
    tableCreated: true,
    keyPrefix: prefix,
    points: UNBOUNDED,
    duration,
    insuranceLimiter: memory,
  });
}

export interface RateCaller {
  /** From a verified agency token only. */
  agency?: string;
  /** The client's address (clientAddress below); the key of callers without an agency. */
  address: string | null;
}

export type RateOverride = (agency: string) => Partial<RateRule> | undefined;

export interface RateLimiter {
  /** Throws 429 RATE_LIMITED when the caller has spent its requests or estimated cost for this interval. */
  check(caller: RateCaller, estimatedCost: number | undefined): Promise<void>;
}

export function createRateLimiter(config: RateLimitConfig, override: RateOverride, pool?: Pool): RateLimiter {
  if (!config.enabled) return { check: async () => undefined };
  const requests = new SharedAllowance(store('requests', config.intervalMs, pool));
  const cost = new SharedAllowance(store('cost', config.intervalMs, pool));
  const perInterval = (perSecond: number) => Math.max(1, Math.round((perSecond * config.intervalMs) / 1000));
  return {
    async check(caller, estimatedCost) {
      const rule: RateRule = caller.agency ? { ...config.agency, ...definedOnly(override(caller.agency)) } : config.anonymous;
      const key = caller.agency ? `agency:${caller.agency}` : `address:${caller.address ?? 'unknown'}`;
      let waitMs = await requests.take(key, 1, perInterval(rule.requestsPerSecond));
      if (!waitMs && estimatedCost && estimatedCost > 0) waitMs = await cost.take(key, estimatedCost, perInterval(rule.costPerSecond));
      if (!waitMs) return;
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw httpError(
        429,
        `Rate limit reached: ${caller.agency ? `agency ${caller.agency}` : 'this address'} has spent its requests or estimated cost for now; retry after ${seconds} s`,
        ErrorCode.RATE_LIMITED,
        { retryAfterSeconds: seconds },
        { 'retry-after': String(seconds) },
      );
    },
  };
}

function definedOnly(r: Partial<RateRule> | undefined): Partial<RateRule> {
  const out: Partial<RateRule> = {};
  if (r?.requestsPerSecond) out.requestsPerSecond = r.requestsPerSecond;
  if (r?.costPerSecond) out.costPerSecond = r.costPerSecond;
  return out;
}

// ─── the client's address ─────────────────────────────────────────────────────────────────────

/** IPv4 as it is (an IPv4-mapped IPv6 address unwrapped); IPv6 as its /64, which one subscriber holds whole. */
export function addressKey(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1];
  const kind = isIP(a.replace(/%.*$/, ''));
  if (kind === 4) return a;
  if (kind !== 6) return null;
  a = a.replace(/%.*$/, '').toLowerCase();
  const [head, tail] = a.split('::');
  const groupsOf = (s: string) => (s ? s.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const h = groupsOf(head);
  const t = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The address a caller is limited by: the connection's peer, unless the peer is a trusted proxy
 * (router.yaml rate_limit.trusted_proxies), when the X-Forwarded-For entries are read from the
 * right, skipping trusted proxies, and the first other one is the client. A client's own
 * X-Forwarded-For therefore changes nothing unless it connects through a trusted proxy, and even
 * then only entries left of what that proxy appended, which are never read.
 */
export function clientAddress(peer: string | null | undefined, forwardedFor: string | undefined, trustedProxies: readonly string[]): string | null {
  const trusted = new Set(trustedProxies.map((p) => addressKey(p) ?? p));
  let client = addressKey(peer);
  if (!client || !trusted.has(client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').slice(-20);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = addressKey(hops[i]);
    if (!hop) return client; // malformed: stop at the last address we could trust
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}
