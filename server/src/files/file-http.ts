import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE } from '../db/database-errors';
import type { Logger } from '../logging/logger';

/** A refusal of a file route, answered `{ "error": { "code", "message" } }` with its status. */
export class FileRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const GRAPHQL_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429, [SERVICE_UNAVAILABLE]: 503 };

/**
 * Answers an error of a file route as JSON, never with a stack or a path: a FileRefusal as it
 * says, the API's own refusals (credentials, rate limits, a busy database) with their HTTP
 * status, anything else as a masked, logged 500. The connection is closed after the answer: a
 * client refused before its body was read would otherwise keep sending it.
 */
export function sendFileError(res: Response, error: unknown, logger: Logger): void {
  let refusal: FileRefusal;
  if (error instanceof FileRefusal) {
    refusal = error;
  } else if (error instanceof GraphQLError && GRAPHQL_STATUS[String(error.extensions.code)]) {
    const code = String(error.extensions.code);
    const retry = code === SERVICE_UNAVAILABLE ? RETRY_AFTER_SECONDS : (error.extensions.retryAfterSeconds as number | undefined);
    refusal = new FileRefusal(GRAPHQL_STATUS[code], code, error.message, retry);
  } else if (isDatabaseUnavailable(error)) {
    refusal = new FileRefusal(503, SERVICE_UNAVAILABLE, 'The service is busy; retry shortly', RETRY_AFTER_SECONDS);
  } else {
    logger.error({ err: error }, 'file request failed');
    refusal = new FileRefusal(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (refusal.retryAfterSeconds !== undefined) res.set('retry-after', String(Math.max(1, Math.ceil(refusal.retryAfterSeconds))));
  res
    .status(refusal.status)
    .set('connection', 'close')
    .set('cache-control', 'no-store')
    .json({ error: { code: refusal.code, message: refusal.message } });
}
