import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { TokenService } from './auth/token';
import type { Config } from './config/config';
import { authenticate, credentialFrom } from './context/authenticate';
import { RequestContext } from './context/request-context';
import { openDatabase, type Database } from './db/database';
import { serviceUnavailableFrom } from './db/database-errors';
import { inScopedTransaction } from './db/tenant-transaction';
import { httpErrorHandler, notFoundHandler, requireParsedBody } from './http/http-errors';
import { operationLifecyclePlugin } from './graphql/apollo-plugins';
import { formatError } from './graphql/errors';
import { buildAppSchema } from './graphql/schema';
import { corsMiddleware } from './http/cors';
import { negotiateLocale } from './http/locale';
import type { Logger } from './logging/logger';
import { clientAddress } from './http/client-address';
import { PluginHost } from './plugins/plugin-host';
import { RateLimits } from './rate-limits/rate-limits';
import { SHIPPED_PLUGINS } from './plugins/shipped-plugins';
import { createServices, type Services } from './services';
import { DeadlineTimers } from './deadlines/deadline-timers';
import { startJobQueue, type JobQueue } from './jobs/job-queue';
import { MonthlyReportSchedule } from './reports/monthly-report-schedule';
import { FollowUpTimers } from './follow-ups/follow-up-timers';
import { reportDownload } from './reports/report-download.route';
import { REPORTS_PATH } from './reports/monthly-report.service';
import { LiveEventScopes } from './live/live-event-scope';
import { LiveHub } from './live/live-hub';
import { LiveListener } from './live/live-listener';
import { subscribeWithFreshContexts } from './live/live-execution';
import { operationLimits } from './graphql/operation-limits';
import {
  connectionOwner,
  DEFAULT_WS_MAX_CONNECTIONS_PER_CREDENTIAL,
  DEFAULT_WS_MAX_PAYLOAD_BYTES,
  DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
  logOversizedMessages,
  WsLimits,
} from './live/ws-limits';
import { AppMetrics } from './metrics/metrics';
import type { ComplaintPlugin } from '@redress/plugin-api';
import { systemClock, type Clock } from './time/clock';
import { warnAboutMissingHolidaySchedules } from './calendar/holiday-schedule.service';

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
  /** Makes the monthly reports industries ask for; tests call it directly for a chosen moment. */
  reports: MonthlyReportSchedule;
  /** This app's Prometheus metrics (served at /metrics unless turned off). */
  metrics: AppMetrics;
  /** Stops taking work, drains HTTP and WebSocket, closes the pool, stops an embedded database. */
  stop(): Promise<void>;
}

export const GRAPHQL_PATH = '/graphql';

/** Boots the whole server: database, schema, HTTP and graphql-ws on one port. */
export async function startApp(
  config: Config,
  logger: Logger,
  options: { plugins?: ComplaintPlugin[]; clock?: Clock } = {},
): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  // Plugins are checked before anything else starts: a malformed one stops the server here.
  const plugins = new PluginHost(options.plugins ?? SHIPPED_PLUGINS, clock);
  const database = await openDatabase(config, logger, plugins, clock);
  const { dataSource } = database;
  // Starts on any date; says which years' public holidays are missing (a failed check does not stop it).
  await warnAboutMissingHolidaySchedules(dataSource, clock, logger).catch((err) =>
    logger.error({ err }, 'could not check the public-holiday schedules'),
  );
  const tokens = new TokenService(database.tokenSecret, config.tokenTtlSeconds);
  const rateLimits = RateLimits.open(database.runtimeUrl, config.rateLimits);
  const services = createServices(dataSource, clock, tokens, plugins, rateLimits);
  const schema = await buildAppSchema();
  let shuttingDown = false;
  const hub = new LiveHub();
  const scopes = new LiveEventScopes(dataSource, clock, tokens);
  const listener = new LiveListener(database.runtimeUrl, hub, logger.child({ component: 'live-listener' }));
  const timers = new DeadlineTimers(dataSource, clock, plugins);
  const reports = new MonthlyReportSchedule(dataSource, clock, plugins, services, logger.child({ component: 'monthly-reports' }));
  let jobQueue: JobQueue | null = null;
  try {
    await listener.start();
    if ((config.jobConcurrency ?? 2) > 0) {
      jobQueue = await startJobQueue(database.ownerUrl, { deadlines: timers, followUps: new FollowUpTimers(dataSource, clock), reports }, logger, {
        pollIntervalMs: config.jobPollIntervalMs ?? 1000,
        concurrency: config.jobConcurrency ?? 2,
      });
    }
  } catch (error) {
    await listener.stop().catch(() => undefined);
    await database.close();
    throw error;
  }

  const contextFor = async (authorization: unknown, acceptLanguage: string | undefined, requestId: string) => {
    const auth = await authenticate(dataSource, clock, tokens, credentialFrom(authorization)).catch((error: unknown) => {
      // No connection in time: a typed, retryable refusal (503 with Retry-After), not a 500.
      throw serviceUnavailableFrom(error) ?? error;
    });
    const requestLogger = logger.child({ requestId, tenantId: auth.viewer?.tenantId ?? null });
    return new RequestContext(
      dataSource,
      services,
      requestId,
      requestLogger,
      auth.viewer,
      auth.failure,
      negotiateLocale(acceptLanguage),
      auth.transaction,
    );
  };

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  // The same limits on tokens, depth, aliases, cost, directives and introspection for HTTP and WebSocket operations.
  const limits = operationLimits({ introspection: config.introspection });
  const wsLimits = new WsLimits(schema, limits, {
    maxSubscriptionsPerConnection: config.wsMaxSubscriptionsPerConnection ?? DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    maxConnectionsPerCredential: config.wsMaxConnectionsPerCredential ?? DEFAULT_WS_MAX_CONNECTIONS_PER_CREDENTIAL,
  });

  const wsServer = new WebSocketServer({
    server: httpServer,
    path: GRAPHQL_PATH,
    maxPayload: config.wsMaxPayloadBytes ?? DEFAULT_WS_MAX_PAYLOAD_BYTES,
  });
  const metrics = new AppMetrics({
    dataSource,
    schema,
    jobQueueUrl: database.ownerUrl,
    liveConnections: () => wsServer.clients.size,
    liveSubscriptions: () => hub.subscriberCount,
    logger: logger.child({ component: 'metrics' }),
  });
  const wsContexts = new Map<string, RequestContext>();
  const wsCleanup = useServer<Record<string, unknown>, { acceptLanguage?: string }>(
    {
      schema,
      // A connection must present valid credentials, a token or an API key, or for a
      // complainant an existing tracking code; refused ones are closed with 4403, and one
      // past the credential's connection cap with 4429.
      onConnect: async (ctx) => {
        if (shuttingDown) return false;
        const tracking = publicTracking(ctx.connectionParams);
        if (tracking) {
          const found = await inScopedTransaction(dataSource, clock, { tenantId: null, userId: null }, (tx) =>
            services.complaintQueries.locatePublic(tx, tracking.tenantSlug, tracking.trackingCode),
          ).then(
            (located) => located.complaintId,
            () => null,
          );
          return found !== null && wsLimits.admit(ctx, connectionOwner(null, found));
        }
        const auth = await authenticate(dataSource, clock, tokens, credentialFrom(ctx.connectionParams?.authorization));
        await auth.transaction.finish(true);
        return auth.viewer !== null && wsLimits.admit(ctx, connectionOwner(auth.viewer, null));
      },
      onClose: (ctx) => wsLimits.release(ctx),
      // Each operation is parsed with the token limit and validated with HTTP's rules; a bad one
      // gets an error for its id only.
      onSubscribe: (ctx, id, payload) => metrics.wsSubscribe(ctx, id, () => wsLimits.onSubscribe(ctx, id, payload)),
      onOperation: (ctx, id, _payload, args) => metrics.wsOperated(ctx, id, args),
      // A fresh context (viewer re-read, new loaders, own transaction) per operation, and for
      // subscriptions one more per event (see live/live-execution.ts).
      context: async (ctx, id) => {
        const authorization = ctx.connectionParams?.authorization;
        const context = await contextFor(authorization, undefined, `ws-${id}`);
        context.clientAddress = clientAddress(ctx.extra.request, config.trustProxy ?? 0);
        let events = 0;
        context.live = {
          hub,
          freshContext: async (signal, tenantId) => {
            const requestId = `ws-${id}-${++events}`;
            const credential = credentialFrom(authorization);
            // A complainant's connection has no viewer to re-establish: no database work here.
            if (!credential) return contextFor(undefined, undefined, requestId);
            const scope = scopes.for(signal, tenantId);
            const lease = scope.lease();
            try {
              const auth = await scope.viewer(credential);
              const requestLogger = logger.child({ requestId, tenantId });
              const fresh = new RequestContext(dataSource, services, requestId, requestLogger, auth.viewer, auth.failure, null, lease);
              fresh.sharedReads = scope;
              return fresh;
            } catch (error) {
              await lease.finish(false);
              throw error;
            }
          },
          publicTracking: publicTracking(ctx.connectionParams),
          logger: context.logger,
        };
        wsContexts.set(`${ctx.extra.request.socket.remotePort}:${id}`, context);
        return context;
      },
      subscribe: subscribeWithFreshContexts,
      // Errors of operations and deliveries are shown as over HTTP: known codes pass, the rest is masked.
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors) return undefined;
        const errors = result.errors.map((error) =>
          formatError(error.toJSON(), error, (unexpected) => logger.error({ err: unexpected }, 'unexpected error')),
        );
        metrics.wsErrors(errors);
        return { ...result, errors };
      },
      onComplete: async (ctx, id) => {
        const key = `${ctx.extra.request.socket.remotePort}:${id}`;
        await wsContexts.get(key)?.db.finish(true);
        wsContexts.delete(key);
      },
      onError: async (ctx, id) => {
        const key = `${ctx.extra.request.socket.remotePort}:${id}`;
        await wsContexts.get(key)?.db.finish(false);
        wsContexts.delete(key);
      },
    },
    wsServer,
  );
  logOversizedMessages(wsServer, logger.child({ component: 'graphql-ws' }));

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    // Shutdown is ours: drain, then close the pool and the embedded database, then exit.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: limits.apollo.parseOptions,
    validationRules: [...limits.apollo.validationRules],
    plugins: [
      ...limits.apollo.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No cache hints are used; the implicit cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
      operationLifecyclePlugin({ exposeStatementCount: config.exposeStatementCount }),
      metrics.apolloPlugin(),
    ],
    formatError: (formatted, error) =>
      formatError(formatted, error, (unexpected) => logger.error({ err: unexpected }, 'unexpected error')),
  });
  await apollo.start();

  // Liveness: a process whose event loop stalls (a runaway computation, a blocked thread)
  // answers 503, measured over the last window and the current one.
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  let lastWindowMaxMs = 0;
  const loopWindow = setInterval(() => {
    lastWindowMaxMs = loopDelay.max / 1e6;
    loopDelay.reset();
  }, EVENT_LOOP_WINDOW_MS);
  loopWindow.unref();
  const maxLoopDelayMs = config.healthMaxEventLoopDelayMs ?? 2000;
  app.get('/healthz', (_req, res) => {
    const delayMs = Math.round(Math.max(lastWindowMaxMs, loopDelay.max / 1e6));
    if (delayMs > maxLoopDelayMs) {
      res.status(503).json({ status: 'event loop stalled', eventLoopDelayMs: delayMs });
      return;
    }
    res.json({ status: 'ok' });
  });
  // Readiness: fails fast when no pooled connection answers within a short time (the pool
  // exhausted or the database gone), rather than waiting as long as a request would.
  const readyTimeoutMs = config.readyTimeoutMs ?? 1000;
  app.get('/readyz', async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        dataSource.query('SELECT 1'),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('readiness check timed out')), readyTimeoutMs);
        }),
      ]);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
  // Operational numbers only (no tenant data); see README "Metrics" for who should reach it.
  if (config.metricsEnabled ?? true) {
    app.get('/metrics', async (_req, res) => {
      res.type(metrics.contentType).send(await metrics.render());
    });
  }
  app.get(`${REPORTS_PATH}/:file`, reportDownload(contextFor, logger));
  app.use(
    GRAPHQL_PATH,
    corsMiddleware(config.allowedOrigins),
    express.json({ limit: '1mb' }),
    requireParsedBody,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
        const context = await contextFor(req.headers.authorization, req.headers['accept-language'], requestId);
        context.clientAddress = clientAddress(req, config.trustProxy ?? 0);
        return releasedWithResponse(res, context);
      },
    }),
  );
  // Every HTTP error is JSON without a stack trace or a path: unknown routes, malformed or
  // oversized bodies, unknown charsets, and anything a route lets escape.
  app.use(notFoundHandler);
  app.use(httpErrorHandler(logger) as ErrorRequestHandler);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}${GRAPHQL_PATH}`;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      shuttingDown = true;
      clearInterval(loopWindow);
      loopDelay.disable();
      logger.info('shutting down: draining HTTP and WebSocket connections');
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await apollo.stop();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await listener.stop();
      // Running timer jobs finish; the rest stay queued for the next process.
      await jobQueue?.stop();
      await metrics.stop();
      await rateLimits.close();
      await database.close();
      logger.info('stopped');
    })();
    return stopping;
  };

  return { url, port, httpServer, dataSource, services, database, clock, live: { hub, listener }, timers, reports, metrics, stop };
}

/** How long one window of the event-loop delay measurement for /healthz lasts. */
const EVENT_LOOP_WINDOW_MS = 2000;

/**
 * The operation's transaction ends with its HTTP exchange at the latest. Apollo finishes it
 * in `willSendResponse`, but skips that hook for requests it rejects before execution (a
 * batched array, a query that is not a string, bad variables…) and a client may go away
 * mid-operation: the response's `close` rolls back whatever is still open, so no request
 * ever leaves a connection idle in a transaction.
 */
function releasedWithResponse(res: Response, context: RequestContext): RequestContext {
  const release = () => {
    context.db.finish(false).catch((error) => context.logger.error({ err: error }, 'releasing the transaction failed'));
  };
  if (res.destroyed || res.writableFinished) release();
  else res.once('close', release);
  return context;
}

/** A complainant's connection parameters: a tenant slug and a tracking code, and no authorization. */
function publicTracking(params: Record<string, unknown> | undefined): { tenantSlug: string; trackingCode: string } | null {
  if (!params || params.authorization !== undefined) return null;
  const { tenantSlug, trackingCode } = params;
  return typeof tenantSlug === 'string' && typeof trackingCode === 'string' ? { tenantSlug, trackingCode } : null;
}
