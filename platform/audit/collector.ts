/**
 * What one request served, masked and refused, collected field by field while it executes and
 * turned into audit events (one per resource type) when it completes.
 *
 * Every subject is kept (no cap: a 2,000-row read names 2,000 subjects), each with whether its
 * key was disclosed to the caller in this request (the key itself was served, e.g. `Person.id`)
 * or only recorded (the parent of a refused link or of open-only fields, a household's members):
 * an agency's own audit view shows only the keys it was served (issue 8, class 12).
 */
export type Outcome = 'served' | 'masked' | 'refused';

export interface AuditSubject {
  key: string;
  /** The key was served to the caller in this request. */
  disclosed: boolean;
}

export interface AuditEvent {
  at: Date;
  requestId: string;
  /** The client's own request id (kept beside the router's, never as the key). */
  correlationId?: string | null;
  subgraph: string;
  agency: string | null;
  /** False when the agency is only claimed by a token that did not verify (router refusals). */
  agencyVerified?: boolean | null;
  operator: string | null;
  actorSubject: string | null;
  purpose: string | null;
  operation: string | null;
  /** SHA-256 (hex) of the operation document the router executed or refused (x-operation-hash): ties the row to a trusted document. */
  operationHash?: string | null;
  resource: string;
  itemsServed: string[];
  itemsMasked: string[];
  itemsRefused: string[];
  subjects: AuditSubject[];
  decision: 'SERVED' | 'MASKED' | 'REFUSED' | 'PARTIAL';
  /** Router refusals: the error code, the caller's address (anonymous ones) and how many were aggregated. */
  refusalReason?: string | null;
  sourceAddress?: string | null;
  refusalCount?: number;
}

interface ResourceTally {
  served: Set<string>;
  masked: Set<string>;
  refused: Set<string>;
  subjects: Set<string>;
}

export type SubjectKeys = string | readonly string[] | null | undefined;

export class AuditCollector {
  readonly at = new Date();
  private resources = new Map<string, ResourceTally>();
  /** Keys the caller was served in this request, whichever resource served them. */
  private disclosedKeys = new Set<string>();

  /**
   * @param operation the client's operation name, as the router forwards it (x-operation-name).
   * @param operationHash the SHA-256 of the operation's document, as the router forwards it (x-operation-hash).
   */
  constructor(
    public operation: string | null = null,
    public operationHash: string | null = null,
  ) {}

  record(resource: string, item: string, outcome: Outcome, subjectKeys?: SubjectKeys): void {
    let tally = this.resources.get(resource);
    if (!tally) {
      tally = { served: new Set(), masked: new Set(), refused: new Set(), subjects: new Set() };
      this.resources.set(resource, tally);
    }
    tally[outcome].add(item);
    if (typeof subjectKeys === 'string') tally.subjects.add(subjectKeys);
    else if (subjectKeys) for (const k of subjectKeys) if (k) tally.subjects.add(k);
  }

  /** The key was served to the caller (a field's value was the key itself, or a mutation's id). */
  disclose(key: string): void {
    this.disclosedKeys.add(key);
  }

  get isEmpty(): boolean {
    return this.resources.size === 0;
  }

  events(
    base: Pick<AuditEvent, 'requestId' | 'subgraph' | 'agency' | 'operator' | 'actorSubject' | 'purpose'> & { correlationId?: string | null },
  ): AuditEvent[] {
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
        operationHash: this.operationHash,
        resource,
        itemsServed: served,
        itemsMasked: masked,
        itemsRefused: refused,
        subjects: [...t.subjects].sort().map((key) => ({ key, disclosed: this.disclosedKeys.has(key) })),
        decision,
      };
    });
  }
}
