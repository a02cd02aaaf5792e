/** Direct SQL on the test platform's databases (for setting up grants and inspecting the trail). */
import { Client } from 'pg';

export async function withDb<T>(subgraph: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${process.env.DATABASE_PREFIX}_${subgraph.replace(/-/g, '_')}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
