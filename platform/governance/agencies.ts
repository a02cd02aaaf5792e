/**
 * The agency register (`agency`): who may call the platform and in which role. Subgraphs hold the
 * active codes in memory (policy/grants.ts, reloaded on NOTIFY); the catalog serves the register.
 */
import { pgArray, type Sql } from '../db/sql';

export interface AgencyRecord {
  code: string;
  name: string;
  /** ADMINISTERING (the bureau), PROVIDER (owns a base database) or CONSUMER. */
  kind: string;
  /** Subgraph whose base database this agency provides, if any. */
  provides: string | null;
  description: string;
  /** ACTIVE, or SUSPENDED by the bureau (its tokens then read nothing). */
  status?: string;
  suspendedAt?: Date | null;
}

const COLUMNS = 'code, name, kind, provides, description, status, suspended_at AS "suspendedAt"';

/** What the bureau states when it registers or edits an agency. */
export interface AgencyFields {
  name: string;
  kind: string;
  provides: string | null;
  description: string;
}

/** Every agency, by code. */
export function listAgencies(sql: Sql): Promise<AgencyRecord[]> {
  return sql<AgencyRecord>(`SELECT ${COLUMNS} FROM agency ORDER BY code`);
}

/** The agencies with these codes (any order; absent codes are simply missing). */
export function loadAgencies(sql: Sql, codes: readonly string[]): Promise<AgencyRecord[]> {
  return sql<AgencyRecord>(`SELECT ${COLUMNS} FROM agency WHERE code = ANY(?::text[])`, [pgArray(codes)]);
}

/** Whether `code` is registered and not suspended. */
export async function isRegisteredAgency(sql: Sql, code: string): Promise<boolean> {
  return (await sql(`SELECT 1 FROM agency WHERE code = ? AND status = 'ACTIVE'`, [code])).length > 0;
}

/** Agencies registered, leaving out `except` (the administering bureau a migration registers). */
export async function countAgencies(sql: Sql, except: readonly string[] = []): Promise<number> {
  const [row] = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM agency WHERE NOT (code = ANY(?::text[]))`, [pgArray(except)]);
  return Number(row.n);
}

/** Registers a new agency; false when the code is taken (its row is left as it is). */
export async function insertAgency(sql: Sql, code: string, a: AgencyFields): Promise<boolean> {
  const rows = await sql(`INSERT INTO agency (code, name, kind, provides, description) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING RETURNING code`, [
    code,
    a.name,
    a.kind,
    a.provides,
    a.description,
  ]);
  return rows.length > 0;
}

/** Changes an agency's register entry (only the fields given); false when the code is unknown. */
export async function updateAgencyFields(sql: Sql, code: string, a: Partial<AgencyFields>): Promise<boolean> {
  const rows = await sql(
    `UPDATE agency SET name = coalesce(?, name), kind = coalesce(?, kind),
       provides = CASE WHEN ? THEN ? ELSE provides END, description = coalesce(?, description), updated_at = now()
     WHERE code = ? RETURNING code`,
    [a.name ?? null, a.kind ?? null, a.provides !== undefined, a.provides ?? null, a.description ?? null, code],
  );
  return rows.length > 0;
}

/**
 * Suspends (or, with `suspend` false, reinstates) an agency. The trigger on `agency` notifies
 * every subgraph, which drops (or takes back) the code on its next request.
 * Returns the status before the call (unchanged when it already was the wanted one), or null
 * when the code is unknown.
 */
export async function setAgencySuspension(sql: Sql, code: string, change: { suspend: boolean; reason: string; by: string }): Promise<string | null> {
  const [before] = await sql<{ status: string }>(`SELECT status FROM agency WHERE code = ? FOR UPDATE`, [code]);
  if (!before) return null;
  if ((before.status === 'SUSPENDED') === change.suspend) return before.status;
  await sql(
    change.suspend
      ? `UPDATE agency SET status = 'SUSPENDED', suspended_at = now(), suspended_reason = ?, suspended_by = ?, updated_at = now() WHERE code = ?`
      : `UPDATE agency SET status = 'ACTIVE', suspended_at = NULL, suspended_reason = ?, suspended_by = ?, updated_at = now() WHERE code = ?`,
    [change.reason, change.by, code],
  );
  return before.status;
}

/** Adds agencies that are not registered yet (a registered code keeps its row). */
export async function registerAgencies(sql: Sql, agencies: readonly AgencyRecord[]): Promise<void> {
  for (const a of agencies) {
    await sql(`INSERT INTO agency (code, name, kind, provides, description) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`, [
      a.code,
      a.name,
      a.kind,
      a.provides,
      a.description,
    ]);
  }
}

/**
 * The register as JSON rows, for the codes of the agencies that may call (activeAgencies):
 * read whole, so that a suspension column added to the register later (`status`, `active` or
 * `suspended_at`) is honoured without changing this query.
 */
export function loadAgencyRegister(sql: Sql): Promise<{ row: Record<string, unknown> }[]> {
  return sql<{ row: Record<string, unknown> }>('SELECT to_jsonb(a) AS row FROM agency a');
}

/** Codes of the agencies that may call, from loadAgencyRegister's rows. */
export function activeAgencies(rows: { row: Record<string, unknown> }[]): Set<string> {
  const codes = new Set<string>();
  for (const { row } of rows) {
    if (typeof row.code !== 'string') continue;
    if (typeof row.status === 'string' && row.status.toUpperCase() !== 'ACTIVE') continue;
    if (row.active === false) continue;
    if (row.suspended_at != null) continue;
    codes.add(row.code);
  }
  return codes;
}
