/**
 * `npm run -s audit:verify [-- --full | --archive] [--checkpoints <file> | --no-checkpoints] [--parallel N]`:
 * checks the audit trail against its signed checkpoints and its hash chain
 * (platform/audit/verify.ts). By default from the last good checkpoint forward; `--full` checks
 * every row; `--archive` checks an archived month restored into a scratch database (docs/AUDIT.md).
 * The checkpoint file is AUDIT_CHECKPOINT_FILE's (the catalog writes it). Exit 0 and
 * one line when intact; exit 1 naming the first broken row otherwise; 2 when it could not run.
 * The outcome is recorded in audit_verification (the portal's "last verified"); nothing else is
 * written. Uses DATABASE_URL (or the embedded server, as npm start does).
 */
import { checkpointFilePath } from '../platform/audit/checkpoint';
import { verifyAuditTrail, type VerifyOptions } from '../platform/audit/verify';
import { governanceDatabaseUrl } from '../platform/governance';
import { withDatabaseServer } from './cli';

function parseArgs(argv: string[]): VerifyOptions {
  const options: VerifyOptions = { mode: 'FROM_CHECKPOINT', checkpointFile: checkpointFilePath, parallel: 2, recordAs: 'audit:verify' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--full') options.mode = 'FULL';
    else if (arg === '--archive') Object.assign(options, { archive: true, mode: 'FULL', recordAs: undefined });
    else if (arg === '--no-checkpoints') options.checkpointFile = undefined;
    else if (arg === '--checkpoints' && argv[i + 1]) options.checkpointFile = argv[++i];
    else if (arg === '--parallel' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) options.parallel = Number(argv[++i]);
    else throw new Error(`usage: audit:verify [--full | --archive] [--checkpoints <file> | --no-checkpoints] [--parallel N] (got ${arg})`);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const status = await withDatabaseServer((server) => verifyAuditTrail(governanceDatabaseUrl(server), options));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const { matched, archived, inFile, lastGood } = status.checkpoints;
  const scope = status.mode === 'FULL' ? 'full' : lastGood ? `from the checkpoint at seq ${lastGood.sequence} (${lastGood.time})` : 'full (no checkpoint yet)';
  const ckpt = status.checkpointFile
    ? `; ${matched} of ${inFile} checkpoints in ${status.checkpointFile} match${archived ? ` (${archived} of archived rows)` : ''}`
    : '; no checkpoint file';
  for (const note of status.notes) console.error(`note: ${note}`);
  if (status.intact) {
    console.log(`audit chain intact: ${status.events} events, head ${status.headHash}`);
    console.error(`verified ${scope}: seq ${status.fromSeq}..${status.throughSeq}${ckpt}; ${seconds} s`);
    return 0;
  }
  console.log(`audit chain BROKEN at seq ${status.brokenAtSeq}: ${status.reason} (${status.events} events verified before it)`);
  console.error(`verified ${scope}${ckpt}; ${seconds} s`);
  return 1;
}

main()
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    console.error('audit:verify failed:', e instanceof Error ? e.message : e);
    process.exit(2);
  });
