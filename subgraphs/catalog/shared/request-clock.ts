/**
 * The platform clock (issue 10, item 9), read once per request: provisioning deadlines and grant
 * expiry are judged against it, so a test that moves it sees an application overdue or a grant
 * expired in every process at once, and every field of one answer agrees on the instant.
 */
import { platformNow } from '../../../platform/governance';
import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './sql';

const requestNow = new WeakMap<object, Promise<Date>>();

/** The platform clock's now for the request whose context is `ctx`. */
export function nowOf(ctx: { em: EntityManager }): Promise<Date> {
  let now = requestNow.get(ctx);
  if (!now) requestNow.set(ctx, (now = platformNow(query(ctx.em))));
  return now;
}
