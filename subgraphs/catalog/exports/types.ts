/** Batch exports (批量下载, Art. 18) as GraphQL: the request, the job and its progress. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sharing } from '../../../platform/policy/metadata';
import { Connection } from '../../../platform/graphql/connection';
import { WORKFLOW } from '../shared/policy';
import { ExportResourceName } from './resources';

export enum ExportFormatName {
  CSV = 'CSV',
  NDJSON = 'NDJSON',
}
registerEnumType(ExportFormatName, {
  name: 'ExportFormat',
  description: 'CSV (RFC 4180, UTF-8 with BOM, a header of field names) or NDJSON (one JSON object per line)',
});
registerEnumType(ExportResourceName, {
  name: 'ExportResource',
  description: 'What can be exported: PERSON (population, the persons list) or LEGAL_PERSON (legal persons, the legalPersons list)',
});

export enum BatchExportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(BatchExportStatus, {
  name: 'BatchExportStatus',
  description: 'QUEUED, RUNNING, COMPLETED (downloadable until expiresAt), FAILED (errorCode says why; nothing kept), EXPIRED (the file was deleted)',
});

@InputType({ description: 'One filter argument of the resource’s list query (an item for the policy: filtering needs the right to read it)' })
export class ExportFilterInput {
  @Field(() => String, { description: 'persons: divisionCode, bornFrom, bornTo; legalPersons: name, status, divisionCode' })
  argument: string;

  @Field(() => String)
  value: string;
}

@InputType()
export class BatchExportInput {
  @Field(() => ExportResourceName)
  resource: ExportResourceName;

  @Field(() => [String], {
    description: 'Value items of the resource as `Type.field`, in the file’s column order; each must be in a live BATCH grant for the purpose',
  })
  items: string[];

  @Field(() => [ExportFilterInput], { nullable: true })
  filter?: ExportFilterInput[] | null;

  @Field(() => String, { description: 'The purpose (Art. 19): the grant’s, as x-purpose online' })
  purpose: string;

  @Field(() => ExportFormatName)
  format: ExportFormatName;

  @Field(() => Int, { nullable: true, description: 'Rows at most (default and ceiling: the grant’s batchMaxRows)' })
  maxRows?: number | null;
}

@ObjectType({ description: 'A batch export job (批量下载, Art. 18) and its file' })
export class BatchExport {
  @Field(() => ID) @Sharing(WORKFLOW) id: string;
  @Field(() => String, { description: 'The requesting agency' }) @Sharing(WORKFLOW) agencyCode: string;
  @Field(() => String) @Sharing(WORKFLOW) operator: string;
  @Field(() => ID, { description: 'The BATCH grant it was checked against' }) @Sharing(WORKFLOW) grantId: string;
  @Field(() => ExportResourceName) @Sharing(WORKFLOW) resource: ExportResourceName;
  @Field(() => [String]) @Sharing(WORKFLOW) items: string[];
  @Field(() => String, { description: 'The filter arguments as JSON' }) @Sharing(WORKFLOW) filter: string;
  @Field(() => String) @Sharing(WORKFLOW) purpose: string;
  @Field(() => ExportFormatName) @Sharing(WORKFLOW) format: ExportFormatName;
  @Field(() => BatchExportStatus) @Sharing(WORKFLOW) status: BatchExportStatus;
  @Field(() => Int) @Sharing(WORKFLOW) maxRows: number;
  @Field(() => Float, { description: 'Rows written so far (progress)' }) @Sharing(WORKFLOW) rowsWritten: number;
  @Field(() => Float, { description: 'Bytes written so far' }) @Sharing(WORKFLOW) bytesWritten: number;
  @Field(() => Float, { description: 'Values the policy refused inside rows (outside a row-scoped grant): empty in the file, as online' })
  @Sharing(WORKFLOW)
  valuesRefused: number;
  @Field(() => Boolean, { description: 'More rows existed than maxRows (or EXPORT_MAX_BYTES) allowed' }) @Sharing(WORKFLOW) truncated: boolean;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) errorCode: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) error: string | null;
  @Field(() => String) @Sharing(WORKFLOW) requestedAt: string;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) startedAt: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) completedAt: string | null;
  @Field(() => String, { nullable: true, description: 'Until when the file can be downloaded' }) @Sharing(WORKFLOW) expiresAt: string | null;
  @Field(() => String, { nullable: true, description: 'GET this path on the router with the agency’s token (COMPLETED only)' })
  @Sharing(WORKFLOW)
  downloadPath: string | null;
}

export const BatchExportConnection = Connection(BatchExport, 'BatchExport');
