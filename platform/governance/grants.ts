/**
 * Grants (`sharing_grant`) and the items providers withdrew from them (`grant_item_revocation`).
 * Every change fires NOTIFY grants_changed (a trigger of the governance migrations), on which every
 * subgraph reloads its live grants (policy/grants.ts). The catalog's workflow calls the writing
 * functions inside its own transactions (pass its transaction's `Sql`).
 */
import { pgArray, type Sql } from '../db/sql';
import { keysetPage, TIMESTAMP_TEXT, UUID_TEXT, type Clause } from '../db/keyset';
import type { ConnectionShape } from '../graphql/connection';

/** The channel the grant and agency triggers notify. */
export const GRANTS_CHANGED_CHANNEL = 'grants_changed';

export interface RowScope {
  /** A field of the row (entity property), e.g. `householdDivisionCode`. */
  field: string;
  values: string[];
}

/** How a grant's data may be taken (Art. 18): online queries (联机查询) and/or batch exports (批量下载). */
export type SharingMethod = 'ONLINE_QUERY' | 'BATCH';

/** A BATCH grant's bounds: rows per export, exports per (China) day. */
export interface BatchBounds {
  maxRows: number;
  exportsPerDay: number;
}

export interface LiveGrant {
  id: string;
  agency: string;
  /** The methods the grant was approved for; a request is decided only by the grants of its own method. */
  methods: Set<SharingMethod>;
  batch: BatchBounds | null;
  items: Set<string>;
  purposes: Set<string>;
  masks: Record<string, string>;
  rowScope: RowScope | null;
  validFrom: Date;
  validTo: Date | null;
}

/**
 * Grants not revoked and not expired at `now` — the platform clock's instant (clock.ts), so that a
 * test that moves the clock past `valid_to` sees the grant expire in every process (validity from a
 * later date, and expiry after the load, are checked at each decision).
 */
export async function loadLiveGrants(sql: Sql, now: Date): Promise<LiveGrant[]> {
  const rows = await sql<{
    id: string;
    agency_code: string;
    items: string[];
    purposes: string[];
    masks: Record<string, string> | null;
    row_scope: RowScope | null;
    valid_from: Date;
    valid_to: Date | null;
    methods: SharingMethod[];
    batch_max_rows: number | null;
    batch_exports_per_day: number | null;
  }>(
    `SELECT id, agency_code, items, purposes, masks, row_scope, valid_from, valid_to, methods, batch_max_rows, batch_exports_per_day
       FROM sharing_grant WHERE revoked_at IS NULL AND (valid_to IS NULL OR valid_to > ?)`,
    [now],
  );
  return rows.map((r) => ({
    id: r.id,
    agency: r.agency_code,
    methods: new Set(r.methods),
    batch: batchBounds(r.batch_max_rows, r.batch_exports_per_day),
    items: new Set(r.items),
    purposes: new Set(r.purposes),
    masks: r.masks ?? {},
    rowScope: r.row_scope,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

function batchBounds(maxRows: number | null, exportsPerDay: number | null): BatchBounds | null {
  return maxRows != null && exportsPerDay != null ? { maxRows, exportsPerDay } : null;
}

/** A grant as the catalog shows it. */
export interface GrantRecord {
  id: string;
  agencyCode: string;
  items: string[];
  purposes: string[];
  masks: Record<string, string>;
  rowScope: RowScope | null;
  validFrom: Date;
  validTo: Date | null;
  applicationId: string | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  revokedBy: string | null;
  createdAt: Date;
  methods: SharingMethod[];
  batchMaxRows: number | null;
  batchExportsPerDay: number | null;
}

export const GRANT_COLUMNS = `id, agency_code AS "agencyCode", items, purposes, masks, row_scope AS "rowScope", valid_from AS "validFrom",
  methods, batch_max_rows AS "batchMaxRows", batch_exports_per_day AS "batchExportsPerDay",
  valid_to AS "validTo", application_id AS "applicationId", revoked_at AS "revokedAt", revoked_reason AS "revokedReason",
  revoked_by AS "revokedBy", created_at AS "createdAt"`;

export function loadGrants(sql: Sql, ids: readonly string[]): Promise<GrantRecord[]> {
  return sql<GrantRecord>(`SELECT ${GRANT_COLUMNS} FROM sharing_grant WHERE id = ANY(?::uuid[])`, [pgArray(ids)]);
}

export interface NewGrant {
  agency: string;
  items: readonly string[];
  purposes: readonly string[];
  masks?: Record<string, string>;
  rowScope?: RowScope | null;
  /** Default: now (the database's clock). */
  validFrom?: Date;
  validTo: Date | null;
  applicationId?: string | null;
  /** Default: online queries only. */
  methods?: readonly SharingMethod[];
  /** Required with BATCH. */
  batch?: BatchBounds | null;
}

/** Issues a grant; returns its id. */
export async function issueGrant(sql: Sql, g: NewGrant): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO sharing_grant (agency_code, items, purposes, masks, row_scope, valid_from, valid_to, application_id, methods, batch_max_rows, batch_exports_per_day)
     VALUES (?, ?::text[], ?::text[], ?::jsonb, ?::jsonb, coalesce(?::timestamptz, now()), ?, ?, ?::text[], ?, ?) RETURNING id`,
    [
      g.agency,
      pgArray(g.items),
      pgArray(g.purposes),
      JSON.stringify(g.masks ?? {}),
      g.rowScope ? JSON.stringify(g.rowScope) : null,
      g.validFrom ?? null,
      g.validTo,
      g.applicationId ?? null,
      pgArray(g.methods ?? ['ONLINE_QUERY']),
      g.batch?.maxRows ?? null,
      g.batch?.exportsPerDay ?? null,
    ],
  );
  return row.id;
}

export interface LockedGrant {
  id: string;
  /** The holder. */
  agencyCode: string;
  items: string[];
  masks: Record<string, string> | null;
  revokedAt: Date | null;
  validTo: Date | null;
  applicationId: string | null;
}

/** The grant, locked for the rest of the transaction; null when there is none. */
export async function lockGrant(sql: Sql, id: string): Promise<LockedGrant | null> {
  const [row] = await sql<LockedGrant>(
    `SELECT id, agency_code AS "agencyCode", items, masks, revoked_at AS "revokedAt", valid_to AS "validTo", application_id AS "applicationId"
       FROM sharing_grant WHERE id = ? FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

/** Adds items (and their masks) to a grant. */
export async function addGrantItems(sql: Sql, id: string, items: readonly string[], masks: Record<string, string>): Promise<void> {
  await sql(`UPDATE sharing_grant SET items = ARRAY(SELECT DISTINCT unnest(items || ?::text[]) ORDER BY 1), masks = masks || ?::jsonb WHERE id = ?`, [
    pgArray(items),
    JSON.stringify(masks),
    id,
  ]);
}

export interface ItemRevocation {
  /** The items withdrawn. */
  items: readonly string[];
  reason: string;
  revokedBy: string;
  operator: string | null;
}

/** Withdraws some items of a grant (a provider's own): the grant keeps `rest` with their masks, and the revocation is recorded. */
export async function withdrawGrantItems(sql: Sql, id: string, rest: readonly string[], masks: Record<string, string>, r: ItemRevocation): Promise<void> {
  await sql(`UPDATE sharing_grant SET items = ?::text[], masks = ?::jsonb WHERE id = ?`, [pgArray(rest), JSON.stringify(masks), id]);
  await sql(`INSERT INTO grant_item_revocation (grant_id, items, reason, revoked_by, operator) VALUES (?, ?::text[], ?, ?, ?)`, [
    id,
    pgArray(r.items),
    r.reason,
    r.revokedBy,
    r.operator,
  ]);
}

/** Revokes a whole grant now (a grant already revoked keeps its first revocation). */
export async function revokeGrant(sql: Sql, id: string, reason: string, revokedBy: string): Promise<void> {
  await sql(`UPDATE sharing_grant SET revoked_at = now(), revoked_reason = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL`, [reason, revokedBy, id]);
}

export type GrantStatusName = 'LIVE' | 'PENDING' | 'REVOKED' | 'EXPIRED';

/**
 * SQL conditions on a grant row (unaliased) for each status; each `?` is the instant judged at —
 * the platform clock's now (clock.ts), never the database's `now()`, so expiry moves with the clock.
 */
export const GRANT_STATUS_SQL: Record<GrantStatusName, string> = {
  LIVE: `revoked_at IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)`,
  PENDING: `revoked_at IS NULL AND valid_from > ?`,
  REVOKED: `revoked_at IS NOT NULL`,
  EXPIRED: `revoked_at IS NULL AND valid_to <= ?`,
};

/** The condition of GRANT_STATUS_SQL for `status` at `now`, with its parameters. */
export function grantStatusClause(status: GrantStatusName, now: Date): Clause {
  const sql = GRANT_STATUS_SQL[status];
  return { sql, params: Array.from(sql.matchAll(/\?/g), () => now) };
}

/** A condition for another table's query: the grant whose id is in `grantIdColumn` had expired (not revoked) at `now`. */
export function grantExpiredCondition(grantIdColumn: string, now: Date): Clause {
  if (!/^[a-z_][a-z0-9_.]*$/.test(grantIdColumn)) throw new Error(`not a column: ${grantIdColumn}`);
  return { sql: `EXISTS (SELECT 1 FROM sharing_grant g WHERE g.id = ${grantIdColumn} AND g.valid_to <= ? AND g.revoked_at IS NULL)`, params: [now] };
}

/** Grants created at or before `asOf` (the evaluation's records held). */
export async function countGrantsCreatedBy(sql: Sql, asOf: Date): Promise<number> {
  const [row] = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM sharing_grant WHERE created_at <= ?`, [asOf]);
  return Number(row.n);
}

export interface GrantListing {
  /** Only the grants of this agency or on these items (a provider's); absent: every grant (the bureau). */
  visibleTo?: { agency: string; items: readonly string[] };
  /** The grantee. */
  agency?: string;
  status?: GrantStatusName;
  /** The instant `status` is judged at (the platform clock's now); required with `status`. */
  now?: Date;
}

/** A page of grants, newest first (db/keyset.ts). */
export function pageGrants(sql: Sql, listing: GrantListing, first: number, after: string | null | undefined): Promise<ConnectionShape<GrantRecord>> {
  const where: Clause[] = [];
  if (listing.visibleTo) where.push({ sql: `(agency_code = ? OR items && ?::text[])`, params: [listing.visibleTo.agency, pgArray(listing.visibleTo.items)] });
  if (listing.agency) where.push({ sql: `agency_code = ?`, params: [listing.agency] });
  if (listing.status) where.push(grantStatusClause(listing.status, listing.now ?? new Date()));
  return keysetPage<GrantRecord>(sql, {
    select: GRANT_COLUMNS,
    from: 'sharing_grant',
    where,
    key: [
      { column: 'created_at', type: 'timestamptz', pattern: TIMESTAMP_TEXT },
      { column: 'id', type: 'uuid', pattern: UUID_TEXT },
    ],
    direction: 'DESC',
    first,
    after,
  });
}
