/**
 * Workflow transitions in the audit trail: each mutation records `Mutation.<name>` against its
 * resource, served or refused, with the application's (grant's, objection's) id as the subject key,
 * so that `auditEvents(filter: { subjectKey: <id> })` shows an application's whole history. The
 * platform's audit plugin writes the events when the request ends (fail closed).
 */
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { isUuid } from './sql';

export async function recordTransition<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any subgraph's loaders
  ctx: SubgraphContext<any>,
  resource: string,
  mutation: string,
  subject: string | undefined,
  fn: () => Promise<T>,
  subjectOf?: (result: T) => string | undefined,
): Promise<T> {
  // Only ids this API issued become subject keys (a malformed id argument is not recorded as one).
  if (subject && !isUuid(subject)) subject = undefined;
  try {
    const result = await fn();
    const key = (subjectOf ? subjectOf(result) : undefined) ?? subject;
    ctx.policy.audit.record(resource, `Mutation.${mutation}`, 'served', key);
    // The caller named the id or was handed it: it may see it in its own audit view.
    if (key) ctx.policy.audit.disclose(key);
    return result;
  } catch (e) {
    ctx.policy.audit.record(resource, `Mutation.${mutation}`, 'refused', subject);
    if (subject) ctx.policy.audit.disclose(subject);
    throw e;
  }
}
