/**
 * Reads `read()` every `intervalMs` until `done` holds for what it returned or `timeoutMs`
 * have passed, and returns the last value read: the caller asserts on it. Time is measured
 * on the monotonic clock, so a test waits the same whatever the date or a clock step.
 */
export async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number },
): Promise<T> {
  const until = performance.now() + timeoutMs;
  let value = await read();
  while (!done(value) && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await read();
  }
  return value;
}
