/**
 * What the router needs from the agency register and the approved applications, held in memory
 * and reloaded the moment PostgreSQL notifies a change (platform/db/notified-snapshot.ts, as the
 * grants and the catalogue register are): each agency's rate-limit overrides and enforce flag
 * (channel `grants_changed`, which the agency trigger notifies), and each agency's trusted
 * documents (channel `trusted_documents_changed`). Both are small: the register has tens of
 * agencies, an application a few documents. Until the first load (or without a database) there
 * are no overrides, no enforcing agency and no trusted documents.
 */
import { NotifiedSnapshot } from '../platform/db/notified-snapshot';
import { GRANTS_CHANGED_CHANNEL, TRUSTED_DOCUMENTS_CHANNEL, loadAgencyControls, loadTrustedDocuments, type AgencyControlRecord } from '../platform/governance';

export class AgencyControls {
  private controls = new Map<string, AgencyControlRecord>();
  /** agency → document id (SHA-256 hex) → document text. */
  private documents = new Map<string, Map<string, string>>();
  private readonly live: NotifiedSnapshot[];

  constructor(databaseUrl: string) {
    this.live = [
      new NotifiedSnapshot(databaseUrl, GRANTS_CHANGED_CHANNEL, async (sql) => {
        this.controls = new Map((await loadAgencyControls(sql)).map((c) => [c.code, c]));
      }),
      new NotifiedSnapshot(databaseUrl, TRUSTED_DOCUMENTS_CHANNEL, async (sql) => {
        const byAgency = new Map<string, Map<string, string>>();
        for (const d of await loadTrustedDocuments(sql)) {
          if (!byAgency.has(d.agency)) byAgency.set(d.agency, new Map());
          byAgency.get(d.agency)!.set(d.sha256, d.document);
        }
        this.documents = byAgency;
      }),
    ];
  }

  async start(): Promise<void> {
    await Promise.all(this.live.map((l) => l.start()));
  }

  /** Reloads both now (tests; notifications do it otherwise). */
  async reload(): Promise<void> {
    await Promise.all(this.live.map((l) => l.reload()));
  }

  rateOverride(agency: string): { requestsPerSecond?: number; costPerSecond?: number } | undefined {
    const c = this.controls.get(agency);
    return c ? { requestsPerSecond: c.requestsPerSecond ?? undefined, costPerSecond: c.costPerSecond ?? undefined } : undefined;
  }

  enforcesTrustedDocuments(agency: string): boolean {
    return this.controls.get(agency)?.enforceTrustedDocuments === true;
  }

  /** The agency's approved document with this id, if its own applications hold one. */
  trustedDocument(agency: string, id: string): string | undefined {
    return this.documents.get(agency)?.get(id);
  }

  async close(): Promise<void> {
    await Promise.all(this.live.map((l) => l.close()));
  }
}
