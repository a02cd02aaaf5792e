/**
 * The one call every workflow step makes to tell an agency something (issue 10, item 8): it writes
 * to the agency's inbox in the step's own transaction, so the notice exists exactly when the step
 * does. Kinds are plain strings (listed here) so that new features add theirs without a schema change.
 */
import { writeNotification, type NotificationLink } from '../../../platform/governance';
import type { Query } from '../shared/sql';

export const NotificationKind = {
  APPLICATION_APPROVED: 'APPLICATION_APPROVED',
  APPLICATION_REJECTED: 'APPLICATION_REJECTED',
  GRANT_REVOKED: 'GRANT_REVOKED',
  DEMAND_ASSIGNED: 'DEMAND_ASSIGNED',
  DEMAND_ANSWERED: 'DEMAND_ANSWERED',
  RECTIFICATION_RAISED: 'RECTIFICATION_RAISED',
  RECTIFICATION_ACKNOWLEDGED: 'RECTIFICATION_ACKNOWLEDGED',
  RECTIFICATION_CLOSED: 'RECTIFICATION_CLOSED',
  RECTIFICATION_ESCALATED: 'RECTIFICATION_ESCALATED',
  /** The catalogue register changed an item the agency holds a live grant for (issue 10, item 3). */
  CATALOGUE_ITEM_CHANGED: 'CATALOGUE_ITEM_CHANGED',
} as const;

export type { NotificationLink };

export function notify(q: Query, agency: string, kind: string, subject: string, body: string, links: NotificationLink[] = []): Promise<string> {
  return writeNotification(q, { agency, kind, subject, body, links });
}
