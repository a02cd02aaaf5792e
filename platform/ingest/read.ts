/**
 * Streams the records of a provider's file, CSV (a header of GraphQL field names) or NDJSON (one
 * JSON object per line), in constant memory: one record at a time, with its row number (the n-th
 * record, header excluded) and the file line it ends on, for the report.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

export type FileFormat = 'csv' | 'ndjson';

export interface SourceRecord {
  /** 1-based record number (a CSV header is not a record). */
  row: number;
  line: number;
  /** Field → text, or null for an empty CSV cell / a JSON null. */
  fields: Record<string, string | null>;
  /** A record that could not be read as fields at all (bad JSON, wrong column count). */
  unreadable?: string;
}

/** A problem with the file as a whole (unknown or missing columns): nothing is loaded. */
export class IngestFileError extends Error {}

export function formatOf(path: string, given?: string): FileFormat {
  const f = (given ?? path.split('.').pop() ?? '').toLowerCase();
  if (f === 'csv') return 'csv';
  if (f === 'ndjson' || f === 'jsonl') return 'ndjson';
  throw new IngestFileError(`cannot tell the format of ${path}: name it .csv or .ndjson, or pass --format csv|ndjson`);
}

function checkColumns(columns: string[], known: string[], required: string[]): void {
  const unknown = columns.filter((c) => !known.includes(c));
  if (unknown.length) throw new IngestFileError(`unknown column(s) ${unknown.join(', ')}; the columns are the GraphQL fields ${known.join(', ')}`);
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length) throw new IngestFileError(`missing required column(s) ${missing.join(', ')}`);
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) throw new IngestFileError(`column ${dup} appears twice`);
}

async function* readCsv(path: string, known: string[], required: string[]): AsyncGenerator<SourceRecord> {
  const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true, info: true, skip_empty_lines: true }));
  let header: string[] | undefined;
  let row = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header) {
      header = record.map((c) => c.trim());
      checkColumns(header, known, required);
      continue;
    }
    row += 1;
    if (record.length !== header.length) {
      yield { row, line: info.lines, fields: {}, unreadable: `has ${record.length} cells, the header ${header.length}` };
      continue;
    }
    const fields: Record<string, string | null> = {};
    header.forEach((c, i) => (fields[c] = record[i] === '' ? null : record[i]));
    yield { row, line: info.lines, fields };
  }
  if (!header) throw new IngestFileError('the file is empty (no header)');
}

async function* readNdjson(path: string, known: string[], required: string[]): AsyncGenerator<SourceRecord> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  let row = 0;
  for await (const text of lines) {
    line += 1;
    if (!text.trim()) continue;
    row += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { row, line, fields: {}, unreadable: 'is not valid JSON' };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield { row, line, fields: {}, unreadable: 'is not a JSON object' };
      continue;
    }
    const fields: Record<string, string | null> = {};
    const keys = Object.keys(value);
    const unknown = keys.filter((k) => !known.includes(k));
    if (unknown.length) {
      yield { row, line, fields: {}, unreadable: `has unknown field(s) ${unknown.join(', ')}` };
      continue;
    }
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      fields[k] = v == null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    for (const k of required) if (!(k in fields)) fields[k] = null; // reported as "is required"
    yield { row, line, fields };
  }
}

export function readRecords(path: string, format: FileFormat, known: string[], required: string[]): AsyncGenerator<SourceRecord> {
  return format === 'csv' ? readCsv(path, known, required) : readNdjson(path, known, required);
}
