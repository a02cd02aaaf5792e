/** The yearly evaluation (Art. 25) as GraphQL. */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Sharing } from '../../../platform/policy/metadata';
import { PUBLIC_REGISTER } from '../shared/policy';
import { Agency } from '../agencies/types';
import { UpdateCycleEnum } from '../catalogue/types';

@ObjectType({ description: 'Records held and freshness of one resource against its update cycle' })
export class ResourceFreshness {
  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  code: string;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  name: string;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  typeName: string;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  subgraph: string;

  @Field(() => UpdateCycleEnum)
  @Sharing(PUBLIC_REGISTER)
  updateCycle: UpdateCycleEnum;

  @Field(() => Float, { nullable: true, description: 'Records held at the last refresh (null: never reported)' })
  @Sharing(PUBLIC_REGISTER)
  records: number | null;

  @Field(() => String, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  lastRefreshedAt: string | null;

  @Field(() => Int, { nullable: true, description: 'Refreshes reported during the year (null: written by the platform as it happens)' })
  @Sharing(PUBLIC_REGISTER)
  refreshesInYear: number | null;

  @Field(() => Float, { description: 'Longest allowed age of the data for its cycle, in hours' })
  @Sharing(PUBLIC_REGISTER)
  allowedAgeHours: number;

  @Field(() => Boolean, { description: 'No refresh within the allowed age at the report date' })
  @Sharing(PUBLIC_REGISTER)
  overdue: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'Completeness (issue 11): share of the item cells of its records that are filled, as its provider last measured (null: not measured)',
  })
  @Sharing(PUBLIC_REGISTER)
  completeness: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Validity rate (issue 11): share of the rows of its last ingest file that passed validation (null: no file loaded)',
  })
  @Sharing(PUBLIC_REGISTER)
  validityRate: number | null;
}

@ObjectType({ description: "A providing agency's figures for the year" })
export class ProviderEvaluation {
  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  agencyCode: string;

  @Field(() => Agency, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  agency: Agency | null;

  @Field(() => Int, { description: 'Catalogue items it provides, published by the end of the year' })
  @Sharing(PUBLIC_REGISTER)
  itemsPublished: number;

  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  unconditionalItems: number;

  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  conditionalItems: number;

  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  noneItems: number;

  @Field(() => Float, { description: 'Records held across its resources' })
  @Sharing(PUBLIC_REGISTER)
  recordsHeld: number;

  @Field(() => [ResourceFreshness])
  @Sharing(PUBLIC_REGISTER)
  resources: ResourceFreshness[];

  @Field(() => [ResourceFreshness], { description: 'Resources not refreshed within their update cycle' })
  @Sharing(PUBLIC_REGISTER)
  overdueResources: ResourceFreshness[];

  @Field(() => Int, { description: 'Applications for its conditional items submitted in the year' })
  @Sharing(PUBLIC_REGISTER)
  applicationsReceived: number;

  @Field(() => Int, { description: 'Of those, approved by it' })
  @Sharing(PUBLIC_REGISTER)
  applicationsApproved: number;

  @Field(() => Int, { description: 'Of those, rejected by it' })
  @Sharing(PUBLIC_REGISTER)
  applicationsRejected: number;

  @Field(() => Int, { description: 'Of those, still awaiting its review' })
  @Sharing(PUBLIC_REGISTER)
  applicationsAwaitingReview: number;

  @Field(() => Int, { description: 'Provisionings it made' })
  @Sharing(PUBLIC_REGISTER)
  provisioned: number;

  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  provisionedOnTime: number;

  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  provisionedLate: number;

  @Field(() => Int, { description: 'Approved applications still not provisioned after the deadline' })
  @Sharing(PUBLIC_REGISTER)
  provisioningOverdue: number;

  @Field(() => Float, { nullable: true, description: 'Mean working days from approval to provisioning' })
  @Sharing(PUBLIC_REGISTER)
  averageProvisioningWorkingDays: number | null;

  @Field(() => Int, { description: 'Largest delay past a deadline, in working days (provisioned or still pending)' })
  @Sharing(PUBLIC_REGISTER)
  maxProvisioningDelayWorkingDays: number;

  @Field(() => Int, { description: 'Data demands (需求清单, Art. 16) assigned to it in the year' })
  @Sharing(PUBLIC_REGISTER)
  demandsReceived: number;

  @Field(() => Int, { description: 'Of those, answered' })
  @Sharing(PUBLIC_REGISTER)
  demandsAnswered: number;

  @Field(() => Int, { description: 'Of those, answered by their deadline' })
  @Sharing(PUBLIC_REGISTER)
  demandsAnsweredOnTime: number;

  @Field(() => Int, { description: 'Data demands due in the year and still unanswered past their deadline' })
  @Sharing(PUBLIC_REGISTER)
  demandsOverdue: number;

  @Field(() => Int, {
    description:
      'Rectification notices (通知整改, Art. 26) raised to it in the year for what it provides (late provisioning, unanswered demands, stale resources)',
  })
  @Sharing(PUBLIC_REGISTER)
  noticesReceived: number;

  @Field(() => Int, { description: 'Of those, closed by the bureau' })
  @Sharing(PUBLIC_REGISTER)
  noticesClosed: number;

  @Field(() => Int, { description: 'Its provider notices escalated in the year (deadline passed unclosed), whenever raised' })
  @Sharing(PUBLIC_REGISTER)
  noticesEscalated: number;

  @Field(() => Int, { description: 'Consistency findings (一数一源, Art. 9) first seen in the year that name it as the provider responsible' })
  @Sharing(PUBLIC_REGISTER)
  findingsOpened: number;

  @Field(() => Int, { description: 'Its consistency findings closed in the year (no longer found), whenever opened' })
  @Sharing(PUBLIC_REGISTER)
  findingsClosed: number;

  @Field(() => Int, { description: 'Its consistency findings still open at the end of the period' })
  @Sharing(PUBLIC_REGISTER)
  findingsOpen: number;

  @Field(() => Int, { description: 'Data objections (异议核实, Art. 11) raised to it in the year' })
  @Sharing(PUBLIC_REGISTER)
  dataObjectionsReceived: number;

  @Field(() => Int, { description: 'Of those, resolved' })
  @Sharing(PUBLIC_REGISTER)
  dataObjectionsAnswered: number;

  @Field(() => Int, { description: 'Of those, resolved by their deadline' })
  @Sharing(PUBLIC_REGISTER)
  dataObjectionsAnsweredOnTime: number;

  @Field(() => Int, { description: 'Data objections due in the year and still unresolved past their deadline, whenever raised' })
  @Sharing(PUBLIC_REGISTER)
  dataObjectionsOverdue: number;
}

@ObjectType({ description: "A consuming agency's figures for the year (from the audit trail of the base databases)" })
export class ConsumerEvaluation {
  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  agencyCode: string;

  @Field(() => Agency, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  agency: Agency | null;

  @Field(() => Float, { description: 'Distinct requests' })
  @Sharing(PUBLIC_REGISTER)
  requests: number;

  @Field(() => Float, { description: 'Items served (in full or masked), summed over events' })
  @Sharing(PUBLIC_REGISTER)
  itemsServed: number;

  @Field(() => Float, { description: 'Of those, served masked' })
  @Sharing(PUBLIC_REGISTER)
  itemsMasked: number;

  @Field(() => Float, { description: 'Items refused, summed over events' })
  @Sharing(PUBLIC_REGISTER)
  refusals: number;

  @Field(() => Float, { description: 'Requests with at least one refused item' })
  @Sharing(PUBLIC_REGISTER)
  refusedRequests: number;

  @Field(() => Int, { description: 'Sharing applications it submitted' })
  @Sharing(PUBLIC_REGISTER)
  applicationsSubmitted: number;

  @Field(() => Int, { description: 'Data demands (需求清单, Art. 16) it submitted' })
  @Sharing(PUBLIC_REGISTER)
  demandsSubmitted: number;

  @Field(() => Int, { description: 'Rectification notices (通知整改, Art. 26) raised to it in the year for repeated out-of-purpose requests' })
  @Sharing(PUBLIC_REGISTER)
  noticesReceived: number;

  @Field(() => Int, { description: 'Of those, closed by the bureau' })
  @Sharing(PUBLIC_REGISTER)
  noticesClosed: number;

  @Field(() => Int, { description: 'Its consumer notices escalated in the year (deadline passed unclosed), whenever raised' })
  @Sharing(PUBLIC_REGISTER)
  noticesEscalated: number;
}

@ObjectType({ description: 'The yearly evaluation of data sharing (Art. 25): quality, quantity, timeliness and use' })
export class EvaluationReport {
  @Field(() => Int)
  @Sharing(PUBLIC_REGISTER)
  year: number;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  generatedAt: string;

  @Field(() => String, { description: 'The instant the freshness figures are measured at: the end of the year, or now for the current year' })
  @Sharing(PUBLIC_REGISTER)
  asOf: string;

  @Field(() => [ProviderEvaluation])
  @Sharing(PUBLIC_REGISTER)
  providers: ProviderEvaluation[];

  @Field(() => [ConsumerEvaluation])
  @Sharing(PUBLIC_REGISTER)
  consumers: ConsumerEvaluation[];

  @Field(() => String, { description: 'The same report as CSV (one row per agency and role)' })
  @Sharing(PUBLIC_REGISTER)
  csv: string;
}
