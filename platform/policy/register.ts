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
import type { Sql } from '../db/sql';
import { NotifiedSnapshot } from '../db/notified-snapshot';
import { REGISTER_CHANGED_CHANNEL, loadRegister, type RegisterItemEntry, type RegisterResourceEntry } from '../governance';
import type { FieldPolicy } from './metadata';
import { classificationOf, stricterOf, type Classification } from './strictness';

const same = (a: Classification, b: Classification) =>
  a.type === b.type && a.open === b.open && a.level === b.level && a.mask === b.mask && (a.basis ?? null) === (b.basis ?? null);

export class RegisterStore {
  private items = new Map<string, RegisterItemEntry>();
  private resourceEntries = new Map<string, RegisterResourceEntry>();
  private effectiveCache = new Map<string, { code: FieldPolicy; effective: FieldPolicy }>();
  private loaded = false;
  /** Bumped at every reload: readers that derive views from the register cache by it. */
  generation = 0;
  private readonly live: NotifiedSnapshot;

  constructor(databaseUrl: string) {
    this.live = new NotifiedSnapshot(
      databaseUrl,
      REGISTER_CHANGED_CHANNEL,
      (sql) => this.load(sql),
      () => this.effectiveCache.clear(),
    );
  }

  async start(): Promise<void> {
    await this.live.start();
  }

  /** Reloads the whole register (a few hundred rows); notifications coalesce into one more reload. */
  reload(): Promise<void> {
    return this.live.reload();
  }

  private async load(sql: Sql): Promise<void> {
    const { items, resources } = await loadRegister(sql);
    this.items = items;
    this.resourceEntries = resources;
    this.effectiveCache = new Map();
    this.loaded = true;
    this.generation += 1;
  }

  private get stale(): boolean {
    return this.live.stale;
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
    return this.live.isConnected;
  }

  async close(): Promise<void> {
    await this.live.close();
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
