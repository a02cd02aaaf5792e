/**
 * Bulk loading with PostgreSQL COPY (text format) through the ORM's own connection pool:
 * 100,000 rows load in about a second, where row-by-row inserts would take minutes.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PoolClient } from 'pg';

/** knex's connection pool, typed as far as this file uses it (knex types its client as `any`). */
interface KnexPool {
  acquireConnection(): Promise<PoolClient>;
  releaseConnection(client: PoolClient): Promise<void>;
}

/** COPY text format: backslash, tab, newline and carriage return are escaped; null is \N. */
export function encodeValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export async function copyRows(em: EntityManager, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number> {
  let count = 0;
  function* lines() {
    let batch: string[] = [];
    for (const row of rows) {
      batch.push(row.map(encodeValue).join('\t'));
      count += 1;
      if (batch.length >= 2000) {
        yield batch.join('\n') + '\n';
        batch = [];
      }
    }
    if (batch.length) yield batch.join('\n') + '\n';
  }
  await copyText(em, table, columns, lines());
  return count;
}

/** COPY of text already encoded (lines of tab-separated values, each ending in a newline). */
export async function copyText(em: EntityManager, table: string, columns: string[], chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const knex = em.getConnection().getKnex();
  const pool = knex.client as KnexPool;
  const client = await pool.acquireConnection();
  try {
    const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
    await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
  } finally {
    await pool.releaseConnection(client);
  }
}
