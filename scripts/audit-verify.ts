/**
 * `npm run -s audit:verify`: checks the audit trail's hash chain end to end. Exit 0 and one line
 * when intact; exit 1 naming the first broken row otherwise. Uses DATABASE_URL (or the embedded
 * server, as npm start does).
 */
import { verifyAuditChain } from '../platform/audit/verify';
import { governanceDatabaseUrl } from '../platform/governance';
import { withDatabaseServer } from './cli';

async function main(): Promise<number> {
  const status = await withDatabaseServer((server) => verifyAuditChain(governanceDatabaseUrl(server)));
  if (status.intact) {
    console.log(`audit chain intact: ${status.events} events, head ${status.headHash}`);
    return 0;
  }
  console.log(`audit chain BROKEN at seq ${status.brokenAtSeq}: ${status.reason} (${status.events} events verified before it)`);
  return 1;
}

main()
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    console.error('audit:verify failed:', e instanceof Error ? e.message : e);
    process.exit(2);
  });
