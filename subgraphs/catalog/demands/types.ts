/** The demand list (需求清单, Art. 16) as GraphQL. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Resource, Sharing } from '../../../platform/policy/metadata';
import { Connection } from '../../../platform/graphql/connection';
import { PROVIDER, WORKFLOW } from '../shared/policy';

export enum DataDemandStatus {
  SUBMITTED = 'SUBMITTED',
  ASSIGNED = 'ASSIGNED',
  ANSWERED = 'ANSWERED',
}
registerEnumType(DataDemandStatus, {
  name: 'DataDemandStatus',
  description: 'SUBMITTED (awaiting the bureau), ASSIGNED (awaiting the provider’s answer by its deadline), ANSWERED',
});

@ObjectType({ description: 'A data demand (需求清单, Art. 16): what an agency needs, assigned by the bureau to a provider who answers by a deadline' })
@Resource({ code: 'HY-PT-021', name: '数据需求清单', summary: '政务部门提出的数据需求及其分派、答复与时限', updateCycle: 'REAL_TIME', provider: PROVIDER })
export class DataDemand {
  @Field(() => ID) @Sharing(WORKFLOW) id: string;
  @Field(() => String, { description: 'The agency that needs the data' }) @Sharing(WORKFLOW) applicant: string;
  @Field(() => String, { description: 'What is needed (also data not yet catalogued)' }) @Sharing(WORKFLOW) need: string;
  @Field(() => String) @Sharing(WORKFLOW) purpose: string;
  @Field(() => String) @Sharing(WORKFLOW) legalBasis: string;
  @Field(() => [String], { description: 'Catalogue items named, `Type.field` (may be empty)' }) @Sharing(WORKFLOW) items: string[];
  @Field(() => String, { nullable: true, description: 'The provider the applicant suggested' }) @Sharing(WORKFLOW) suggestedProvider: string | null;
  @Field(() => DataDemandStatus) @Sharing(WORKFLOW) status: DataDemandStatus;
  @Field(() => String) @Sharing(WORKFLOW) submittedAt: string;
  @Field(() => String, { nullable: true, description: 'The provider the bureau assigned it to' }) @Sharing(WORKFLOW) provider: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) assignedBy: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) assignedAt: string | null;
  @Field(() => Int, { nullable: true, description: 'The response deadline in working days from the assignment' })
  @Sharing(WORKFLOW)
  dueInWorkingDays: number | null;
  @Field(() => String, { nullable: true, description: 'The last working day (China, YYYY-MM-DD) to answer' }) @Sharing(WORKFLOW) dueDay: string | null;
  @Field(() => String, { nullable: true, description: 'The instant that day ends' }) @Sharing(WORKFLOW) dueAt: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) answeredBy: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) answeredAt: string | null;
  @Field(() => Boolean, { nullable: true }) @Sharing(WORKFLOW) willProvide: boolean | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) answer: string | null;
  @Field(() => String, { nullable: true, description: 'The basis given (required when the data cannot be provided)' })
  @Sharing(WORKFLOW)
  answerBasis: string | null;
  @Field(() => Boolean, { description: 'ASSIGNED and the platform clock past its deadline' }) @Sharing(WORKFLOW) overdue: boolean;
  @Field(() => Boolean, { nullable: true, description: 'For ANSWERED: whether the answer came by the deadline' })
  @Sharing(WORKFLOW)
  answeredOnTime: boolean | null;
}

export const DataDemandConnection = Connection(DataDemand, 'DataDemand');

@InputType({ description: 'A data demand (需求清单, Art. 16)' })
export class DataDemandInput {
  @Field(() => String, { description: 'What is needed: fields, granularity, coverage (data not yet catalogued is described here)' })
  need: string;

  @Field(() => String)
  purpose: string;

  @Field(() => String, { description: 'The legal basis of the need' })
  legalBasis: string;

  @Field(() => [String], { nullable: true, description: 'Catalogue items, `Type.field`, when the need is already catalogued' })
  items?: string[];

  @Field(() => String, { nullable: true, description: 'The agency the applicant thinks holds the data' })
  suggestedProvider?: string;
}
