/**
 * The policy state of one request: who asks, for which purpose, the decisions already taken
 * (one per item, memoised, so a page of 500 rows decides each item once) and what was served.
 */
import type { Identity } from '../identity/identity';
import type { AuditCollector } from '../audit/collector';
import { Decision, decide } from './decide';
import type { GrantStore } from './grants';
import type { FieldPolicy } from './metadata';

export class RequestPolicy {
  private decisions = new Map<string, Decision>();

  constructor(
    readonly identity: Identity,
    readonly purpose: string | undefined,
    private readonly grants: GrantStore,
    readonly audit: AuditCollector,
  ) {}

  decision(item: string, policy: FieldPolicy): Decision {
    let d = this.decisions.get(item);
    if (!d) {
      const live = this.identity.kind === 'agency' && this.identity.agency ? this.grants.liveGrants(this.identity.agency) : [];
      d = decide(item, policy, this.identity, this.purpose, live);
      this.decisions.set(item, d);
    }
    return d;
  }
}
