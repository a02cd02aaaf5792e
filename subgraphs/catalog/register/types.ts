/** The catalogue register's history and the bureau's edits as GraphQL (issue 10, item 3). */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Sharing } from '../../../platform/policy/metadata';
import { WORKFLOW } from '../shared/policy';
import { OpenTypeEnum, SensitivityLevelEnum, SharingTypeEnum, UpdateCycleEnum } from '../catalogue/types';

@ObjectType({ description: 'A version of an item in the catalogue register: its effective policy, who changed it, why and when' })
export class CatalogueItemVersion {
  @Field(() => String, { description: 'The item, `Type.field`' }) @Sharing(WORKFLOW) item: string;
  @Field(() => Int, { description: 'Version number, 1 = initialised from the code' }) @Sharing(WORKFLOW) version: number;
  @Field(() => SharingTypeEnum) @Sharing(WORKFLOW) sharingType: SharingTypeEnum;
  @Field(() => OpenTypeEnum) @Sharing(WORKFLOW) openType: OpenTypeEnum;
  @Field(() => SensitivityLevelEnum) @Sharing(WORKFLOW) level: SensitivityLevelEnum;
  @Field(() => String, { description: 'Default mask' }) @Sharing(WORKFLOW) mask: string;
  @Field(() => String, { nullable: true, description: 'Legal basis (required for NONE)' }) @Sharing(WORKFLOW) basis: string | null;
  @Field(() => String, { nullable: true, description: 'Published conditions of sharing (Art. 15)' }) @Sharing(WORKFLOW) conditions: string | null;
  @Field(() => String, { description: 'Agency that made the change (a release: the provider)' }) @Sharing(WORKFLOW) authorAgency: string;
  @Field(() => String, { nullable: true, description: 'Its operator, or `release:<subgraph>` for a change from the code' })
  @Sharing(WORKFLOW)
  authorOperator: string | null;
  @Field(() => String) @Sharing(WORKFLOW) reason: string;
  @Field(() => ID, { nullable: true, description: 'The objection whose argumentation review decided this version' })
  @Sharing(WORKFLOW)
  objectionId: string | null;
  @Field(() => String, { description: 'ISO 8601' }) @Sharing(WORKFLOW) changedAt: string;
}

@ObjectType({ description: "A version of a resource's metadata in the catalogue register" })
export class CatalogueResourceVersion {
  @Field(() => String) @Sharing(WORKFLOW) code: string;
  @Field(() => Int) @Sharing(WORKFLOW) version: number;
  @Field(() => String) @Sharing(WORKFLOW) name: string;
  @Field(() => String) @Sharing(WORKFLOW) summary: string;
  @Field(() => UpdateCycleEnum) @Sharing(WORKFLOW) updateCycle: UpdateCycleEnum;
  @Field(() => String) @Sharing(WORKFLOW) authorAgency: string;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) authorOperator: string | null;
  @Field(() => String) @Sharing(WORKFLOW) reason: string;
  @Field(() => String, { description: 'ISO 8601' }) @Sharing(WORKFLOW) changedAt: string;
}

@InputType({ description: 'A stricter classification of an item (only the attributes given change); a looser one needs a review' })
export class ReclassificationInput {
  @Field(() => SharingTypeEnum, { nullable: true }) sharingType?: SharingTypeEnum;
  @Field(() => OpenTypeEnum, { nullable: true }) openType?: OpenTypeEnum;
  @Field(() => SensitivityLevelEnum, { nullable: true }) level?: SensitivityLevelEnum;
  @Field(() => String, { nullable: true, description: 'Default mask spec, e.g. SURNAME, KEEP(1,0)' }) mask?: string;
  @Field(() => String, { nullable: true, description: 'Legal basis; required when the item becomes NONE' }) basis?: string;
  @Field(() => String, { description: 'Why (recorded in the version)' }) reason: string;
}

@InputType({ description: "An item's published metadata: conditions of sharing (Art. 15) and legal basis; an empty text clears it" })
export class CatalogueItemEditInput {
  @Field(() => String, { nullable: true }) conditions?: string;
  @Field(() => String, { nullable: true }) basis?: string;
  @Field(() => String) reason: string;
}

@InputType({ description: "A resource's metadata (only the fields given change)" })
export class CatalogueResourceEditInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) summary?: string;
  @Field(() => UpdateCycleEnum, { nullable: true }) updateCycle?: UpdateCycleEnum;
  @Field(() => String) reason: string;
}
