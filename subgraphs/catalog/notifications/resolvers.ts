/**
 * An agency's inbox as GraphQL: `myNotifications` pages the caller's own agency's notifications
 * (never another's: the agency comes from the token, not from an argument); `markNotificationsRead`
 * marks the caller's own (ids of other agencies' notifications are ignored, not revealed).
 */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { badUserInput } from '../../../platform/errors';
import { validateFirst, mapConnection } from '../../../platform/graphql/connection';
import { markNotificationsRead, notificationPage, type NotificationRecord } from '../../../platform/governance';
import type { CatalogLoaders } from '../loaders';
import { Notification, NotificationConnection } from './types';
import { iso, query } from '../shared/sql';
import { agencyActor, assertId } from '../shared/actors';
import { WORKFLOW } from '../shared/policy';
import { recordTransition } from '../shared/transitions';

type Ctx = SubgraphContext<CatalogLoaders>;

const MAX_IDS = 500;

const toNotification = (n: NotificationRecord): Notification => ({ ...n, createdAt: iso(n.createdAt)!, readAt: iso(n.readAt) });

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The calling agency's inbox, newest first; unread: true keeps the unread ones" })
  @Sharing(WORKFLOW)
  async myNotifications(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('unread', () => Boolean, { nullable: true }) unread?: boolean,
  ) {
    const actor = agencyActor(ctx.policy.identity, 'Reading notifications');
    const page = await notificationPage(query(ctx.em), actor.agency, { first: validateFirst(first), after, unread });
    return mapConnection(page, toNotification);
  }

  @Mutation(() => [Notification], { description: "Marks the calling agency's notifications read; returns those of `ids` that are its own" })
  async markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'Notification', 'markNotificationsRead', undefined, async () => {
      const actor = agencyActor(ctx.policy.identity, 'Marking notifications read');
      if (ids.length > MAX_IDS) throw badUserInput(`Argument "ids" takes at most ${MAX_IDS} ids, got ${ids.length}`, { argument: 'ids' });
      const valid = [...new Set(ids.map((id) => assertId(id, 'ids')))];
      return (await markNotificationsRead(query(ctx.em), actor.agency, valid)).map(toNotification);
    });
  }
}
