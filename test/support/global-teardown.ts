import type { RunningPlatform } from '../../scripts/launcher';

export default async function globalTeardown(): Promise<void> {
  const platform = (globalThis as any).__PLATFORM__ as RunningPlatform | undefined;
  await platform?.stop();
}
