/** The working calendar the deadlines are counted on: read by anyone, maintained by the administering bureau. */
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { badUserInput } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import type { CatalogLoaders } from '../loaders';
import { CalendarDay, CalendarDayKindEnum } from './types';
import { isIsoDay } from './working-days';
import { PUBLIC_REGISTER } from '../shared/policy';
import { query } from '../shared/sql';
import { agencyActor, requireBureau } from '../shared/actors';
import { recordTransition } from '../shared/transitions';

type Ctx = SubgraphContext<CatalogLoaders>;

function assertYear(year: number, argument = 'year'): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badUserInput(`Argument "${argument}" must be a year from 2000 to 2100, got ${year}`, { argument });
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

  @Mutation(() => CalendarDay, {
    description: 'Declares a public holiday or an adjusted working day (administering bureau). Deadlines already set keep their date.',
  })
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
      await query(ctx.em)(
        `INSERT INTO calendar_day (day, kind, name) VALUES (?::date, ?, ?) ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
        [date, kind, n],
      );
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
