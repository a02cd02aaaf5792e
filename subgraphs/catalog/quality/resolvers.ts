/**
 * Consistency findings as GraphQL: `consistencyFindings` scoped to the caller (the bureau: all; a
 * provider: the findings that involve an item it provides; any other agency: none), values masked
 * per reader (disclosure.ts); `runConsistencyCheck`, the bureau's approver running the job now.
 */
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { badUserInput } from '../../../platform/errors';
import { mapConnection, validateFirst } from '../../../platform/graphql/connection';
import { keysetPage, TIMESTAMP_TEXT, UUID_TEXT, type Clause } from '../../../platform/db/keyset';
import type { CatalogLoaders } from '../loaders';
import { iso, query, transaction } from '../shared/sql';
import { agencyActor, BUREAU, requireBureau, Role, roleActor } from '../shared/actors';
import { recordTransition } from '../shared/transitions';
import { WORKFLOW } from '../shared/policy';
import { ConsistencyCheckRun, ConsistencyFinding, ConsistencyFindingConnection, FindingStatus } from './types';
import { ConsistencyRule } from './rules';
import { disclose } from './disclosure';
import { runConsistencyCheck } from './job';
import { routerReader } from './reader';

type Ctx = SubgraphContext<CatalogLoaders>;

interface FindingRow {
  id: string;
  rule: string;
  subject_kind: string;
  subject_key: string;
  record_key: string;
  source_a: string;
  item_a: string;
  value_a: string | null;
  provider_a: string;
  source_b: string;
  item_b: string;
  value_b: string | null;
  provider_b: string;
  status: FindingStatus;
  first_seen: Date;
  last_seen: Date;
  closed_at: Date | null;
}

function toFinding(ctx: Ctx, f: FindingRow): ConsistencyFinding {
  const side = (source: string, item: string, value: string | null, provider: string) => ({
    source,
    item,
    provider,
    ...disclose(ctx, item, value, f.subject_key),
  });
  return {
    id: f.id,
    rule: f.rule,
    status: f.status,
    subjectKind: f.subject_kind,
    subjectKey: f.subject_key,
    recordKey: f.record_key || null,
    sourceA: side(f.source_a, f.item_a, f.value_a, f.provider_a),
    sourceB: side(f.source_b, f.item_b, f.value_b, f.provider_b),
    provider: f.provider_b,
    firstSeen: iso(f.first_seen)!,
    lastSeen: iso(f.last_seen)!,
    closedAt: iso(f.closed_at),
  };
}

const RULES = new Set<string>(Object.values(ConsistencyRule));

@Resolver(() => ConsistencyFinding)
export class ConsistencyFindingResolver {
  @Query(() => ConsistencyFindingConnection, {
    description:
      'Consistency findings (一数一源, Art. 9), newest first: the bureau sees all; a providing agency those involving an item it provides; ' +
      'other agencies none. Values are shown as the caller’s own policy would serve them (its grants and x-purpose), null when refused.',
  })
  @Sharing(WORKFLOW)
  async consistencyFindings(
    @Ctx() ctx: Ctx,
    @Arg('rule', () => String, { nullable: true }) rule?: string,
    @Arg('status', () => FindingStatus, { nullable: true }) status?: FindingStatus,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const actor = agencyActor(ctx.policy.identity, 'Listing consistency findings');
    if (rule != null && !RULES.has(rule))
      throw badUserInput(`Argument "rule" must be one of ${[...RULES].join(', ')}, got ${JSON.stringify(rule)}`, { argument: 'rule' });
    const size = validateFirst(first);
    const where: Clause[] = [];
    if (actor.agency !== BUREAU) where.push({ sql: '(provider_a = ? OR provider_b = ?)', params: [actor.agency, actor.agency] });
    if (rule) where.push({ sql: 'rule = ?', params: [rule] });
    if (status) where.push({ sql: 'status = ?', params: [status] });
    const page = await keysetPage<FindingRow>(query(ctx.em), {
      select: '*',
      from: 'consistency_finding',
      where,
      key: [
        { column: 'first_seen', type: 'timestamptz', pattern: TIMESTAMP_TEXT },
        { column: 'id', type: 'uuid', pattern: UUID_TEXT },
      ],
      direction: 'DESC',
      first: size,
      after,
    });
    return mapConnection(page, (f) => toFinding(ctx, f));
  }

  @Mutation(() => ConsistencyCheckRun, {
    description:
      'The bureau’s approver runs the consistency job now (一数一源, Art. 9): it reads the base databases through the router as the quality-check ' +
      'actor (audited under that name), opens new findings, refreshes those still found and closes those no longer found',
  })
  async runConsistencyCheck(@Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'ConsistencyFinding', 'runConsistencyCheck', undefined, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Running the consistency check');
      requireBureau(actor, 'Running the consistency check (一数一源, Art. 9)');
      const summary = await runConsistencyCheck(await routerReader(), (fn) => transaction(ctx.em, fn));
      return { ...summary, startedAt: summary.startedAt.toISOString() };
    });
  }
}
