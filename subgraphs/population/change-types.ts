/**
 * Changes of 人口基础库 records as GraphQL (issue 11): what a consumer may learn of them, each part
 * under policy. The new (and old) values are composite fields whose keys are Person's fields, each
 * served under that Person item's own decision and mask; who made the change is the provider's
 * (masked for everyone else). The record itself is `person`, read like any Person.
 */
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Resource, Sharing, type FieldPolicy } from '../../platform/policy/metadata';
import { ChangeConnection } from '../../platform/history/connection';
import { Gender, Person, PersonStatus, PROVIDER } from './types';
import { HOUSEHOLD_COLUMNS, PERSON_COLUMNS } from './ingest';

export enum ChangeKind {
  INSERT = 'INSERT',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(ChangeKind, { name: 'ChangeKind', description: 'A new record, a change to one, or its removal' });

/** Every Person field a change may carry, served as that Person item. */
const PERSON_ITEMS = Object.fromEntries(Object.keys(PERSON_COLUMNS).map((f) => [f, `Person.${f}`]));
const FACT: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER };
/** Who changed a record: the provider's own accountability record (Art. 11), masked for others. */
const WHO: FieldPolicy = { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'HASH', provider: PROVIDER };

@ObjectType({ description: 'One change to a person record, as far as the reader may see it.' })
@Resource({
  code: 'HY-RK-003',
  name: '人口信息变更记录',
  summary: '人口基本信息每条记录的变更：时间、变更项与新值（按项共享与脱敏）',
  updateCycle: 'REAL_TIME',
  provider: PROVIDER,
  computedFrom: '人口基本信息 (HY-RK-001) 的变更历史',
})
export class PersonChange {
  @Field(() => ID, { description: "The person's pseudonymous key (Person.id)" })
  @Sharing(FACT)
  personId: string;

  @Field(() => String, { description: 'When the change was committed (ISO 8601)' })
  @Sharing(FACT)
  changedAt: string;

  @Field(() => ChangeKind)
  @Sharing(FACT)
  kind: ChangeKind;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The changed items the reader may read, by Person field, with their new values, each served as that Person item (masked as it is)',
  })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, composite: PERSON_ITEMS })
  values: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The same items before the change (the provider sees them in full)' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', provider: PROVIDER, composite: PERSON_ITEMS })
  oldValues: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description: 'The agency that made the change (its provider; database:<user> for a change made outside the platform)',
  })
  @Sharing(WHO)
  agency: string;

  @Field(() => String, { nullable: true, description: 'The operator who made the change' })
  @Sharing(WHO)
  operator: string | null;
}

export const PersonChangeConnection = ChangeConnection(PersonChange, 'PersonChange');

const HOUSEHOLD_ITEMS = Object.fromEntries(Object.keys(HOUSEHOLD_COLUMNS).map((f) => [f, `Household.${f}`]));

@ObjectType({ description: 'One change to a household register, as far as the reader may see it.' })
@Resource({
  code: 'HY-RK-004',
  name: '户信息变更记录',
  summary: '每户登记信息的变更：时间、变更项与新值（按项共享与脱敏）',
  updateCycle: 'REAL_TIME',
  provider: PROVIDER,
  computedFrom: 'HY-RK-002 的变更历史',
})
export class HouseholdChange {
  @Field(() => ID, { description: "The household's pseudonymous key (Household.id)" })
  @Sharing(FACT)
  householdId: string;

  @Field(() => String, { description: 'When the change was committed (ISO 8601)' })
  @Sharing(FACT)
  changedAt: string;

  @Field(() => ChangeKind)
  @Sharing(FACT)
  kind: ChangeKind;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The changed items the reader may read, by Household field (head: the head’s person key), each served as that Household item',
  })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, composite: HOUSEHOLD_ITEMS })
  values: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The same items before the change (the provider sees them in full)' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', provider: PROVIDER, composite: HOUSEHOLD_ITEMS })
  oldValues: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'The agency that made the change' })
  @Sharing(WHO)
  agency: string;

  @Field(() => String, { nullable: true, description: 'The operator who made the change' })
  @Sharing(WHO)
  operator: string | null;
}

export const HouseholdChangeConnection = ChangeConnection(HouseholdChange, 'HouseholdChange');

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

export { Person };
