import * as fs from 'node:fs';
import type { RunningPlatform } from '../../scripts/launcher';

export default async function globalTeardown(): Promise<void> {
  const platform = (globalThis as any).__PLATFORM__ as RunningPlatform | undefined;
  await platform?.stop();
  if (process.env.TEST_EMBEDDED_DIR) fs.rmSync(process.env.TEST_EMBEDDED_DIR, { recursive: true, force: true });
}
