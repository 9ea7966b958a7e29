/** Runs tasks one after another, in the order given: live changes, reloads and page loads never interleave. */
export class TaskQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** A timer that does not keep Node alive (browsers have no `unref`). */
export function backgroundTimer(run: () => void, delayMs: number): ReturnType<typeof setTimeout> {
  // setTimeout fires at once beyond 2^31-1 ms; a longer wait is cut to that and re-checked by the caller.
  const timer = setTimeout(run, Math.min(Math.max(0, delayMs), 2_147_483_647));
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
