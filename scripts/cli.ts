/** What the command-line scripts share: reading `--name value` flags, and the PostgreSQL server
 *  to work on (DATABASE_URL, or the embedded one as `npm start` uses it). */
import { startEmbeddedPostgres } from '../platform/db/embedded';

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Runs `fn` against DATABASE_URL, or against the embedded server started (and stopped) for it. */
export async function withDatabaseServer<T>(fn: (serverUrl: string) => Promise<T>, log?: (line: string) => void): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const embedded = await startEmbeddedPostgres(log);
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}
