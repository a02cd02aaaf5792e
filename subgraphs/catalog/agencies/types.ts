/** The agency register as GraphQL (the rows are platform/governance's). */
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Resource, Sharing } from '../../../platform/policy/metadata';
import { PROVIDER, PUBLIC_REGISTER, WORKFLOW } from '../shared/policy';

@ObjectType({ description: 'A government department or authorised body (政务部门)' })
@Resource({ code: 'HY-PT-001', name: '政务部门名录', summary: '共享平台上的政务部门及其角色', updateCycle: 'MONTHLY', provider: PROVIDER })
export class Agency {
  @Field(() => String, { description: 'Agency code, as named in tokens and grants' })
  @Sharing(PUBLIC_REGISTER)
  code: string;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  name: string;

  @Field(() => String, { description: 'ADMINISTERING, PROVIDER or CONSUMER' })
  @Sharing(PUBLIC_REGISTER)
  kind: string;

  @Field(() => String, { nullable: true, description: 'The base database (subgraph) this agency provides' })
  @Sharing(PUBLIC_REGISTER)
  provides: string | null;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  description: string;

  @Field(() => String, { description: "ACTIVE, or SUSPENDED by the administering bureau: a suspended agency's tokens read nothing" })
  @Sharing(PUBLIC_REGISTER)
  status: string;

  @Field(() => String, { nullable: true, description: 'When the agency was suspended (ISO instant), while it is' })
  @Sharing(PUBLIC_REGISTER)
  suspendedAt: string | null;
}

@ObjectType({
  description:
    "An agency's traffic controls in the register (issue 13): its rate-limit overrides and whether only its approved trusted documents may run. " +
    'Seen by the administering bureau and by the agency itself.',
})
export class AgencyTrafficControls {
  @Field(() => Int, { nullable: true, description: "Requests per second; null: router.yaml's rate_limit.agency default" })
  @Sharing(WORKFLOW)
  requestsPerSecond: number | null;

  @Field(() => Int, { nullable: true, description: "Estimated cost (demand control) per second; null: router.yaml's default" })
  @Sharing(WORKFLOW)
  estimatedCostPerSecond: number | null;

  @Field(() => Boolean, {
    description:
      "Only operations registered in the agency's approved sharing applications run (router.yaml persisted_queries.safelist), besides the portal's workflow operations",
  })
  @Sharing(WORKFLOW)
  enforceTrustedDocuments: boolean;
}

/** The traffic-control fields both inputs share. */
const REQUESTS = "Requests per second for this agency's tokens, over router.yaml's default; 0 clears the override";
const COST = 'Estimated cost per second (demand control) for this agency, over the default; 0 clears the override';
const ENFORCE =
  "Whether only the operations of the agency's approved sharing applications may run (trusted documents), besides the portal's workflow operations";

@InputType({ description: "A department the administering bureau registers on the platform (its code is named in its staff's tokens)" })
export class RegisterAgencyInput {
  @Field(() => String, { description: 'Agency code: lower-case letters, digits and hyphens, 2-41 characters, starting with a letter' })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'PROVIDER (provides a base database or catalogue items) or CONSUMER' })
  kind: string;

  @Field(() => String, { nullable: true, description: 'The base database (subgraph name) this agency provides, if any' })
  provides?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: REQUESTS })
  requestsPerSecond?: number | null;

  @Field(() => Int, { nullable: true, description: COST })
  estimatedCostPerSecond?: number | null;

  @Field(() => Boolean, { nullable: true, description: ENFORCE })
  enforceTrustedDocuments?: boolean | null;
}

@InputType({ description: "Changes to an agency's register entry; fields left out stay as they are" })
export class UpdateAgencyInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'PROVIDER or CONSUMER' })
  kind?: string | null;

  @Field(() => String, { nullable: true, description: 'The base database (subgraph name) it provides; an empty string clears it' })
  provides?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: REQUESTS })
  requestsPerSecond?: number | null;

  @Field(() => Int, { nullable: true, description: COST })
  estimatedCostPerSecond?: number | null;

  @Field(() => Boolean, { nullable: true, description: ENFORCE })
  enforceTrustedDocuments?: boolean | null;
}
