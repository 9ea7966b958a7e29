import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logging/logger';

/**
 * An HTTP error answer: JSON with a code, never a stack or a path. On the GraphQL endpoint in
 * the shape of a GraphQL response (`errors`); elsewhere `{ error, code }`, so that a client
 * never takes a page that is not the API for a GraphQL answer.
 */
export function sendHttpError(req: Request, res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const graphql = req.originalUrl.split('?')[0].startsWith(GRAPHQL_PATH);
  const body = graphql ? { errors: [{ message, extensions: { code } }] } : { error: message, code };
  res.status(status).type('application/json').send(JSON.stringify(body));
}

const GRAPHQL_PATH = '/graphql';

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
 * The last error handler: body-parser failures get their status (400, 413, 415) and a JSON
 * answer; anything else is logged (without request data) and answered as a masked 500.
 */
export function httpErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const type = (error as { type?: unknown })?.type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (known) {
      sendHttpError(req, res, known.status, known.code, known.message);
      return;
    }
    const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendHttpError(req, res, status, 'BAD_REQUEST', 'The request was refused');
      return;
    }
    logger.error({ err: error }, 'unhandled HTTP error');
    sendHttpError(req, res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}

/** Unknown routes: a JSON 404 rather than an HTML page. */
export function notFoundHandler(req: Request, res: Response): void {
  sendHttpError(req, res, 404, 'NOT_FOUND', 'Not found');
}

/**
 * A GraphQL POST must carry a JSON body: one the JSON parser did not take (another media
 * type, or none) is refused here with JSON, instead of reaching Apollo unparsed.
 */
export function requireParsedBody(req: Request, res: Response, next: NextFunction): void {
  if (req.body !== undefined) {
    next();
    return;
  }
  if (req.method !== 'POST') {
    req.body = {};
    next();
    return;
  }
  if (req.is('application/json')) sendHttpError(req, res, 400, 'BAD_REQUEST', 'The request body is empty');
  else sendHttpError(req, res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as application/json');
}
