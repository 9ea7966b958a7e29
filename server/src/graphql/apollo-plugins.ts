import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../context/request-context';
import { RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE } from '../db/database-errors';

/**
 * Ends each operation's transaction before the response leaves: commit when nothing
 * unexpected happened, roll back otherwise; a failed commit becomes an error response.
 * Also logs one line per operation with its request id and tenant.
 */
export function operationLifecyclePlugin(options: { exposeStatementCount: boolean }): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue: ctx, response, operationName }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const unavailable = body?.errors?.some((e) => e.extensions?.code === SERVICE_UNAVAILABLE) ?? false;
          const unexpected = unavailable || (body?.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR') ?? false);
          if (unavailable) {
            // Retryable: the database could not serve in time; nothing of the operation is kept.
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
          try {
            await ctx.db.finish(!unexpected);
          } catch (error) {
            // The connection broke before the commit: nothing was kept, the client may retry.
            // A commit that failed otherwise is in doubt, and answered as an internal error.
            const refused = error instanceof GraphQLError && error.extensions.code === SERVICE_UNAVAILABLE;
            if (!refused) ctx.logger.error({ err: error }, 'commit failed');
            if (body) {
              body.data = null;
              body.errors = [
                refused
                  ? { message: error.message, extensions: { code: SERVICE_UNAVAILABLE, retryAfterSeconds: RETRY_AFTER_SECONDS } }
                  : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
              ];
            }
            if (refused) {
              response.http.status = 503;
              response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
            }
          }
          if (options.exposeStatementCount && body) {
            body.extensions = { ...body.extensions, sqlStatements: ctx.db.statementCount };
          }
          if (ctx.logger.isLevelEnabled('info')) {
            ctx.logger.info(
              {
                operationName: operationName ?? null,
                ms: Math.round(performance.now() - started),
                errors: body?.errors?.map((e) => e.extensions?.code) ?? [],
                statements: ctx.db.statementCount,
              },
              'graphql operation',
            );
          }
        },
      };
    },
  };
}
