/** Objections to NONE items and their argumentation review as GraphQL. */
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Resource, Sharing } from '../../../platform/policy/metadata';
import { PROVIDER, WORKFLOW } from '../shared/policy';
import { SharingTypeEnum } from '../catalogue/types';

export enum ObjectionStatus {
  PENDING = 'PENDING',
  UPHELD = 'UPHELD',
  RECLASSIFIED = 'RECLASSIFIED',
}
registerEnumType(ObjectionStatus, {
  name: 'ObjectionStatus',
  description:
    'PENDING argumentation review; UPHELD (stays NONE, its basis published); RECLASSIFIED (decided shareable: applied at once in the catalogue register)',
});

export enum ObjectionOutcome {
  KEEP_NONE = 'KEEP_NONE',
  RECLASSIFY = 'RECLASSIFY',
}
registerEnumType(ObjectionOutcome, { name: 'ObjectionOutcome', description: 'Outcome of the argumentation review (论证审核, Art. 16)' });

@ObjectType({ description: 'An objection to a NONE item and its argumentation review (论证审核, Art. 16)' })
@Resource({
  code: 'HY-PT-005',
  name: '不予共享异议与论证审核',
  summary: '对不予共享信息项的异议、论证审核结论与公示',
  updateCycle: 'REAL_TIME',
  provider: PROVIDER,
})
export class NonSharingObjection {
  @Field(() => ID)
  @Sharing(WORKFLOW)
  id: string;

  @Field(() => String, { description: 'The NONE item objected to, `Type.field`' })
  @Sharing(WORKFLOW)
  item: string;

  @Field(() => String, { description: 'Its providing agency' })
  @Sharing(WORKFLOW)
  provider: string;

  @Field(() => String, { description: 'Objecting agency code' })
  @Sharing(WORKFLOW)
  objector: string;

  @Field(() => String)
  @Sharing(WORKFLOW)
  purpose: string;

  @Field(() => String)
  @Sharing(WORKFLOW)
  justification: string;

  @Field(() => String, { description: 'The legal basis published for the item when the objection was made' })
  @Sharing(WORKFLOW)
  publishedBasis: string;

  @Field(() => ObjectionStatus)
  @Sharing(WORKFLOW)
  status: ObjectionStatus;

  @Field(() => SharingTypeEnum, { nullable: true, description: 'For RECLASSIFIED: the sharing type decided' })
  @Sharing(WORKFLOW)
  reclassifyTo: SharingTypeEnum | null;

  @Field(() => String, { nullable: true, description: 'The reasoning of the review (published: 公示告知)' })
  @Sharing(WORKFLOW)
  decisionReason: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  decidedBy: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  decidedAt: string | null;

  @Field(() => String)
  @Sharing(WORKFLOW)
  submittedAt: string;

  @Field(() => SharingTypeEnum, { nullable: true, description: "The item's sharing type in the catalogue now" })
  @Sharing(WORKFLOW)
  currentSharingType: SharingTypeEnum | null;

  @Field(() => Boolean, {
    description: 'For RECLASSIFIED: whether the catalogue register (and so the policy) now shows the decided type',
  })
  @Sharing(WORKFLOW)
  implemented: boolean;
}

@InputType()
export class NonSharingObjectionInput {
  @Field(() => String, { description: 'The NONE item, `Type.field`' })
  item: string;

  @Field(() => String)
  purpose: string;

  @Field(() => String, { description: 'Why the agency needs it despite its NONE classification' })
  justification: string;
}
