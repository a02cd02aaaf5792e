/**
 * One exported row as a line of the file: CSV (RFC 4180, a header of field names, UTF-8 with a BOM
 * so that spreadsheet software reads Chinese right) or NDJSON (one JSON object per line). A value
 * the policy refused is empty (CSV) or null (NDJSON), as the online answer's null.
 */
import type { ExportFormat } from '../governance';

/**
 * A cell a spreadsheet would read as a formula (= + - @, or a leading TAB or CR, OWASP "CSV
 * injection") gets a single quote in front, so a value planted in a base database cannot run in
 * the consumer's spreadsheet. The quote is part of the cell: a reader comparing a cell with the
 * online answer strips one leading quote from a cell whose next character is one of those
 * (docs/exchange.md). NDJSON is never changed: it is data, not a sheet.
 */
export const neutralise = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const text = neutralise(typeof v === 'object' ? JSON.stringify(v) : String(v));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function headerLine(format: ExportFormat, fields: readonly string[]): string {
  return format === 'CSV' ? `\uFEFF${fields.map(csvCell).join(',')}\r\n` : '';
}

export function rowLine(format: ExportFormat, fields: readonly string[], node: Record<string, unknown>): string {
  if (format === 'CSV') return `${fields.map((f) => csvCell(node[f])).join(',')}\r\n`;
  return `${JSON.stringify(Object.fromEntries(fields.map((f) => [f, node[f] ?? null])))}\n`;
}

export const contentType = (format: ExportFormat) => (format === 'CSV' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
export const fileExtension = (format: ExportFormat) => (format === 'CSV' ? 'csv' : 'ndjson');
