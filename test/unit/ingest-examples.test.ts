// Issue 11: the example files of docs/exchange.md stay valid ingest files, and the reader and the
// rules reject what they must (row-level problems by field, file-level problems before any row).
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecords, IngestFileError } from '../../platform/ingest/read';
import { validateRecord } from '../../platform/ingest/load';
import { HOUSEHOLD_INGEST, PERSON_INGEST } from '../../subgraphs/population/ingest';

const root = join(__dirname, '..', '..');
const known = Object.keys(PERSON_INGEST.columns);
const required = known.filter((f) => f !== 'phone');

async function problemsOf(path: string, format: 'csv' | 'ndjson') {
  const out: string[] = [];
  let rows = 0;
  for await (const r of readRecords(path, format, known, required)) {
    rows += 1;
    out.push(...validateRecord(PERSON_INGEST, r).problems.map((p) => `${p.row}:${p.field}`));
  }
  return { rows, problems: out };
}

test.each([
  ['docs/examples/population-persons.csv', 'csv'],
  ['docs/examples/population-persons.ndjson', 'ndjson'],
] as const)('%s is a valid Person file', async (file, format) => {
  expect(await problemsOf(join(root, file), format)).toEqual({ rows: 3, problems: [] });
});

test('a quoted CSV cell with a comma and a line break is one value (refused: control character); a short record is unreadable', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hy-ingest-unit-'));
  const file = join(dir, 'quoted.csv');
  writeFileSync(
    file,
    `${known.join(',')}\n430407200108113422,孙璐萱,FEMALE,2001-08-11,汉族,,430407,"湖南省衡阳市石鼓区解放路175号,\n18栋",ALIVE\n430407200108113422,孙璐萱\n`,
  );
  expect(await problemsOf(file, 'csv')).toEqual({ rows: 2, problems: ['1:householdAddress', '2:*'] });
});

test('unknown and missing columns are a file error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hy-ingest-unit-'));
  const file = join(dir, 'cols.csv');
  writeFileSync(file, 'idNumber,name,salary\n');
  await expect(problemsOf(file, 'csv')).rejects.toThrow(IngestFileError);
});

test('docs/examples/population-households.csv is a valid Household file (the head is checked against the database at load)', async () => {
  const cols = Object.keys(HOUSEHOLD_INGEST.columns);
  const problems: string[] = [];
  for await (const r of readRecords(join(root, 'docs/examples/population-households.csv'), 'csv', cols, cols)) {
    problems.push(...validateRecord(HOUSEHOLD_INGEST, r).problems.map((p) => `${p.row}:${p.field}`));
  }
  expect(problems).toEqual([]);
});
