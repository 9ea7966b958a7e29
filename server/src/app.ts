import 'reflect-metadata';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { startHttp, GRAPHQL_PATH } from './app/http';
import { startJobs } from './app/job-queue';
import { startLive } from './app/live';
import { startPlatform, type StartOptions } from './app/platform';
import { startReports } from './app/reports';
import { requestContexts } from './app/request-contexts';
import { startWebSocket } from './app/websocket';
import type { Config } from './config/config';
import type { Database } from './db/database';
import type { DeadlineTimers } from './deadlines/deadline-timers';
import type { UploadSweeper } from './files/upload-sweeper';
import { operationLimits } from './graphql/operation-limits';
import type { LiveHub } from './live/live-hub';
import type { LiveListener } from './live/live-listener';
import type { Logger } from './logging/logger';
import { AppMetrics } from './metrics/metrics';
import type { MonthlyReportSchedule } from './reports/monthly-report-schedule';
import type { Services } from './services';
import type { Clock } from './time/clock';

export { GRAPHQL_PATH };

export interface RunningApp {
  url: string;
  port: number;
  httpServer: Server;
  dataSource: DataSource;
  services: Services;
  database: Database;
  /** The business clock the server runs on. */
  clock: Clock;
  /** This process's live fan-out and its listening connection. */
  live: { hub: LiveHub; listener: LiveListener };
  /** Fires stage clocks; tests call it directly to fire a due job without waiting for the queue. */
  timers: DeadlineTimers;
  /** Deletes staged uploads nobody attached once they expire; tests call it directly. */
  uploads: UploadSweeper;
  /** Makes the monthly reports industries ask for; tests call it directly for a chosen moment. */
  reports: MonthlyReportSchedule;
  /** This app's Prometheus metrics (served at /metrics unless turned off). */
  metrics: AppMetrics;
  /** Stops taking work, drains WebSocket and HTTP, closes the pools, stops an embedded database. */
  stop(): Promise<void>;
}

/**
 * Boots the whole server, each part started on the ones before it: the database with the
 * plugins, services and schema; metrics; the monthly reports and the job queue that makes
 * them and fires the clocks; the live listener (LISTEN); then HTTP (Express and Apollo) and
 * graphql-ws on its port. Stopping stops them in reverse order; a part that fails to start
 * stops the ones already started.
 */
export async function startApp(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningApp> {
  const started: { stop(): Promise<void> }[] = [];
  const start = async <T extends { stop(): Promise<void> }>(part: T | Promise<T>): Promise<T> => {
    const running = await part;
    started.push(running);
    return running;
  };
  const stopStarted = async () => {
    for (const part of [...started].reverse()) await part.stop();
  };
  let shuttingDown = false;
  const isShuttingDown = () => shuttingDown;
  try {
    const platform = await start(startPlatform(config, logger, options));
    const metrics = await start(
      new AppMetrics({
        dataSource: platform.dataSource,
        schema: platform.schema,
        jobQueueUrl: platform.database.ownerUrl,
        // Read at each scrape, once every part has started.
        liveConnections: (): number => websocket.connections(),
        liveSubscriptions: (): number => live.hub.subscriberCount,
        logger: logger.child({ component: 'metrics' }),
      }),
    );
    const contextFor = requestContexts(platform, logger);
    const reports = startReports(platform, contextFor, logger);
    const jobs = await start(startJobs(config, platform, reports.schedule, logger));
    const live = await start(startLive(platform, logger));
    // The same limits on tokens, depth, aliases, cost, directives and introspection for HTTP and WebSocket operations.
    const limits = operationLimits({ introspection: config.introspection });
    const http = await start(startHttp(config, { platform, metrics, reports, contextFor, limits, shuttingDown: isShuttingDown }, logger));
    const websocket = await start(
      startWebSocket(
        config,
        { platform, live, metrics, contextFor, limits, httpServer: http.server, path: GRAPHQL_PATH, shuttingDown: isShuttingDown },
        logger,
      ),
    );
    const { url, port } = await http.listen();

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        shuttingDown = true;
        logger.info('shutting down: draining WebSocket and HTTP connections');
        // WebSocket clients are closed first (1001) so that HTTP's drain does not wait on them;
        // running timer jobs finish, the rest stay queued for the next process.
        await stopStarted();
        logger.info('stopped');
      })();
      return stopping;
    };
    const { database, dataSource, services, clock } = platform;
    return {
      url,
      port,
      httpServer: http.server,
      dataSource,
      services,
      database,
      clock,
      live: { hub: live.hub, listener: live.listener },
      timers: jobs.timers,
      uploads: jobs.uploads,
      reports: reports.schedule,
      metrics,
      stop,
    };
  } catch (error) {
    await stopStarted().catch((stopError) => logger.error({ err: stopError }, 'stopping after a failed start failed'));
    throw error;
  }
}
