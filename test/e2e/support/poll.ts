/** Bounds promised to users are asserted by polling with a generous ceiling, never by sleeping. */

/** Polls `check` every `everyMs` until it returns a value other than undefined/false; throws with
 *  `what` and the last observation once `ceilingMs` has passed. Returns the value and when it came. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ceilingMs: number,
  everyMs = 100,
): Promise<{ value: T; at: number }> {
  const deadline = Date.now() + ceilingMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return { value: value as T, at: Date.now() };
      last = value;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ceilingMs / 1000} s (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Whether a process with that pid is alive (signal 0 tests without signalling). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
