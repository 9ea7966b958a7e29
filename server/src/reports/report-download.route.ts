import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../context/request-context';
import type { Logger } from '../logging/logger';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };
const TYPES = { csv: 'text/csv; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

/**
 * `GET /reports/<id>.csv|html`: a stored monthly report, for the same bearer token or API
 * key as the GraphQL API, in a transaction scoped to the credential's tenant. Another
 * tenant's report id answers 404 like an unknown one.
 */
export function reportDownload(
  contextFor: (authorization: unknown, acceptLanguage: string | undefined, requestId: string) => Promise<RequestContext>,
  logger: Logger,
) {
  return async (req: Request, res: Response): Promise<void> => {
    const match = /^([0-9a-f-]{36})\.(csv|html)$/i.exec(String(req.params.file ?? ''));
    if (!match) {
      res.status(404).json({ error: 'No such report' });
      return;
    }
    const format = match[2].toLowerCase() as keyof typeof TYPES;
    const ctx = await contextFor(req.headers.authorization, req.headers['accept-language'], randomUUID());
    let committed = false;
    try {
      const report = await ctx.services.monthlyReports.download(ctx, match[1].toLowerCase(), format);
      committed = true;
      res.set('cache-control', 'private, no-store');
      if (!report) {
        res.status(404).json({ error: 'No such report' });
        return;
      }
      res.type(TYPES[format]);
      if (format === 'csv') res.attachment(`complaints-${report.month}.csv`);
      res.send(report.body);
    } catch (error) {
      if (error instanceof GraphQLError && STATUS[String(error.extensions.code)]) {
        res.status(STATUS[String(error.extensions.code)]).json({ error: error.message });
      } else {
        logger.error({ err: error }, 'report download failed');
        res.status(500).json({ error: 'Internal server error' });
      }
    } finally {
      await ctx.db.finish(committed);
    }
  };
}
