/** The sharing catalogue as GraphQL: resources, items and their classification enums. */
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sharing } from '../../../platform/policy/metadata';
import { PUBLIC_REGISTER } from '../shared/policy';

export enum SharingTypeEnum {
  UNCONDITIONAL = 'UNCONDITIONAL',
  CONDITIONAL = 'CONDITIONAL',
  NONE = 'NONE',
}
registerEnumType(SharingTypeEnum, { name: 'SharingType', description: '共享类型 (Art. 15): 无条件共享 / 有条件共享 / 不予共享' });

export enum OpenTypeEnum {
  OPEN = 'OPEN',
  CONDITIONAL = 'CONDITIONAL',
  CLOSED = 'CLOSED',
}
registerEnumType(OpenTypeEnum, { name: 'OpenType', description: '开放类型 (Art. 22): 无条件开放 / 有条件开放 / 不予开放' });

export enum SensitivityLevelEnum {
  L1 = 'L1',
  L2 = 'L2',
  L3 = 'L3',
  L4 = 'L4',
}
registerEnumType(SensitivityLevelEnum, { name: 'SensitivityLevel', description: '安全等级 (Art. 24 (7)): L1 public … L4 most sensitive' });

export enum UpdateCycleEnum {
  REAL_TIME = 'REAL_TIME',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  YEARLY = 'YEARLY',
}
registerEnumType(UpdateCycleEnum, { name: 'UpdateCycle', description: '更新周期 (Art. 14 更新时限)' });

export enum CatalogResourceKind {
  BASE = 'BASE',
  THEMATIC = 'THEMATIC',
  DEPARTMENT = 'DEPARTMENT',
}
registerEnumType(CatalogResourceKind, {
  name: 'CatalogResourceKind',
  description: '目录类别 (Art. 12): 基础信息资源 / 主题信息资源 / 部门信息资源',
  valuesConfig: {
    BASE: { description: '基础信息资源: an entity type of a base database, generated from the supergraph' },
    THEMATIC: { description: '主题信息资源: a named composition of items from several base databases, built by a responsible agency' },
    DEPARTMENT: { description: '部门信息资源: a department’s resource, possibly held outside the platform (metadata only)' },
  },
});

@ObjectType({ description: 'A data item (信息项) of the sharing catalogue: one field of the supergraph with its policy metadata' })
export class CatalogItem {
  @Field(() => String, { description: 'Item name `Type.field`, as in the supergraph' })
  @Sharing(PUBLIC_REGISTER)
  name: string;

  @Field(() => String, { description: 'Code of the resource the item belongs to' })
  @Sharing(PUBLIC_REGISTER)
  resourceCode: string;

  @Field(() => String, { description: 'The GraphQL field name' })
  @Sharing(PUBLIC_REGISTER)
  field: string;

  @Field(() => String, { nullable: true, description: 'The field description from the schema' })
  @Sharing(PUBLIC_REGISTER)
  description: string | null;

  @Field(() => String, { description: 'Data type: the GraphQL type of the field, e.g. String, [Person!]' })
  @Sharing(PUBLIC_REGISTER)
  dataType: string;

  @Field(() => String, { description: 'SCALAR, ENUM (a code list) or OBJECT (a link to another resource)' })
  @Sharing(PUBLIC_REGISTER)
  valueKind: string;

  @Field(() => SharingTypeEnum, { description: '共享类型' })
  @Sharing(PUBLIC_REGISTER)
  sharingType: SharingTypeEnum;

  @Field(() => String, { description: "共享条件: what an agency needs to read the item (the bureau's published conditions for it, Art. 15)" })
  @Sharing(PUBLIC_REGISTER)
  sharingCondition: string;

  @Field(() => Int, { nullable: true, description: "The item's version in the catalogue register (see Query.catalogueItemHistory)" })
  @Sharing(PUBLIC_REGISTER)
  registerVersion: number | null;

  @Field(() => String, { description: '共享方式 (Art. 18)' })
  @Sharing(PUBLIC_REGISTER)
  sharingMethod: string;

  @Field(() => OpenTypeEnum, { description: '开放类型' })
  @Sharing(PUBLIC_REGISTER)
  openType: OpenTypeEnum;

  @Field(() => String, { description: '开放条件' })
  @Sharing(PUBLIC_REGISTER)
  openCondition: string;

  @Field(() => SensitivityLevelEnum, { description: '安全等级' })
  @Sharing(PUBLIC_REGISTER)
  level: SensitivityLevelEnum;

  @Field(() => String, { description: 'Default masking (脱敏) applied when no grant says otherwise; FULL = none' })
  @Sharing(PUBLIC_REGISTER)
  mask: string;

  @Field(() => String, { description: 'Providing agency code (提供部门)' })
  @Sharing(PUBLIC_REGISTER)
  provider: string;

  @Field(() => String, { nullable: true, description: 'Legal basis of a NONE item (不予共享依据)' })
  @Sharing(PUBLIC_REGISTER)
  basis: string | null;

  @Field(() => UpdateCycleEnum, { description: "更新周期, the resource's" })
  @Sharing(PUBLIC_REGISTER)
  updateCycle: UpdateCycleEnum;

  @Field(() => String, { nullable: true, description: '发布日期: when the item first appeared in the catalogue (ISO 8601)' })
  @Sharing(PUBLIC_REGISTER)
  publishedAt: string | null;

  @Field(() => String, { nullable: true, description: 'When its metadata last changed (ISO 8601)' })
  @Sharing(PUBLIC_REGISTER)
  changedAt: string | null;

  @Field(() => String, { description: 'The subgraph that serves the field' })
  @Sharing(PUBLIC_REGISTER)
  subgraph: string;

  @Field(() => String, { description: 'Schema coordinate of the field in the supergraph' })
  @Sharing(PUBLIC_REGISTER)
  schemaCoordinate: string;

  @Field(() => String, { description: "Apollo Sandbox's schema reference page of the field's type on the platform endpoint" })
  @Sharing(PUBLIC_REGISTER)
  sandboxUrl: string;
}

@ObjectType({ description: 'A resource (信息资源) of the sharing catalogue: one entity type with its items' })
export class CatalogResource {
  @Field(() => String, { description: '资源代码' })
  @Sharing(PUBLIC_REGISTER)
  code: string;

  @Field(() => String, { description: '资源名称' })
  @Sharing(PUBLIC_REGISTER)
  name: string;

  @Field(() => String, { description: '资源摘要' })
  @Sharing(PUBLIC_REGISTER)
  summary: string;

  @Field(() => String, {
    description:
      'Providing agency code (资源提供方); for a thematic resource the agency responsible for building it (建设部门), its items keeping their own providers',
  })
  @Sharing(PUBLIC_REGISTER)
  provider: string;

  @Field(() => UpdateCycleEnum, { description: '更新周期' })
  @Sharing(PUBLIC_REGISTER)
  updateCycle: UpdateCycleEnum;

  @Field(() => String, { description: '资源格式' })
  @Sharing(PUBLIC_REGISTER)
  format: string;

  @Field(() => SharingTypeEnum, { description: 'Resource sharing type: UNCONDITIONAL or NONE only when every item is; otherwise CONDITIONAL' })
  @Sharing(PUBLIC_REGISTER)
  sharingType: SharingTypeEnum;

  @Field(() => OpenTypeEnum, { description: 'Resource open type: OPEN or CLOSED only when every item is; otherwise CONDITIONAL' })
  @Sharing(PUBLIC_REGISTER)
  openType: OpenTypeEnum;

  @Field(() => CatalogResourceKind, { description: '目录类别: BASE, THEMATIC or DEPARTMENT' })
  @Sharing(PUBLIC_REGISTER)
  kind: CatalogResourceKind;

  @Field(() => Boolean, {
    description: 'True for a department resource held outside the platform: the catalogue describes it (metadata only); request it from the provider',
  })
  @Sharing(PUBLIC_REGISTER)
  heldOutsidePlatform: boolean;

  @Field(() => String, { nullable: true, description: 'Its entry in the 政府信息公开目录 (government information disclosure catalogue), where one exists' })
  @Sharing(PUBLIC_REGISTER)
  publicDisclosureUrl: string | null;

  @Field(() => [String], {
    description: 'Items a thematic resource names that the running catalogue does not have (never applied for; the bureau corrects the theme)',
  })
  @Sharing(PUBLIC_REGISTER)
  missingItems: string[];

  @Field(() => String, {
    nullable: true,
    description: 'For a resource computed on request or read from reference data (no records of its own): what it is computed from',
  })
  @Sharing(PUBLIC_REGISTER)
  computedFrom: string | null;

  @Field(() => String, { nullable: true, description: 'The entity type in the supergraph; null for a thematic or department resource' })
  @Sharing(PUBLIC_REGISTER)
  typeName: string | null;

  @Field(() => String, { nullable: true, description: 'The type description from the schema' })
  @Sharing(PUBLIC_REGISTER)
  description: string | null;

  @Field(() => String, { nullable: true, description: 'The subgraph that owns the entity; null for a thematic or department resource' })
  @Sharing(PUBLIC_REGISTER)
  subgraph: string | null;

  @Field(() => String, { nullable: true, description: '发布日期: earliest publication of its items (ISO 8601)' })
  @Sharing(PUBLIC_REGISTER)
  publishedAt: string | null;

  @Field(() => Int, { description: 'Number of items in the resource (before filtering)' })
  @Sharing(PUBLIC_REGISTER)
  itemCount: number;

  @Field(() => [CatalogItem], { description: 'Its items (信息项), filtered by the query arguments' })
  @Sharing(PUBLIC_REGISTER)
  items: CatalogItem[];

  @Field(() => String, { nullable: true, description: "Apollo Sandbox's schema reference page of the type; null for a thematic or department resource" })
  @Sharing(PUBLIC_REGISTER)
  sandboxUrl: string | null;
}
