import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A public holiday or an adjusted working day (调休上班); other days follow the week. */
@Entity({ tableName: 'calendar_day' })
export class CalendarDayEntity {
  @PrimaryKey({ type: 'string', columnType: 'date' }) day: string;
  @Property({ type: 'text' }) kind: string;
  @Property({ type: 'text' }) name: string;
}
