/**
 * Child processes of the platform (subgraphs, routers), as the launcher and the benchmark start
 * them: spawned from dist/, their output relayed line by line, ready when `/health` answers,
 * stopped with SIGTERM (SIGKILL once their drain and grace periods are over).
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { repoRoot } from '../platform/config';
import { setting } from '../platform/settings/read';

export const distPath = (...parts: string[]) => path.join(repoRoot, 'dist', ...parts);

/** The router's environment variable for a subgraph's URL (router/subgraph-urls.ts). */
export { subgraphUrlEnv } from '../platform/subgraph/registry';

/** Starts `node <script>`; relays every output line, or only error lines unless `verbose`. */
export function spawnService(name: string, script: string, env: Record<string, string>, log: (line: string) => void, verbose = false): ChildProcess {
  // SERVICE_NODE_ARGS: flags for the services' node only, e.g. the benchmark's --cpu-prof, which
  // Node refuses in NODE_OPTIONS (and which would profile every short-lived helper process too).
  // SERVICE_HEAP_MB: V8 grows its heap to what it is allowed; the cap holds each process under
  // 250 MiB RSS (docs/PERFORMANCE.md). A --max-old-space-size in SERVICE_NODE_ARGS comes later and wins.
  const nodeArgs = [`--max-old-space-size=${setting('SERVICE_HEAP_MB', env)}`, ...(env.SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const proc = spawn(process.execPath, [...nodeArgs, script], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // LOG_DIR (platform/settings): every byte the child writes is kept, for an operator or a test to read.
  const file = env.LOG_DIR ? fs.createWriteStream(path.join(env.LOG_DIR, `${name}.log`), { flags: 'a' }) : undefined;
  if (file) proc.on('close', () => file.end());
  for (const stream of [proc.stdout, proc.stderr]) {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      file?.write(chunk);
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (verbose || /error|fail/i.test(line)) log(`[${name}] ${line}`);
    });
  }
  return proc;
}

export async function waitForHealth(url: string, child: ChildProcess, name: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error('start interrupted');
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(new URL('/health', url))).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${name} did not answer ${url}health within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL if it has not exited after `killAfterMs` (its drain and grace periods, and a margin). */
export function stopProcess(proc: ChildProcess, killAfterMs = 5000): Promise<void> {
  return new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      resolve();
      return;
    }
    const killer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    proc.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}
