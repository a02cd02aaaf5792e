/**
 * 人口基础库 tables. Keys are pseudonymous (HMAC of the ID number / household number); the natural
 * identifiers are ordinary columns under policy.
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'person' })
export class PersonEntity {
  @PrimaryKey({ type: 'text' }) id: string;
  @Property({ type: 'text', unique: true }) idNumber: string;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'text' }) gender: 'MALE' | 'FEMALE';
  @Property({ type: 'string', columnType: 'date' }) birthDate: string;
  @Property({ type: 'text' }) ethnicity: string;
  @Property({ type: 'text', nullable: true }) phone: string | null;
  @Property({ type: 'text' }) householdDivisionCode: string;
  @Property({ type: 'text' }) householdAddress: string;
  @Property({ type: 'text' }) status: 'ALIVE' | 'DECEASED' | 'MOVED_OUT';
  @Property({ type: 'text', nullable: true }) householdId: string | null;
  /** Last change of the record, kept by the database (platform/db/change-history.ts). */
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' }) updatedAt: Date;
}

@Entity({ tableName: 'household' })
export class HouseholdEntity {
  @PrimaryKey({ type: 'text' }) id: string;
  @Property({ type: 'text', unique: true }) householdNumber: string;
  @Property({ type: 'text' }) headId: string;
  @Property({ type: 'text' }) divisionCode: string;
  @Property({ type: 'text' }) address: string;
  /** Last change of the record, kept by the database (platform/db/change-history.ts). */
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' }) updatedAt: Date;
}
