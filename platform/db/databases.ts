/**
 * One database per subgraph (each department owns its base database, Art. 10-11). Each may have
 * its own URL (<SUBGRAPH>_DATABASE_URL, GOVERNANCE_DATABASE_URL: its own server, a pooler);
 * otherwise it is `<DATABASE_PREFIX>_<subgraph>` on the DATABASE_URL server, as locally.
 */
import { Client } from 'pg';
import { databasePrefix } from '../config';
import { setting } from '../settings/read';
import { databaseUrlVariable, ownDatabaseUrl } from '../settings/per-subgraph';
import { governanceSubgraph } from '../subgraph/registry';

export function databaseName(subgraph: string): string {
  return `${databasePrefix()}_${subgraph.replace(/-/g, '_')}`;
}

/** The server URL with its database path replaced by `database`. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** DATABASE_URL of the process, or throws: the orchestrator always sets it for its children. */
export function serverUrl(): string {
  const url = setting('DATABASE_URL');
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it, using an embedded PostgreSQL if needed)');
  return url;
}

/** The subgraph's database: its own URL if configured, else `<prefix>_<subgraph>` on `server` (default DATABASE_URL). */
export function databaseUrl(subgraph: string, server?: string): string {
  const own = ownDatabaseUrl(subgraph);
  if (own) return own;
  if (!server && !setting('DATABASE_URL')) throw new Error(`neither ${databaseUrlVariable(subgraph)} nor DATABASE_URL is set`);
  return withDatabase(server ?? serverUrl(), databaseName(subgraph));
}

/** Whether the database has a URL of its own (then it is never created by us: its owner provides it). */
export const hasOwnDatabaseUrl = (subgraph: string) => ownDatabaseUrl(subgraph) !== undefined;

/** Where LISTEN grants_changed connects: a direct (session) connection, which a transaction pooler
 *  cannot give (GOVERNANCE_LISTEN_DATABASE_URL); default the governance database itself. */
export function listenDatabaseUrl(server?: string): string {
  return setting('GOVERNANCE_LISTEN_DATABASE_URL') ?? databaseUrl(governanceSubgraph(), server);
}

export async function ensureDatabase(server: string, database: string): Promise<boolean> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount) return false;
    // Identifiers cannot be bound as parameters; the name is ours and validated here.
    if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`unsafe database name ${database}`);
    await client.query(`CREATE DATABASE ${database} ENCODING 'UTF8' TEMPLATE template0`);
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(server: string, database: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`unsafe database name ${database}`);
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
