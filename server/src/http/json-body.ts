import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';

type Next = (error?: unknown) => void;
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** The forms of Content-Type nearly every client sends; any other goes through body-parser. */
const PLAIN_JSON = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

const bodyError = (type: string) => Object.assign(new Error(type), { type });

/**
 * body-parser's JSON parser (`express.json`, strict, with `limitBytes`), with a short way for
 * the common request: UTF-8 JSON of a known length within the limit, not compressed. That one
 * is read and parsed here by body-parser's rules (an empty body is `{}`, the top level must be
 * an object or array, a BOM is dropped, any failure is `entity.parse.failed`); every other
 * request (chunked, compressed, another charset or media type, too large) takes body-parser
 * itself, with its own errors.
 */
export function jsonBody(limitBytes: number): Middleware {
  const parser = express.json({ limit: limitBytes }) as unknown as Middleware;
  return (req, res, next) => {
    const { headers } = req;
    const type = headers['content-type'];
    const lengthHeader = headers['content-length'];
    const length = lengthHeader !== undefined && /^\d{1,7}$/.test(lengthHeader) ? Number(lengthHeader) : -1;
    const encoding = headers['content-encoding'];
    if (
      req.method !== 'POST' ||
      length < 0 ||
      length > limitBytes ||
      headers['transfer-encoding'] !== undefined ||
      (encoding !== undefined && encoding.toLowerCase() !== 'identity') ||
      type === undefined ||
      !PLAIN_JSON.has(type.toLowerCase())
    ) {
      parser(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (error: Error | undefined, body?: unknown) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAborted);
      req.off('aborted', onAborted);
      if (error) next(error);
      else {
        (req as { body?: unknown }).body = body;
        next();
      }
    };
    const onData = (chunk: Buffer) => chunks.push(chunk);
    const onAborted = () => finish(bodyError('request.aborted'));
    const onEnd = () => {
      let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let body: unknown;
      try {
        body = parseStrict(text);
      } catch {
        finish(bodyError('entity.parse.failed'));
        return;
      }
      finish(undefined, body);
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onAborted);
    req.once('aborted', onAborted);
  };
}

/** body-parser's strict JSON: `{}` for nothing, else an object or an array at the top level. */
function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  const first = /^[ \t\n\r]*([^ \t\n\r])/.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw new SyntaxError('strict violation');
  return JSON.parse(text);
}
