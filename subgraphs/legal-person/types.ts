/**
 * 法人基础库 as GraphQL (provider 市市场监督管理局). Registration facts that the national enterprise
 * credit publicity system already publishes are OPEN; contact data is conditional; the annual
 * report figures an enterprise chose not to publish are not shared.
 */
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { FieldPolicy, Resource, Sharing } from '../../platform/policy/metadata';
import { entityStub, ownerKeyPolicy } from '../../platform/subgraph/entity-stub';
import { LEGAL_PERSON_OWNER } from './entity-keys';
import { PERSON_OWNER } from '../population/entity-keys';

export const PROVIDER = LEGAL_PERSON_OWNER.provider;
const PUBLIC_FACT: FieldPolicy = { type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: PROVIDER };
const UNDISCLOSED_ANNUAL_REPORT: FieldPolicy = {
  type: 'NONE',
  open: 'CLOSED',
  level: 'L3',
  provider: PROVIDER,
  basis: '《企业信息公示暂行条例》第九条（年度报告第七项信息由企业选择是否公示，经企业同意方可查询）',
};

export enum LegalPersonKind {
  ENTERPRISE = 'ENTERPRISE',
  INDIVIDUAL_BUSINESS = 'INDIVIDUAL_BUSINESS',
  INSTITUTION = 'INSTITUTION',
  SOCIAL_ORGANISATION = 'SOCIAL_ORGANISATION',
  FARMERS_COOPERATIVE = 'FARMERS_COOPERATIVE',
}
registerEnumType(LegalPersonKind, { name: 'LegalPersonKind', description: '企业, 个体工商户, 事业单位, 社会组织, 农民专业合作社' });

export enum LegalPersonStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  CANCELLED = 'CANCELLED',
  MOVED_OUT = 'MOVED_OUT',
}
registerEnumType(LegalPersonStatus, { name: 'LegalPersonStatus', description: '存续/在业, 吊销, 注销, 迁出' });

/** The population subgraph's Person, seen from here: its key, plus the enterprises it represents. */
export const PersonRef = entityStub(PERSON_OWNER);
export type PersonRef = InstanceType<typeof PersonRef>;

@ObjectType({ description: 'An enterprise, individual business, institution or social organisation (法人基础库).' })
@Directive('@key(fields: "id")')
@Resource({ code: 'HY-FR-001', name: '法人基本信息', summary: '市场主体、事业单位与社会组织的登记信息', updateCycle: 'DAILY', provider: PROVIDER })
export class LegalPerson {
  @Field(() => ID, { description: 'Pseudonymous key: HMAC-SHA256 of the USCC under the platform key' })
  @Sharing(ownerKeyPolicy(LEGAL_PERSON_OWNER))
  id: string;

  @Field(() => String, { description: '统一社会信用代码 (GB 32100)' })
  @Sharing(PUBLIC_FACT)
  uscc: string;

  // Resolved in resolvers.ts: an individual business named after its operator carries Person.name.
  @Field(() => String, { description: '名称 (an operator’s name inside it is shown as the reader may see Person.name)' })
  @Sharing(PUBLIC_FACT)
  name: string;

  @Field(() => LegalPersonKind)
  @Sharing(PUBLIC_FACT)
  kind: LegalPersonKind;

  @Field(() => Float, { nullable: true, description: '注册资本 (CNY)' })
  @Sharing(PUBLIC_FACT)
  registeredCapital: number | null;

  @Field(() => String, { description: '成立日期 YYYY-MM-DD' })
  @Sharing(PUBLIC_FACT)
  establishedDate: string;

  @Field(() => String, { description: '经营范围' })
  @Sharing(PUBLIC_FACT)
  businessScope: string;

  @Field(() => LegalPersonStatus, { description: '登记状态' })
  @Sharing(PUBLIC_FACT)
  status: LegalPersonStatus;

  @Field(() => String, { description: '登记机关' })
  @Sharing(PUBLIC_FACT)
  registrationAuthority: string;

  @Field(() => String, { description: 'GB/T 2260 code of the registering county-level unit' })
  @Sharing(PUBLIC_FACT)
  registeredDivisionCode: string;

  // Resolved in resolvers.ts: a household address is served as Person.householdAddress.
  @Field(() => String, { description: '住所 (a household address is generalised to its county for readers without Person.householdAddress)' })
  @Sharing(PUBLIC_FACT)
  registeredAddress: string;

  @Field(() => String, { nullable: true, description: '联系电话' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'PHONE', provider: PROVIDER })
  contactPhone: string | null;

  @Field(() => Int, { nullable: true, description: '从业人数 (annual report, undisclosed)' })
  @Sharing(UNDISCLOSED_ANNUAL_REPORT)
  employeeCount: number | null;

  @Field(() => Float, { nullable: true, description: '资产总额 CNY (annual report, undisclosed)' })
  @Sharing(UNDISCLOSED_ANNUAL_REPORT)
  totalAssets: number | null;

  legalRepresentativeId: string;
}

export const LegalPersonConnection = Connection(LegalPerson, 'LegalPerson');
