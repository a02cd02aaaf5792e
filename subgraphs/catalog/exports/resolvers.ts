/**
 * Batch exports as GraphQL: `requestBatchExport` (an agency's operator; checked against its BATCH
 * grants and queued, request.ts), `batchExports` and `batchExport(id:)` — the agency's own jobs with
 * their progress (the bureau sees every agency's, as it sees every application). Another agency's
 * job is indistinguishable from one that does not exist.
 */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { mapConnection, validateFirst } from '../../../platform/graphql/connection';
import { loadExport, pageExports, type ExportRecord } from '../../../platform/governance';
import type { CatalogLoaders } from '../loaders';
import { iso, isUuid, query, transaction } from '../shared/sql';
import { agencyActor, BUREAU, Role, roleActor } from '../shared/actors';
import { recordTransition } from '../shared/transitions';
import { nowOf } from '../shared/request-clock';
import { WORKFLOW } from '../shared/policy';
import { currentCatalogue } from '../catalogue/catalogue';
import { BatchExport, BatchExportConnection, BatchExportInput, BatchExportStatus } from './types';
import { queueExport } from './request';
import { wakeExportRunner } from './runner';

type Ctx = SubgraphContext<CatalogLoaders>;

function toBatchExport(e: ExportRecord): BatchExport {
  return {
    ...e,
    resource: e.resource as BatchExport['resource'],
    format: e.format as BatchExport['format'],
    status: e.status as BatchExportStatus,
    filter: JSON.stringify(e.filter),
    requestedAt: iso(e.requestedAt)!,
    startedAt: iso(e.startedAt),
    completedAt: iso(e.completedAt),
    expiresAt: iso(e.expiresAt),
    downloadPath: e.status === 'COMPLETED' ? `/exports/${e.id}` : null,
  };
}

@Resolver(() => BatchExport)
export class BatchExportResolver {
  @Mutation(() => BatchExport, {
    description:
      'Requests a batch export (批量下载, Art. 18) as the calling agency’s operator: needs a live grant with the BATCH method for the purpose holding every item ' +
      '(BATCH_NOT_GRANTED), within its rows per export and exports per day (EXPORT_LIMIT_EXCEEDED). The job reads through the router as the agency, so every ' +
      'row is decided, masked and audited as an online read; poll batchExport(id:) and download GET /exports/<id> with the agency’s token.',
  })
  async requestBatchExport(@Arg('input', () => BatchExportInput) input: BatchExportInput, @Ctx() ctx: Ctx) {
    const result = await recordTransition(
      ctx,
      'BatchExport',
      'requestBatchExport',
      undefined,
      async () => {
        const actor = roleActor(ctx.policy.identity, Role.OPERATOR, 'Requesting a batch export');
        const now = await nowOf(ctx);
        const id = await transaction(ctx.em, (q) => queueExport(q, actor, input, currentCatalogue(), now));
        return toBatchExport((await loadExport(query(ctx.em), id))!);
      },
      (e) => e.id,
    );
    wakeExportRunner();
    return result;
  }

  @Query(() => BatchExportConnection, {
    description: 'The calling agency’s batch exports, newest first, with their progress (the bureau: every agency’s)',
  })
  @Sharing(WORKFLOW)
  async batchExports(
    @Ctx() ctx: Ctx,
    @Arg('status', () => BatchExportStatus, { nullable: true }) status?: BatchExportStatus,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const actor = agencyActor(ctx.policy.identity, 'Listing batch exports');
    const page = await pageExports(query(ctx.em), { agency: actor.agency === BUREAU ? undefined : actor.agency, status }, validateFirst(first), after);
    return mapConnection(page, toBatchExport);
  }

  @Query(() => BatchExport, { nullable: true, description: 'One of the calling agency’s batch exports (null for any other id, existing or not)' })
  @Sharing(WORKFLOW)
  async batchExport(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    const actor = agencyActor(ctx.policy.identity, 'Reading a batch export');
    if (!isUuid(id)) return null;
    const e = await loadExport(query(ctx.em), id.toLowerCase());
    if (!e || (actor.agency !== BUREAU && e.agencyCode !== actor.agency)) return null;
    return toBatchExport(e);
  }
}
