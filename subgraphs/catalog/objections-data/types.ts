/** Data objections (异议核实, Art. 11) as GraphQL. */
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Sharing } from '../../../platform/policy/metadata';
import { Connection } from '../../../platform/graphql/connection';
import { WORKFLOW } from '../shared/policy';

export enum DataObjectionStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(DataObjectionStatus, { name: 'DataObjectionStatus', description: 'OPEN (awaiting verification) or RESOLVED' });

export enum DataObjectionOutcome {
  CORRECTED = 'CORRECTED',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}
registerEnumType(DataObjectionOutcome, {
  name: 'DataObjectionOutcome',
  description: 'CORRECTED (the value was wrong and is corrected), CONFIRMED (the value is right), REJECTED (the objection is unfounded or names no record)',
});

@InputType({ description: 'An objection to one value: the item (Type.field) of one record (its key)' })
export class DataObjectionInput {
  @Field(() => String, { description: 'The catalogue item, e.g. Person.name' }) item: string;
  @Field(() => String, { description: 'The record’s key as the API serves it (e.g. Person.id)' }) key: string;
  @Field(() => String, { description: 'What is wrong, and what the value should be' }) claim: string;
  @Field(() => String, { description: 'The evidence (document, case number…)' }) evidence: string;
}

@ObjectType({ description: 'A data objection (异议核实, Art. 11): an agency says a value is wrong; the provider verifies it by a deadline' })
export class DataObjection {
  @Field(() => ID) @Sharing(WORKFLOW) id: string;
  @Field(() => String) @Sharing(WORKFLOW) item: string;
  @Field(() => String, { description: 'The record’s key' }) @Sharing(WORKFLOW) subjectKey: string;
  @Field(() => String) @Sharing(WORKFLOW) claim: string;
  @Field(() => String) @Sharing(WORKFLOW) evidence: string;
  @Field(() => String, { description: 'The objecting agency (quality-check when the consistency job raised it)' }) @Sharing(WORKFLOW) raisedBy: string;
  @Field(() => String) @Sharing(WORKFLOW) raisedAt: string;
  @Field(() => String, { description: 'The item’s provider, who verifies (谁提供、谁负责)' }) @Sharing(WORKFLOW) provider: string;
  @Field(() => String, { description: 'The last working day (China, YYYY-MM-DD) to resolve it' }) @Sharing(WORKFLOW) dueDay: string;
  @Field(() => String) @Sharing(WORKFLOW) dueAt: string;
  @Field(() => Boolean, { description: 'OPEN past its deadline (platform clock)' }) @Sharing(WORKFLOW) overdue: boolean;
  @Field(() => DataObjectionStatus) @Sharing(WORKFLOW) status: DataObjectionStatus;
  @Field(() => DataObjectionOutcome, { nullable: true }) @Sharing(WORKFLOW) outcome: DataObjectionOutcome | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) reason: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) resolvedBy: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) resolvedAt: string | null;
  @Field(() => String, { nullable: true, description: 'The consistency finding that opened it' }) @Sharing(WORKFLOW) findingId: string | null;
}

export const DataObjectionConnection = Connection(DataObjection, 'DataObjection');
