/**
 * Refused out-of-purpose attempts in the audit trail (issue 10, item 7, 通知整改): events of the base
 * databases in which an agency, stating a purpose, was refused a conditional item for which it held
 * no grant for that purpose at that instant (no grant at all, or one for other purposes — Art. 19).
 * The audit trail records the items refused, not why; the reason is reconstructed from the grants
 * as they stood at the event, so a refusal for another cause (a row outside a grant's scope, a spent
 * lookup budget) while a grant for the purpose was live is not counted.
 */
import { pgArray, type Sql } from '../db/sql';

export interface PurposeRefusal {
  agency: string;
  /** The event's position in the hash chain (its id in the audit views). */
  seq: string;
  requestId: string;
  at: Date;
}

export interface PurposeRefusalQuery {
  /** Events at or after this instant … */
  since: Date;
  /** … and at or before this one. */
  until: Date;
  /** The catalogue's conditional items (Type.field). */
  conditionalItems: readonly string[];
  /** Subgraphs whose events do not count (the governance subgraph's own, the router's refusals of unverified tokens). */
  excludeSubgraphs: readonly string[];
}

/** The events in the window, oldest first per agency. */
export function purposeRefusals(sql: Sql, q: PurposeRefusalQuery): Promise<PurposeRefusal[]> {
  const items = pgArray(q.conditionalItems);
  return sql<PurposeRefusal>(
    `SELECT e.agency, e.seq::text AS seq, e.request_id AS "requestId", e.at
       FROM audit_event e
      WHERE e.at >= ? AND e.at <= ? AND e.agency IS NOT NULL AND e.agency_verified IS NOT FALSE
        AND e.subgraph <> ALL(?::text[]) AND e.purpose IS NOT NULL AND e.items_refused && ?::text[]
        AND EXISTS (
          SELECT 1 FROM unnest(e.items_refused) AS r(item)
           WHERE r.item = ANY(?::text[])
             AND NOT EXISTS (
               SELECT 1 FROM sharing_grant g
                WHERE g.agency_code = e.agency AND r.item = ANY(g.items) AND e.purpose = ANY(g.purposes)
                  AND g.valid_from <= e.at AND (g.valid_to IS NULL OR g.valid_to > e.at) AND (g.revoked_at IS NULL OR g.revoked_at > e.at)))
      ORDER BY e.agency, e.seq`,
    [q.since, q.until, pgArray(q.excludeSubgraphs), items, items],
  );
}
