import { EventEmitter } from 'node:events';
import type { Worker, WorkerEvents } from 'graphile-worker';
import type { Pool } from 'pg';
import type { Logger } from '../logging/logger';

/**
 * Wakes the queue's idle workers when a job falls due, instead of leaving it to their next
 * poll (up to a poll interval late). The queue stays the only record: the alarm reads the
 * run_at of this runner's jobs that fall due within the next two poll intervals, in the
 * database's time (run_at already carries the business clock's offset, see
 * `schedule_deadline_jobs`), and keeps an in-memory timer for each; when one rings it nudges
 * an idle worker, which then takes the job as any poll would (SKIP LOCKED, so with several
 * processes every one is woken and one of them runs it). The list is read again every poll
 * interval and, soon after, whenever a job is added (`jobs:insert`), so a job scheduled
 * shortly before its time is woken too. A restart loses nothing: the next process reads the
 * list again, and a job the alarm misses is still found by the poll.
 */
export class DueJobAlarm {
  readonly events: WorkerEvents = new EventEmitter() as WorkerEvents;
  private readonly workers = new Set<Worker>();
  /** When each known job falls due, in this process's monotonic milliseconds, earliest first. */
  private dueTimes: number[] = [];
  private ring: NodeJS.Timeout | null = null;
  private periodic: NodeJS.Timeout | null = null;
  private pendingRead: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private stopped = false;

  constructor(
    private readonly pool: Pool,
    private readonly taskIdentifiers: string[],
    private readonly pollIntervalMs: number,
    private readonly logger: Logger,
  ) {
    this.events.on('worker:create', ({ worker }) => this.workers.add(worker));
    this.events.on('worker:release', ({ worker }) => this.workers.delete(worker));
    this.events.on('worker:stop', ({ worker }) => this.workers.delete(worker));
    this.events.on('pool:listen:notification', ({ message }) => {
      if (message.channel === 'jobs:insert') this.readSoon();
    });
  }

  start(): void {
    this.read();
    this.periodic = setInterval(() => this.read(), this.pollIntervalMs);
    this.periodic.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.ring, this.periodic, this.pendingRead]) if (timer) clearTimeout(timer);
    await this.reading;
  }

  /** A job was added: read the list once the burst settles (at most every 100 ms, so intake load costs few reads). */
  private readSoon(): void {
    if (this.pendingRead || this.stopped) return;
    this.pendingRead = setTimeout(
      () => {
        this.pendingRead = null;
        this.read();
      },
      Math.min(100, this.pollIntervalMs),
    );
    this.pendingRead.unref();
  }

  private read(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readDueTimes()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not read when the next jobs fall due'))
      .finally(() => {
        this.reading = null;
        if (this.readAgain) {
          this.readAgain = false;
          this.read();
        }
      });
  }

  /**
   * Jobs that are available (not taken, attempts left) and fall due within two poll
   * intervals; ones already due count as due now. Timer jobs are added with the default
   * priority, so the range scan uses the queue's own (priority, run_at) index.
   */
  private async readDueTimes(): Promise<void> {
    const { rows } = await this.pool.query<{ in_ms: number }>(
      `SELECT greatest(0, extract(epoch FROM j.run_at - now()) * 1000)::float8 AS in_ms
         FROM graphile_worker._private_jobs j
        WHERE j.is_available = true AND j.priority = 0 AND j.run_at <= now() + $1 * interval '1 millisecond'
          AND j.task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier = ANY($2::text[]))
        ORDER BY j.run_at
        LIMIT 1000`,
      [2 * this.pollIntervalMs, this.taskIdentifiers],
    );
    if (this.stopped) return;
    // now() is when the statement's transaction began, so each time below is a little late, never early.
    const now = performance.now();
    this.dueTimes = rows.map((row) => now + Number(row.in_ms));
    this.arm();
  }

  private arm(): void {
    if (this.ring) clearTimeout(this.ring);
    this.ring = null;
    if (this.stopped || this.dueTimes.length === 0) return;
    this.ring = setTimeout(() => this.rang(), Math.max(0, this.dueTimes[0] - performance.now()));
    this.ring.unref();
  }

  private rang(): void {
    this.ring = null;
    const now = performance.now();
    let due = 0;
    while (due < this.dueTimes.length && this.dueTimes[due] <= now) due++;
    this.dueTimes = this.dueTimes.slice(due);
    // An idle worker takes the job and keeps taking due jobs until none is left; a busy one looks again when it is done.
    for (const worker of this.workers) {
      if (due <= 0) break;
      try {
        if (worker.nudge()) due--;
      } catch {
        this.workers.delete(worker); // released meanwhile
      }
    }
    this.arm();
  }
}
