/** Grants as the workflow shows them (the rows are platform/governance's). */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Resource, Sharing } from '../../../platform/policy/metadata';
import { Connection } from '../../../platform/graphql/connection';
import { PROVIDER, WORKFLOW } from '../shared/policy';
import { Agency } from '../agencies/types';
import { SharingMethod } from './methods';

export enum GrantStatus {
  LIVE = 'LIVE',
  PENDING = 'PENDING',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(GrantStatus, { name: 'GrantStatus', description: 'LIVE (enforced now), PENDING (valid from a later time), REVOKED, EXPIRED' });

@ObjectType({ description: 'A masking requested or granted for one item' })
export class ItemMask {
  @Field(() => String)
  @Sharing(WORKFLOW)
  item: string;

  @Field(() => String, { description: 'FULL or a masking spec, e.g. KEEP(3,4)' })
  @Sharing(WORKFLOW)
  mask: string;
}

@ObjectType({ description: 'What a grant allows: agency × items × purposes × masking × validity (授权)' })
@Resource({
  code: 'HY-PT-003',
  name: '共享授权',
  summary: '政务部门对有条件共享信息项的授权：用途、脱敏、有效期与撤销',
  updateCycle: 'REAL_TIME',
  provider: PROVIDER,
})
export class Grant {
  @Field(() => ID)
  @Sharing(WORKFLOW)
  id: string;

  @Field(() => String, { description: 'Code of the agency the grant is for' })
  @Sharing(WORKFLOW)
  agencyCode: string;

  @Field(() => Agency, { nullable: true })
  @Sharing(WORKFLOW)
  agency: Agency;

  @Field(() => [String], { description: 'Items as `Type.field`' })
  @Sharing(WORKFLOW)
  items: string[];

  @Field(() => [String], { description: 'Purposes the items may be used for (Art. 19)' })
  @Sharing(WORKFLOW)
  purposes: string[];

  @Field(() => [SharingMethod], { description: 'The methods the grant was approved for (Art. 18); a batch export needs BATCH' })
  @Sharing(WORKFLOW)
  methods: SharingMethod[];

  @Field(() => Int, { nullable: true, description: 'BATCH: rows per export at most' })
  @Sharing(WORKFLOW)
  batchMaxRows: number | null;

  @Field(() => Int, { nullable: true, description: 'BATCH: exports per day (China Standard Time) at most' })
  @Sharing(WORKFLOW)
  batchExportsPerDay: number | null;

  @Field(() => [ItemMask], { description: "Masking per item; items absent here get the item's default masking" })
  @Sharing(WORKFLOW)
  masks: ItemMask[];

  @Field(() => String, { nullable: true, description: 'Row scope as JSON, e.g. {"field":"householdDivisionCode","values":["430408"]}' })
  @Sharing(WORKFLOW)
  rowScope: string | null;

  @Field(() => String)
  @Sharing(WORKFLOW)
  validFrom: string;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  validTo: string | null;

  @Field(() => GrantStatus)
  @Sharing(WORKFLOW)
  status: GrantStatus;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  revokedAt: string | null;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  revokedReason: string | null;

  @Field(() => String, { nullable: true, description: 'Agency that revoked it' })
  @Sharing(WORKFLOW)
  revokedBy: string | null;

  @Field(() => String, { nullable: true, description: 'The application it was created from (seeded grants have none)' })
  @Sharing(WORKFLOW)
  applicationId: string | null;

  @Field(() => String)
  @Sharing(WORKFLOW)
  createdAt: string;
}

export const GrantConnection = Connection(Grant, 'Grant');
