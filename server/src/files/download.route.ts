import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import { inScopedTransaction } from '../db/tenant-transaction';
import type { Logger } from '../logging/logger';
import type { Clock } from '../time/clock';
import type { StoredFile } from './file-store';
import { FileRefusal, sendFileError } from './file-http';
import type { Files } from './files';
import { shownInline } from './media-types';
import type { FileVariant } from './signed-urls';
import { THUMBNAIL_TYPE } from './thumbnails';

export interface DownloadDeps {
  dataSource: DataSource;
  clock: Clock;
  files: Files;
  logger: Logger;
}

/** Nothing the file's own content can do: no scripts, no plugins, no forms, no same-origin access. */
const SANDBOX_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

interface EvidenceFileRow {
  file_name: string;
  content_type: string;
  file_key: string | null;
  thumbnail_key: string | null;
}

/**
 * `GET /files/<id>` and `GET /files/<id>/thumbnail`: one evidence file by a signed URL the API
 * handed out. The signature names the tenant, the file and the variant, so a URL cannot be
 * bent to another file or tenant (404, as for an unknown file); an expired one answers 403
 * (URL_EXPIRED: ask the API again). The file is read in a transaction scoped to the signed
 * tenant, under row-level security; the connection goes back before the bytes are sent.
 * Answered with the stored type, nosniff, a sandboxing CSP, and inline only for images and PDF.
 */
export function downloadRoute(deps: DownloadDeps, variant: FileVariant) {
  const { files, logger } = deps;
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const checked = files.urls.check(String(req.params.id ?? ''), variant, req.query);
      if (!checked.ok) {
        throw checked.reason === 'expired'
          ? new FileRefusal(403, 'URL_EXPIRED', 'This download link has expired; ask for the file again')
          : new FileRefusal(404, 'NOT_FOUND', 'No such file');
      }
      const { tenantId, evidenceId } = checked.claims;
      const found = await inScopedTransaction(deps.dataSource, deps.clock, { tenantId, userId: null }, async (tx) => {
        const [row] = await tx.query<EvidenceFileRow>(
          'SELECT file_name, content_type, file_key, thumbnail_key FROM complaint_evidence WHERE id = $1',
          [evidenceId],
        );
        const key = variant === 'thumbnail' ? row?.thumbnail_key : row?.file_key;
        const file = key ? await files.store.get(tx, key) : null;
        return file && row ? { row, file } : null;
      });
      if (!found) throw new FileRefusal(404, 'NOT_FOUND', 'No such file');
      const contentType = variant === 'thumbnail' ? THUMBNAIL_TYPE : found.row.content_type;
      const maxAge = files.urls.secondsLeft(checked.claims);
      res.attachment(found.row.file_name);
      if (shownInline(contentType)) res.set('content-disposition', res.get('content-disposition')!.replace(/^attachment/, 'inline'));
      res
        .status(200)
        .type(contentType)
        .set('x-content-type-options', 'nosniff')
        .set('content-security-policy', SANDBOX_CSP)
        .set('cross-origin-resource-policy', 'cross-origin')
        .set('referrer-policy', 'no-referrer')
        .set('cache-control', `private, max-age=${maxAge}`)
        .set('content-length', String(found.file.sizeBytes));
      await send(res, found.file);
    } catch (error) {
      sendFileError(res, error, logger);
    }
  };
}

async function send(res: Response, file: StoredFile): Promise<void> {
  if (Buffer.isBuffer(file.body)) {
    res.end(file.body);
    return;
  }
  await pipeline(file.body, res);
}
