/**
 * Live grants, held in memory by every subgraph process and reloaded the moment PostgreSQL
 * notifies a change (LISTEN grants_changed), so that a revocation takes effect on the next request
 * everywhere, without a restart (README, "Grants change at once"). Expiry is checked against the
 * platform clock at every decision (issue 10, item 9: real time plus the offset of
 * platform/governance/clock.ts, learnt on the same notification as the grants, so a test that
 * moves the clock sees grants expire in every subgraph at once; production's offset is always 0).
 * Fail closed: while the notification channel is down for more than a second, no grant is trusted
 * and CONDITIONAL items are refused.
 *
 * The agency register (the catalog's `agency` table) is loaded with the grants, on the same
 * notification: a token naming an agency that is not registered (or no longer active) is refused
 * (issue 8: tokens). The register is kept while the channel is down (it changes rarely, and
 * refusing every agency would turn a blip into an outage); it is empty until first loaded.
 */
import type { Sql } from '../db/sql';
import { NotifiedSnapshot } from '../db/notified-snapshot';
import { GRANTS_CHANGED_CHANNEL, activeAgencies, loadAgencyRegister, loadLiveGrants, platformClockOffset, type LiveGrant } from '../governance';

export type { LiveGrant, RowScope } from '../governance';
export { activeAgencies } from '../governance';

export class GrantStore {
  private byAgency = new Map<string, LiveGrant[]>();
  private agencies = new Set<string>();
  /** The platform clock's offset from real time (ms), reloaded with the grants. */
  private clockOffset = 0;
  /** When live grants were last loaded (ms since the epoch), for the grant store age metric. */
  reloadedAt?: number;
  private readonly live: NotifiedSnapshot;

  constructor(databaseUrl: string) {
    this.live = new NotifiedSnapshot(databaseUrl, GRANTS_CHANGED_CHANNEL, (sql) => this.load(sql));
  }

  async start(): Promise<void> {
    await this.live.start();
  }

  /** Reloads every live grant (and the agency register and the platform clock's offset). */
  reload(): Promise<void> {
    return this.live.reload();
  }

  private async load(sql: Sql): Promise<void> {
    const offset = await platformClockOffset(sql);
    const next = new Map<string, LiveGrant[]>();
    for (const g of await loadLiveGrants(sql, new Date(Date.now() + offset))) next.set(g.agency, [...(next.get(g.agency) ?? []), g]);
    this.byAgency = next;
    this.clockOffset = offset;
    this.agencies = activeAgencies(await loadAgencyRegister(sql));
    this.reloadedAt = Date.now();
  }

  /** The platform clock's now (ms), as last loaded. */
  platformNow(): number {
    return Date.now() + this.clockOffset;
  }

  /** The agency's grants that are live now (on the platform clock); none while the store cannot trust its data. */
  liveGrants(agency: string, now = this.platformNow()): LiveGrant[] {
    if (this.live.stale) return [];
    return (this.byAgency.get(agency) ?? []).filter((g) => g.validFrom.getTime() <= now && (g.validTo === null || g.validTo.getTime() > now));
  }

  /** Whether `code` is a registered, active agency. */
  isRegisteredAgency(code: string): boolean {
    return this.agencies.has(code);
  }

  /** Whether the notification channel is up (for `/ready`). */
  get isConnected(): boolean {
    return this.live.isConnected;
  }

  async close(): Promise<void> {
    await this.live.close();
  }
}
