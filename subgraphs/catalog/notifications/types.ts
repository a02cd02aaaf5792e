/** An agency's inbox as GraphQL. */
import { Field, ID, ObjectType } from 'type-graphql';
import { Resource, Sharing } from '../../../platform/policy/metadata';
import { Connection } from '../../../platform/graphql/connection';
import { PROVIDER, WORKFLOW } from '../shared/policy';

@ObjectType({ description: 'A record a notification is about' })
export class NotificationLink {
  @Field(() => String, { description: 'Its type, e.g. SharingApplication, Grant, DataDemand' })
  @Sharing(WORKFLOW)
  type: string;

  @Field(() => ID)
  @Sharing(WORKFLOW)
  id: string;
}

@ObjectType({ description: "A message in an agency's inbox: a step of the workflow that changed its situation" })
@Resource({
  code: 'HY-PT-020',
  name: '部门通知',
  summary: '平台向政务部门发送的通知（审核结果、授权撤销、需求清单等）',
  updateCycle: 'REAL_TIME',
  provider: PROVIDER,
})
export class Notification {
  @Field(() => ID)
  @Sharing(WORKFLOW)
  id: string;

  @Field(() => String, { description: 'The receiving agency' })
  @Sharing(WORKFLOW)
  agency: string;

  @Field(() => String, { description: 'What happened: APPLICATION_APPROVED, APPLICATION_REJECTED, GRANT_REVOKED, DEMAND_ASSIGNED, DEMAND_ANSWERED, …' })
  @Sharing(WORKFLOW)
  kind: string;

  @Field(() => String)
  @Sharing(WORKFLOW)
  subject: string;

  @Field(() => String)
  @Sharing(WORKFLOW)
  body: string;

  @Field(() => [NotificationLink])
  @Sharing(WORKFLOW)
  links: NotificationLink[];

  @Field(() => String)
  @Sharing(WORKFLOW)
  createdAt: string;

  @Field(() => String, { nullable: true, description: 'When the agency marked it read; null while unread' })
  @Sharing(WORKFLOW)
  readAt: string | null;
}

export const NotificationConnection = Connection(Notification, 'Notification');
