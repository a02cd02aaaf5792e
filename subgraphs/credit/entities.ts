/**
 * 社会信用库 table: one row per credit record (红名单、黑名单、行政许可、行政处罚、信用评价). The
 * subject is held as its pseudonymous key (Person or LegalPerson, told apart by `subjectKind`);
 * the other subgraphs resolve it. Statuses and ratings are computed from the dates (rating.ts),
 * never stored, so they cannot go stale.
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { CreditCategoryName, PenaltySeverityName, SubjectKindName } from './rating';

@Entity({ tableName: 'credit_record' })
export class CreditRecordEntity {
  /** Pseudonymous key of the decision number. */
  @PrimaryKey({ type: 'text' }) id: string;
  @Property({ type: 'text' }) subjectKind: SubjectKindName;
  @Property({ type: 'text' }) subjectId: string;
  @Property({ type: 'text' }) category: CreditCategoryName;
  @Property({ type: 'text' }) listName: string;
  @Property({ type: 'text', nullable: true }) severity: PenaltySeverityName | null;
  @Property({ type: 'text' }) agencyName: string;
  @Property({ type: 'text' }) agencyCode: string;
  @Property({ type: 'text', unique: true }) decisionNumber: string;
  @Property({ type: 'string', columnType: 'date' }) decisionDate: string;
  @Property({ type: 'string', columnType: 'date', nullable: true }) validFrom: string | null;
  @Property({ type: 'string', columnType: 'date', nullable: true }) validTo: string | null;
  @Property({ type: 'string', columnType: 'date', nullable: true }) publicityStart: string | null;
  @Property({ type: 'string', columnType: 'date', nullable: true }) publicityEnd: string | null;
  @Property({ type: 'string', columnType: 'date', nullable: true }) repairedDate: string | null;
  /** May hold {经营者} where the operator's name stood; the name is in operatorName (platform/policy/carried.ts). */
  @Property({ type: 'text' }) content: string;
  /** The operator's full name carried by `content` (a Person.name-class value), else null. */
  @Property({ type: 'text', nullable: true }) operatorName: string | null;
  @Property({ type: 'text', nullable: true }) caseFile: string | null;
  /** Last change (issue 11), kept by a trigger: freshness and the change history. */
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' }) updatedAt: Date;
}
