import { notificationSettings, type Config } from '../config/config';
import { DeadlineTimers } from '../deadlines/deadline-timers';
import { FollowUpTimers } from '../follow-ups/follow-up-timers';
import { startJobQueue, startOutboxQueue, type JobQueue } from '../jobs/job-queue';
import { OutboxDelivery } from '../notifications/outbox-delivery';
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
  /** Sends the outbox's mail and webhook deliveries. */
  delivery: OutboxDelivery;
  /** Lets running jobs finish; the rest stay queued for the next process. */
  stop(): Promise<void>;
}

/**
 * The job queue's workers in this process: stage-clock and follow-up timers and the monthly
 * report cron, and the outbox's deliveries on a runner of their own. With `jobConcurrency` 0
 * the process works no timer jobs, with NOTIFICATION_CONCURRENCY 0 no deliveries (another one does).
 */
export async function startJobs(config: Config, platform: Platform, reports: MonthlyReportSchedule, logger: Logger): Promise<Jobs> {
  const { database, dataSource, clock, plugins } = platform;
  const timers = new DeadlineTimers(dataSource, clock, plugins);
  const uploads = uploadSweeper(platform, logger);
  const concurrency = config.jobConcurrency ?? 2;
  let queue: JobQueue | null = null;
  let outbox: JobQueue | null = null;
  const settings = notificationSettings(config);
  const delivery = new OutboxDelivery(dataSource, clock, platform.services.messages, settings, logger.child({ component: 'outbox' }));
  if (settings.concurrency > 0) {
    outbox = await startOutboxQueue(database.ownerUrl, delivery, logger, {
      pollIntervalMs: config.jobPollIntervalMs ?? 1000,
      concurrency: settings.concurrency,
    });
  }
  if (concurrency > 0) {
    queue = await startJobQueue(
      database.ownerUrl,
      { deadlines: timers, followUps: new FollowUpTimers(dataSource, clock), reports, uploads },
      logger,
      {
        pollIntervalMs: config.jobPollIntervalMs ?? 1000,
        concurrency,
      },
    ).catch(async (error: unknown) => {
      await outbox?.stop();
      delivery.stop();
      throw error;
    });
  }
  return {
    timers,
    uploads,
    delivery,
    async stop() {
      await queue?.stop();
      await outbox?.stop();
      delivery.stop();
    },
  };
}
