import { authenticate, credentialFrom } from '../context/authenticate';
import { RequestContext } from '../context/request-context';
import { serviceUnavailableFrom } from '../db/database-errors';
import { negotiateLocale } from '../http/locale';
import type { Logger } from '../logging/logger';
import type { Platform } from './platform';

/** Opens the context of one operation or download from the credentials it came with. */
export type ContextFor = (authorization: unknown, acceptLanguage: string | undefined, requestId: string) => Promise<RequestContext>;

/**
 * The one way HTTP operations, report downloads and WebSocket operations get their context:
 * the viewer authenticated in the operation's own transaction, a logger tagged with the
 * request and tenant, and the negotiated locale.
 */
export function requestContexts({ dataSource, clock, tokens, services }: Platform, logger: Logger): ContextFor {
  return async (authorization, acceptLanguage, requestId) => {
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
}
