import { access } from 'node:fs/promises';
import path from 'node:path';
import express, { type Request, type RequestHandler, type Response } from 'express';

/** The repository's built console, found from this file (server/src/http or server/dist/http). */
export const DEFAULT_WEB_ROOT = path.resolve(__dirname, '../../../web/dist');

/**
 * Paths that belong to the server or to other pages: never answered with the console's
 * index.html. `/t/` holds the complainants' public pages (public.html).
 */
const RESERVED = ['/graphql', '/reports', '/files', '/healthz', '/readyz', '/metrics', '/t', '/assets'];

/** The complainants' public pages: `/t/<slug>/…`, a build entry of their own that loads none of the console's code. */
const PUBLIC_PAGES = '/t';

function publicPage(urlPath: string): boolean {
  return urlPath === PUBLIC_PAGES || urlPath.startsWith(`${PUBLIC_PAGES}/`) || urlPath === '/public.html';
}

function reserved(urlPath: string): boolean {
  return RESERVED.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`));
}

/**
 * The pages' security headers. Scripts and connections only to this server (ws/wss
 * included: older browsers do not count them as 'self'). Styles also allow inline: Ant
 * Design writes its component styles into <style> elements at run time (CSS-in-JS), and
 * React sets style attributes; neither can carry a hash known in advance. The public pages
 * also show `blob:` images: the preview of a photo the complainant picked, drawn from the
 * file in the browser before it is sent.
 */
function pageHeaders(req: Request, res: Response, isPublic: boolean): void {
  const host = /^[A-Za-z0-9.\-[\]:]+$/.test(req.headers.host ?? '') ? req.headers.host : null;
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      isPublic ? "img-src 'self' data: blob:" : "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self'${sockets}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

const NOT_BUILT = 'The Redress console is not built. Run `npm run build`, then start the server again.\n';

/**
 * Serves the built console at `/`: hashed assets (`/assets/…`) cached for good, the pages'
 * html never cached; index.html for every path a browser opens as a console page
 * (client-side routes), and public.html, the complainants' pages, for every `/t/…` path.
 * Both with the same security headers. Mounted after the API and the other routes; their
 * paths are never a page.
 */
export function consoleStatic(webRoot: string): RequestHandler[] {
  const indexFile = path.join(webRoot, 'index.html');
  const publicFile = path.join(webRoot, 'public.html');
  const files = express.static(webRoot, {
    index: false,
    fallthrough: true,
    setHeaders(res, filePath) {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      const relative = path.relative(webRoot, filePath);
      res.setHeader('Cache-Control', relative.startsWith(`assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page: RequestHandler = (req, res, next) => {
    // A browser opening a page asks for HTML; any other client of an unknown path gets the
    // JSON 404 as before.
    const isPublic = publicPage(req.path);
    const wantsPage =
      req.path === '/' || req.path === '/index.html' || req.path === '/public.html' || (req.headers.accept ?? '').includes('text/html');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (reserved(req.path) && !isPublic) || !wantsPage) {
      next();
      return;
    }
    const file = isPublic ? publicFile : indexFile;
    access(file).then(
      () => {
        pageHeaders(req, res, isPublic);
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(file, (error) => {
          if (error && !res.headersSent) next(error);
        });
      },
      () => {
        res.status(503).type('text/plain').send(NOT_BUILT);
      },
    );
  };
  // The html files themselves are pages: served by `page` with their headers, not as static files.
  const staticFiles: RequestHandler = (req, res, next) =>
    req.path === '/index.html' || req.path === '/public.html' ? page(req, res, next) : files(req, res, next);
  return [staticFiles, page];
}
