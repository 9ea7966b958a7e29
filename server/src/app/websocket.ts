import type { Server } from 'node:http';
import { getOperationAST, OperationTypeNode } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Config } from '../config/config';
import { authenticate, credentialFrom } from '../context/authenticate';
import { RequestContext } from '../context/request-context';
import { inScopedTransaction } from '../db/tenant-transaction';
import { formatError } from '../graphql/errors';
import type { OperationLimits } from '../graphql/operation-limits';
import { clientAddress } from '../http/client-address';
import { negotiateLocale } from '../http/locale';
import { LiveEventScopes } from '../live/live-event-scope';
import { subscribeWithFreshContexts } from '../live/live-execution';
import type { LiveSession } from '../live/live-stream';
import {
  connectionOwner,
  DEFAULT_WS_MAX_CONNECTIONS_PER_CREDENTIAL,
  DEFAULT_WS_MAX_PAYLOAD_BYTES,
  DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
  logOversizedMessages,
  WsLimits,
} from '../live/ws-limits';
import type { Logger } from '../logging/logger';
import type { AppMetrics } from '../metrics/metrics';
import type { Live } from './live';
import type { Platform } from './platform';
import type { ContextFor } from './request-contexts';

export interface WebSocketPart {
  /** WebSocket connections open now. */
  connections(): number;
  /** Closes every connection with 1001, then stops taking new ones. */
  stop(): Promise<void>;
}

export interface WebSocketDeps {
  platform: Platform;
  live: Live;
  metrics: AppMetrics;
  contextFor: ContextFor;
  limits: OperationLimits;
  /** The HTTP server whose upgrades at `path` are graphql-ws connections. */
  httpServer: Server;
  path: string;
  /** True once the server is stopping: new connections are refused. */
  shuttingDown(): boolean;
}

/**
 * graphql-ws on the HTTP server's port. A connection must present valid credentials; each
 * operation runs in a context of its own, and a subscription gets a fresh one per event.
 */
export function startWebSocket(config: Config, deps: WebSocketDeps, logger: Logger): WebSocketPart {
  const { platform, live, metrics, contextFor, limits } = deps;
  const { dataSource, clock, tokens, services, schema } = platform;
  const scopes = new LiveEventScopes(dataSource, clock, tokens);
  const wsLimits = new WsLimits(schema, limits, {
    maxSubscriptionsPerConnection: config.wsMaxSubscriptionsPerConnection ?? DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    maxConnectionsPerCredential: config.wsMaxConnectionsPerCredential ?? DEFAULT_WS_MAX_CONNECTIONS_PER_CREDENTIAL,
  });
  const wsServer = new WebSocketServer({
    server: deps.httpServer,
    path: deps.path,
    maxPayload: config.wsMaxPayloadBytes ?? DEFAULT_WS_MAX_PAYLOAD_BYTES,
    // A stopping server refuses the upgrade itself with a retryable 503, before any handshake:
    // a load balancer then tries another process, and a client reconnects (a refusal after the
    // handshake would read as 4403, not allowed).
    verifyClient: (_info, done) => (deps.shuttingDown() ? done(false, 503, 'Server shutting down', { 'retry-after': '1' }) : done(true)),
  });
  // The context of each open operation, by connection and then operation id, to finish its
  // transaction when the operation completes or fails.
  const operations = new WeakMap<WsContext, Map<string, RequestContext>>();
  const finish = async (ctx: WsContext, id: string, commit: boolean) => {
    const open = operations.get(ctx);
    const context = open?.get(id);
    open?.delete(id);
    await context?.db.finish(commit);
  };

  // What operations need of the upgrade request, taken when the connection opens: graphql-ws
  // would otherwise keep the whole request (headers, raw headers) for as long as it stays open.
  const upgrades = new WeakMap<WsContext, { acceptLanguage: string | undefined; clientAddress: string }>();

  const cleanup = useServer<Record<string, unknown>, { acceptLanguage?: string }>(
    {
      schema,
      // A connection must present valid credentials, a token or an API key, or for a
      // complainant an existing tracking code; refused ones are closed with 4403, and one
      // past the credential's connection cap with 4429.
      onConnect: async (ctx) => {
        const request = ctx.extra.request;
        upgrades.set(ctx, {
          acceptLanguage: request.headers['accept-language'],
          clientAddress: clientAddress(request, config.trustProxy ?? 0),
        });
        Reflect.deleteProperty(ctx.extra, 'request');
        if (deps.shuttingDown()) return false;
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
      context: async (ctx, id, _payload, args) => {
        const authorization = ctx.connectionParams?.authorization;
        const upgrade = upgrades.get(ctx);
        const language = languageOf(ctx.connectionParams, upgrade?.acceptLanguage);
        const context = await contextFor(authorization, language, `ws-${id}`);
        context.clientAddress = upgrade?.clientAddress ?? 'unknown';
        const tenantId = context.viewer?.tenantId ?? null;
        let sessionLogger: Logger | null = null;
        let events = 0;
        const session: LiveSession = {
          hub: live.hub,
          freshContext: async (signal, tenantId) => {
            const requestId = `ws-${id}-${++events}`;
            const credential = credentialFrom(authorization);
            // A complainant's connection has no viewer to re-establish: no database work here.
            if (!credential) return contextFor(undefined, language, requestId);
            const scope = scopes.for(signal, tenantId);
            const lease = scope.lease();
            try {
              const auth = await scope.viewer(credential);
              const requestLogger = logger.child({ requestId, tenantId });
              const fresh = new RequestContext(
                dataSource,
                services,
                requestId,
                requestLogger,
                auth.viewer,
                auth.failure,
                negotiateLocale(language),
                lease,
              );
              fresh.sharedReads = scope;
              return fresh;
            } catch (error) {
              await lease.finish(false);
              throw error;
            }
          },
          publicTracking: publicTracking(ctx.connectionParams),
          // An open subscription keeps no logger of its own until one is needed.
          logger: () => (sessionLogger ??= logger.child({ requestId: `ws-${id}`, tenantId })),
        };
        context.live = session;
        // A subscription's transaction is finished by its subscribe phase (live-execution.ts), and its
        // context let go then; queries and mutations keep theirs until they complete.
        if (getOperationAST(args.document, args.operationName)?.operation !== OperationTypeNode.SUBSCRIPTION) {
          let open = operations.get(ctx);
          if (!open) operations.set(ctx, (open = new Map()));
          open.set(id, context);
        }
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
      onComplete: (ctx, id) => finish(ctx, id, true),
      onError: (ctx, id) => finish(ctx, id, false),
    },
    wsServer,
  );
  logOversizedMessages(wsServer, logger.child({ component: 'graphql-ws' }));

  return {
    connections: () => wsServer.clients.size,
    async stop() {
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      // Closes any connection left and the WebSocket server itself.
      await cleanup.dispose();
    },
  };
}

/** A complainant's connection parameters: a tenant slug and a tracking code, and no authorization. */
function publicTracking(params: Record<string, unknown> | undefined): { tenantSlug: string; trackingCode: string } | null {
  if (!params || params.authorization !== undefined) return null;
  const { tenantSlug, trackingCode } = params;
  return typeof tenantSlug === 'string' && typeof trackingCode === 'string' ? { tenantSlug, trackingCode } : null;
}

/**
 * The language a WebSocket client asks for: `locale` in its connection parameters (the only
 * way a browser script can choose one), else the Accept-Language of the upgrade request, as
 * over HTTP; neither leaves it to the tenant's language.
 */
function languageOf(connectionParams: Record<string, unknown> | undefined, header: string | undefined): string | undefined {
  const asked = connectionParams?.locale;
  return typeof asked === 'string' ? asked : header;
}
