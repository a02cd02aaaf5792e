/**
 * `npm run -s ingest -- <subgraph> <file> --agency <code> --operator <id> [--type Person] [--format csv|ndjson]`:
 * loads a providing agency's file into its base database (issue 11, docs/exchange.md). The run is
 * the provider's: an agency that does not provide the subgraph is refused before the file is
 * opened. One transaction per file: any invalid row (reported on stderr as `row N (line L),
 * field: reason`) rolls the whole file back, exit status 1. On success the history triggers have
 * recorded every change under the agency and operator, and the refresh report carries the tables'
 * real last change (freshness in the evaluation).
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { argValue, withDatabaseServer } from './cli';
import { loadSubgraph, subgraphEntries } from '../platform/subgraph/registry';
import { databaseName, ensureDatabase, withDatabase } from '../platform/db/databases';
import { migrate, openOrm } from '../platform/db/orm';
import { reportRefresh } from '../platform/subgraph/refresh';
import { formatOf, IngestFileError, readRecords } from '../platform/ingest/read';
import { ingestRecords } from '../platform/ingest/load';

function usage(message: string): never {
  process.stderr.write(`ingest: ${message}\n`);
  process.exit(2);
}

async function main() {
  const [subgraphName, file] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (!subgraphName || !file) usage('usage: npm run -s ingest -- <subgraph> <file> --agency <code> --operator <id> [--type <Type>] [--format csv|ndjson]');
  const entry = subgraphEntries().find((e) => e.name === subgraphName);
  if (!entry) usage(`no subgraph ${subgraphName} (schema/subgraphs.json)`);
  const def = loadSubgraph(entry);
  const specs = def.ingest ?? [];
  if (!specs.length) usage(`${def.name} accepts no file yet (its resources have no ingest declaration)`);
  const typeName = argValue('--type') ?? specs[0].typeName;
  const spec = specs.find((s) => s.typeName === typeName);
  if (!spec) usage(`${def.name} accepts files of ${specs.map((s) => s.typeName).join(', ')}, not ${typeName}`);
  const agency = argValue('--agency');
  const operator = argValue('--operator');
  if (!agency || !operator) usage('--agency <code> and --operator <id> are required: a file is loaded as its provider');
  // 谁提供、谁负责 (Art. 11): only the providing agency loads its base database.
  // Where each record has its own provider (a licence kind's), that agency loads it: the file's rows are checked one by one.
  if (agency !== def.provider && !spec.providers?.includes(agency)) usage(`${agency} is not the provider of ${def.name} (${def.provider}): refused`);
  const format = formatOf(file, argValue('--format'));

  const started = Date.now();
  const result = await withDatabaseServer(async (server) => {
    const database = databaseName(def.name);
    await ensureDatabase(server, database);
    const orm = await openOrm(def, withDatabase(server, database), 2);
    try {
      await migrate(orm);
      const client = new Client({ connectionString: withDatabase(server, database) });
      await client.connect();
      let result;
      try {
        const records = readRecords(
          file,
          format,
          Object.keys(spec.columns),
          Object.keys(spec.columns).filter((f) => !spec.optionalFields?.includes(f)),
        );
        result = await ingestRecords(client, spec, records, { agency, operator, source: 'ingest' }, (p) =>
          process.stderr.write(`row ${p.row} (line ${p.line}), ${p.field}: ${p.reason}\n`),
        );
      } finally {
        await client.end();
      }
      // Every file, loaded or refused, reports its validity rate (issue 11, quality in the evaluation).
      await reportRefresh(def, orm, server, result.committed ? 'ingest' : 'ingest-refused', (l) => process.stderr.write(`${l}\n`), {
        [spec.table]: { rowsChecked: result.rows, rowsValid: result.rows - result.invalidRows },
      });
      return result;
    } finally {
      await orm.close();
    }
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!result.committed) {
    process.stderr.write(`ingest: ${file}: ${result.problems} problem(s) in ${result.rows} rows; nothing was loaded (one transaction per file)\n`);
    process.exit(1);
  }
  process.stdout.write(
    `ingest: ${file}: ${result.rows} ${spec.typeName} rows: ${result.inserted} new, ${result.updated} changed, ${result.unchanged} unchanged, in ${seconds} s\n`,
  );
}

main().catch((e: unknown) => {
  if (e instanceof IngestFileError) {
    process.stderr.write(`ingest: ${e.message}; nothing was loaded\n`);
    process.exit(1);
  }
  process.stderr.write(`ingest failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
