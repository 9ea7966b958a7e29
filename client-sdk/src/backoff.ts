export interface ReconnectOptions {
  /** Consecutive failed attempts before the connection is `stopped` (default 10); live operations then wait for `reconnect()`. */
  attempts?: number;
  /** Wait before the first retry, in milliseconds (default 500). */
  initialDelayMs?: number;
  /** Upper bound of the wait between retries, in milliseconds (default 30,000). */
  maxDelayMs?: number;
}

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of
 * `min(maxDelay, initialDelay * 2^n)`, so clients dropped together do not return together.
 */
export function backoffDelay(retry: number, options: ReconnectOptions, random: () => number = Math.random): number {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const ceiling = Math.min(max, initial * 2 ** retry);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
