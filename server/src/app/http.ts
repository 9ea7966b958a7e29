import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import express, { type ErrorRequestHandler } from 'express';
import { DEFAULT_SHUTDOWN_GRACE_MS, type Config } from '../config/config';
import type { RequestContext } from '../context/request-context';
import { operationLifecyclePlugin } from '../graphql/apollo-plugins';
import { formatError } from '../graphql/errors';
import type { OperationLimits } from '../graphql/operation-limits';
import { clientAddress } from '../http/client-address';
import { trackForDrain } from '../http/http-drain';
import { consoleStatic, DEFAULT_WEB_ROOT } from '../http/console-static';
import { graphqlHttpHandler } from '../http/graphql-http';
import { GRAPHQL_PATH, httpErrorHandler, isGraphqlPath, notFoundHandler, requestPath } from '../http/http-errors';
import { LoopStallMonitor } from '../http/loop-stall-monitor';
import type { Logger } from '../logging/logger';
import type { AppMetrics } from '../metrics/metrics';
import { mountFileRoutes } from './files';
import type { Platform } from './platform';
import type { Reports } from './reports';
import type { ContextFor } from './request-contexts';

export { GRAPHQL_PATH };

/** How long one window of the event-loop delay measurement for /healthz lasts. */
const EVENT_LOOP_WINDOW_MS = 2000;

export interface HttpPart {
  /** Not listening until `listen`; the WebSocket server attaches to it first. */
  server: Server;
  /** Opens the port; resolves with the GraphQL endpoint's URL and the port. */
  listen(): Promise<{ url: string; port: number }>;
  /** Stops taking requests and drains the ones in flight, then closes the server. */
  stop(): Promise<void>;
}

export interface HttpDeps {
  platform: Platform;
  metrics: AppMetrics;
  reports: Reports;
  contextFor: ContextFor;
  limits: OperationLimits;
  /** True once the server is stopping: readiness answers 503. */
  shuttingDown(): boolean;
}

/**
 * Apollo at /graphql on node:http; Express with the health, readiness and metrics routes, report
 * downloads, files and the console; every HTTP error answered as JSON.
 */
export async function startHttp(config: Config, deps: HttpDeps, logger: Logger): Promise<HttpPart> {
  const { platform, metrics, contextFor, limits } = deps;
  const { dataSource, schema } = platform;
  const app = express();
  app.disable('x-powered-by');

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
      // No cache hints are used; the implicit cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      operationLifecyclePlugin({ exposeStatementCount: config.exposeStatementCount }),
      metrics.apolloPlugin(),
    ],
    formatError: (formatted, error) => formatError(formatted, error, (unexpected) => logger.error({ err: unexpected }, 'unexpected error')),
  });
  await apollo.start();

  // Liveness: a process whose event loop stalls (a runaway computation, a blocked thread)
  // answers 503, measured over the last window and the current one.
  const loopStalls = new LoopStallMonitor(20, EVENT_LOOP_WINDOW_MS);
  loopStalls.start();
  const maxLoopDelayMs = config.healthMaxEventLoopDelayMs ?? 2000;
  app.get('/healthz', (_req, res) => {
    const delayMs = loopStalls.maxDelayMs();
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
    if (deps.shuttingDown()) {
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
  app.get(deps.reports.download.path, deps.reports.download.handler);
  mountFileRoutes(app, config, { platform, contextFor }, logger);
  // The GraphQL endpoint on node:http directly (see graphql-http.ts); every other route in Express.
  const graphql = graphqlHttpHandler(apollo, {
    allowedOrigins: config.allowedOrigins,
    logger,
    context: async (req, res) => {
      const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
      const context = await contextFor(req.headers.authorization, req.headers['accept-language'], requestId);
      context.clientAddress = clientAddress(req, config.trustProxy ?? 0);
      return releasedWithResponse(res, context);
    },
  });
  const server = createServer((req, res) => {
    // A WebSocket upgrade reaching a stopping server (its WebSocket server already closed) is
    // refused as retryable: a load balancer passes it to another process, a client reconnects.
    if (req.headers.upgrade && deps.shuttingDown()) {
      refuseUpgrade(res);
      return;
    }
    if (isGraphqlPath(requestPath(req))) graphql(req, res);
    else app(req, res);
  });
  const drain = trackForDrain(server);
  // The console (web/dist) at `/`, after every route of the server so that none is shadowed.
  app.use(...consoleStatic(config.webRoot ?? DEFAULT_WEB_ROOT));
  // Every HTTP error is JSON without a stack trace or a path: unknown routes, malformed or
  // oversized bodies, unknown charsets, and anything a route lets escape.
  app.use(notFoundHandler);
  app.use(httpErrorHandler(logger) as ErrorRequestHandler);

  return {
    server,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      const port = (server.address() as AddressInfo).port;
      return { url: `http://${config.host}:${port}${GRAPHQL_PATH}`, port };
    },
    async stop() {
      loopStalls.stop();
      // Stops listening and answers every request already read (see http-drain.ts), then stops Apollo.
      const gracefully = await drain.drain(config.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
      if (!gracefully) logger.warn('requests still running after the shutdown grace period were cut off');
      await apollo.stop();
    },
  };
}

/**
 * The operation's transaction ends with its HTTP exchange at the latest. Apollo finishes it
 * in `willSendResponse`, but skips that hook for requests it rejects before execution (a
 * batched array, a query that is not a string, bad variables…) and a client may go away
 * mid-operation: the response's `close` rolls back whatever is still open, so no request
 * ever leaves a connection idle in a transaction.
 */
function releasedWithResponse(res: ServerResponse, context: RequestContext): RequestContext {
  const release = () => {
    context.db.finish(false).catch((error) => context.logger.error({ err: error }, 'releasing the transaction failed'));
  };
  if (res.destroyed || res.writableFinished) release();
  else res.once('close', release);
  return context;
}

function refuseUpgrade(res: ServerResponse): void {
  const body = JSON.stringify({ error: 'The server is shutting down', code: 'SERVICE_UNAVAILABLE' });
  res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
