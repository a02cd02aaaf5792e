/**
 * `npm start` brings the platform up with its own embedded PostgreSQL, and SIGTERM stops every
 * process it started, PostgreSQL included; a second start reuses the data. (Runs the compiled
 * start script on its own ports and data folder, beside the shared test platform.)
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(__dirname, '..', '..');
const PORT_BASE = 4900;
const PG_PORT = 5497;

function startPlatform(dataDir: string) {
  const proc = spawn(process.execPath, [path.join(root, 'dist/scripts/start.js'), '--port', String(PORT_BASE), '--scale', '100'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(PG_PORT), DATABASE_PREFIX: 'hylife' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (c) => (output += c));
  proc.stderr.on('data', (c) => (output += c));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /platform ready: (\S+)/.exec(output);
      if (m) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 100);
    proc.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`start exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, ready, exited, output: () => output };
}

/** Processes whose command line mentions the marker (our data folder or our ports). */
function processesMentioning(marker: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(marker) && !l.includes('ps -eo'));
}

async function portOpen(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/health`);
    return true;
  } catch {
    return false;
  }
}

describe('npm start lifecycle', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'hylife-'));
  fs.chmodSync(parent, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach the folder
  const dataDir = path.join(parent, 'pg');
  afterAll(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  test('starts with an embedded PostgreSQL, stops everything on SIGTERM, and reuses the data', async () => {
    const first = startPlatform(dataDir);
    const url = await first.ready;
    expect(url).toBe(`http://127.0.0.1:${PORT_BASE}/`);
    const open = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ legalPersons(first: 1) { totalCount } }' }),
    });
    expect((await open.json()).data.legalPersons.totalCount).toBe(20);
    expect(processesMentioning(dataDir).length).toBeGreaterThan(0);

    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
    for (let i = 0; i <= 6; i++) expect(await portOpen(PORT_BASE + i)).toBe(false);

    const second = startPlatform(dataDir);
    await second.ready;
    expect(second.output()).not.toMatch(/seeded demo data/);
    second.proc.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 240_000);
});
