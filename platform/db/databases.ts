/**
 * One database per subgraph (each department owns its base database, Art. 10-11). Locally they
 * all live on one server; `databaseUrl` points a subgraph at its own.
 */
import { Client } from 'pg';
import { databasePrefix } from '../config';

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
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it, using an embedded PostgreSQL if needed)');
  return url;
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
