/**
 * Delivers queued webhook notifications (issue 10, item 8), in the catalog process, apart from the
 * requests that wrote them: a step that notifies only inserts a `webhook_delivery` row in its own
 * transaction, so delivery can neither block nor fail it. The dispatcher wakes on the queue's
 * NOTIFY (sent by PostgreSQL only after that transaction commits) and on a timer (retries; a
 * missed notification), claims due rows, POSTs each and records the outcome: DELIVERED on a 2xx,
 * else PENDING again after an exponential backoff, FAILED once the attempts are spent.
 *
 * The request: the notification exactly as the inbox shows it (no other field), signed
 * (signature.ts); redirects are not followed; the connection goes only to an address the
 * allow-list admits, checked on the resolved address actually connected to (allow-list.ts).
 * Errors are recorded coarsely (status code, TIMEOUT, CONNECTION, NOT_ALLOWED), so the delivery
 * state does not turn the platform into a port scanner of the intranet for the agency.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Client, Pool } from 'pg';
import { pgSql } from '../db/sql';
import { claimDueDeliveries, recordDeliveryAttempt, WEBHOOK_PENDING_CHANNEL, type AttemptOutcome, type DueDelivery } from '../governance';
import { hostOf, webhookAllowList, type WebhookAllowList } from './allow-list';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signBody, webhookSecret } from './signature';

export interface DispatcherSettings {
  maxAttempts: number;
  backoffMs: number;
  timeoutMs: number;
  pollMs: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

export function dispatcherSettings(env: NodeJS.ProcessEnv = process.env): DispatcherSettings {
  return {
    maxAttempts: int(env, 'WEBHOOK_MAX_ATTEMPTS', 6, 1, 50),
    backoffMs: int(env, 'WEBHOOK_BACKOFF_MS', 2000, 10, 3_600_000),
    timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
    pollMs: int(env, 'WEBHOOK_POLL_MS', 1000, 50, 60_000),
  };
}

/** The wait before attempt `attempts + 1` (doubling from the base, at most 15 minutes). */
export const backoff = (base: number, attempts: number) => Math.min(base * 2 ** Math.max(0, attempts - 1), 15 * 60_000);

/** The JSON body POSTed: the delivery, and the notification as the agency's inbox shows it. */
export function deliveryBody(d: DueDelivery): string {
  const n = d.notification;
  return JSON.stringify({
    delivery: d.id,
    attempt: d.attempts,
    notification: { id: n.id, agency: n.agency, kind: n.kind, subject: n.subject, body: n.body, links: n.links, createdAt: n.createdAt.toISOString() },
  });
}

class NotAllowed extends Error {}

/** POSTs `body`; resolves with the status, rejects with TIMEOUT / CONNECTION / NOT_ALLOWED. */
export function post(target: string, body: string, headers: Record<string, string>, allow: WebhookAllowList, timeoutMs: number): Promise<number> {
  const url = new URL(target);
  const host = hostOf(url);
  const byName = allow.allowsName(host);
  if (!byName && isIP(host) && !allow.allowsAddress(host)) return Promise.reject(new NotAllowed());
  // Every address the name resolves to at connection time must be allowed (DNS rebinding).
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) callback(err, '', 0);
      else if (!byName && addresses.some((a) => !allow.allowsAddress(a.address))) callback(new NotAllowed(), '', 0);
      else if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers }, lookup },
      (res) => {
        res.resume(); // the receiver's answer is not read, only its status
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(res.statusCode ?? 0));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('TIMEOUT')));
    req.on('error', (e) => reject(e));
    req.end(body);
  });
}

/** Deliveries attempted at once (one per agency). */
const MAX_IN_FLIGHT = 20;

export class WebhookDispatcher {
  private readonly pool: Pool;
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private claiming?: Promise<void>;
  /** Deliveries being attempted: id → agency. */
  private readonly inFlight = new Map<string, string>();
  private again = false;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly settings: DispatcherSettings = dispatcherSettings(),
    private readonly allow: WebhookAllowList = webhookAllowList(),
    private readonly log: (line: string) => void = console.warn,
  ) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 2 });
    this.pool.on('error', (e) => this.log(`webhooks: database connection lost (${e.message}); it reconnects on next use`));
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => this.wake(), this.settings.pollMs);
    this.timer.unref();
    await this.listen();
    this.wake();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.databaseUrl });
    const retry = () => {
      if (this.listener !== client || this.closed) return;
      this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), 1000).unref(); // the timer covers the gap
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', () => this.wake());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${WEBHOOK_PENDING_CHANNEL}`);
    } catch (e) {
      this.log(`webhooks: cannot listen for deliveries (${e instanceof Error ? e.message : String(e)}); polling every ${this.settings.pollMs} ms`);
      retry();
    }
  }

  /**
   * Claims what is due and starts it, up to MAX_IN_FLIGHT deliveries at once and one per agency
   * (claimDueDeliveries): each finished delivery frees its slot and wakes the dispatcher again, so
   * a receiver that hangs holds one slot for at most the timeout and delays only its own agency.
   * Concurrent wake-ups coalesce into one more pass.
   */
  wake(): void {
    if (this.closed) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = (async () => {
      do {
        this.again = false;
        const free = MAX_IN_FLIGHT - this.inFlight.size;
        if (free <= 0) break;
        const batch = await claimDueDeliveries(pgSql(this.pool), free, this.settings.timeoutMs * 4, [...this.inFlight.values()]);
        for (const d of batch) {
          this.inFlight.set(d.id, d.agency);
          void this.deliver(d)
            .catch((e: unknown) => this.log(`webhooks: delivery ${d.id} not recorded (${e instanceof Error ? e.message : String(e)}); retried after its lease`))
            .finally(() => {
              this.inFlight.delete(d.id);
              this.wake();
            });
        }
        if (batch.length) this.again = true; // more may be due for other agencies
      } while (this.again && !this.closed);
    })()
      .catch((e: unknown) => this.log(`webhooks: claiming deliveries failed (${e instanceof Error ? e.message : String(e)}); retrying on the next tick`))
      .finally(() => {
        this.claiming = undefined;
      });
  }

  private async deliver(d: DueDelivery): Promise<void> {
    const outcome = await this.attempt(d);
    await recordDeliveryAttempt(pgSql(this.pool), d.id, outcome);
  }

  private async attempt(d: DueDelivery): Promise<AttemptOutcome> {
    if (!d.url || !d.secretNonce) return { ok: false, url: null, status: null, error: 'webhook cleared', retryInMs: null, cancel: true };
    // A suspended agency's tokens read nothing, its inbox included: its webhook is not sent to either.
    if (!d.agencyActive) return { ok: false, url: null, status: null, error: 'AGENCY_SUSPENDED', retryInMs: null, cancel: true };
    const body = deliveryBody(d);
    const retry = d.attempts >= this.settings.maxAttempts ? null : backoff(this.settings.backoffMs, d.attempts);
    try {
      const status = await post(
        d.url,
        body,
        { [SIGNATURE_HEADER]: signBody(webhookSecret(d.agency, d.secretNonce), body), [DELIVERY_HEADER]: d.id },
        this.allow,
        this.settings.timeoutMs,
      );
      if (status >= 200 && status < 300) return { ok: true, url: d.url, status };
      return { ok: false, url: d.url, status, error: status >= 300 && status < 400 ? 'REDIRECT_NOT_FOLLOWED' : 'HTTP_STATUS', retryInMs: retry };
    } catch (e) {
      if (e instanceof NotAllowed) return { ok: false, url: d.url, status: null, error: 'NOT_ALLOWED', retryInMs: null };
      const timeout = e instanceof Error && e.message === 'TIMEOUT';
      return { ok: false, url: d.url, status: null, error: timeout ? 'TIMEOUT' : 'CONNECTION', retryInMs: retry };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.claiming;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
