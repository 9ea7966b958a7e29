import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseUrl } from 'node:url';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from '../logging/logger';
import { corsMiddleware } from './cors';
import { answerHttpError, writeHttpError } from './http-errors';
import { jsonBody, type Middleware } from './json-body';

/** The largest GraphQL request body: 1 MB, as body-parser counts it. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface GraphqlHttpOptions<TContext extends BaseContext> {
  allowedOrigins: string[];
  context: (req: IncomingMessage, res: ServerResponse) => Promise<TContext>;
  logger: Logger;
}

/**
 * The GraphQL endpoint on plain node:http: CORS, a JSON body of at most 1 MB, then Apollo's
 * own `executeHTTPGraphQLRequest` (GraphQL over GET rules, CSRF prevention, content
 * negotiation are Apollo's). What the Express integration did, without a router or Express's
 * request and response objects on the hot path.
 */
export function graphqlHttpHandler<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: GraphqlHttpOptions<TContext>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const cors = corsMiddleware(options.allowedOrigins) as unknown as Middleware;
  const json = jsonBody(BODY_LIMIT_BYTES);
  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => answerHttpError(options.logger, error, req, res);

  const run = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body = (req as { body?: unknown }).body;
    if (body === undefined) {
      // A GraphQL POST must carry a JSON body: one the JSON parser did not take (another
      // media type, or none) is refused here, instead of reaching Apollo unparsed.
      if (req.method === 'POST') {
        if (isJson(req)) writeHttpError(req, res, 400, 'BAD_REQUEST', 'The request body is empty');
        else writeHttpError(req, res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as application/json');
        return;
      }
      body = {};
    }
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method!.toUpperCase(),
        headers,
        search: url.includes('?') ? (parseUrl(url).search ?? '') : '',
        body,
      },
      context: () => options.context(req, res),
    });
    await writeResponse(req, res, response);
  };

  const afterCors = (req: IncomingMessage, res: ServerResponse) =>
    json(req, res, (error) => {
      if (error) return fail(req, res, error);
      run(req, res).catch((error: unknown) => fail(req, res, error));
    });
  return (req, res) => {
    try {
      // Without an Origin (not from a browser page) the cors package adds nothing: its origin
      // check refuses, and it passes the request on untouched.
      if (req.headers.origin === undefined) {
        afterCors(req, res);
        return;
      }
      cors(req, res, (error) => {
        if (error) return fail(req, res, error);
        afterCors(req, res);
      });
    } catch (error) {
      fail(req, res, error);
    }
  };
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status || 200;
  if (response.body.kind === 'complete') {
    const text = response.body.string;
    const type = res.getHeader('content-type');
    if (type === undefined) res.setHeader('content-type', 'text/html; charset=utf-8');
    else if (typeof type === 'string' && !/;\s*charset=/i.test(type)) res.setHeader('content-type', `${type}; charset=utf-8`);
    res.setHeader('content-length', Buffer.byteLength(text));
    res.end(req.method === 'HEAD' ? undefined : text);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** `req.is('application/json')` as Express answered it: a body of that media type (parameters aside, any case). */
function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(req.headers['content-length'] ?? NaN));
  if (!type || !hasBody) return false;
  const semicolon = type.indexOf(';');
  return (semicolon < 0 ? type : type.slice(0, semicolon)).trim().toLowerCase() === 'application/json';
}
