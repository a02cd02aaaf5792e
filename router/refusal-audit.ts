/**
 * Refusals at the router go into the audit trail too (issue 8, class 8): a bad token, a bad
 * purpose header, limits, CSRF, 413, 415, the anonymous gate…
 *
 *  - A request whose token names a caller (an agency, or a data subject) writes one event, with
 *    the claimed agency marked unverified when the token did not verify.
 *  - Anonymous refusals are counted per (source address, reason, window) and written as one event
 *    with the count when the window closes (a minute by default), so a flood of junk costs a few
 *    rows a minute, not one per request, and cannot make the chain a bottleneck. The number of
 *    open windows is bounded: past it, further addresses are counted together under `*`.
 *
 * Events are written with the platform's AuditWriter (subgraph `router`, resource `Request`), which
 * appends them through platform/governance (appendAuditEvents) like every subgraph's.
 */
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { GraphQLError } from 'graphql';
import type { AuditEvent } from '../platform/audit/collector';
import type { AuditWriter } from '../platform/audit/writer';
import { identify } from '../platform/identity/tokens';
import { decodePurpose, PURPOSE_HEADER } from '../platform/identity/purpose';
import { setting } from '../platform/settings/read';

export interface RouterRefusal {
  requestId: string;
  correlationId: string | null;
  headers: Readonly<Record<string, string>>;
  /** The peer address of the connection (no forwarding header is trusted). */
  address: string | null;
  error: unknown;
  operationName?: string | null;
  /** The SHA-256 of the refused document, when the router got that far (router/trusted-documents.ts). */
  operationHash?: string | null;
}

const PLAIN = /^[A-Za-z0-9._:@-]{1,100}$/;
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,100}$/;
const OVERFLOW = '*';

interface Caller {
  agency: string | null;
  operator: string | null;
  actorSubject: string | null;
  verified: boolean;
}

/** The refusal's stable code: the error's extensions.code, else the HTTP status. */
export function refusalReason(error: unknown): string {
  const ext = error instanceof GraphQLError ? error.extensions : undefined;
  const code = typeof ext?.code === 'string' && PLAIN.test(ext.code) ? ext.code : undefined;
  const status = ext?.http?.status;
  return code ?? `HTTP_${status ?? 500}`;
}

/** Who the token says the caller is: verified if it verifies, else its claims, unverified. */
async function callerOf(authorization: string | undefined): Promise<Caller | null> {
  if (!authorization) return null;
  try {
    const identity = await identify(authorization);
    if (identity.kind === 'agency') return { agency: identity.agency ?? null, operator: identity.operator ?? null, actorSubject: null, verified: true };
    if (identity.kind === 'subject') return { agency: null, operator: null, actorSubject: identity.subjectKey ?? null, verified: true };
    return null;
  } catch {
    // Not verified: what it claims, if it is a JWT at all and the claims are plain tokens.
  }
  try {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
    if (!token) return null;
    const claims = decodeJwt(token);
    const plain = (v: unknown) => (typeof v === 'string' && PLAIN.test(v) ? v : null);
    const agency = plain(claims.agency);
    const actorSubject = plain(claims.subject_key);
    if (!agency && !actorSubject) return null;
    return { agency, operator: plain(claims.operator) ?? plain(claims.sub), actorSubject, verified: false };
  } catch {
    return null;
  }
}

function purposeOf(headers: Readonly<Record<string, string>>): string | null {
  try {
    return decodePurpose(headers[PURPOSE_HEADER]) ?? null;
  } catch {
    return null; // the bad header may be the very refusal
  }
}

function baseEvent(at: Date, requestId: string, reason: string): AuditEvent {
  return {
    at,
    requestId,
    subgraph: 'router',
    agency: null,
    operator: null,
    actorSubject: null,
    purpose: null,
    operation: null,
    resource: 'Request',
    itemsServed: [],
    itemsMasked: [],
    itemsRefused: [],
    subjects: [],
    decision: 'REFUSED',
    refusalReason: reason,
  };
}

export class RefusalAuditor {
  private windows = new Map<string, { address: string; reason: string; start: number; count: number }>();
  private timer: NodeJS.Timeout;

  constructor(
    private readonly writer: AuditWriter,
    private readonly windowMs = setting('AUDIT_REFUSAL_WINDOW_MS'),
    private readonly maxWindows = 10_000,
    private readonly log: (m: string) => void = (m) => process.stderr.write(`${m}\n`),
  ) {
    this.timer = setInterval(() => void this.flush(false), Math.min(5_000, this.windowMs)).unref();
  }

  /** Records one refusal. Named callers' events are written before the refusal is answered. */
  async refused(r: RouterRefusal): Promise<void> {
    const reason = refusalReason(r.error);
    const caller = await callerOf(r.headers.authorization);
    if (caller) {
      const operation = r.operationName && NAME.test(r.operationName) ? r.operationName : null;
      await this.writer.write([
        {
          ...baseEvent(new Date(), r.requestId, reason),
          correlationId: r.correlationId,
          agency: caller.agency,
          agencyVerified: caller.agency ? caller.verified : null,
          operator: caller.operator,
          actorSubject: caller.actorSubject,
          purpose: purposeOf(r.headers),
          operation,
          operationHash: r.operationHash && /^[0-9a-f]{64}$/.test(r.operationHash) ? r.operationHash : null,
        },
      ]);
      return;
    }
    const start = Math.floor(Date.now() / this.windowMs) * this.windowMs;
    let address = r.address && r.address.length <= 64 ? r.address : OVERFLOW;
    let key = `${address}\u0000${reason}\u0000${start}`;
    if (!this.windows.has(key) && this.windows.size >= this.maxWindows) {
      address = OVERFLOW;
      key = `${address}\u0000${reason}\u0000${start}`;
    }
    const w = this.windows.get(key);
    if (w) w.count += 1;
    else this.windows.set(key, { address, reason, start, count: 1 });
  }

  /** Writes the closed windows (all of them when `everything`). */
  async flush(everything: boolean): Promise<void> {
    const now = Date.now();
    const closed = [...this.windows.entries()].filter(([, w]) => everything || w.start + this.windowMs <= now);
    if (!closed.length) return;
    for (const [k] of closed) this.windows.delete(k);
    try {
      await this.writer.write(
        closed.map(([, w]) => ({
          ...baseEvent(new Date(w.start), randomUUID(), w.reason),
          sourceAddress: w.address,
          refusalCount: w.count,
        })),
      );
    } catch (e) {
      this.log(`router: could not write ${closed.length} aggregated refusal events: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
    await this.writer.close();
  }
}
