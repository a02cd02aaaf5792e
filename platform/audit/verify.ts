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
    return await verifyChain(pgSql(client));
  } finally {
    await client.end();
  }
}
