import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../context/request-context';
import type { Logger } from '../logging/logger';
import { RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE, isDatabaseUnavailable } from '../db/database-errors';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, [SERVICE_UNAVAILABLE]: 503 };
/** A report id is a UUID: anything else names no report and never reaches the database. */
const REPORT_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(csv|html)$/i;
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
    const match = REPORT_FILE.exec(String(req.params.file ?? ''));
    if (!match) {
      res.status(404).json({ error: 'No such report' });
      return;
    }
    const format = match[2].toLowerCase() as keyof typeof TYPES;
    let ctx: RequestContext;
    try {
      ctx = await contextFor(req.headers.authorization, req.headers['accept-language'], randomUUID());
    } catch (error) {
      unavailableOrFailed(res, error, logger);
      return;
    }
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
        if (error.extensions.code === SERVICE_UNAVAILABLE) res.set('retry-after', String(RETRY_AFTER_SECONDS));
        res.status(STATUS[String(error.extensions.code)]).json({ error: error.message });
      } else {
        unavailableOrFailed(res, error, logger);
      }
    } finally {
      await ctx.db.finish(committed);
    }
  };
}

/** 503 with Retry-After when the database could not serve in time; a masked, logged 500 otherwise. */
function unavailableOrFailed(res: Response, error: unknown, logger: Logger): void {
  if ((error instanceof GraphQLError && error.extensions.code === SERVICE_UNAVAILABLE) || isDatabaseUnavailable(error)) {
    res.set('retry-after', String(RETRY_AFTER_SECONDS)).status(503).json({ error: 'The service is busy; retry shortly' });
    return;
  }
  logger.error({ err: error }, 'report download failed');
  res.status(500).json({ error: 'Internal server error' });
}
