/**
 * 人口基础库 as GraphQL: each field carries its catalogue policy beside it (provider 市公安局).
 * Resolvers return entity rows; fields with the same names need no mapping.
 */
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { Resource, Sharing, keyPolicy } from '../../platform/policy/metadata';
import { HOUSEHOLD_ADDRESS_POLICY, PERSON_NAME_POLICY } from '../../platform/policy/carried';
import { ownerKeyPolicy } from '../../platform/subgraph/entity-stub';
import { PERSON_OWNER } from './entity-keys';

export const PROVIDER = PERSON_OWNER.provider;

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, { name: 'Gender', description: 'GB/T 2261.1 sex' });

export enum PersonStatus {
  ALIVE = 'ALIVE',
  DECEASED = 'DECEASED',
  MOVED_OUT = 'MOVED_OUT',
}
registerEnumType(PersonStatus, { name: 'PersonStatus', description: 'Household registration status: alive, deceased (死亡注销), moved out (迁出)' });

@ObjectType({ description: 'A registered resident (人口基础库).' })
@Directive('@key(fields: "id")')
@Resource({ code: 'HY-RK-001', name: '人口基本信息', summary: '户籍人口的身份、户籍地址与状态', updateCycle: 'DAILY', provider: PROVIDER })
export class Person {
  @Field(() => ID, { description: 'Pseudonymous key: HMAC-SHA256 of the ID number under the platform key' })
  @Sharing(ownerKeyPolicy(PERSON_OWNER))
  id: string;

  @Field(() => String, { description: '公民身份号码 (GB 11643)' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'ID_NUMBER', provider: PROVIDER })
  idNumber: string;

  // Shared with the values that carry a person's name (platform/policy/carried.ts).
  @Field(() => String, { description: '姓名' })
  @Sharing(PERSON_NAME_POLICY)
  name: string;

  @Field(() => Gender)
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  gender: Gender;

  // AGE_BAND, not YEAR, by default: beside a masked ID number, the gender and the division, a birth
  // year leaves ~1.8 × 10^5 ID numbers; an age band ~1.8 × 10^6 (platform/masking/formats.ts).
  @Field(() => String, { description: 'Date of birth, YYYY-MM-DD (age band by default)' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'AGE_BAND', provider: PROVIDER })
  birthDate: string;

  @Field(() => String, { description: '民族' })
  @Sharing({
    type: 'NONE',
    open: 'CLOSED',
    level: 'L4',
    provider: PROVIDER,
    basis:
      '《中华人民共和国居民身份证法》第六条（公安机关对因制作、发放、查询、查验居民身份证而知悉的公民个人信息应当予以保密）；《中华人民共和国个人信息保护法》第三十四条',
  })
  ethnicity: string;

  @Field(() => String, { nullable: true, description: 'Mobile phone' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'PHONE', provider: PROVIDER })
  phone: string | null;

  @Field(() => String, { description: 'GB/T 2260 code of the county-level unit of household registration' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  householdDivisionCode: string;

  @Field(() => String, { description: '户籍地址' })
  @Sharing(HOUSEHOLD_ADDRESS_POLICY)
  householdAddress: string;

  @Field(() => PersonStatus)
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  status: PersonStatus;

  /** Loaded by PersonResolver.household; the column is not exposed. */
  householdId: string | null;
}

@ObjectType({ description: 'A household register (户).' })
@Directive('@key(fields: "id")')
@Resource({ code: 'HY-RK-002', name: '户籍户信息', summary: '户号、户主、成员与户籍地址', updateCycle: 'DAILY', provider: PROVIDER })
export class Household {
  @Field(() => ID)
  @Sharing(keyPolicy(PROVIDER))
  id: string;

  @Field(() => String, { description: '户号' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'REGISTER_NUMBER', provider: PROVIDER })
  householdNumber: string;

  @Field(() => String, { description: 'GB/T 2260 county-level code' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER })
  divisionCode: string;

  @Field(() => String, { description: '户籍地址' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'ADDRESS_DISTRICT', provider: PROVIDER })
  address: string;

  headId: string;
}

export const PersonConnection = Connection(Person, 'Person');
