/**
 * Webhooks as GraphQL (issue 10, item 8). The agency is always the caller's (from the token), never
 * an argument: an agency registers, clears and reads only its own webhook and deliveries.
 *   registerWebhook(url:)   the agency's approver: checks the URL against the allow-list, returns the secret once
 *   clearWebhook            the agency's approver: pending deliveries are cancelled
 *   myWebhook, webhookDeliveries(state:, notificationId:, first:, after:)   any post of the agency
 */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { badUserInput } from '../../../platform/errors';
import { mapConnection, validateFirst } from '../../../platform/graphql/connection';
import { clearWebhook, deliveryPage, setWebhook, webhookOf, type DeliveryRecord, type WebhookRegistration as Row } from '../../../platform/governance';
import { webhookAllowList, webhookUrlRefusal } from '../../../platform/webhooks/allow-list';
import { newSecretNonce, webhookSecret } from '../../../platform/webhooks/signature';
import type { CatalogLoaders } from '../loaders';
import { iso, query, transaction } from '../shared/sql';
import { Role, agencyActor, assertId, roleActor } from '../shared/actors';
import { WORKFLOW } from '../shared/policy';
import { recordTransition } from '../shared/transitions';
import { Webhook, WebhookDelivery, WebhookDeliveryConnection, WebhookDeliveryState, WebhookRegistration } from './types';

type Ctx = SubgraphContext<CatalogLoaders>;

const toWebhook = (w: Row): Webhook => ({ url: w.url, registeredAt: iso(w.registeredAt)!, registeredBy: w.registeredBy });
const toDelivery = (d: DeliveryRecord): WebhookDelivery => ({
  ...d,
  state: d.state as WebhookDeliveryState,
  nextAttemptAt: d.state === 'PENDING' ? iso(d.nextAttemptAt) : null,
  lastAttemptAt: iso(d.lastAttemptAt),
  deliveredAt: iso(d.deliveredAt),
  createdAt: iso(d.createdAt)!,
});

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => Webhook, { nullable: true, description: 'The calling agency’s webhook, if it registered one (the secret is never shown again)' })
  @Sharing(WORKFLOW)
  async myWebhook(@Ctx() ctx: Ctx) {
    const actor = agencyActor(ctx.policy.identity, 'Reading the webhook');
    const w = await webhookOf(query(ctx.em), actor.agency);
    return w ? toWebhook(w) : null;
  }

  @Query(() => WebhookDeliveryConnection, { description: 'The calling agency’s webhook deliveries, newest first' })
  @Sharing(WORKFLOW)
  async webhookDeliveries(
    @Ctx() ctx: Ctx,
    @Arg('state', () => WebhookDeliveryState, { nullable: true }) state?: WebhookDeliveryState,
    @Arg('notificationId', () => ID, { nullable: true }) notificationId?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const actor = agencyActor(ctx.policy.identity, 'Reading webhook deliveries');
    const page = await deliveryPage(query(ctx.em), actor.agency, {
      first: validateFirst(first),
      after,
      state,
      notificationId: notificationId ? assertId(notificationId, 'notificationId') : null,
    });
    return mapConnection(page, toDelivery);
  }

  @Mutation(() => WebhookRegistration, {
    description:
      'The calling agency’s approver registers (or replaces) the URL its notifications are also POSTed to, signed with the secret returned here once. ' +
      'http/https only, to a host the platform allows (WEBHOOK_ALLOWED_HOSTS)',
  })
  async registerWebhook(@Arg('url', () => String) url: string, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'Webhook', 'registerWebhook', undefined, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Registering a webhook');
      const refusal = await webhookUrlRefusal(url, webhookAllowList());
      if (refusal) throw badUserInput(`Argument "url" is refused: ${refusal}`, { argument: 'url' });
      const nonce = newSecretNonce();
      const row = await setWebhook(query(ctx.em), actor.agency, url, nonce, actor.operator ?? actor.agency);
      const registration: WebhookRegistration = {
        url: row.url,
        registeredAt: iso(row.registeredAt)!,
        registeredBy: row.registeredBy,
        secret: webhookSecret(actor.agency, nonce),
      };
      return registration;
    });
  }

  @Mutation(() => Boolean, {
    description: 'The calling agency’s approver clears its webhook (pending deliveries are cancelled); false when none was registered',
  })
  async clearWebhook(@Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'Webhook', 'clearWebhook', undefined, async () => {
      const actor = roleActor(ctx.policy.identity, Role.APPROVER, 'Clearing a webhook');
      return transaction(ctx.em, (q) => clearWebhook(q, actor.agency));
    });
  }
}
