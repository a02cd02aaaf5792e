/** 法人基础库 table. `id` is the pseudonymous key of the USCC; the legal representative is held as
 *  the Person's pseudonymous key, which the population subgraph resolves. */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'legal_person' })
export class LegalPersonEntity {
  @PrimaryKey({ type: 'text' }) id: string;
  @Property({ type: 'text', unique: true }) uscc: string;
  /** The name with the operator's name, when it carries one, replaced by {经营者} (platform/policy/carried.ts). */
  @Property({ type: 'text' }) name: string;
  /** The operator's full name carried by `name` (a Person.name-class value), else null. */
  @Property({ type: 'text', nullable: true }) operatorName: string | null;
  @Property({ type: 'text' }) kind: string;
  @Property({ type: 'text' }) legalRepresentativeId: string;
  @Property({ type: 'double', nullable: true }) registeredCapital: number | null;
  @Property({ type: 'string', columnType: 'date' }) establishedDate: string;
  @Property({ type: 'text' }) businessScope: string;
  @Property({ type: 'text' }) status: string;
  @Property({ type: 'text' }) registrationAuthority: string;
  @Property({ type: 'text' }) registeredDivisionCode: string;
  @Property({ type: 'text' }) registeredAddress: string;
  /** The registered address is a household's address (a business run from home, or the same door
   *  plate and room): it carries Person.householdAddress. */
  @Property({ type: 'boolean', default: false }) registeredAtHome: boolean;
  @Property({ type: 'text', nullable: true }) contactPhone: string | null;
  @Property({ type: 'integer', nullable: true }) employeeCount: number | null;
  @Property({ type: 'double', nullable: true }) totalAssets: number | null;
  /** Last change (issue 11), kept by a trigger: freshness and the change history. */
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' }) updatedAt: Date;
}
