/**
 * `node dist/scripts/generate-persons.js <count> <file.csv|file.ndjson> [--from N]`: writes synthetic
 * Person records (the seed's city, persons #from … #from+count-1) as an ingest file, streaming, to
 * measure `npm run ingest` (README). The file is test data: keep it out of git.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { argValue } from './cli';
import { syntheticPerson } from '../seed/synthetic/people';

const FIELDS = ['idNumber', 'name', 'gender', 'birthDate', 'ethnicity', 'phone', 'householdDivisionCode', 'householdAddress', 'status'] as const;

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function main() {
  const [countText, file] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const count = Number(countText);
  const from = Number(argValue('--from') ?? 0);
  if (!Number.isInteger(count) || count < 1 || !file) throw new Error('usage: generate-persons <count> <file.csv|file.ndjson> [--from N]');
  const ndjson = file.endsWith('.ndjson');
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  if (!ndjson) await write(FIELDS.join(',') + '\n');
  for (let i = from; i < from + count; i++) {
    const p = syntheticPerson(i) as unknown as Record<string, string>;
    await write(ndjson ? JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, p[f]]))) + '\n' : FIELDS.map((f) => csvCell(p[f] ?? '')).join(',') + '\n');
  }
  out.end();
  await once(out, 'finish');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
