/**
 * Checks the whole audit chain of the governance database at `databaseUrl` (the checks are
 * platform/governance/audit-trail.ts's verifyChain), on a connection of its own.
 */
import { Client } from 'pg';
import { pgSql } from '../db/sql';
import { verifyChain, type ChainStatus } from '../governance';

export { GENESIS_HASH, type ChainStatus } from '../governance';

export async function verifyAuditChain(databaseUrl: string): Promise<ChainStatus> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // One snapshot for the rows and the chain head: writers keep appending while we read, and a
    // head read after the rows would name rows the scan did not see ("rows removed from the end").
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      return await verifyChain(pgSql(client));
    } finally {
      await client.query('COMMIT').catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
