/**
 * 电子证照库 table. One row a licence: its number, type, holder (pseudonymous key of a Person or a
 * LegalPerson), issuer, dates, the status the issuer recorded (EXPIRED is derived from the dates,
 * never stored), the type-specific content and the issuer's signature over them.
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { HolderKindCode, StoredStatus } from './catalogue';
import type { JsonObject } from './signing';

@Entity({ tableName: 'license' })
export class LicenseEntity {
  /** Pseudonymous key of (type, number, holder): see licenseKey in seed/e-license.ts. */
  @PrimaryKey({ type: 'text' }) id: string;
  @Property({ type: 'text' }) number: string;
  @Property({ type: 'text' }) typeCode: string;
  @Property({ type: 'text' }) holderKind: HolderKindCode;
  @Property({ type: 'text' }) holderId: string;
  @Property({ type: 'text' }) holderName: string;
  @Property({ type: 'text' }) issuerCode: string;
  @Property({ type: 'text' }) issuerName: string;
  @Property({ type: 'string', columnType: 'date' }) issueDate: string;
  @Property({ type: 'string', columnType: 'date' }) validFrom: string;
  @Property({ type: 'string', columnType: 'date', nullable: true }) validTo: string | null;
  @Property({ type: 'text' }) status: StoredStatus;
  @Property({ type: 'text', nullable: true }) statusReason: string | null;
  @Property({ type: 'json', columnType: 'jsonb' }) content: JsonObject;
  @Property({ type: 'text', nullable: true }) photoDigest: string | null;
  @Property({ type: 'boolean', nullable: true }) fingerprintEnrolled: boolean | null;
  /** Ed25519 signature (base64) by the issuer's key over a salted commitment (signing.ts). */
  @Property({ type: 'text' }) signature: string;
  /** Secret per-licence salt of the commitment: never served (null on records signed before it). */
  @Property({ type: 'text', nullable: true }) salt: string | null;
  /** The operator's full name where the licence's texts repeat it (个体工商户（王敏淑）): a Person.name
   *  value, served as such (carried.ts); null when the licence carries none. */
  @Property({ type: 'text', nullable: true }) carriedName: string | null;
  /** A household address the licence's texts repeat (a business registered at its operator's
   *  home): a Person.householdAddress value, served as such (carried.ts). */
  @Property({ type: 'text', nullable: true }) carriedAddress: string | null;
  /** Pseudonymous key of the person those carried values are about (the operator), for the audit trail. */
  @Property({ type: 'text', nullable: true }) carriedSubject: string | null;
}
