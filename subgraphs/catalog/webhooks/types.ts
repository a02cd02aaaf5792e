/** An agency's webhook and its deliveries (issue 10, item 8) as GraphQL. */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sharing } from '../../../platform/policy/metadata';
import { Connection } from '../../../platform/graphql/connection';
import { WORKFLOW } from '../shared/policy';

export enum WebhookDeliveryState {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(WebhookDeliveryState, {
  name: 'WebhookDeliveryState',
  description:
    'PENDING (to be attempted, or retried after a backoff), DELIVERED (a 2xx answer), FAILED (attempts spent, or host not allowed), CANCELLED (webhook cleared, or the agency suspended)',
});

@ObjectType({ description: 'The URL to which the agency’s notifications are also POSTed' })
export class Webhook {
  @Field(() => String) @Sharing(WORKFLOW) url: string;
  @Field(() => String) @Sharing(WORKFLOW) registeredAt: string;
  @Field(() => String, { description: 'The staff member (or agency) that registered it' }) @Sharing(WORKFLOW) registeredBy: string;
}

@ObjectType({ description: 'A webhook just registered, with its signing secret — shown this once only' })
export class WebhookRegistration extends Webhook {
  @Field(() => String, {
    description: 'The HMAC-SHA256 key of the `x-hengyang-signature: sha256=<hex>` header over each POST body. Shown only here: registering again rotates it',
  })
  @Sharing(WORKFLOW)
  secret: string;
}

@ObjectType({ description: 'One notification’s delivery to the agency’s webhook' })
export class WebhookDelivery {
  @Field(() => ID) @Sharing(WORKFLOW) id: string;
  @Field(() => ID, { description: 'The notification delivered (Query.myNotifications)' }) @Sharing(WORKFLOW) notificationId: string;
  @Field(() => String) @Sharing(WORKFLOW) kind: string;
  @Field(() => WebhookDeliveryState) @Sharing(WORKFLOW) state: WebhookDeliveryState;
  @Field(() => Int) @Sharing(WORKFLOW) attempts: number;
  @Field(() => String, { nullable: true, description: 'When a PENDING delivery is attempted next' }) @Sharing(WORKFLOW) nextAttemptAt: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) lastAttemptAt: string | null;
  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer' }) @Sharing(WORKFLOW) lastStatus: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why the last attempt failed, coarsely: HTTP_STATUS, REDIRECT_NOT_FOLLOWED, TIMEOUT, CONNECTION, NOT_ALLOWED, AGENCY_SUSPENDED, webhook cleared',
  })
  @Sharing(WORKFLOW)
  lastError: string | null;
  @Field(() => String, { nullable: true }) @Sharing(WORKFLOW) deliveredAt: string | null;
  @Field(() => String) @Sharing(WORKFLOW) createdAt: string;
}

export const WebhookDeliveryConnection = Connection(WebhookDelivery, 'WebhookDelivery');
