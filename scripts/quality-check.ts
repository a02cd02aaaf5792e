/**
 * `npm run quality:check`: runs the consistency job once (一数一源, Art. 9;
 * subgraphs/catalog/quality/) against a running platform: it reads the base databases through the
 * router (PLATFORM_ROUTER_URL, default http://127.0.0.1:4000/) as the quality-check actor, and
 * records the findings in the governance database (DATABASE_URL, or the embedded server as npm
 * start uses). Prints the run's summary; exits 1 when the run fails (nothing is then recorded).
 */
import { Client } from 'pg';
import { governanceDatabaseUrl } from '../platform/governance';
import { withDatabaseServer } from './cli';
import { clientTransaction, runConsistencyCheck, summaryLine } from '../subgraphs/catalog/quality/job';
import { routerReader } from '../subgraphs/catalog/quality/reader';

async function main(): Promise<void> {
  await withDatabaseServer(async (server) => {
    const client = new Client({ connectionString: governanceDatabaseUrl(server) });
    await client.connect();
    try {
      console.log(summaryLine(await runConsistencyCheck(await routerReader(), clientTransaction(client))));
    } finally {
      await client.end();
    }
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
