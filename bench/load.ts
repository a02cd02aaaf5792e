/**
 * The load generator: a fixed number of async workers in this process, each issuing one request
 * after another until the duration is over or the request bound is reached (a closed loop: the
 * throughput is what the target sustains at that concurrency). HTTP goes through Node's fetch
 * (undici), which keeps connections alive, to loopback addresses only.
 */
import { performance } from 'node:perf_hooks';

/** One unit of work; throws (or rejects) to count as an error. */
export type Task = (worker: number) => Promise<void>;

export interface LoadResult {
  requests: number;
  errors: number;
  firstError?: string;
  /** Wall time from the first request to the last response, ms. */
  elapsedMs: number;
  /** Latency of every completed request, ms (errors included: they took that long too). */
  latencies: Float64Array;
}

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** Ends the measurement early (the bench is being interrupted). */
  stopped?: () => boolean;
}

export async function runLoad(task: Task, { concurrency, durationMs, maxRequests, stopped }: LoadOptions): Promise<LoadResult> {
  const latencies = new Float64Array(maxRequests);
  let issued = 0;
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async (w: number) => {
    while (issued < maxRequests && performance.now() < deadline && !stopped?.()) {
      issued += 1;
      const t0 = performance.now();
      try {
        await task(w);
      } catch (e) {
        errors += 1;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
      latencies[completed++] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { requests: completed, errors, firstError, elapsedMs: performance.now() - started, latencies: latencies.slice(0, completed) };
}

export interface OpenLoopOptions {
  ratePerSecond: number;
  durationMs: number;
  /** Requests in flight beyond which a scheduled request is dropped (counted), so a stalled target cannot exhaust memory. */
  maxOutstanding: number;
  stopped?: () => boolean;
}

/**
 * An open loop: requests start on a fixed schedule (one every 1/rate s) whether or not earlier ones
 * have finished, and each latency runs from the request's scheduled start, so that waiting behind
 * a slow request counts (a closed loop would hide that queueing). Used for (a) at half its
 * measured maximum; the closed-loop `runLoad` above stays the measurement of every target.
 */
export async function runOpenLoop(
  task: Task,
  { ratePerSecond, durationMs, maxOutstanding, stopped }: OpenLoopOptions,
): Promise<LoadResult & { dropped: number }> {
  const total = Math.floor((ratePerSecond * durationMs) / 1000);
  const latencies = new Float64Array(total);
  const interval = 1000 / ratePerSecond;
  let completed = 0;
  let errors = 0;
  let dropped = 0;
  let outstanding = 0;
  let firstError: string | undefined;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  for (let i = 0; i < total && !stopped?.(); i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (outstanding >= maxOutstanding) {
      dropped += 1;
      continue;
    }
    outstanding += 1;
    const p: Promise<void> = task(i)
      .catch((e: unknown) => {
        errors += 1;
        firstError ??= e instanceof Error ? e.message : String(e);
      })
      .then(() => {
        latencies[completed++] = performance.now() - due;
        outstanding -= 1;
        inFlight.delete(p);
      });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { requests: completed, errors, firstError, elapsedMs: performance.now() - started, latencies: latencies.slice(0, completed), dropped };
}

/** Several measurements of one target (the rounds), taken as one. */
export function mergeLoads(parts: LoadResult[]): LoadResult {
  const total = parts.reduce((n, p) => n + p.requests, 0);
  const latencies = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    latencies.set(p.latencies, at);
    at += p.latencies.length;
  }
  return {
    requests: total,
    errors: parts.reduce((n, p) => n + p.errors, 0),
    firstError: parts.find((p) => p.firstError)?.firstError,
    elapsedMs: parts.reduce((n, p) => n + p.elapsedMs, 0),
    latencies,
  };
}

export interface Summary {
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

function quantile(sorted: Float64Array, q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function summarise(r: LoadResult): Summary {
  const sorted = r.latencies.slice().sort();
  const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    requests: r.requests,
    errors: r.errors,
    ...(r.firstError ? { firstError: r.firstError } : {}),
    seconds: round(r.elapsedMs / 1000, 3),
    rps: round(r.requests / (r.elapsedMs / 1000), 1),
    p50: round(quantile(sorted, 0.5)),
    p99: round(quantile(sorted, 0.99)),
    mean: round(sorted.length ? sum / sorted.length : NaN),
    max: round(sorted.length ? sorted[sorted.length - 1] : NaN),
  };
}

/** Refuses anything but a loopback address: the bench never sends load to another machine. */
export function assertLoopback(url: string): string {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(host) && !/^127\./.test(host)) {
    throw new Error(`the bench only sends load to loopback addresses, not ${url}`);
  }
  return url;
}

export interface GraphQLTarget {
  url: string;
  headers: Record<string, string>;
}

/** A task that POSTs a GraphQL operation; an HTTP error or any `errors` in the body is an error. */
export function graphqlTask(target: GraphQLTarget, query: string, variables: (worker: number) => Record<string, unknown>): Task {
  const url = assertLoopback(target.url);
  const headers = { 'content-type': 'application/json', ...target.headers };
  return async (worker) => {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables: variables(worker) }) });
    const text = await res.text();
    // Cheap check first: parsing every 100 kB page costs the load generator CPU the target needs.
    if (res.status !== 200 || text.includes('"errors"')) {
      let message = `HTTP ${res.status}`;
      try {
        const body = JSON.parse(text);
        if (body.errors?.length) message = `${message}: ${JSON.stringify(body.errors[0])}`;
        else if (res.status === 200) return;
      } catch {
        message = `${message}: ${text.slice(0, 300)}`;
      }
      throw new Error(message);
    }
  };
}

/** A small deterministic generator (mulberry32), so every target draws the same kind of keys. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
