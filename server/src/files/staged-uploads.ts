import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { FileStore } from './file-store';
import { THUMBNAIL_TYPE } from './thumbnails';

/**
 * Who staged an upload; only they may attach it. Staff by their user (or the API key they
 * used); the public either for a complaint being written (no complaint yet) or for their own
 * complaint, named by its tracking code when they uploaded.
 */
export type Uploader = { kind: 'STAFF'; userId: string; apiKeyId: string | null } | { kind: 'PUBLIC'; complaintId: string | null };

/** What `POST /files/uploads` answers. */
export interface StagedUpload {
  uploadId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  expiresAt: Date;
}

/** A staged upload as attaching reads it. */
export interface StagedUploadRow {
  id: string;
  token_hash: string;
  file_key: string;
  thumbnail_key: string | null;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  uploaded_by_user_id: string | null;
  uploaded_by_api_key_id: string | null;
  complaint_id: string | null;
  expires_at: Date;
  expired: boolean;
}

/** An unguessable upload id (192 random bits); only its hash is stored. */
export function newUploadId(): string {
  return `upl_${randomBytes(24).toString('base64url')}`;
}

export function uploadIdHash(uploadId: string): string {
  return createHash('sha256').update(uploadId).digest('hex');
}

/**
 * Stores a received file (and its thumbnail) and records it as staged, in `tx`, scoped to the
 * tenant. A store outside the database (S3) does not roll back with `tx`: its objects are
 * deleted again when anything after them fails.
 */
export async function stageUpload(
  tx: TenantTransaction,
  store: FileStore,
  file: {
    tenantId: string;
    path: string;
    fileName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    thumbnail: Buffer | null;
    uploader: Uploader;
    ttlSeconds: number;
  },
): Promise<StagedUpload> {
  const fileKey = `${file.tenantId}/${randomUUID()}`;
  const thumbnailKey = file.thumbnail ? `${fileKey}.thumbnail` : null;
  const written: string[] = [];
  try {
    await store.put(tx, fileKey, createReadStream(file.path), { sizeBytes: file.sizeBytes, contentType: file.contentType });
    written.push(fileKey);
    if (file.thumbnail && thumbnailKey) {
      await store.put(tx, thumbnailKey, Readable.from([file.thumbnail]), { sizeBytes: file.thumbnail.length, contentType: THUMBNAIL_TYPE });
      written.push(thumbnailKey);
    }
    const uploadId = newUploadId();
    const staff = file.uploader.kind === 'STAFF' ? file.uploader : null;
    const [row] = await tx.query<{ expires_at: Date }>(
      `INSERT INTO staged_uploads (tenant_id, token_hash, file_key, thumbnail_key, file_name, content_type, size_bytes, sha256,
         uploaded_by_user_id, uploaded_by_api_key_id, complaint_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, app_now() + make_interval(secs => $12)) RETURNING expires_at`,
      [
        file.tenantId,
        uploadIdHash(uploadId),
        fileKey,
        thumbnailKey,
        file.fileName,
        file.contentType,
        file.sizeBytes,
        file.sha256,
        staff?.userId ?? null,
        staff?.apiKeyId ?? null,
        file.uploader.kind === 'PUBLIC' ? file.uploader.complaintId : null,
        file.ttlSeconds,
      ],
    );
    return {
      uploadId,
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      expiresAt: row.expires_at,
    };
  } catch (error) {
    if (!store.transactional) await Promise.all(written.map((key) => store.delete(tx, key).catch(() => undefined)));
    throw error;
  }
}

/** The staged uploads of the current tenant named by `uploadIds`, locked until the transaction ends. */
export async function lockStagedUploads(tx: TenantTransaction, uploadIds: string[]): Promise<StagedUploadRow[]> {
  return tx.query<StagedUploadRow>(
    `SELECT *, expires_at <= app_now() AS expired FROM staged_uploads WHERE token_hash = ANY($1::text[]) FOR UPDATE`,
    [uploadIds.map(uploadIdHash)],
  );
}

/** Whether `uploader` staged `row`: the same staff member or key, or the public for the same purpose. */
export function stagedBy(row: StagedUploadRow, uploader: Uploader): boolean {
  if (uploader.kind === 'STAFF') {
    return uploader.apiKeyId
      ? row.uploaded_by_api_key_id === uploader.apiKeyId
      : row.uploaded_by_api_key_id === null && row.uploaded_by_user_id === uploader.userId;
  }
  return row.uploaded_by_user_id === null && row.uploaded_by_api_key_id === null && row.complaint_id === uploader.complaintId;
}
