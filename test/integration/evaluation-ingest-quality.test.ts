/**
 * Issue 11, quality in the evaluation: completeness (item cells filled) and validity rate (rows of
 * the last ingest file that passed validation) per resource, reported by the provider's own
 * ingest run as counts in its refresh report and shown in the bureau's report and its CSV. The
 * file here is refused (one bad row of two), so the shared platform's data is not touched.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gql } from '../support/client';
import { withDb } from '../support/db';
import { chinaDay } from '../../subgraphs/catalog/calendar/working-days';
import { CSV_COLUMNS } from '../../subgraphs/catalog/evaluation/report';
import { LEGAL_PERSON_INGEST } from '../../subgraphs/legal-person/ingest';
import { changeItems } from '../../platform/history/items';
import { BUREAU, as, ok } from './catalog-support';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const YEAR = Number(chinaDay(new Date()).slice(0, 4));

test('a refused file of two rows, one bad: validity 50 % for 法人基本信息, completeness as counted now, in the report and the CSV', async () => {
  const [header, good] = readFileSync(path.join(root, 'docs/examples/legal-person.csv'), 'utf8').trim().split('\n');
  const bad = good.replace('91430421402176535R', '91430421402176535X');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hy-evq-')), 'half.csv');
  writeFileSync(file, [header, good, bad].join('\n') + '\n');
  const r = (await run(
    process.execPath,
    [path.join(root, 'dist/scripts/ingest.js'), 'legal-person', file, '--agency', 'market-regulation', '--operator', 'q-1'],
    {
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL },
    },
  ).catch((e: unknown) => e)) as { code?: number };
  expect(r.code).toBe(1);

  const columns = Object.keys(changeItems(LEGAL_PERSON_INGEST)).map((f) => LEGAL_PERSON_INGEST.columns[f]);
  const expected = await withDb('legal-person', async (c) => {
    const [row] = (
      await c.query(`SELECT count(*)::float AS n, sum(${columns.map((x) => `(${x} IS NOT NULL)::int`).join(' + ')})::float AS f FROM legal_person`)
    ).rows;
    return row.f / (row.n * columns.length);
  });
  expect(expected).toBeGreaterThan(0.5);
  expect(expected).toBeLessThan(1);

  const report = ok(
    await gql(
      `query($y: Int!) { bureauEvaluationReport(year: $y) { providers { agencyCode resources { code completeness validityRate } } csv } }`,
      { y: YEAR },
      await as(BUREAU),
    ),
  ).bureauEvaluationReport;
  const market = report.providers.find((p: any) => p.agencyCode === 'market-regulation');
  const lp = market.resources.find((x: any) => x.code === 'HY-FR-001');
  expect(lp.validityRate).toBe(0.5);
  expect(lp.completeness).toBeCloseTo(expected, 2);
  // A resource no file was loaded into has no validity rate; a computed one no completeness.
  expect(market.resources.find((x: any) => x.code === 'HY-FR-002')).toMatchObject({ completeness: null, validityRate: null });

  const [, ...rows] = report.csv.trim().split('\n');
  const row = rows.map((l: string) => l.split(',')).find((c: string[]) => c[1] === 'PROVIDER' && c[2] === 'market-regulation');
  expect(row[CSV_COLUMNS.indexOf('validity_rate')]).toBe('0.5000');
  expect(Number(row[CSV_COLUMNS.indexOf('completeness')])).toBeCloseTo(expected, 2);
});
