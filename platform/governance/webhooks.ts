/**
 * Agencies' webhooks (issue 10, item 8): the registration (`agency_webhook`) and the delivery queue
 * (`webhook_delivery`). A delivery row is written beside each notification, in the notifying
 * step's transaction (notifications.ts); platform/webhooks/dispatcher.ts claims due rows, POSTs and
 * records the outcome. Retries run on real time (operational, not a governance deadline).
 */
import { pgArray, type Sql } from '../db/sql';
import { keysetPage, TIMESTAMP_TEXT, UUID_TEXT, type Clause } from '../db/keyset';
import type { ConnectionShape } from '../graphql/connection';
import type { NotificationLink } from './notifications';

/** The channel the delivery trigger notifies (after commit). */
export const WEBHOOK_PENDING_CHANNEL = 'webhook_pending';

export interface WebhookRegistration {
  agency: string;
  url: string;
  secretNonce: string;
  registeredBy: string;
  registeredAt: Date;
}

const REGISTRATION = `agency, url, secret_nonce AS "secretNonce", registered_by AS "registeredBy", registered_at AS "registeredAt"`;

export async function webhookOf(sql: Sql, agency: string): Promise<WebhookRegistration | null> {
  const [row] = await sql<WebhookRegistration>(`SELECT ${REGISTRATION} FROM agency_webhook WHERE agency = ?`, [agency]);
  return row ?? null;
}

/** Registers (or replaces, with a new secret) the agency's webhook. */
export async function setWebhook(sql: Sql, agency: string, url: string, secretNonce: string, registeredBy: string): Promise<WebhookRegistration> {
  const [row] = await sql<WebhookRegistration>(
    `INSERT INTO agency_webhook (agency, url, secret_nonce, registered_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (agency) DO UPDATE SET url = EXCLUDED.url, secret_nonce = EXCLUDED.secret_nonce, registered_by = EXCLUDED.registered_by, registered_at = now()
     RETURNING ${REGISTRATION}`,
    [agency, url, secretNonce, registeredBy],
  );
  return row;
}

/** Clears the agency's webhook; deliveries still pending are cancelled. Returns whether one was registered. */
export async function clearWebhook(sql: Sql, agency: string): Promise<boolean> {
  const gone = await sql<{ agency: string }>(`DELETE FROM agency_webhook WHERE agency = ? RETURNING agency`, [agency]);
  await sql(`UPDATE webhook_delivery SET state = 'CANCELLED', last_error = 'webhook cleared' WHERE agency = ? AND state = 'PENDING'`, [agency]);
  return gone.length > 0;
}

/** Queues the notification for the agency's webhook, if it has one (in the notifying transaction). */
export async function enqueueWebhookDelivery(sql: Sql, notificationId: string, agency: string): Promise<void> {
  await sql(`INSERT INTO webhook_delivery (notification_id, agency) SELECT ?, agency FROM agency_webhook WHERE agency = ?`, [notificationId, agency]);
}

/** A claimed delivery: the notification as the inbox shows it, and where to send it now. */
export interface DueDelivery {
  id: string;
  agency: string;
  attempts: number;
  url: string | null;
  secretNonce: string | null;
  /** False when the agency is suspended (or gone from the register): nothing is sent to it. */
  agencyActive: boolean;
  notification: { id: string; agency: string; kind: string; subject: string; body: string; links: NotificationLink[]; createdAt: Date };
}

/**
 * Claims up to `limit` due deliveries (one attempt each), at most one per agency and none of the
 * `busyAgencies` (those with a delivery in flight), so that one agency's slow or hanging receiver
 * never holds up another's deliveries. Claimed rows are leased for `leaseMs`: a second dispatcher
 * (another catalog replica) skips them, and a crash mid-attempt retries once the lease ends.
 */
export async function claimDueDeliveries(sql: Sql, limit: number, leaseMs: number, busyAgencies: readonly string[] = []): Promise<DueDelivery[]> {
  const rows = await sql<{
    id: string;
    agency: string;
    attempts: number;
    url: string | null;
    secret_nonce: string | null;
    active: boolean;
    n_id: string;
    n_agency: string;
    kind: string;
    subject: string;
    body: string;
    links: NotificationLink[];
    created_at: Date;
  }>(
    `WITH candidates AS (
       SELECT DISTINCT ON (agency) id, next_attempt_at FROM webhook_delivery
        WHERE state = 'PENDING' AND next_attempt_at <= now() AND agency <> ALL(?::text[])
        ORDER BY agency, next_attempt_at, created_at),
     due AS (
       SELECT d.id FROM webhook_delivery d JOIN candidates c ON c.id = d.id
        WHERE d.state = 'PENDING' AND d.next_attempt_at <= now()
        ORDER BY c.next_attempt_at LIMIT ? FOR UPDATE OF d SKIP LOCKED),
     claimed AS (
       UPDATE webhook_delivery d SET attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + (? * interval '1 millisecond')
         FROM due WHERE d.id = due.id RETURNING d.id, d.agency, d.attempts, d.notification_id)
     SELECT c.id, c.agency, c.attempts, w.url, w.secret_nonce, coalesce(a.status = 'ACTIVE', false) AS active,
            n.id AS n_id, n.agency AS n_agency, n.kind, n.subject, n.body, n.links, n.created_at
       FROM claimed c JOIN notification n ON n.id = c.notification_id
       LEFT JOIN agency_webhook w ON w.agency = c.agency
       LEFT JOIN agency a ON a.code = c.agency`,
    [pgArray(busyAgencies), limit, leaseMs],
  );
  return rows.map((r) => ({
    id: r.id,
    agency: r.agency,
    attempts: r.attempts,
    url: r.url,
    secretNonce: r.secret_nonce,
    agencyActive: r.active,
    notification: { id: r.n_id, agency: r.n_agency, kind: r.kind, subject: r.subject, body: r.body, links: r.links, createdAt: new Date(r.created_at) },
  }));
}

export type AttemptOutcome =
  | { ok: true; url: string; status: number }
  | { ok: false; url: string | null; status: number | null; error: string; retryInMs: number | null; cancel?: boolean };

/** Records an attempt: DELIVERED, PENDING again after `retryInMs`, FAILED (no retry left) or CANCELLED. */
export async function recordDeliveryAttempt(sql: Sql, id: string, o: AttemptOutcome): Promise<void> {
  if (o.ok) {
    await sql(`UPDATE webhook_delivery SET state = 'DELIVERED', delivered_at = now(), last_url = ?, last_status = ?, last_error = NULL WHERE id = ?`, [
      o.url,
      o.status,
      id,
    ]);
    return;
  }
  const state = o.cancel ? 'CANCELLED' : o.retryInMs === null ? 'FAILED' : 'PENDING';
  await sql(
    `UPDATE webhook_delivery SET state = ?, last_url = ?, last_status = ?, last_error = ?,
            next_attempt_at = CASE WHEN ? = 'PENDING' THEN now() + (? * interval '1 millisecond') ELSE next_attempt_at END
      WHERE id = ?`,
    [state, o.url, o.status, o.error, state, o.retryInMs ?? 0, id],
  );
}

export interface DeliveryRecord {
  id: string;
  notificationId: string;
  kind: string;
  state: string;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** One page of the agency's deliveries, newest first. */
export function deliveryPage(
  sql: Sql,
  agency: string,
  options: { first: number; after?: string | null; state?: string | null; notificationId?: string | null },
): Promise<ConnectionShape<DeliveryRecord>> {
  const where: Clause[] = [{ sql: 'd.agency = ?', params: [agency] }];
  if (options.state) where.push({ sql: 'd.state = ?', params: [options.state] });
  if (options.notificationId) where.push({ sql: 'd.notification_id = ?::uuid', params: [options.notificationId] });
  return keysetPage<DeliveryRecord>(sql, {
    select: `d.id, d.notification_id AS "notificationId", n.kind, d.state, d.attempts, d.next_attempt_at AS "nextAttemptAt",
             d.last_attempt_at AS "lastAttemptAt", d.last_status AS "lastStatus", d.last_error AS "lastError",
             d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"`,
    from: 'webhook_delivery d JOIN notification n ON n.id = d.notification_id',
    where,
    key: [
      { column: 'd.created_at', type: 'timestamptz', pattern: TIMESTAMP_TEXT },
      { column: 'd.id', type: 'uuid', pattern: UUID_TEXT },
    ],
    direction: 'DESC',
    first: options.first,
    after: options.after,
  });
}
