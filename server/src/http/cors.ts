import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Only the configured origins may call from a browser; with none configured, none may.
 * `extra` adds request headers a route reads and response headers it lets the page see.
 */
export function corsMiddleware(
  allowedOrigins: string[],
  extra: { requestHeaders?: string[]; exposedHeaders?: string[] } = {},
): RequestHandler {
  const allowed = new Set(allowedOrigins.map((origin) => new URL(origin).origin));
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    allowedHeaders: ['authorization', 'content-type', 'accept-language', 'x-request-id', ...(extra.requestHeaders ?? [])],
    exposedHeaders: extra.exposedHeaders,
    methods: ['GET', 'POST', 'OPTIONS'],
    maxAge: 600,
  });
}
