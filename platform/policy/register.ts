/**
 * The catalogue register held in memory by every subgraph process (issue 10, item 3), reloaded the
 * moment PostgreSQL notifies a change (LISTEN catalogue_register_changed), like the grants
 * (grants.ts), so that a reclassification takes effect on the next request everywhere, without a
 * restart or a release.
 *
 * `effective(item, code)` is the item's policy for the shield and the mask: the register's entry,
 * with the code's declaration as the fallback (not registered, or not loaded yet) and the floor:
 * when the register has not yet seen this process's declaration (a release whose boot-time sync
 * has not run, or the channel is down for more than a second and a change may have been missed),
 * each attribute is the stricter of the two. Otherwise the register's entry stands even where it
 * is looser than the code: the only way it got looser is a recorded review (论证审核).
 */
import { Client } from 'pg';
import { pgSql } from '../db/sql';
import { REGISTER_CHANGED_CHANNEL, loadRegister, type RegisterItemEntry, type RegisterResourceEntry } from '../governance';
import type { FieldPolicy } from './metadata';
import { classificationOf, stricterOf, type Classification } from './strictness';

const STALE_AFTER_MS = 1000;

const same = (a: Classification, b: Classification) =>
  a.type === b.type && a.open === b.open && a.level === b.level && a.mask === b.mask && (a.basis ?? null) === (b.basis ?? null);

export class RegisterStore {
  private items = new Map<string, RegisterItemEntry>();
  private resourceEntries = new Map<string, RegisterResourceEntry>();
  private effectiveCache = new Map<string, { code: FieldPolicy; effective: FieldPolicy }>();
  private loaded = false;
  private client?: Client;
  private connected = false;
  private lostAt = 0;
  private closed = false;
  private reloading?: Promise<void>;
  private reloadAgain = false;
  /** Bumped at every reload: readers that derive views from the register cache by it. */
  generation = 0;

  constructor(private readonly databaseUrl: string) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', () => void this.reload().catch(() => {}));
    await client.connect();
    await client.query(`LISTEN ${REGISTER_CHANGED_CHANNEL}`);
    this.client = client;
    await this.reload();
    this.connected = true;
  }

  private lost(client: Client) {
    if (this.client !== client || this.closed) return;
    this.connected = false;
    this.lostAt = Date.now();
    this.client = undefined;
    this.effectiveCache.clear();
    const retry = () => {
      if (this.closed) return;
      this.connect().catch(() => setTimeout(retry, 500));
    };
    setTimeout(retry, 100);
  }

  /** Reloads the whole register (a few hundred rows); notifications coalesce into one more reload. */
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
        const { items, resources } = await loadRegister(pgSql(client));
        this.items = items;
        this.resourceEntries = resources;
        this.effectiveCache = new Map();
        this.loaded = true;
        this.generation += 1;
      } while (this.reloadAgain);
    })().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private get stale(): boolean {
    return !this.connected && Date.now() - this.lostAt > STALE_AFTER_MS;
  }

  /** The item's effective policy (see the file comment); `code` is the process's declaration. */
  effective(item: string, code: FieldPolicy): FieldPolicy {
    const cached = this.effectiveCache.get(item);
    if (cached && cached.code === code && !this.stale) return cached.effective;
    const entry = this.loaded ? this.items.get(item) : undefined;
    if (!entry) return code;
    const declared = classificationOf(code);
    const c = this.stale || !same(entry.declared, declared) ? stricterOf(entry, declared) : entry;
    const effective: FieldPolicy = { ...code, type: c.type, open: c.open, level: c.level, mask: c.mask, basis: c.basis ?? undefined };
    if (!this.stale) this.effectiveCache.set(item, { code, effective });
    return effective;
  }

  /** The register's entry of an item (the catalogue's view), undefined when not registered or not loaded. */
  item(item: string): RegisterItemEntry | undefined {
    return this.items.get(item);
  }

  resource(code: string): RegisterResourceEntry | undefined {
    return this.resourceEntries.get(code);
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => {});
  }
}

let active: RegisterStore | undefined;

/** The process's register (set by the subgraph runner); undefined in a process that holds none. */
export function activeRegister(): RegisterStore | undefined {
  return active;
}

export function setActiveRegister(store: RegisterStore | undefined): void {
  active = store;
}
