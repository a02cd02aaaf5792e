/** The working calendar as GraphQL. */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Sharing } from '../../../platform/policy/metadata';
import { PUBLIC_REGISTER } from '../shared/policy';

export enum CalendarDayKindEnum {
  HOLIDAY = 'HOLIDAY',
  WORKDAY = 'WORKDAY',
}
registerEnumType(CalendarDayKindEnum, {
  name: 'CalendarDayKind',
  description: 'HOLIDAY (法定节假日 and bridging days) or WORKDAY (调休上班: a weekend day worked)',
});

@ObjectType({ description: 'A public holiday or an adjusted working day (调休上班)' })
export class CalendarDay {
  @Field(() => String, { description: 'YYYY-MM-DD (China Standard Time)' })
  @Sharing(PUBLIC_REGISTER)
  date: string;

  @Field(() => CalendarDayKindEnum)
  @Sharing(PUBLIC_REGISTER)
  kind: CalendarDayKindEnum;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  name: string;
}
