/**
 * Issue 11: `npm run ingest` — a provider's file into its base database, run as the real CLI
 * against its own throw-away population database (`<prefix>_ingest_population`), so that the
 * shared platform's seed stays as the other suites expect it. One transaction per file: a file
 * with any invalid row loads nothing and names every problem by row, line and column.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { dropDatabase, withDatabase } from '../../platform/db/databases';
import { syntheticIdNumber, syntheticPerson } from '../../seed/synthetic/people';
import { personKey } from '../../platform/keys';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'hy-ingest-'));
const prefix = () => `${process.env.DATABASE_PREFIX}_ingest`;
const FIELDS = ['idNumber', 'name', 'gender', 'birthDate', 'ethnicity', 'phone', 'householdDivisionCode', 'householdAddress', 'status'] as const;

type Person = Record<(typeof FIELDS)[number], string>;
const person = (i: number): Person => {
  const p = syntheticPerson(i) as unknown as Record<string, string>;
  return Object.fromEntries(FIELDS.map((f) => [f, p[f] ?? ''])) as Person;
};
const csv = (rows: Record<string, string>[], fields: readonly string[] = FIELDS) =>
  [fields.join(','), ...rows.map((r) => fields.map((f) => (/[",]/.test(r[f] ?? '') ? `"${r[f].replace(/"/g, '""')}"` : (r[f] ?? ''))).join(','))].join('\n') +
  '\n';

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function ingest(target: string, agency = 'public-security', operator = 'loader-1'): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(root, 'dist/scripts/ingest.js'), 'population', target, '--agency', agency, '--operator', operator],
      { env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, DATABASE_PREFIX: prefix() } },
    );
    return { code: 0, out: stdout, err: stderr };
  } catch (e: any) {
    return { code: e.code, out: String(e.stdout), err: String(e.stderr) };
  }
}

async function db<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: withDatabase(process.env.TEST_DATABASE_URL!, `${prefix()}_population`) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const count = (table: string) => db(async (c) => (await c.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number);

const FIFTY = Array.from({ length: 50 }, (_, i) => person(i));

beforeAll(async () => {
  await dropDatabase(process.env.TEST_DATABASE_URL!, `${prefix()}_population`);
});

describe('a good file', () => {
  test('50 persons load in one run, each recorded in the history as the provider’s insert', async () => {
    const r = await ingest(file('fifty.csv', csv(FIFTY)));
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/50 Person rows: 50 new, 0 changed, 0 unchanged/);
    expect(await count('person')).toBe(50);
    const history = await db(
      async (c) => (await c.query(`SELECT agency, operator, source, kind, count(*)::int AS n FROM record_change GROUP BY 1, 2, 3, 4`)).rows,
    );
    expect(history).toEqual([{ agency: 'public-security', operator: 'loader-1', source: 'ingest', kind: 'INSERT', n: 50 }]);
    const stored = await db(
      async (c) => (await c.query(`SELECT id, name, birth_date::text AS b FROM person WHERE id_number = $1`, [FIFTY[7].idNumber])).rows[0],
    );
    expect(stored).toEqual({ id: personKey(FIFTY[7].idNumber), name: FIFTY[7].name, b: FIFTY[7].birthDate });
  });

  test('the same file again changes nothing and records nothing', async () => {
    const before = await count('record_change');
    const r = await ingest(file('fifty-again.csv', csv(FIFTY)));
    expect(r.out).toMatch(/50 Person rows: 0 new, 0 changed, 50 unchanged/);
    expect(await count('record_change')).toBe(before);
  });

  test('NDJSON: a changed name and a new person; the history holds the old and new value of the changed field only', async () => {
    const changed = { ...FIFTY[3], name: `${FIFTY[3].name.slice(0, 1)}改名` };
    const fresh = person(60);
    const text = [changed, FIFTY[4], fresh].map((p) => JSON.stringify(p)).join('\n') + '\n';
    const r = await ingest(file('three.ndjson', text), 'public-security', 'loader-2');
    expect(r.out).toMatch(/3 Person rows: 1 new, 1 changed, 1 unchanged/);
    const last = await db(
      async (c) =>
        (await c.query(`SELECT record_id, operator, kind, fields, old_values, new_values FROM record_change WHERE kind = 'UPDATE' ORDER BY id DESC LIMIT 1`))
          .rows[0],
    );
    expect(last).toEqual({
      record_id: personKey(FIFTY[3].idNumber),
      operator: 'loader-2',
      kind: 'UPDATE',
      fields: ['name'],
      old_values: { name: FIFTY[3].name },
      new_values: { name: changed.name },
    });
  });

  test('an optional column left out keeps the stored value; an empty cell clears it', async () => {
    const without = FIELDS.filter((f) => f !== 'phone');
    expect((await ingest(file('no-phone.csv', csv([FIFTY[5]], without)))).out).toMatch(/0 new, 0 changed, 1 unchanged/);
    expect((await ingest(file('empty-phone.csv', csv([{ ...FIFTY[5], phone: '' }])))).out).toMatch(/0 new, 1 changed, 0 unchanged/);
    expect(await db(async (c) => (await c.query(`SELECT phone FROM person WHERE id = $1`, [personKey(FIFTY[5].idNumber)])).rows[0].phone)).toBeNull();
  });
});

describe('a bad file loads nothing and reports every problem exactly', () => {
  test('bad values, a cross-check and a duplicate: each reported by row, line and column; the good change is not applied', async () => {
    const id = FIFTY[0].idNumber;
    const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0'); // wrong check character
    const rows = [
      FIFTY[10], // row 1: unchanged
      { ...FIFTY[11], idNumber: bad }, // row 2
      { ...FIFTY[12], name: `${FIFTY[12].name}甲` }, // row 3: a good change, not applied
      { ...FIFTY[13], birthDate: '1900-01-01' }, // row 4
      { ...FIFTY[14], householdDivisionCode: '999999', status: 'ALIVE?' }, // row 5: two problems
      { ...FIFTY[15], gender: FIFTY[15].gender === 'MALE' ? 'FEMALE' : 'MALE' }, // row 6
      FIFTY[10], // row 7: the same record as row 1
    ];
    const historyBefore = await count('record_change');
    const r = await ingest(file('bad.csv', csv(rows)));
    expect(r.code).toBe(1);
    const lines = r.err.split('\n').filter((l) => l.startsWith('row '));
    expect(lines).toEqual([
      expect.stringMatching(/^row 2 \(line 3\), idNumber: .*check/i),
      `row 4 (line 5), birthDate: 1900-01-01 is not the birth date in the ID number (${FIFTY[13].birthDate})`,
      'row 5 (line 6), householdDivisionCode: 999999 is not a county-level division code of Hengyang',
      'row 5 (line 6), status: must be one of ALIVE, DECEASED, MOVED_OUT, got "ALIVE?"',
      expect.stringMatching(/^row 6 \(line 7\), gender: .* disagrees with the ID number's sex digit/),
      'row 7 (line 8), idNumber: the same record as row 1 (one row per record)',
    ]);
    expect(r.err).toMatch(/6 problem\(s\) in 7 rows; nothing was loaded/);
    expect(await db(async (c) => (await c.query(`SELECT name FROM person WHERE id = $1`, [personKey(FIFTY[12].idNumber)])).rows[0].name)).toBe(FIFTY[12].name);
    expect(await count('record_change')).toBe(historyBefore);
    expect(await count('person')).toBe(51);
  });

  test('NDJSON: an unreadable line and an unknown field are reported with their line', async () => {
    const text = [JSON.stringify(person(70)), '{"idNumber": "430', JSON.stringify({ ...person(71), salary: 1 })].join('\n') + '\n';
    const r = await ingest(file('broken.ndjson', text));
    expect(r.code).toBe(1);
    expect(r.err.split('\n').filter((l) => l.startsWith('row '))).toEqual([
      'row 2 (line 2), *: the record is not valid JSON',
      'row 3 (line 3), *: the record has unknown field(s) salary',
    ]);
    expect(await count('person')).toBe(51);
  });

  test('a missing required column or an unknown one refuses the file before any row', async () => {
    const r = await ingest(
      file(
        'no-name.csv',
        csv(
          [FIFTY[1]],
          FIELDS.filter((f) => f !== 'name'),
        ),
      ),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('missing required column(s) name');
    const u = await ingest(file('extra.csv', 'idNumber,name,gender,birthDate,ethnicity,householdDivisionCode,householdAddress,status,income\n'));
    expect(u.err).toContain('unknown column(s) income');
  });
});

describe('households', () => {
  const HEADER = 'householdNumber,head,divisionCode,address\n';
  test('a household register loads with its head given by ID number; a head who is no registered person refuses the file', async () => {
    const good = `${HEADER}430400000000901,${FIFTY[0].idNumber},${FIFTY[0].householdDivisionCode},${FIFTY[0].householdAddress}\n`;
    const r = await run(
      process.execPath,
      [
        path.join(root, 'dist/scripts/ingest.js'),
        'population',
        file('households.csv', good),
        '--type',
        'Household',
        '--agency',
        'public-security',
        '--operator',
        'loader-3',
      ],
      { env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, DATABASE_PREFIX: prefix() } },
    );
    expect(r.stdout).toMatch(/1 Household rows: 1 new/);
    expect(await db(async (c) => (await c.query(`SELECT head_id FROM household WHERE household_number = '430400000000901'`)).rows[0].head_id)).toBe(
      personKey(FIFTY[0].idNumber),
    );
    const bad = `${HEADER}430400000000902,${person(900).idNumber},430407,湖南省衡阳市石鼓区某路1号\n430499000000903,${FIFTY[1].idNumber},430407,湖南省衡阳市石鼓区某路2号\n`;
    const e = await run(
      process.execPath,
      [
        path.join(root, 'dist/scripts/ingest.js'),
        'population',
        file('households-bad.csv', bad),
        '--type',
        'Household',
        '--agency',
        'public-security',
        '--operator',
        'loader-3',
      ],
      { env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, DATABASE_PREFIX: prefix() } },
    ).catch((x: unknown) => ({ stdout: String((x as { stdout?: unknown }).stdout), stderr: String((x as { stderr?: unknown }).stderr) }));
    expect(e.stderr.split('\n').filter((l) => l.startsWith('row '))).toEqual([
      'row 2 (line 3), householdNumber: does not start with a Hengyang division code (430499)',
      'row 1 (line 2), head: is no registered person (load the person first)',
    ]);
    expect(await count('household')).toBe(1);
  });
});

describe('ingestion is the provider’s', () => {
  test('another agency is refused before the file is read; nothing changes', async () => {
    const before = await count('person');
    const r = await ingest(file('other.csv', csv([person(80)])), 'civil-affairs');
    expect(r.code).toBe(2);
    expect(r.err).toContain('civil-affairs is not the provider of population (public-security): refused');
    expect(await count('person')).toBe(before);
    expect(syntheticIdNumber(80)).toBe(person(80).idNumber);
  });

  test('the history is append-only: its rows can be neither changed nor deleted nor truncated', async () => {
    for (const sql of [`UPDATE record_change SET operator = 'someone-else'`, `DELETE FROM record_change`, `TRUNCATE record_change`]) {
      await expect(db((c) => c.query(sql))).rejects.toThrow(/append-only/);
    }
  });
});
