/**
 * Per-agency daily lookup budgets (`lookup_budget` overrides, `lookup_usage` counters): one counter
 * for every replica of every subgraph. The policy layer decides what counts (policy/lookup-budget.ts).
 */
import type { Sql } from '../db/sql';

export interface LookupCharge {
  allowed: boolean;
  used: number;
  limit: number;
}

/**
 * Adds `n` lookups to the agency's count for `day` only if the total stays within its limit (its
 * override, else `defaultPerDay`): one atomic statement when it fits, no partial charge.
 */
export async function chargeLookupBudget(sql: Sql, agency: string, day: string, n: number, defaultPerDay: number): Promise<LookupCharge> {
  const [{ used, lim }] = await sql<{ used: number | null; lim: number }>(
    `WITH lim AS (SELECT COALESCE((SELECT lookups_per_day FROM lookup_budget WHERE agency = ?), ?::int) AS n),
          charged AS (
            INSERT INTO lookup_usage AS u (agency, day, used)
            SELECT ?, ?::date, ?::int WHERE ?::int <= (SELECT n FROM lim)
            ON CONFLICT (agency, day) DO UPDATE SET used = u.used + EXCLUDED.used
              WHERE u.used + EXCLUDED.used <= (SELECT n FROM lim)
            RETURNING used)
     SELECT (SELECT used FROM charged) AS used, (SELECT n FROM lim) AS lim`,
    [agency, defaultPerDay, agency, day, n, n],
  );
  if (used != null) return { allowed: true, used, limit: lim };
  const [current] = await sql<{ used: number }>(`SELECT used FROM lookup_usage WHERE agency = ? AND day = ?::date`, [agency, day]);
  return { allowed: false, used: current?.used ?? 0, limit: lim };
}
