import type { Express } from 'express';
import type { Config } from '../config/config';
import { downloadRoute } from '../files/download.route';
import { FILES_PATH } from '../files/signed-urls';
import { UPLOADS_PATH, uploadRoute } from '../files/upload.route';
import { UploadSweeper } from '../files/upload-sweeper';
import { corsMiddleware } from '../http/cors';
import type { Logger } from '../logging/logger';
import type { Platform } from './platform';
import type { ContextFor } from './request-contexts';

/**
 * The evidence files' routes: uploads (`POST /files/uploads`, raw body, before any body
 * parser) and signed downloads (`GET /files/<id>`, `GET /files/<id>/thumbnail`), allowed
 * to the configured browser origins like the API.
 */
export function mountFileRoutes(app: Express, config: Config, deps: { platform: Platform; contextFor: ContextFor }, logger: Logger): void {
  const { dataSource, clock, files, rateLimits } = deps.platform;
  const fileLogger = logger.child({ component: 'files' });
  app.use(
    FILES_PATH,
    corsMiddleware(config.allowedOrigins, { requestHeaders: ['x-file-name', 'x-tracking-code'], exposedHeaders: ['retry-after'] }),
  );
  app.post(
    UPLOADS_PATH,
    uploadRoute({
      dataSource,
      clock,
      files,
      rateLimits,
      contextFor: deps.contextFor,
      trustProxy: config.trustProxy ?? 0,
      logger: fileLogger,
    }),
  );
  app.get(`${FILES_PATH}/:id`, downloadRoute({ dataSource, clock, files, logger: fileLogger }, 'original'));
  app.get(`${FILES_PATH}/:id/thumbnail`, downloadRoute({ dataSource, clock, files, logger: fileLogger }, 'thumbnail'));
}

/** The job that deletes staged uploads nobody attached, once they expire. */
export function uploadSweeper(platform: Platform, logger: Logger): UploadSweeper {
  return new UploadSweeper(platform.dataSource, platform.clock, platform.files.store, logger.child({ component: 'upload-sweeper' }));
}
