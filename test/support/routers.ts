/**
 * Extra router processes for the tests that need replicas of their own (issue 13: rate limits
 * shared by replicas): each is the built router (dist/router/main.js) on the shared platform's
 * subgraphs and governance database, with a router.yaml of the test's making.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { distPath, stopProcess, subgraphUrlEnv, waitForHealth } from '../../scripts/processes';

export interface Replicas {
  urls: string[];
  stop(): Promise<void>;
}

/** Starts one router per port, all reading router.yaml as `change` leaves it. */
export async function startRouters(ports: number[], change: (config: Record<string, any>) => void): Promise<Replicas> {
  const config = parse(readFileSync(join(__dirname, '..', '..', 'router.yaml'), 'utf8')) as Record<string, any>;
  change(config);
  const file = join(mkdtempSync(join(tmpdir(), 'router-yaml-')), 'router.yaml');
  writeFileSync(file, stringify(config));
  const urls: Record<string, string> = JSON.parse(process.env.TEST_SUBGRAPH_URLS!);
  const procs: { proc: ChildProcess; output: () => string }[] = [];
  const stop = async () => {
    for (const p of procs) await stopProcess(p.proc);
  };
  try {
    for (const port of ports) {
      const env: Record<string, string> = { ...(process.env as Record<string, string>), ROUTER_CONFIG: file, ROUTER_LISTEN: `127.0.0.1:${port}` };
      env.DATABASE_URL = process.env.TEST_DATABASE_URL!;
      for (const [name, url] of Object.entries(urls)) env[subgraphUrlEnv(name)] = url;
      let output = '';
      const proc = spawn(process.execPath, [distPath('router', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      proc.stdout.on('data', (d) => (output += String(d)));
      proc.stderr.on('data', (d) => (output += String(d)));
      procs.push({ proc, output: () => output.slice(-2000) });
    }
    await Promise.all(
      procs.map((p, i) =>
        waitForHealth(`http://127.0.0.1:${ports[i]}/`, p.proc, `router ${ports[i]}`, 60_000).catch((e: unknown) => {
          throw new Error(`${String(e)}\n${p.output()}`);
        }),
      ),
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { urls: ports.map((p) => `http://127.0.0.1:${p}/`), stop };
}
