/**
 * Loads a provider's file into its base database (issue 11): one transaction per file. Every
 * record is validated as it streams by (the same rules as the update mutations); valid ones go
 * into a temporary staging table by COPY, invalid ones are reported (row, line, field, reason) and
 * the file goes on being read so that one run reports every problem. At the end, any problem —
 * a bad value, an unreadable record, the same key twice — rolls the whole file back: nothing is
 * half-applied (docs/DECISIONS.md, issue 11). Otherwise the staging table is merged into the base
 * table in two set-based statements (update what changed, insert what is new), under the provider's
 * actor settings, so the change-history triggers record who loaded what.
 * Memory stays constant: one record at a time, COPY batches of 2,000 lines, problems streamed out.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { ClientBase } from 'pg';
import { encodeValue } from '../db/copy';
import { pgSql } from '../db/sql';
import { setChangeActor, type ChangeActor } from '../db/change-history';
import { applyRules } from './rules';
import type { SourceRecord } from './read';
import { requiredFields, storedColumns, type IngestSpec } from './spec';

export interface RowProblem {
  row: number;
  line: number;
  /** The column (GraphQL field); `*` for the record as a whole. */
  field: string;
  reason: string;
}

export interface IngestResult {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  problems: number;
  /** Rows with at least one problem (the validity rate's complement). */
  invalidRows: number;
  /** True when the file was committed (no problem at all). */
  committed: boolean;
}

/** Validates one record as a complete row: the values by column, or its problems. */
export function validateRecord(spec: IngestSpec, record: SourceRecord): { values: Record<string, unknown>; problems: RowProblem[] } {
  const at = { row: record.row, line: record.line };
  if (record.unreadable) return { values: {}, problems: [{ ...at, field: '*', reason: `the record ${record.unreadable}` }] };
  const raw: Record<string, string | null> = { ...record.fields };
  for (const f of requiredFields(spec)) if (!(f in raw)) raw[f] = null;
  const { values, problems } = applyRules(spec.rules, raw);
  const all = problems.map((p) => ({ ...at, ...p }));
  if (!problems.length && spec.check) all.push(...spec.check(values).map((p) => ({ ...at, ...p })));
  return { values, problems: all };
}

export async function ingestRecords(
  client: ClientBase,
  spec: IngestSpec,
  records: AsyncIterable<SourceRecord>,
  actor: ChangeActor,
  onProblem: (p: RowProblem) => void,
): Promise<IngestResult> {
  const q = pgSql(client);
  const stored = storedColumns(spec);
  const fields = Object.keys(stored);
  const cols = fields.map((f) => stored[f]);
  const optional = spec.optionalFields ?? [];
  let rows = 0;
  let problems = 0;
  const invalid = new Set<number>();
  await q('BEGIN');
  try {
    await setChangeActor(q, actor);
    await q(`CREATE TEMP TABLE ingest_stage ON COMMIT DROP AS SELECT id, ${cols.join(', ')} FROM ${spec.table} WITH NO DATA`);
    await q(`ALTER TABLE ingest_stage ADD COLUMN row_no integer, ADD COLUMN line_no integer, ADD COLUMN absent text[]`);
    async function* lines() {
      let batch: string[] = [];
      for await (const record of records) {
        rows += 1;
        const { values, problems: found } = validateRecord(spec, record);
        // 谁提供、谁负责 (Art. 11): a record whose provider is another agency is not this file's to load.
        const owner = !found.length && spec.providerOf ? spec.providerOf(values) : undefined;
        if (owner !== undefined && owner !== actor.agency) {
          found.push({ row: record.row, line: record.line, field: spec.keyField, reason: `is provided by ${owner}, not by ${actor.agency}: refused` });
        }
        if (found.length) {
          problems += found.length;
          invalid.add(record.row);
          found.forEach(onProblem);
          continue;
        }
        const absentFields = optional.filter((f) => !(f in record.fields));
        for (const f of absentFields) if (spec.insertDefaults && f in spec.insertDefaults && values[f] == null) values[f] = spec.insertDefaults[f];
        const absent = absentFields.map((f) => spec.columns[f]);
        const key = spec.recordKey ? spec.recordKey(values) : spec.keyOf(values[spec.keyField] as string);
        batch.push([key, ...fields.map((f) => values[f] ?? null), record.row, record.line, `{${absent.join(',')}}`].map(encodeValue).join('\t'));
        if (batch.length >= 2000) {
          yield batch.join('\n') + '\n';
          batch = [];
        }
      }
      if (batch.length) yield batch.join('\n') + '\n';
    }
    const sink = client.query(copyFrom(`COPY ingest_stage (id, ${cols.join(', ')}, row_no, line_no, absent) FROM STDIN`));
    await pipeline(Readable.from(lines()), sink);

    // The same record twice in one file: which of the two is meant cannot be told, so both are reported.
    const dups = await q<{ row_no: number; line_no: number; first: number }>(
      `SELECT row_no, line_no, first FROM (
         SELECT row_no, line_no, min(row_no) OVER (PARTITION BY id) AS first, count(*) OVER (PARTITION BY id) AS n FROM ingest_stage) d
        WHERE n > 1 AND row_no <> first ORDER BY row_no`,
    );
    for (const d of dups) {
      problems += 1;
      invalid.add(d.row_no);
      onProblem({ row: d.row_no, line: d.line_no, field: spec.keyField, reason: `the same record as row ${d.first} (one row per record)` });
    }
    for (const ref of spec.references ?? []) {
      const col = stored[ref.field];
      const missing = await q<{ row_no: number; line_no: number }>(
        `SELECT row_no, line_no FROM ingest_stage s WHERE s.${col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${ref.table} r WHERE r.${ref.column ?? 'id'} = s.${col}) ORDER BY row_no`,
      );
      for (const bad of missing) {
        problems += 1;
        invalid.add(bad.row_no);
        onProblem({ row: bad.row_no, line: bad.line_no, field: ref.field, reason: ref.reason });
      }
    }
    if (problems) {
      await q('ROLLBACK');
      return { rows, inserted: 0, updated: 0, unchanged: 0, problems, invalidRows: invalid.size, committed: false };
    }
    // An optional field a record leaves out keeps its stored value; given as empty/null, it is cleared.
    const value = (c: string) => (optional.some((f) => spec.columns[f] === c) ? `CASE WHEN '${c}' = ANY(s.absent) THEN t.${c} ELSE s.${c} END` : `s.${c}`);
    const [u] = await q<{ n: string }>(
      `WITH u AS (UPDATE ${spec.table} t SET ${cols.map((c) => `${c} = ${value(c)}`).join(', ')}
                    FROM ingest_stage s
                   WHERE t.id = s.id AND (${cols.map((c) => `t.${c}::text`).join(', ')}) IS DISTINCT FROM (${cols.map((c) => `(${value(c)})::text`).join(', ')})
                  RETURNING 1)
       SELECT count(*)::text AS n FROM u`,
    );
    const [i] = await q<{ n: string }>(
      `WITH i AS (INSERT INTO ${spec.table} (id, ${cols.join(', ')})
                  SELECT s.id, ${cols.map((c) => `s.${c}`).join(', ')} FROM ingest_stage s
                   WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} t WHERE t.id = s.id)
                  RETURNING 1)
       SELECT count(*)::text AS n FROM i`,
    );
    await q('COMMIT');
    const inserted = Number(i.n);
    const updated = Number(u.n);
    return { rows, inserted, updated, unchanged: rows - inserted - updated, problems: 0, invalidRows: 0, committed: true };
  } catch (e) {
    await q('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
