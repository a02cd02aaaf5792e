/**
 * Records held and freshness of each catalogue resource at a report date: from the refresh log
 * (platform/governance/refresh.ts) for the departments' resources; the catalog's own resources
 * are written by the platform as they happen, so they are always fresh and counted directly.
 */
import { auditEventsWrittenBy, countAgencies, countGrantsCreatedBy, latestRefreshes, refreshCountsBetween } from '../../../platform/governance';
import { governanceSubgraph } from '../../../platform/subgraph/registry';
import type { CatalogResourceData } from '../catalogue/catalogue';
import { Query, iso } from '../shared/sql';

/** Longest allowed age of a resource's data for its update cycle: the cycle plus a grace period. */
export const ALLOWED_AGE_HOURS: Record<string, number> = {
  REAL_TIME: 24,
  DAILY: 48,
  WEEKLY: 8 * 24,
  MONTHLY: 32 * 24,
  QUARTERLY: 93 * 24,
  YEARLY: 366 * 24,
};

export interface FreshnessRow {
  code: string;
  name: string;
  typeName: string;
  subgraph: string;
  updateCycle: string;
  records: number | null;
  lastRefreshedAt: string | null;
  refreshesInYear: number | null;
  allowedAgeHours: number;
  overdue: boolean;
  /** Issue 11: share of the resource's item cells filled (null: not measured). */
  completeness: number | null;
  /** Issue 11: share of the last ingest file's rows that passed validation (null: no file yet). */
  validityRate: number | null;
  /** The counts behind the two shares, summed per provider in the CSV. */
  itemsFilled: number | null;
  itemsExpected: number | null;
  rowsChecked: number | null;
  rowsValid: number | null;
}

const NOT_MEASURED = { completeness: null, validityRate: null, itemsFilled: null, itemsExpected: null, rowsChecked: null, rowsValid: null };
const share = (part: number | null | undefined, whole: number | null | undefined) => (part != null && whole ? part / whole : null);

/** The catalog's own resources: how many records each held at `asOf`. */
const OWN_RECORDS: Record<string, (q: Query, asOf: Date) => Promise<number>> = {
  Agency: (q) => countAgencies(q),
  SharingApplication: (q, asOf) => countRows(q, 'sharing_application', 'submitted_at', asOf),
  Grant: (q, asOf) => countGrantsCreatedBy(q, asOf),
  NonSharingObjection: (q, asOf) => countRows(q, 'non_sharing_objection', 'submitted_at', asOf),
  AuditEvent: (q, asOf) => auditEventsWrittenBy(q, asOf),
};

async function countRows(q: Query, table: 'sharing_application' | 'non_sharing_objection', created: string, asOf: Date): Promise<number> {
  const [row] = await q<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE ${created} <= ?`, [asOf]);
  return Number(row.n);
}

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

export async function freshness(q: Query, resources: CatalogResourceData[], start: Date, asOf: Date): Promise<Map<string, FreshnessRow>> {
  const self = governanceSubgraph();
  const latest = await latestRefreshes(q, asOf);
  const counts = await refreshCountsBetween(q, start, asOf);
  const out = new Map<string, FreshnessRow>();
  for (const r of resources) {
    const allowedAgeHours = ALLOWED_AGE_HOURS[r.updateCycle] ?? 24;
    const base = { code: r.code, name: r.name, typeName: r.typeName, subgraph: r.subgraph, updateCycle: r.updateCycle, allowedAgeHours };
    const own = r.subgraph === self ? OWN_RECORDS[r.typeName] : undefined;
    if (own) {
      // Written by the platform as it happens: always fresh; records as of the report date.
      out.set(r.code, {
        ...base,
        records: await own(q, asOf),
        lastRefreshedAt: asOf.toISOString(),
        refreshesInYear: null,
        overdue: false,
        ...NOT_MEASURED,
      });
      continue;
    }
    if (r.computedFrom) {
      // Computed on request from other resources (or reference data): no records of its own, never overdue.
      out.set(r.code, { ...base, records: null, lastRefreshedAt: null, refreshesInYear: null, overdue: false, ...NOT_MEASURED });
      continue;
    }
    const match = (x: { subgraph: string; tableName: string; typeName?: string }) =>
      x.subgraph === r.subgraph && (x.typeName === r.typeName || x.tableName === snake(r.typeName));
    const last = latest.find(match);
    const n = counts.filter((c) => c.subgraph === r.subgraph && c.tableName === (last?.tableName ?? snake(r.typeName))).reduce((s, c) => s + c.reports, 0);
    // The data's real last change when the report carries it (issue 11); else the report's time.
    const lastAt = last ? (last.lastChangedAt ?? last.refreshedAt) : null;
    out.set(r.code, {
      ...base,
      records: last ? last.records : null,
      lastRefreshedAt: iso(lastAt),
      refreshesInYear: n,
      overdue: !lastAt || asOf.getTime() - lastAt.getTime() > allowedAgeHours * 3600_000,
      completeness: share(last?.itemsFilled, last?.itemsExpected),
      validityRate: share(last?.rowsValid, last?.rowsChecked),
      itemsFilled: last?.itemsFilled ?? null,
      itemsExpected: last?.itemsExpected ?? null,
      rowsChecked: last?.rowsChecked ?? null,
      rowsValid: last?.rowsValid ?? null,
    });
  }
  return out;
}
