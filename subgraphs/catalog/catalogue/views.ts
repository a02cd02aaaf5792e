/** The catalogue's items and resources as published: their sharing and open conditions in words, publication dates, Sandbox links. */
import type { CatalogItem, CatalogResource, CatalogResourceKind, OpenTypeEnum, SensitivityLevelEnum, SharingTypeEnum } from './types';
import { CatalogItemData, CatalogResourceData, resourceOpenType, resourceSharingType } from './catalogue';
import type { Publication } from './publication';
import type { ResourceEntry } from './kinds';
import { setting } from '../../../platform/settings/read';

const SHARING_METHOD = '联机查询：GraphQL 接口，经全市统一共享门户（平台路由）调用（第十七条、第十八条）';

/** Where an agency's developer reads the field: the platform's own explorer, opened at its type
 *  (issue 14: the intranet has no internet, so never Apollo Studio), on the platform's public
 *  address (PUBLIC_GRAPHQL_ENDPOINT, default http://localhost:4000/). The field keeps its name
 *  `sandboxUrl` for the clients that read it. */
export function sandboxUrl(typeName: string): string {
  const endpoint = setting('PUBLIC_GRAPHQL_ENDPOINT');
  return new URL(`/explorer/?type=${encodeURIComponent(typeName)}`, endpoint).toString();
}

export function sharingCondition(i: CatalogItemData): string {
  if (i.conditions && i.sharingType !== 'NONE') return i.conditions;
  const masked = i.mask && i.mask !== 'FULL' ? `默认脱敏 ${i.mask}` : '不脱敏';
  switch (i.sharingType) {
    case 'UNCONDITIONAL':
      return `无条件共享：经身份认证的政务部门可直接调用（${masked}）`;
    case 'CONDITIONAL':
      return `有条件共享：经市行政审批服务局会同提供部门（${i.provider}）审核通过、由提供部门在十个工作日内开通授权后，按授权的用途使用（第十七条、第十九条）；授权未另行约定时${masked}`;
    default:
      return `不予共享：${i.basis}`;
  }
}

export function openCondition(i: CatalogItemData): string {
  switch (i.openType) {
    case 'OPEN':
      return '无条件开放：无需令牌即可查询（第二十二条）';
    case 'CONDITIONAL':
      return '有条件开放：按特定条件向自然人、法人和非法人组织提供（第二十二条）';
    default:
      return '不予开放（第二十二条）';
  }
}

export function itemView(i: CatalogItemData, pub: Map<string, Publication>): CatalogItem {
  const p = pub.get(i.name);
  return {
    name: i.name,
    resourceCode: i.resourceCode,
    field: i.field,
    description: i.description,
    dataType: i.dataType,
    valueKind: i.valueKind,
    sharingType: i.sharingType as SharingTypeEnum,
    sharingCondition: sharingCondition(i),
    registerVersion: i.registerVersion,
    sharingMethod: SHARING_METHOD,
    openType: i.openType as OpenTypeEnum,
    openCondition: openCondition(i),
    level: i.level as SensitivityLevelEnum,
    mask: i.mask,
    provider: i.provider,
    basis: i.basis,
    updateCycle: i.updateCycle as never,
    publishedAt: p ? p.firstPublishedAt.toISOString() : null,
    changedAt: p ? p.changedAt.toISOString() : null,
    subgraph: i.subgraph,
    schemaCoordinate: i.name,
    sandboxUrl: sandboxUrl(i.typeName),
  };
}

export function resourceView(entry: ResourceEntry, items: CatalogItemData[], pub: Map<string, Publication>): CatalogResource {
  const r: CatalogResourceData = entry.data;
  const base = entry.kind === 'BASE';
  const dates = r.items.map((i) => pub.get(i.name)?.firstPublishedAt.getTime()).filter((t): t is number => t !== undefined);
  return {
    kind: entry.kind as CatalogResourceKind,
    heldOutsidePlatform: entry.heldOutsidePlatform,
    publicDisclosureUrl: entry.publicDisclosureUrl,
    missingItems: entry.missingItems,
    computedFrom: r.computedFrom,
    code: r.code,
    name: r.name,
    summary: r.summary,
    provider: r.provider,
    updateCycle: r.updateCycle as never,
    format: entry.heldOutsidePlatform ? '平台外数据：目录仅登记元数据，向提供部门申请' : 'GraphQL 接口（application/json），字段级共享属性见 @sharing 指令',
    sharingType: (entry.declared?.sharingType ?? resourceSharingType(r)) as SharingTypeEnum,
    openType: (entry.declared?.openType ?? resourceOpenType(r)) as OpenTypeEnum,
    typeName: base ? r.typeName : null,
    description: r.description,
    subgraph: base ? r.subgraph : null,
    publishedAt: dates.length ? new Date(Math.min(...dates)).toISOString() : null,
    itemCount: r.items.length,
    items: items.map((i) => itemView(i, pub)),
    sandboxUrl: base ? sandboxUrl(r.typeName) : null,
  };
}
