/**
 * A snapshot of governance tables held in memory and reloaded the moment PostgreSQL notifies a
 * change (LISTEN <channel>): the mechanism behind the live grants (policy/grants.ts) and the live
 * catalogue register (policy/register.ts). A lost connection is retried (100 ms, then every 500 ms)
 * and reloads on reconnect; concurrent notifications coalesce into one more reload; `stale` says the
 * channel has been down longer than a second, when a change may have been missed.
 */
import { Client } from 'pg';
import { pgSql, type Sql } from './sql';

const STALE_AFTER_MS = 1000;

export class NotifiedSnapshot {
  private client?: Client;
  private connected = false;
  private lostAt = 0;
  private closed = false;
  private reloading?: Promise<void>;
  private reloadAgain = false;

  /** `load` reads the tables into the owner's fields; `onLost` runs when the channel drops. */
  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly load: (sql: Sql) => Promise<void>,
    private readonly onLost: () => void = () => undefined,
  ) {}

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
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
    await this.reload();
    this.connected = true;
  }

  private lost(client: Client) {
    if (this.client !== client || this.closed) return;
    this.connected = false;
    this.lostAt = Date.now();
    this.client = undefined;
    this.onLost();
    const retry = () => {
      if (this.closed) return;
      this.connect().catch(() => setTimeout(retry, 500));
    };
    setTimeout(retry, 100);
  }

  /** Reloads the snapshot; notifications arriving meanwhile coalesce into one more reload. */
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
        await this.load(pgSql(client));
      } while (this.reloadAgain);
    })().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  /** The channel has been down for more than a second: a change may have been missed. */
  get stale(): boolean {
    return !this.connected && Date.now() - this.lostAt > STALE_AFTER_MS;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => {});
  }
}
