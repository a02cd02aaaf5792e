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
}

const COLUMNS = 'code, name, kind, provides, description';

/** Every agency, by code. */
export function listAgencies(sql: Sql): Promise<AgencyRecord[]> {
  return sql<AgencyRecord>(`SELECT ${COLUMNS} FROM agency ORDER BY code`);
}

/** The agencies with these codes (any order; absent codes are simply missing). */
export function loadAgencies(sql: Sql, codes: readonly string[]): Promise<AgencyRecord[]> {
  return sql<AgencyRecord>(`SELECT ${COLUMNS} FROM agency WHERE code = ANY(?::text[])`, [pgArray(codes)]);
}

export async function isRegisteredAgency(sql: Sql, code: string): Promise<boolean> {
  return (await sql(`SELECT 1 FROM agency WHERE code = ?`, [code])).length > 0;
}

export async function countAgencies(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM agency`);
  return Number(row.n);
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
