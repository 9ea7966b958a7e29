import type { Config } from '../config/config';
import { DeadlineTimers } from '../deadlines/deadline-timers';
import { FollowUpTimers } from '../follow-ups/follow-up-timers';
import { startJobQueue, type JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import type { MonthlyReportSchedule } from '../reports/monthly-report-schedule';
import type { UploadSweeper } from '../files/upload-sweeper';
import { uploadSweeper } from './files';
import type { Platform } from './platform';

export interface Jobs {
  /** Fires stage clocks; tests call it directly to fire a due job without waiting for the queue. */
  timers: DeadlineTimers;
  /** Deletes expired staged uploads; tests call it directly for a chosen moment. */
  uploads: UploadSweeper;
  /** Lets running jobs finish; the rest stay queued for the next process. */
  stop(): Promise<void>;
}

/**
 * The job queue's workers in this process: stage-clock and follow-up timers and the monthly
 * report cron. With `jobConcurrency` 0 the process works no jobs (another one does).
 */
export async function startJobs(config: Config, platform: Platform, reports: MonthlyReportSchedule, logger: Logger): Promise<Jobs> {
  const { database, dataSource, clock, plugins } = platform;
  const timers = new DeadlineTimers(dataSource, clock, plugins);
  const uploads = uploadSweeper(platform, logger);
  const concurrency = config.jobConcurrency ?? 2;
  let queue: JobQueue | null = null;
  if (concurrency > 0) {
    queue = await startJobQueue(
      database.ownerUrl,
      { deadlines: timers, followUps: new FollowUpTimers(dataSource, clock), reports, uploads },
      logger,
      {
        pollIntervalMs: config.jobPollIntervalMs ?? 1000,
        concurrency,
      },
    );
  }
  return {
    timers,
    uploads,
    async stop() {
      await queue?.stop();
    },
  };
}
