/**
 * What one request served, masked and refused, collected field by field while it executes and
 * turned into audit events (one per resource type) when it completes.
 */
export type Outcome = 'served' | 'masked' | 'refused';

export interface AuditEvent {
  at: Date;
  requestId: string;
  subgraph: string;
  agency: string | null;
  operator: string | null;
  actorSubject: string | null;
  purpose: string | null;
  operation: string | null;
  resource: string;
  itemsServed: string[];
  itemsMasked: string[];
  itemsRefused: string[];
  subjectKeys: string[];
  decision: 'SERVED' | 'MASKED' | 'REFUSED' | 'PARTIAL';
}

interface ResourceTally {
  served: Set<string>;
  masked: Set<string>;
  refused: Set<string>;
  subjects: Set<string>;
}

/** Subject keys recorded per event are capped: a page of 500 rows is still one readable event. */
const MAX_SUBJECTS_PER_EVENT = 1000;

export class AuditCollector {
  readonly at = new Date();

  /** @param operation the client's operation name, as the router forwards it (x-operation-name). */
  constructor(public operation: string | null = null) {}
  private resources = new Map<string, ResourceTally>();

  record(resource: string, item: string, outcome: Outcome, subjectKey?: string | null): void {
    let tally = this.resources.get(resource);
    if (!tally) {
      tally = { served: new Set(), masked: new Set(), refused: new Set(), subjects: new Set() };
      this.resources.set(resource, tally);
    }
    tally[outcome].add(item);
    if (subjectKey && tally.subjects.size < MAX_SUBJECTS_PER_EVENT) tally.subjects.add(subjectKey);
  }

  get isEmpty(): boolean {
    return this.resources.size === 0;
  }

  events(base: Omit<AuditEvent, 'resource' | 'itemsServed' | 'itemsMasked' | 'itemsRefused' | 'subjectKeys' | 'decision' | 'at' | 'operation'>): AuditEvent[] {
    return [...this.resources.entries()].map(([resource, t]) => {
      const served = [...t.served].filter((i) => !t.masked.has(i)).sort();
      const masked = [...t.masked].sort();
      const refused = [...t.refused].sort();
      const anyServed = served.length + masked.length > 0;
      const decision = !anyServed ? 'REFUSED' : refused.length ? 'PARTIAL' : masked.length ? 'MASKED' : 'SERVED';
      return {
        ...base,
        at: this.at,
        operation: this.operation,
        resource,
        itemsServed: served,
        itemsMasked: masked,
        itemsRefused: refused,
        subjectKeys: [...t.subjects].sort(),
        decision,
      };
    });
  }
}
