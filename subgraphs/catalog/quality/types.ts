/** Consistency findings (一数一源, Art. 9) as GraphQL. */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sharing } from '../../../platform/policy/metadata';
import { Connection } from '../../../platform/graphql/connection';
import { WORKFLOW } from '../shared/policy';

export enum FindingStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(FindingStatus, { name: 'FindingStatus', description: 'OPEN (the last run still found it) or CLOSED (a later run no longer did)' });

@ObjectType({ description: 'One side of a finding: what one base database says, as the policy would serve it to the reader' })
export class FindingSource {
  @Field(() => String, { description: 'The base database (subgraph), e.g. population, e-license' }) @Sharing(WORKFLOW) source: string;
  @Field(() => String, { description: 'The catalogue item compared (Type.field)' }) @Sharing(WORKFLOW) item: string;
  @Field(() => String, { description: 'The agency that provides the item (谁提供、谁负责)' }) @Sharing(WORKFLOW) provider: string;
  @Field(() => String, {
    nullable: true,
    description: 'The value as the reader may see it: under the mask its own policy decision gives (its grant for the item and purpose), null when refused',
  })
  @Sharing(WORKFLOW)
  value: string | null;
  @Field(() => String, { description: 'How the value is shown to this reader: FULL, the mask applied, or REFUSED' }) @Sharing(WORKFLOW) disclosure: string;
}

@ObjectType({ description: 'A consistency finding (一数一源, Art. 9): two base databases say different things about one subject' })
export class ConsistencyFinding {
  @Field(() => ID) @Sharing(WORKFLOW) id: string;
  @Field(() => String, {
    description: 'LICENCE_HOLDER_NAME, LICENCE_HOLDER_ID, DECEASED_ACTIVE_LICENCE, REGISTERED_ADDRESS or REGISTERED_DIVISION (docs/quality.md)',
  })
  @Sharing(WORKFLOW)
  rule: string;
  @Field(() => FindingStatus) @Sharing(WORKFLOW) status: FindingStatus;
  @Field(() => String, { description: 'PERSON or LEGAL_PERSON' }) @Sharing(WORKFLOW) subjectKind: string;
  @Field(() => String, { description: 'The subject’s pseudonymous key (Person.id or LegalPerson.id)' }) @Sharing(WORKFLOW) subjectKey: string;
  @Field(() => String, { nullable: true, description: 'The other record the finding is about (a licence’s id), when not the subject itself' })
  @Sharing(WORKFLOW)
  recordKey: string | null;
  @Field(() => FindingSource, { description: 'The first source (the register of the subject, e.g. the population register)' })
  @Sharing(WORKFLOW)
  sourceA: FindingSource;
  @Field(() => FindingSource, { description: 'The second source, which disagrees' }) @Sharing(WORKFLOW) sourceB: FindingSource;
  @Field(() => String, { description: 'The provider responsible for correcting it (the second source’s)' }) @Sharing(WORKFLOW) provider: string;
  @Field(() => String) @Sharing(WORKFLOW) firstSeen: string;
  @Field(() => String) @Sharing(WORKFLOW) lastSeen: string;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) closedAt: string | null;
}

export const ConsistencyFindingConnection = Connection(ConsistencyFinding, 'ConsistencyFinding');

@ObjectType({ description: 'The outcome of one run of the consistency job' })
export class ConsistencyCheckRun {
  @Field(() => String) @Sharing(WORKFLOW) startedAt: string;
  @Field(() => Int, { description: 'Subjects read through the router as quality-check' }) @Sharing(WORKFLOW) subjectsRead: number;
  @Field(() => Int, { description: 'Findings open after the run' }) @Sharing(WORKFLOW) open: number;
  @Field(() => Int, { description: 'Findings this run opened' }) @Sharing(WORKFLOW) opened: number;
  @Field(() => Int, { description: 'Findings this run closed (no longer found)' }) @Sharing(WORKFLOW) closed: number;
  @Field(() => [RuleCount]) @Sharing(WORKFLOW) byRule: RuleCount[];
}

@ObjectType({ description: 'Open findings of one rule' })
export class RuleCount {
  @Field(() => String) @Sharing(WORKFLOW) rule: string;
  @Field(() => Int) @Sharing(WORKFLOW) open: number;
}
