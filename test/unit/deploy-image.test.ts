/**
 * The image (Dockerfile), where a container engine is usable (`docker info` succeeds): it builds,
 * runs a process by name, refuses an unknown name, refuses production without keys (naming them),
 * and a router started from it answers /health. Without a usable engine the test is skipped and
 * its name says why (these machines have the docker client but no daemon).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const docker = (args: string[], timeout = 120_000) => spawnSync('docker', args, { cwd: root, encoding: 'utf8', timeout });

const info = docker(['info'], 20_000);
const usable = info.status === 0;
const why = usable ? '' : ` (skipped: docker info failed: ${(info.stderr || info.error?.message || 'no docker').trim().split('\n').pop()})`;
const maybe = usable ? test : test.skip;

describe('container image', () => {
  const tag = `hengyang-data-sharing:test-${process.pid}`;
  afterAll(() => {
    if (usable) docker(['rmi', '-f', tag]);
  });

  maybe(
    `builds, and runs a process by name${why}`,
    async () => {
      const build = docker(['build', '-t', tag, '.'], 1_500_000);
      expect({ status: build.status, stderr: build.status === 0 ? '' : build.stderr.slice(-2000) }).toEqual({ status: 0, stderr: '' });

      const unknown = docker(['run', '--rm', tag, 'no-such-process']);
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toMatch(/run one of router, migrate, audit-verify, population/);

      // The image is in production mode: without keys the router refuses, one line per missing setting.
      const bare = docker(['run', '--rm', tag, 'router']);
      expect(bare.status).toBe(1);
      expect(bare.stderr).toMatch(/missing PLATFORM_JWKS/);
      expect(bare.stderr).toMatch(/missing SUBGRAPH_SIGNING_SECRET/);

      // A router started from the image (development keys in /tmp, no database: refusals unaudited) answers /health.
      const run = docker([
        'run',
        '-d',
        '--read-only',
        '--tmpfs',
        '/tmp',
        '-p',
        '127.0.0.1::4000',
        '-e',
        'NODE_ENV=development',
        '-e',
        'DEV_KEYS_PATH=/tmp/dev-keys.json',
        '-e',
        'SUBGRAPH_SIGNING_SECRET_PATH=/tmp/signing-secret',
        tag,
        'router',
      ]);
      expect(run.status).toBe(0);
      const id = run.stdout.trim();
      try {
        const port = docker(['port', id, '4000']).stdout.trim().split('\n')[0].split(':').pop();
        const deadline = Date.now() + 90_000;
        let status = 0;
        while (Date.now() < deadline && status !== 200) {
          status = await fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.status,
            () => 0,
          );
          if (status !== 200) await new Promise((r) => setTimeout(r, 500));
        }
        expect({ status, logs: status === 200 ? '' : docker(['logs', id]).stderr.slice(-2000) }).toEqual({ status: 200, logs: '' });
      } finally {
        docker(['rm', '-f', id]);
      }
    },
    1_800_000,
  );
});
