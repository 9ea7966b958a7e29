import { Logger as WorkerLogger, run, runMigrations, type Task } from 'graphile-worker';
import { Pool } from 'pg';
import type { Logger } from '../logging/logger';
import type { FollowUpJob, FollowUpTimers } from '../follow-ups/follow-up-timers';
import type { DeadlineJob, DeadlineTimers } from '../deadlines/deadline-timers';
import type { MonthlyReportSchedule } from '../reports/monthly-report-schedule';
import type { UploadSweeper } from '../files/upload-sweeper';
import type { OutboxDelivery, OutboxJob } from '../notifications/outbox-delivery';
import { DueJobAlarm } from './due-job-alarm';

/**
 * The PostgreSQL job queue (graphile-worker) that fires stage clocks and follow-up tasks and
 * makes the monthly reports industries ask for. Clock and follow-up jobs are added in the
 * transaction that creates them (`schedule_deadline_jobs`, `schedule_follow_up_job`), so
 * they exist exactly when it commits; any number of server processes work the queue, each
 * job taken by one (SKIP LOCKED), and a job whose time passed while every server was down
 * runs when the first one comes back.
 */

/**
 * Hourly, a minute past: each tenant's month ends at its own midnight, and a report that is
 * missing (the servers were down, the hour was missed) is made at the next run. The queue
 * runs each cron tick once across all processes.
 */
export const MONTHLY_REPORTS_CRONTAB = '1 * * * * monthly-reports';

/** Every quarter of an hour: staged uploads nobody attached are deleted, with their bytes, once they expire. */
export const UPLOAD_SWEEP_CRONTAB = '*/15 * * * * sweep-staged-uploads';

/** What the queue's tasks call. */
export interface JobHandlers {
  deadlines: DeadlineTimers;
  followUps: FollowUpTimers;
  reports: MonthlyReportSchedule;
  uploads: UploadSweeper;
}

/** Creates or updates the queue's own schema; run as the owner before the first clock starts. */
export async function migrateJobQueue(ownerUrl: string, logger: Logger): Promise<void> {
  await runMigrations({ connectionString: ownerUrl, logger: workerLogger(logger) });
}

export interface JobQueueOptions {
  /**
   * How often the queue looks for jobs that came due (new jobs are noticed at once; the
   * timer runner's jobs are also woken when they fall due, see DueJobAlarm).
   */
  pollIntervalMs: number;
  concurrency: number;
}

export interface JobQueue {
  /** Lets running jobs finish, then closes the queue's connections; pending jobs stay for the next process. */
  stop(): Promise<void>;
}

export async function startJobQueue(
  ownerUrl: string,
  { deadlines: timers, followUps, reports, uploads }: JobHandlers,
  logger: Logger,
  options: JobQueueOptions,
): Promise<JobQueue> {
  return startRunner(
    ownerUrl,
    logger,
    options,
    'redress-jobs',
    [MONTHLY_REPORTS_CRONTAB, UPLOAD_SWEEP_CRONTAB].join('\n'),
    timerTasks({ deadlines: timers, followUps, reports, uploads }, logger),
    true,
  );
}

/**
 * The outbox's workers: mail and webhook deliveries, on a runner of their own (it takes only
 * these tasks) so that a slow mail server or receiver never holds up the clocks.
 */
export async function startOutboxQueue(
  ownerUrl: string,
  delivery: OutboxDelivery,
  logger: Logger,
  options: JobQueueOptions,
): Promise<JobQueue> {
  const payloadOf = (payload: unknown): OutboxJob => {
    const job = payload as Partial<OutboxJob> | null;
    if (typeof job?.tenantId !== 'string' || typeof job?.id !== 'string')
      throw new Error(`malformed outbox job: ${JSON.stringify(payload)}`);
    return { tenantId: job.tenantId, id: job.id };
  };
  return startRunner(ownerUrl, logger, options, 'redress-outbox', undefined, {
    'deliver-mail': (payload) => delivery.deliverMail(payloadOf(payload)),
    'deliver-webhook': (payload) => delivery.deliverWebhook(payloadOf(payload)),
  });
}

function timerTasks({ deadlines: timers, followUps, reports, uploads }: JobHandlers, logger: Logger): Record<string, Task> {
  const payloadOf = (payload: unknown): DeadlineJob => {
    const job = payload as Partial<DeadlineJob> | null;
    if (typeof job?.tenantId !== 'string' || typeof job?.deadlineId !== 'string') {
      throw new Error(`malformed deadline job: ${JSON.stringify(payload)}`);
    }
    return { tenantId: job.tenantId, deadlineId: job.deadlineId };
  };
  const taskList: Record<string, Task> = {
    'deadline-reminder': async (payload) => {
      const job = payloadOf(payload);
      if (await timers.remind(job)) logger.info(job, 'deadline reminder sent');
    },
    'deadline-breach': async (payload) => {
      const job = payloadOf(payload);
      if (await timers.breach(job)) logger.warn(job, 'deadline breached');
    },
    'follow-up-overdue': async (payload) => {
      const job = payload as Partial<FollowUpJob> | null;
      if (typeof job?.tenantId !== 'string' || typeof job?.taskId !== 'string') {
        throw new Error(`malformed follow-up job: ${JSON.stringify(payload)}`);
      }
      if (await followUps.overdue({ tenantId: job.tenantId, taskId: job.taskId })) logger.info(job, 'follow-up overdue');
    },
    'monthly-reports': async () => {
      for (const made of await reports.makeDue()) logger.info(made, 'monthly report made');
    },
    'sweep-staged-uploads': async () => {
      const swept = await uploads.sweep();
      if (swept > 0) logger.info({ swept }, 'expired uploads deleted');
    },
  };
  return taskList;
}

async function startRunner(
  ownerUrl: string,
  logger: Logger,
  options: JobQueueOptions,
  applicationName: string,
  crontab: string | undefined,
  taskList: Record<string, Task>,
  wakeWhenDue = false,
): Promise<JobQueue> {
  // The queue's own pool, so that it is closed exactly when the queue stops and a connection
  // the server loses while idle is logged rather than left unhandled.
  const pool = new Pool({ connectionString: ownerUrl, max: options.concurrency + 2, application_name: applicationName });
  pool.on('error', (error) => logger.warn({ err: error }, 'job queue connection lost'));
  const alarm = wakeWhenDue ? new DueJobAlarm(pool, Object.keys(taskList), options.pollIntervalMs, logger) : null;
  try {
    const runner = await run({
      pgPool: pool,
      events: alarm?.events,
      concurrency: options.concurrency,
      pollInterval: options.pollIntervalMs,
      noHandleSignals: true,
      taskList,
      crontab,
      logger: workerLogger(logger),
    });
    alarm?.start();
    return {
      async stop() {
        await alarm?.stop();
        await runner.stop();
        await runner.promise.catch(() => undefined);
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

function workerLogger(logger: Logger): WorkerLogger {
  const child = logger.child({ component: 'job-queue' });
  return new WorkerLogger(() => (level, message, meta) => {
    // LogLevel is an ambient const enum; its values are these strings.
    const name: string = level;
    const method = name === 'error' ? 'error' : name === 'warning' ? 'warn' : 'debug';
    child[method](meta ?? {}, message);
  });
}
