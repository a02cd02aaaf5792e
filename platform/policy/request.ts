/**
 * The policy state of one request: who asks, for which purpose, the decisions already taken
 * (one per item, memoised, so a page of 500 rows decides each item once) and what was served.
 */
import type { Identity } from '../identity/identity';
import type { AuditCollector } from '../audit/collector';
import { Decision, decide } from './decide';
import { ErrorCode } from '../errors';
import type { GrantStore } from './grants';
import type { FieldPolicy } from './metadata';
import type { RegisterStore } from './register';

export class RequestPolicy {
  private decisions = new Map<string, Decision>();

  constructor(
    readonly identity: Identity,
    readonly purpose: string | undefined,
    private readonly grants: GrantStore,
    readonly audit: AuditCollector,
    /** The post (token `roles`) an agency needs to read this subgraph's items that are not open:
     *  `operator` in the base databases (Art. 8: queries are the 数据操作员's); none in the
     *  governance subgraph, whose resolvers decide by post themselves. */
    private readonly readingPost?: string,
    /** The catalogue register (issue 10): the item's effective policy, the code's as its floor. */
    private readonly register?: RegisterStore,
  ) {}

  /** The policy the item is decided by: the register's entry (register.ts), or the code's. */
  effectivePolicy(item: string, code: FieldPolicy): FieldPolicy {
    return this.register ? this.register.effective(item, code) : code;
  }

  decision(item: string, code: FieldPolicy): Decision {
    let d = this.decisions.get(item);
    if (d) return d;
    const policy = this.effectivePolicy(item, code);
    d = this.postRefusal(item, policy);
    if (!d) {
      // A request is decided only by the grants of its own method (Art. 18): a batch export job's
      // token by the BATCH grants, every other request by the ONLINE_QUERY ones.
      const method = this.identity.batchExport ? 'BATCH' : 'ONLINE_QUERY';
      const live =
        this.identity.kind === 'agency' && this.identity.agency ? this.grants.liveGrants(this.identity.agency).filter((g) => g.methods.has(method)) : [];
      d = decide(item, policy, this.identity, this.purpose, live);
      this.decisions.set(item, d);
    }
    return d;
  }

  /** A refusal when an agency's token lacks the reading post (open items need none). */
  private postRefusal(item: string, policy: FieldPolicy): Decision | undefined {
    const post = this.readingPost;
    if (!post || this.identity.kind !== 'agency' || policy.open === 'OPEN' || this.identity.roles.includes(post)) return undefined;
    const reason = `Reading ${item} needs the role "${post}" in the token; this token holds ${this.identity.roles.join(', ') || 'no role'}`;
    const d: Decision = {
      allowed: false,
      reason,
      extensions: { code: ErrorCode.FORBIDDEN, item, reason: 'role', requiredRole: post, provider: policy.provider },
    };
    this.decisions.set(item, d);
    return d;
  }
}
