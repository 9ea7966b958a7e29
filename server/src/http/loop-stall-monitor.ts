/**
 * The longest event-loop delay of the current and the last window, for /healthz.
 *
 * A timer that should run every `resolutionMs` measures how late it ran. Each tick records its
 * delay first and only then rolls the window, so a stall longer than a window is reported for
 * the whole next one. (perf_hooks' monitorEventLoopDelay with a reset per window loses such a
 * stall whenever the reset runs before the histogram's own timer after the stall: a reset also
 * forgets when that timer last ran, and the late tick then records nothing.)
 */
export class LoopStallMonitor {
  private last: number;
  private windowStart: number;
  private currentMaxMs = 0;
  private previousMaxMs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly resolutionMs: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = this.windowStart = now();
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), this.resolutionMs).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One run of the timer: its lateness counts in the window it ran in. */
  tick(): void {
    const now = this.now();
    this.currentMaxMs = Math.max(this.currentMaxMs, now - this.last - this.resolutionMs);
    this.last = now;
    if (now - this.windowStart >= this.windowMs) {
      this.previousMaxMs = this.currentMaxMs;
      this.currentMaxMs = 0;
      this.windowStart = now;
    }
  }

  /** The longest delay seen in the last window and the current one, in whole milliseconds. */
  maxDelayMs(): number {
    return Math.round(Math.max(this.previousMaxMs, this.currentMaxMs));
  }
}
