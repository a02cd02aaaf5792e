/**
 * Sharing methods (Art. 18: 联机查询 online queries, 批量下载 batch downloads) as the workflow shows
 * and takes them: an application asks for methods, and for BATCH its bounds; each reviewer approves
 * the batch on its own (`reviewSharingApplication(approveBatch:)`), and the grant carries BATCH only
 * when every required reviewer did (issue 11 item 6, docs/exchange.md "Batch exports").
 */
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { badUserInput } from '../../../platform/errors';
import type { BatchBounds, SharingMethod as Method } from '../../../platform/governance';

export enum SharingMethod {
  ONLINE_QUERY = 'ONLINE_QUERY',
  BATCH = 'BATCH',
}
registerEnumType(SharingMethod, {
  name: 'SharingMethod',
  description: 'How granted data may be taken (Art. 18): ONLINE_QUERY (联机查询, request by request) or BATCH (批量下载, Mutation.requestBatchExport)',
});

/** The largest bounds an application may ask for (a city's population is about 6.6 million). */
export const MAX_BATCH_ROWS = 10_000_000;
export const MAX_EXPORTS_PER_DAY = 100;

@InputType({ description: 'The bounds of batch exports under the grant (required with BATCH)' })
export class BatchLimitsInput {
  @Field(() => Int, { description: `Rows per export, 1 to ${MAX_BATCH_ROWS.toLocaleString('en')}` })
  maxRows: number;

  @Field(() => Int, { description: `Exports per day (China Standard Time), 1 to ${MAX_EXPORTS_PER_DAY}` })
  exportsPerDay: number;
}

/** The methods and batch bounds of an application's input: ONLINE_QUERY by default; BATCH needs its bounds. */
export function validateMethods(
  methods: readonly string[] | null | undefined,
  limits: BatchLimitsInput | null | undefined,
): { methods: Method[]; batch: BatchBounds | null } {
  const list = [...new Set(methods?.length ? methods : [SharingMethod.ONLINE_QUERY])].sort() as Method[];
  if (!list.includes('BATCH')) {
    if (limits) throw badUserInput('Argument "input.batchLimits" is only for an application that asks for the BATCH method', { argument: 'input.batchLimits' });
    return { methods: list, batch: null };
  }
  if (!limits)
    throw badUserInput('An application for the BATCH method states its bounds in "input.batchLimits" { maxRows, exportsPerDay }', {
      argument: 'input.batchLimits',
    });
  const bound = (v: number, max: number, name: string) => {
    if (!Number.isInteger(v) || v < 1 || v > max)
      throw badUserInput(`Argument "input.batchLimits.${name}" must be a whole number from 1 to ${max}, got ${v}`, { argument: `input.batchLimits.${name}` });
    return v;
  };
  return {
    methods: list,
    batch: { maxRows: bound(limits.maxRows, MAX_BATCH_ROWS, 'maxRows'), exportsPerDay: bound(limits.exportsPerDay, MAX_EXPORTS_PER_DAY, 'exportsPerDay') },
  };
}
