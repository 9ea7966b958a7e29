import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logging/logger';

export const GRAPHQL_PATH = '/graphql';

/** Whether a request path is the GraphQL endpoint's (matched as Express matched its mount: any case, sub-paths included). */
export function isGraphqlPath(urlPath: string): boolean {
  const lower = urlPath.length >= GRAPHQL_PATH.length ? urlPath.slice(0, GRAPHQL_PATH.length + 1).toLowerCase() : '';
  return lower === GRAPHQL_PATH || lower === `${GRAPHQL_PATH}/`;
}

/**
 * The path of a request's URL, without its query: of the full URL where Express's mounted
 * routes rewrote `url` (`originalUrl`), else of `url`.
 */
export function requestPath(req: IncomingMessage): string {
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * An HTTP error answer: JSON with a code, never a stack or a path. On the GraphQL endpoint in
 * the shape of a GraphQL response (`errors`); elsewhere `{ error, code }`, so that a client
 * never takes a page that is not the API for a GraphQL answer.
 */
export function writeHttpError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const graphql = requestPath(req).startsWith(GRAPHQL_PATH);
  const body = JSON.stringify(graphql ? { errors: [{ message, extensions: { code } }] } : { error: message, code });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** What body-parser's errors (`type`) mean to a client. */
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MB' },
  'entity.verify.failed': { status: 400, code: 'BAD_REQUEST', message: 'The request body was refused' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request charset is not supported; send UTF-8' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request content encoding is not supported' },
  'request.aborted': { status: 400, code: 'BAD_REQUEST', message: 'The request was aborted' },
  'request.size.invalid': { status: 400, code: 'BAD_REQUEST', message: 'The request body does not match its Content-Length' },
  'stream.encoding.set': { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' },
  'stream.not.readable': { status: 400, code: 'BAD_REQUEST', message: 'The request body could not be read' },
};

/**
 * Answers an error a route let escape: body-parser failures get their status (400, 413, 415)
 * and a JSON answer; anything else is logged (without request data) and answered as a masked 500.
 */
export function answerHttpError(logger: Logger, error: unknown, req: IncomingMessage, res: ServerResponse): void {
  const type = (error as { type?: unknown })?.type;
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (known) {
    writeHttpError(req, res, known.status, known.code, known.message);
    return;
  }
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    writeHttpError(req, res, status, 'BAD_REQUEST', 'The request was refused');
    return;
  }
  logger.error({ err: error }, 'unhandled HTTP error');
  writeHttpError(req, res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}

/** The last error handler of the Express routes (see `answerHttpError`). */
export function httpErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => answerHttpError(logger, error, req, res);
}

/** Unknown routes: a JSON 404 rather than an HTML page. */
export function notFoundHandler(req: Request, res: Response): void {
  writeHttpError(req, res, 404, 'NOT_FOUND', 'Not found');
}
