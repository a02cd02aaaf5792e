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
import { Client } from 'pg';
import { pgSql } from '../db/sql';
import { GRANTS_CHANGED_CHANNEL, activeAgencies, loadAgencyRegister, loadLiveGrants, platformClockOffset, type LiveGrant } from '../governance';

export type { LiveGrant, RowScope } from '../governance';
export { activeAgencies } from '../governance';

const STALE_AFTER_MS = 1000;

export class GrantStore {
  private byAgency = new Map<string, LiveGrant[]>();
  private agencies = new Set<string>();
  /** The platform clock's offset from real time (ms), reloaded with the grants. */
  private clockOffset = 0;
  private client?: Client;
  private connected = false;
  private lostAt = 0;
  private closed = false;
  private reloading?: Promise<void>;
  private reloadAgain = false;
  /** When live grants were last loaded (ms since the epoch), for the grant store age metric. */
  reloadedAt?: number;

  constructor(private readonly databaseUrl: string) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    // A reload that fails (the connection just dropped) is retried by the reconnect in lost().
    client.on('notification', () => void this.reload().catch(() => {}));
    await client.connect();
    await client.query(`LISTEN ${GRANTS_CHANGED_CHANNEL}`);
    this.client = client;
    await this.reload();
    this.connected = true;
  }

  private lost(client: Client) {
    if (this.client !== client || this.closed) return;
    this.connected = false;
    this.lostAt = Date.now();
    this.client = undefined;
    const retry = () => {
      if (this.closed) return;
      this.connect().catch(() => setTimeout(retry, 500));
    };
    setTimeout(retry, 100);
  }

  /** Reloads every live grant; concurrent notifications coalesce into one more reload. */
  reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        const client = this.client;
        if (!client) return;
        const sql = pgSql(client);
        const offset = await platformClockOffset(sql);
        const next = new Map<string, LiveGrant[]>();
        for (const g of await loadLiveGrants(sql, new Date(Date.now() + offset))) next.set(g.agency, [...(next.get(g.agency) ?? []), g]);
        this.byAgency = next;
        this.clockOffset = offset;
        this.agencies = activeAgencies(await loadAgencyRegister(sql));
        this.reloadedAt = Date.now();
      } while (this.reloadAgain);
    })().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  /** The platform clock's now (ms), as last loaded. */
  platformNow(): number {
    return Date.now() + this.clockOffset;
  }

  /** The agency's grants that are live now (on the platform clock); none while the store cannot trust its data. */
  liveGrants(agency: string, now = this.platformNow()): LiveGrant[] {
    if (!this.connected && Date.now() - this.lostAt > STALE_AFTER_MS) return [];
    return (this.byAgency.get(agency) ?? []).filter((g) => g.validFrom.getTime() <= now && (g.validTo === null || g.validTo.getTime() > now));
  }

  /** Whether `code` is a registered, active agency. */
  isRegisteredAgency(code: string): boolean {
    return this.agencies.has(code);
  }

  /** Whether the notification channel is up (for `/ready`). */
  get isConnected(): boolean {
    return this.connected;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => {});
  }
}
