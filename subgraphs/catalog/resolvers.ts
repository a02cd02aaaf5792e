/**
 * Agencies (the public register), the sharing catalogue (Art. 12, 14) generated from the composed
 * supergraph, and the working calendar the deadlines are counted on.
 */
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { Sharing } from '../../platform/policy/metadata';
import { badUserInput } from '../../platform/errors';
import { assertNonEmpty } from '../../platform/graphql/args';
import { AgencyEntity } from './entities';
import type { CatalogLoaders } from './loaders';
import {
  Agency, CalendarDay, CalendarDayKindEnum, CatalogItem, CatalogResource, OpenTypeEnum, PUBLIC_REGISTER, SensitivityLevelEnum, SharingTypeEnum,
} from './types';
import { CatalogItemData, CatalogResourceData, currentCatalogue, resourceOpenType, resourceSharingType } from './catalogue';
import { Publication, publications } from './publication';
import { query } from './sql';
import { isIsoDay } from './working-days';
import { agencyActor, requireBureau } from './workflow';
import { recordTransition } from './audit-trail';

type Ctx = SubgraphContext<CatalogLoaders>;

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], { description: 'Every agency on the platform' })
  @Sharing(PUBLIC_REGISTER)
  agencies(@Ctx() ctx: Ctx) {
    return ctx.em.find(AgencyEntity, {}, { orderBy: { code: 'asc' } });
  }

  @Query(() => Agency, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  agency(@Arg('code', () => String) code: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.agencyByCode.load(code);
  }
}

// ─── catalogue views ─────────────────────────────────────────────────────────────────────────

const SHARING_METHOD = '联机查询：GraphQL 接口，经全市统一共享门户（平台路由）调用（第十七条、第十八条）';

/** Where an agency's developer reads the field: Apollo Sandbox's schema reference of its type on
 *  the platform endpoint (PUBLIC_GRAPHQL_ENDPOINT, default http://localhost:4000/). */
export function sandboxUrl(typeName: string): string {
  const endpoint = process.env.PUBLIC_GRAPHQL_ENDPOINT || 'http://localhost:4000/';
  return `https://studio.apollographql.com/sandbox/schema/reference/objects/${encodeURIComponent(typeName)}?endpoint=${encodeURIComponent(endpoint)}`;
}

export function sharingCondition(i: CatalogItemData): string {
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

function resourceView(r: CatalogResourceData, items: CatalogItemData[], pub: Map<string, Publication>): CatalogResource {
  const dates = r.items.map((i) => pub.get(i.name)?.firstPublishedAt.getTime()).filter((t): t is number => t !== undefined);
  return {
    code: r.code,
    name: r.name,
    summary: r.summary,
    provider: r.provider,
    updateCycle: r.updateCycle as never,
    format: 'GraphQL 接口（application/json），字段级共享属性见 @sharing 指令',
    sharingType: resourceSharingType(r) as SharingTypeEnum,
    openType: resourceOpenType(r) as OpenTypeEnum,
    typeName: r.typeName,
    description: r.description,
    subgraph: r.subgraph,
    publishedAt: dates.length ? new Date(Math.min(...dates)).toISOString() : null,
    itemCount: r.items.length,
    items: items.map((i) => itemView(i, pub)),
    sandboxUrl: sandboxUrl(r.typeName),
  };
}

async function assertKnownAgency(ctx: Ctx, code: string, argument: string): Promise<string> {
  const c = assertNonEmpty(code, argument, 60);
  if (!(await ctx.loaders.agencyByCode.load(c))) throw badUserInput(`Argument "${argument}": no agency has the code ${JSON.stringify(c)} (see Query.agencies)`, { argument });
  return c;
}

@Resolver(() => CatalogResource)
export class CatalogueResolver {
  @Query(() => [CatalogResource], {
    description: 'The sharing catalogue, generated from the policy metadata of every subgraph: resources with their items, filtered by the '
      + "items' provider, sharing type, open type and level, and a keyword in the resource's code, name or summary or in an item's name or description",
  })
  @Sharing(PUBLIC_REGISTER)
  async catalogResources(
    @Ctx() ctx: Ctx,
    @Arg('provider', () => String, { nullable: true, description: 'Providing agency code of the items' }) provider?: string,
    @Arg('sharingType', () => SharingTypeEnum, { nullable: true }) sharingType?: SharingTypeEnum,
    @Arg('openType', () => OpenTypeEnum, { nullable: true }) openType?: OpenTypeEnum,
    @Arg('level', () => SensitivityLevelEnum, { nullable: true }) level?: SensitivityLevelEnum,
    @Arg('keyword', () => String, { nullable: true }) keyword?: string,
  ): Promise<CatalogResource[]> {
    const who = provider != null ? await assertKnownAgency(ctx, provider, 'provider') : undefined;
    const kw = keyword != null ? assertNonEmpty(keyword, 'keyword', 100).toLowerCase() : undefined;
    const catalogue = currentCatalogue();
    const pub = await publications(query(ctx.em), catalogue);
    const has = (s: string | null | undefined) => !!kw && !!s && s.toLowerCase().includes(kw);
    const out: CatalogResource[] = [];
    for (const r of catalogue.resources) {
      const resourceHit = !kw || [r.code, r.name, r.summary, r.typeName, r.description].some(has);
      const items = r.items.filter((i) =>
        (!who || i.provider === who)
        && (!sharingType || i.sharingType === sharingType)
        && (!openType || i.openType === openType)
        && (!level || i.level === level)
        && (resourceHit || [i.name, i.description, i.basis].some(has)));
      if (items.length) out.push(resourceView(r, items, pub));
    }
    return out;
  }

  @Query(() => CatalogResource, { nullable: true, description: 'One catalogue resource by its code' })
  @Sharing(PUBLIC_REGISTER)
  async catalogResource(@Arg('code', () => String) code: string, @Ctx() ctx: Ctx): Promise<CatalogResource | null> {
    const catalogue = currentCatalogue();
    const r = catalogue.resources.find((x) => x.code === code.trim());
    return r ? resourceView(r, r.items, await publications(query(ctx.em), catalogue)) : null;
  }

  @Query(() => CatalogItem, { nullable: true, description: 'One catalogue item by its name `Type.field`' })
  @Sharing(PUBLIC_REGISTER)
  async catalogItem(@Arg('name', () => String) name: string, @Ctx() ctx: Ctx): Promise<CatalogItem | null> {
    const catalogue = currentCatalogue();
    const i = catalogue.items.get(name.trim());
    return i ? itemView(i, await publications(query(ctx.em), catalogue)) : null;
  }
}

// ─── the working calendar ────────────────────────────────────────────────────────────────────

function assertYear(year: number, argument = 'year'): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badUserInput(`Argument "${argument}" must be a year from 2000 to 2100, got ${year}`, { argument });
  return year;
}

function assertDay(date: string, argument = 'date'): string {
  if (!isIsoDay(date)) throw badUserInput(`Argument "${argument}" must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`, { argument });
  return date;
}

@Resolver(() => CalendarDay)
export class CalendarResolver {
  @Query(() => [CalendarDay], { description: "The year's public holidays and adjusted working days (调休上班); other days follow the week" })
  @Sharing(PUBLIC_REGISTER)
  async calendarDays(@Arg('year', () => Int) year: number, @Ctx() ctx: Ctx): Promise<CalendarDay[]> {
    assertYear(year);
    const rows = await query(ctx.em)<{ date: string; kind: CalendarDayKindEnum; name: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS date, kind, name FROM calendar_day WHERE day >= ?::date AND day < ?::date ORDER BY day`,
      [`${year}-01-01`, `${year + 1}-01-01`],
    );
    return rows;
  }

  @Query(() => String, { description: 'The n-th working day after a date (the date itself not counted), e.g. a provisioning deadline' })
  @Sharing(PUBLIC_REGISTER)
  async workingDaysAfter(@Arg('date', () => String) date: string, @Arg('days', () => Int) days: number, @Ctx() ctx: Ctx): Promise<string> {
    assertDay(date);
    if (!Number.isInteger(days) || days < 0 || days > 250) throw badUserInput(`Argument "days" must be from 0 to 250, got ${days}`, { argument: 'days' });
    return (await ctx.loaders.calendar()).addWorkingDays(date, days);
  }

  @Mutation(() => CalendarDay, { description: 'Declares a public holiday or an adjusted working day (administering bureau). Deadlines already set keep their date.' })
  async setCalendarDay(
    @Arg('date', () => String) date: string,
    @Arg('kind', () => CalendarDayKindEnum) kind: CalendarDayKindEnum,
    @Arg('name', () => String) name: string,
    @Ctx() ctx: Ctx,
  ): Promise<CalendarDay> {
    return recordTransition(ctx, 'CalendarDay', 'setCalendarDay', undefined, async () => {
      requireBureau(agencyActor(ctx.policy.identity, 'Maintaining the working calendar'), 'Maintaining the working calendar');
      assertDay(date);
      const n = assertNonEmpty(name, 'name', 60);
      await query(ctx.em)(`INSERT INTO calendar_day (day, kind, name) VALUES (?::date, ?, ?) ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`, [date, kind, n]);
      return { date, kind, name: n };
    });
  }

  @Mutation(() => Boolean, { description: 'Removes a declared day, which then follows the week again (administering bureau)' })
  async removeCalendarDay(@Arg('date', () => String) date: string, @Ctx() ctx: Ctx): Promise<boolean> {
    return recordTransition(ctx, 'CalendarDay', 'removeCalendarDay', undefined, async () => {
      requireBureau(agencyActor(ctx.policy.identity, 'Maintaining the working calendar'), 'Maintaining the working calendar');
      assertDay(date);
      const rows = await query(ctx.em)(`DELETE FROM calendar_day WHERE day = ?::date RETURNING day`, [date]);
      return rows.length > 0;
    });
  }
}
