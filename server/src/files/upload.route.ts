import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { ContextFor } from '../app/request-contexts';
import { normalizeTrackingCode } from '../complaints/tracking-code';
import type { IdRow } from '../db/common-rows';
import { inScopedTransaction } from '../db/tenant-transaction';
import { unstorableTextAt } from '../graphql/validate';
import { clientAddress } from '../http/client-address';
import type { Logger } from '../logging/logger';
import type { RateLimits } from '../rate-limits/rate-limits';
import type { Clock } from '../time/clock';
import { checkFileType } from './file-types';
import { FileRefusal, sendFileError } from './file-http';
import type { Files } from './files';
import { claimedType, isImage } from './media-types';
import { stageUpload, type Uploader } from './staged-uploads';
import { makeThumbnail } from './thumbnails';
import { BodyAborted, BodyTooLarge, receiveBody } from './upload-body';

export const UPLOADS_PATH = '/files/uploads';

export interface UploadDeps {
  dataSource: DataSource;
  clock: Clock;
  contextFor: ContextFor;
  rateLimits: RateLimits;
  files: Files;
  trustProxy: number;
  logger: Logger;
}

const NOT_FOUND = () => new FileRefusal(404, 'NOT_FOUND', 'No organisation or complaint by these names');

/**
 * `POST /files/uploads`: the raw bytes of one file as the body (not multipart), its claimed
 * type as Content-Type and its name, URI-encoded, as X-File-Name. Staff send their bearer
 * token or API key; the public name the organisation (`?tenant=<slug>`) and, to add to their
 * own complaint, its tracking code (X-Tracking-Code). The body is streamed to a temporary file
 * under a hard cap, its type told from its bytes and its SHA-256 computed here; then it is
 * staged (bytes, thumbnail and row in one transaction) and answered 201 with its upload id.
 * No connection is held while the body arrives; nothing is kept of a refused or interrupted
 * upload.
 */
export function uploadRoute(deps: UploadDeps) {
  const { files, logger } = deps;
  const { maxUploadBytes } = files.settings;
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const fileName = fileNameFrom(req.headers['x-file-name']);
      const claimed = claimedType(req.headers['content-type']);
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxUploadBytes) throw tooLarge(maxUploadBytes);
      const target = await identify(req, deps);
      const body = await receiveBody(req, { maxBytes: maxUploadBytes, folder: files.uploadFolder });
      try {
        if (body.sizeBytes === 0) throw new FileRefusal(400, 'EMPTY_FILE', 'The file is empty');
        const type = await checkFileType(body.path, claimed, files.allowedTypes);
        if (!type.ok) throw new FileRefusal(415, type.code, type.message);
        const thumbnail = isImage(type.contentType) ? await makeThumbnail(body.path, files.settings.maxImagePixels) : null;
        const staged = await inScopedTransaction(deps.dataSource, deps.clock, { tenantId: target.tenantId, userId: null }, (tx) =>
          stageUpload(tx, files.store, {
            tenantId: target.tenantId,
            path: body.path,
            fileName,
            contentType: type.contentType,
            sizeBytes: body.sizeBytes,
            sha256: body.sha256,
            thumbnail,
            uploader: target.uploader,
            ttlSeconds: files.settings.uploadTtlSeconds,
          }),
        );
        res.status(201).set('cache-control', 'no-store').json(staged);
      } finally {
        await body.discard();
      }
    } catch (error) {
      // The client went away mid-body: there is nobody to answer, and nothing was kept.
      if (error instanceof BodyAborted) {
        res.destroy();
        return;
      }
      sendFileError(res, error instanceof BodyTooLarge ? tooLarge(maxUploadBytes) : error, logger);
    }
  };
}

function tooLarge(maxBytes: number): FileRefusal {
  return new FileRefusal(413, 'FILE_TOO_LARGE', `A file may have at most ${maxBytes} bytes`);
}

/** The file's name as X-File-Name gives it, URI-decoded, without any folder, 1–255 characters of storable text. */
function fileNameFrom(header: string | string[] | undefined): string {
  const invalid = () => new FileRefusal(400, 'INVALID_FILE_NAME', 'Name the file in X-File-Name (URI-encoded, at most 255 characters)');
  if (typeof header !== 'string') throw invalid();
  let decoded: string;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    throw invalid();
  }
  const name = decoded.split(/[/\\]/).pop()!.trim();
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (!name || name.length > 255 || /[\u0000-\u001f\u007f]/.test(name) || unstorableTextAt(name)) throw invalid();
  return name;
}

/** The tenant the upload is for and who stages it, checked before any byte of the body is read. */
async function identify(req: Request, deps: UploadDeps): Promise<{ tenantId: string; uploader: Uploader }> {
  const authorization = req.headers.authorization;
  const slug = req.query.tenant;
  if (authorization && slug !== undefined) {
    throw new FileRefusal(400, 'BAD_REQUEST', 'Send credentials or ?tenant=, not both');
  }
  if (authorization) {
    const ctx = await deps.contextFor(authorization, req.headers['accept-language'], randomUUID());
    try {
      const viewer = ctx.requireTenantViewer();
      return { tenantId: viewer.tenantId, uploader: { kind: 'STAFF', userId: viewer.userId, apiKeyId: viewer.apiKeyId } };
    } finally {
      // Credentials read, nothing written: the connection goes back before the body is received.
      await ctx.db.finish(false);
    }
  }
  if (typeof slug !== 'string' || slug.length === 0) {
    throw new FileRefusal(401, 'UNAUTHENTICATED', 'Send a bearer token or an API key, or name the organisation with ?tenant=');
  }
  if (slug.length > 63) throw NOT_FOUND();
  await deps.rateLimits.checkPublic('evidenceUpload', clientAddress(req, deps.trustProxy), slug);
  const [tenant] = await deps.dataSource.query<IdRow[]>('SELECT id FROM auth_tenant_by_slug($1)', [slug]);
  if (!tenant) throw NOT_FOUND();
  const trackingHeader = req.headers['x-tracking-code'];
  if (trackingHeader === undefined) return { tenantId: tenant.id, uploader: { kind: 'PUBLIC', complaintId: null } };
  const code = normalizeTrackingCode(String(trackingHeader));
  if (!code) throw NOT_FOUND();
  const [complaint] = await inScopedTransaction(deps.dataSource, deps.clock, { tenantId: tenant.id, userId: null }, (tx) =>
    tx.query<IdRow>('SELECT id FROM complaints WHERE tracking_code = $1', [code]),
  );
  // One answer for an unknown organisation and an unknown code: neither is confirmed to exist.
  if (!complaint) throw NOT_FOUND();
  return { tenantId: tenant.id, uploader: { kind: 'PUBLIC', complaintId: complaint.id } };
}
