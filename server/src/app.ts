import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import type { DataSource } from 'typeorm';
import { specifiedRules, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { TokenService } from './auth/token';
import type { Config } from './config/config';
import { authenticate, credentialFrom } from './context/authenticate';
import { RequestContext } from './context/request-context';
import { openDatabase, type Database } from './db/database';
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
import type { ComplaintPlugin } from '@redress/plugin-api';

export interface RunningApp {
  url: string;
  port: number;
  httpServer: Server;
  dataSource: DataSource;
  services: Services;
  database: Database;
  /** This process's live fan-out and its listening connection. */
  live: { hub: LiveHub; listener: LiveListener };
  /** Fires stage clocks; tests call it directly to fire a due job without waiting for the queue. */
  timers: DeadlineTimers;
  /** Makes the monthly reports industries ask for; tests call it directly for a chosen moment. */
  reports: MonthlyReportSchedule;
  /** Stops taking work, drains HTTP and WebSocket, closes the pool, stops an embedded database. */
  stop(): Promise<void>;
}

export const GRAPHQL_PATH = '/graphql';

/** Boots the whole server: database, schema, HTTP and graphql-ws on one port. */
export async function startApp(
  config: Config,
  logger: Logger,
  options: { plugins?: ComplaintPlugin[] } = {},
): Promise<RunningApp> {
  // Plugins are checked before anything else starts: a malformed one stops the server here.
  const plugins = new PluginHost(options.plugins ?? SHIPPED_PLUGINS);
  const database = await openDatabase(config, logger, plugins);
  const { dataSource } = database;
  const tokens = new TokenService(database.tokenSecret, config.tokenTtlSeconds);
  const rateLimits = RateLimits.open(database.runtimeUrl, config.rateLimits);
  const services = createServices(dataSource, tokens, plugins, rateLimits);
  const schema = await buildAppSchema();
  let shuttingDown = false;
  const hub = new LiveHub();
  const scopes = new LiveEventScopes(dataSource, tokens);
  const listener = new LiveListener(database.runtimeUrl, hub, logger.child({ component: 'live-listener' }));
  const timers = new DeadlineTimers(dataSource, plugins);
  const reports = new MonthlyReportSchedule(dataSource, plugins, services, logger.child({ component: 'monthly-reports' }));
  let jobQueue: JobQueue | null = null;
  try {
    await listener.start();
    if ((config.jobConcurrency ?? 2) > 0) {
      jobQueue = await startJobQueue(database.ownerUrl, { deadlines: timers, followUps: new FollowUpTimers(dataSource), reports }, logger, {
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
    const auth = await authenticate(dataSource, tokens, credentialFrom(authorization));
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

  // The same limits on depth, aliases, cost and directives for HTTP and WebSocket operations.
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 15 },
    // A full complaint view (record, approvals, timeline with actors) costs about 6,000.
    costLimit: { maxCost: 20000 },
    maxDirectives: { n: 20 },
    maxTokens: { n: 2000 },
  }).protect();

  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  const wsContexts = new Map<string, RequestContext>();
  const wsCleanup = useServer<Record<string, unknown>, { acceptLanguage?: string }>(
    {
      schema,
      // A connection must present valid credentials, a token or an API key, or for a
      // complainant an existing tracking code; refused ones are closed with 4403.
      onConnect: async (ctx) => {
        if (shuttingDown) return false;
        const tracking = publicTracking(ctx.connectionParams);
        if (tracking) {
          return services.complaintQueries.locatePublic(tracking.tenantSlug, tracking.trackingCode).then(
            () => true,
            () => false,
          );
        }
        const auth = await authenticate(dataSource, tokens, credentialFrom(ctx.connectionParams?.authorization));
        await auth.transaction.finish(true);
        return auth.viewer !== null;
      },
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
      validate: (wsSchema, document) => validate(wsSchema, document, [...specifiedRules, ...armor.validationRules]),
      subscribe: subscribeWithFreshContexts,
      // Errors of operations and deliveries are shown as over HTTP: known codes pass, the rest is masked.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? {
              ...result,
              errors: result.errors.map((error) =>
                formatError(error.toJSON(), error, (unexpected) => logger.error({ err: unexpected }, 'unexpected error')),
              ),
            }
          : undefined,
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

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    // Shutdown is ours: drain, then close the pool and the embedded database, then exit.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    validationRules: [...armor.validationRules],
    plugins: [
      ...armor.plugins,
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
    ],
    formatError: (formatted, error) =>
      formatError(formatted, error, (unexpected) => logger.error({ err: unexpected }, 'unexpected error')),
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  app.get(`${REPORTS_PATH}/:file`, reportDownload(contextFor, logger));
  app.use(
    GRAPHQL_PATH,
    corsMiddleware(config.allowedOrigins),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
        const context = await contextFor(req.headers.authorization, req.headers['accept-language'], requestId);
        context.clientAddress = clientAddress(req, config.trustProxy ?? 0);
        return context;
      },
    }),
  );

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
      logger.info('shutting down: draining HTTP and WebSocket connections');
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await apollo.stop();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await listener.stop();
      // Running timer jobs finish; the rest stay queued for the next process.
      await jobQueue?.stop();
      await rateLimits.close();
      await database.close();
      logger.info('stopped');
    })();
    return stopping;
  };

  return { url, port, httpServer, dataSource, services, database, live: { hub, listener }, timers, reports, stop };
}

/** A complainant's connection parameters: a tenant slug and a tracking code, and no authorization. */
function publicTracking(params: Record<string, unknown> | undefined): { tenantSlug: string; trackingCode: string } | null {
  if (!params || params.authorization !== undefined) return null;
  const { tenantSlug, trackingCode } = params;
  return typeof tenantSlug === 'string' && typeof trackingCode === 'string' ? { tenantSlug, trackingCode } : null;
}
