/**
 * The plain keyset cursor: the key of the last row, base64url-encoded (sealed to its field,
 * filters and caller by cursor-seal.ts before it leaves). Kept apart from connection.ts (GraphQL
 * types) so that SQL code can use it without loading type-graphql.
 */
import { badUserInput } from '../errors';

export const encodeCursor = (key: string) => Buffer.from(`k:${key}`, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor == null) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('k:') || text.length < 3 || encodeCursor(text.slice(2)) !== cursor) {
    throw badUserInput(`Argument "after" is not a cursor this API issued: ${JSON.stringify(cursor)}`, { argument: 'after' });
  }
  return text.slice(2);
}
