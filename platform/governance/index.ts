/**
 * platform/governance: the owner of the governance tables — the agency register, grants (and the
 * items providers withdrew from them), the hash-chained audit trail, the refresh log, the
 * lookup budgets, agencies' notification inboxes, the (test-only) platform clock and the catalogue register. Their migrations are migrations/governance/; they live in the governance
 * database (the catalog subgraph's database), so that the catalog's workflow tables can keep
 * foreign keys to agencies and grants. Every other module reads and writes them through the typed
 * functions exported here, never with SQL of its own.
 *
 * Functions take a `Sql` (db/sql.ts): a pg pool or client (`pgSql`), or the caller's MikroORM
 * connection or transaction (`emSql`, `emTransaction`), so that the catalog's workflow changes a
 * grant in the same transaction as the application it belongs to.
 *
 * The MikroORM entities of these tables are in ./entities (imported only by the ORM of the
 * governance database, so that the router and scripts load no decorators).
 */
import { databaseUrl } from '../db/databases';
import { governanceSubgraph } from '../subgraph/registry';

export * from './agencies';
export * from './grants';
export * from './audit-trail';
export * from './audit-checkpoints';
export * from './audit-search';
export * from './refresh';
export * from './lookup-budget';
export * from './notifications';
export * from './clock';
export * from './register';
export * from './purpose-refusals';
export * from './webhooks';
export * from './exports';
export * from './agency-controls';

/** The governance database's URL: GOVERNANCE_DATABASE_URL, else its name on `server` (default DATABASE_URL). */
export function governanceDatabaseUrl(server?: string): string {
  return databaseUrl(governanceSubgraph(), server);
}
