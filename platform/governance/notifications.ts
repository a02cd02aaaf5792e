/**
 * Agencies' inboxes (`notification`): written by the step that changes an agency's situation, in
 * that step's transaction (so a rolled-back step notifies nobody), read and marked read by the
 * agency itself. A notification for an agency that registered a webhook is also queued for delivery
 * (webhooks.ts), in the same transaction: it is POSTed only once the step commits.
 */
import { pgArray, type Sql } from '../db/sql';
import { keysetPage, TIMESTAMP_TEXT, UUID_TEXT, type Clause } from '../db/keyset';
import type { ConnectionShape } from '../graphql/connection';
import { enqueueWebhookDelivery } from './webhooks';

/** A record a notification is about, e.g. `{ type: 'SharingApplication', id }`. */
export interface NotificationLink {
  type: string;
  id: string;
}

export interface NewNotification {
  agency: string;
  /** What happened, e.g. APPLICATION_APPROVED, GRANT_REVOKED, DEMAND_ASSIGNED. */
  kind: string;
  subject: string;
  body: string;
  links?: NotificationLink[];
}

export interface NotificationRecord {
  id: string;
  agency: string;
  kind: string;
  subject: string;
  body: string;
  links: NotificationLink[];
  createdAt: Date;
  readAt: Date | null;
}

const COLUMNS = `id, agency, kind, subject, body, links, created_at AS "createdAt", read_at AS "readAt"`;

/** Writes one notification to an agency's inbox; returns its id. */
export async function writeNotification(sql: Sql, n: NewNotification): Promise<string> {
  const [row] = await sql<{ id: string }>(`INSERT INTO notification (agency, kind, subject, body, links) VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id`, [
    n.agency,
    n.kind,
    n.subject,
    n.body,
    JSON.stringify(n.links ?? []),
  ]);
  await enqueueWebhookDelivery(sql, row.id, n.agency);
  return row.id;
}

/** One page of an agency's inbox, newest first; `unread` keeps only what it has not marked read. */
export function notificationPage(
  sql: Sql,
  agency: string,
  options: { first: number; after?: string | null; unread?: boolean | null },
): Promise<ConnectionShape<NotificationRecord>> {
  const where: Clause[] = [{ sql: 'agency = ?', params: [agency] }];
  if (options.unread === true) where.push({ sql: 'read_at IS NULL', params: [] });
  if (options.unread === false) where.push({ sql: 'read_at IS NOT NULL', params: [] });
  return keysetPage<NotificationRecord>(sql, {
    select: COLUMNS,
    from: 'notification',
    where,
    key: [
      { column: 'created_at', type: 'timestamptz', pattern: TIMESTAMP_TEXT },
      { column: 'id', type: 'uuid', pattern: UUID_TEXT },
    ],
    direction: 'DESC',
    first: options.first,
    after: options.after,
  });
}

/** Marks the agency's own notifications among `ids` read (others' ids are ignored); returns them. */
export async function markNotificationsRead(sql: Sql, agency: string, ids: string[]): Promise<NotificationRecord[]> {
  if (!ids.length) return [];
  await sql(`UPDATE notification SET read_at = now() WHERE agency = ? AND id = ANY(?::uuid[]) AND read_at IS NULL`, [agency, pgArray(ids)]);
  return sql<NotificationRecord>(`SELECT ${COLUMNS} FROM notification WHERE agency = ? AND id = ANY(?::uuid[]) ORDER BY created_at DESC, id DESC`, [
    agency,
    pgArray(ids),
  ]);
}
