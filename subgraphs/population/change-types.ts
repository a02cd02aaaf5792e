/**
 * What the provider of 人口基础库 sends to correct records (issue 11): the update inputs of
 * `updatePersons` / `updateHouseholds`. The change types are the shared shape
 * (platform/history/resource.ts, change-resolvers.ts).
 */
import { Field, InputType } from 'type-graphql';
import { Gender, PersonStatus } from './types';

@InputType({ description: 'A correction to one household register by its provider: the household number names it; fields left out are kept.' })
export class HouseholdUpdateInput {
  @Field(() => String) householdNumber: string;
  @Field(() => String, { nullable: true, description: "The head's citizen ID number (a registered person)" }) head?: string;
  @Field(() => String, { nullable: true }) divisionCode?: string;
  @Field(() => String, { nullable: true }) address?: string;
}

@InputType({
  description: 'A correction to one person record by its provider: the ID number names the record; fields left out are kept, phone: null clears it.',
})
export class PersonUpdateInput {
  @Field(() => String) idNumber: string;
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => Gender, { nullable: true }) gender?: Gender;
  @Field(() => String, { nullable: true }) birthDate?: string;
  @Field(() => String, { nullable: true }) ethnicity?: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) householdDivisionCode?: string;
  @Field(() => String, { nullable: true }) householdAddress?: string;
  @Field(() => PersonStatus, { nullable: true }) status?: PersonStatus;
}
