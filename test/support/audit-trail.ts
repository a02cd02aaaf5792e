/**
 * A throw-away governance database of its own (migrated like the catalog's), for tests that
 * rewrite, tamper with or move the time of an audit trail without touching the shared platform's,
 * and audit events to write into it.
 */
import type { AuditEvent } from '../../platform/audit/collector';
import { migrate, openOrm } from '../../platform/db/orm';
import { dropDatabase, ensureDatabase, withDatabase } from '../../platform/db/databases';
import { subgraph as catalog } from '../../subgraphs/catalog';

export async function withGovernanceDatabase<T>(name: string, fn: (url: string) => Promise<T>): Promise<T> {
  const server = process.env.TEST_DATABASE_URL!;
  const database = `${process.env.DATABASE_PREFIX}_${name}`;
  await dropDatabase(server, database).catch(() => undefined);
  await ensureDatabase(server, database);
  const url = withDatabase(server, database);
  try {
    const orm = await openOrm(catalog, url);
    await migrate(orm);
    await orm.close();
    return await fn(url);
  } finally {
    await dropDatabase(server, database);
  }
}

/** An event as a subgraph records one, at `at`, with `subjects` subject keys. */
export function auditEvent(requestId: string, at: Date = new Date(), subjects = 1): AuditEvent {
  return {
    at,
    requestId,
    subgraph: 'population',
    agency: 'taxation',
    operator: 'clerk-1',
    actorSubject: null,
    purpose: '综合治税',
    operation: 'Lookup',
    resource: 'Person',
    itemsServed: ['Person.gender'],
    itemsMasked: [],
    itemsRefused: [],
    decision: 'SERVED',
    subjects: Array.from({ length: subjects }, (_, i) => ({ key: `${requestId}-s${i}`, disclosed: true })),
  };
}
