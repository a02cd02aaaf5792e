/** The statement plumbing under platform/governance: one `?` statement through pg or knex, array
 *  literals, and the shared keyset pagination's cursor check (issue 9). */
import { pgArray, pgPreparedSql, pgSql, toNumberedPlaceholders } from '../../platform/db/sql';
import { cursorKey, TIMESTAMP_TEXT, UUID_TEXT } from '../../platform/db/keyset';
import { encodeCursor } from '../../platform/graphql/cursor';

describe('? placeholders for node-postgres', () => {
  test('are numbered in order, outside literals, quoted identifiers and comments', () => {
    expect(toNumberedPlaceholders(`SELECT ?, '?', "a?" FROM t WHERE x = ? -- isn't ?\n AND y = ?::text[]`)).toBe(
      `SELECT $1, '?', "a?" FROM t WHERE x = $2 -- isn't ?\n AND y = $3::text[]`,
    );
  });

  test('pgSql passes the numbered statement and the parameters as given', async () => {
    const seen: [string, unknown[] | undefined][] = [];
    const sql = pgSql({ query: async (text, values) => (seen.push([text, values]), { rows: [{ n: 1 }] }) });
    expect(await sql('SELECT ? AS n WHERE ? = ANY(?::text[])', [1, 'a', pgArray(['a', 'b'])])).toEqual([{ n: 1 }]);
    expect(seen).toEqual([['SELECT $1 AS n WHERE $2 = ANY($3::text[])', [1, 'a', '{"a","b"}']]]);
  });

  test('pgPreparedSql names each statement text by its hash: one name per text, another for another text', async () => {
    const seen: { name: string; text: string; values: unknown[] }[] = [];
    const sql = pgPreparedSql({ query: async (config) => (seen.push(config), { rows: [] }) });
    await sql('SELECT ?', [1]);
    await sql('SELECT ?', [2]);
    await sql('SELECT ?, ?', [1, 2]);
    expect(seen.map((s) => s.text)).toEqual(['SELECT $1', 'SELECT $1', 'SELECT $1, $2']);
    expect(seen.map((s) => s.values)).toEqual([[1], [2], [1, 2]]);
    expect(seen[0].name).toMatch(/^s[0-9a-f]{20}$/);
    expect(seen[1].name).toBe(seen[0].name);
    expect(seen[2].name).not.toBe(seen[0].name);
  });

  test('array literals quote every element, backslashes and double quotes escaped', () => {
    expect(pgArray([])).toBe('{}');
    expect(pgArray(['a,b', 'say "hi"', 'back\\slash', 'NULL'])).toBe('{"a,b","say \\"hi\\"","back\\\\slash","NULL"}');
    expect(pgArray([1, 2])).toBe('{"1","2"}');
    expect(pgArray([true, false])).toBe('{"true","false"}');
  });
});

describe('the keyset cursor', () => {
  const key = [
    { column: 'created_at', type: 'timestamptz', pattern: TIMESTAMP_TEXT },
    { column: 'id', type: 'uuid', pattern: UUID_TEXT },
  ];

  test('no cursor: the first page', () => {
    expect(cursorKey(undefined, key)).toBeUndefined();
    expect(cursorKey(null, key)).toBeUndefined();
  });

  test('a key of this list comes back in parts', () => {
    const text = '2026-11-26 08:00:00.123456+00|0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(cursorKey(encodeCursor(text), key)).toEqual(text.split('|'));
  });

  test.each([
    ["another list's key", '12345'],
    ['a third part', '2026-11-26 08:00:00+00|0f8fad5b-d9cb-469f-a165-70867728950e|x'],
    ['SQL in a part', "2026-11-26 08:00:00+00|0f8fad5b-d9cb-469f-a165-70867728950e' OR true --"],
  ])('%s is BAD_USER_INPUT naming "after"', (_what, text) => {
    expect(() => cursorKey(encodeCursor(text), key)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'after' }) }),
    );
  });
});
