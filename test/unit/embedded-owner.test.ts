/**
 * Class 11 of issue 8 (operations): a PostgreSQL server on our data folder whose parent is a live
 * Node process (another `npm start`, a test run) is owned, not orphaned: nobody stops it. Only
 * a server re-parented to init (its launcher killed outright) counts as left behind.
 */
import { spawn } from 'node:child_process';
import { nodeParentOf } from '../../platform/db/process-owner';

test('a server started by a live Node process is owned by it', async () => {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 50));
    expect(nodeParentOf(child.pid!)).toBe(process.pid);
  } finally {
    child.kill();
  }
});

test('a process whose ancestors are not Node has no owner', () => {
  expect(nodeParentOf(1)).toBeUndefined();
  expect(nodeParentOf(99_999_999)).toBeUndefined();
});
