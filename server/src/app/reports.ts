import type { RequestHandler } from 'express';
import type { Logger } from '../logging/logger';
import { MonthlyReportSchedule } from '../reports/monthly-report-schedule';
import { REPORTS_PATH } from '../reports/monthly-report.service';
import { reportDownload } from '../reports/report-download.route';
import type { Platform } from './platform';
import type { ContextFor } from './request-contexts';

/**
 * The monthly reports: the schedule that makes the ones industries ask for (run by the job
 * queue's cron), and the route that serves stored reports as CSV and HTML. They hold no
 * connection or timer of their own, so there is nothing to stop.
 */
export interface Reports {
  schedule: MonthlyReportSchedule;
  /** Mounted by the HTTP part at `path`. */
  download: { path: string; handler: RequestHandler };
}

export function startReports(platform: Platform, contextFor: ContextFor, logger: Logger): Reports {
  const { dataSource, clock, plugins, services } = platform;
  return {
    schedule: new MonthlyReportSchedule(dataSource, clock, plugins, services, logger.child({ component: 'monthly-reports' })),
    download: { path: `${REPORTS_PATH}/:file`, handler: reportDownload(contextFor, logger) },
  };
}
