/** What the command-line scripts share: reading `--name value` flags, and the PostgreSQL server
 *  to work on (DATABASE_URL, or the embedded one as `npm start` uses it). */
import { runningEmbeddedServer, startEmbeddedPostgres } from '../platform/db/embedded';
import { isProduction, setting } from '../platform/settings/read';

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * Runs `fn` against DATABASE_URL; in production without it, with '' (no server: every database
 * has its own <SUBGRAPH>_DATABASE_URL, which start-up checked, and no embedded server); else against the embedded server already running on the data
 * folder (`npm start`'s: used, never stopped); else against one started for `fn` and stopped after.
 * A script never stops a server it did not start (issue 8: operations).
 */
export async function withDatabaseServer<T>(fn: (serverUrl: string) => Promise<T>, log?: (line: string) => void): Promise<T> {
  const configured = setting('DATABASE_URL');
  if (configured) return fn(configured);
  if (isProduction()) return fn('');
  const running = runningEmbeddedServer();
  if (running) {
    log?.(`using the embedded PostgreSQL already running (pid ${running.pid}); it is left running`);
    return fn(running.url);
  }
  const embedded = await startEmbeddedPostgres(log);
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}
