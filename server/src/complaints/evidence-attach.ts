import type { FileSettings } from '../config/config';
import type { TenantTransaction } from '../db/tenant-transaction';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { lockStagedUploads, stagedBy, uploadIdHash, type StagedUploadRow, type Uploader } from '../files/staged-uploads';
import { camelRow, type ComplaintRow, type EvidenceRow } from './complaint-rows';

export interface EvidenceUpload {
  uploadId: string;
  note: string | null;
}

export interface AttachOptions {
  uploader: Uploader;
  source: 'COMPLAINANT' | 'STAFF';
  internal: boolean;
  limits: Pick<FileSettings, 'perComplaint' | 'perTenantMaxBytes'>;
}

/** The running total of evidence bytes a tenant keeps, in `tenant_counters`. */
const TENANT_BYTES_COUNTER = 'evidence_bytes';

/**
 * Attaches staged uploads to a complaint in the caller's transaction: each must be of the
 * complaint's tenant (row-level security shows no other), not expired, not attached yet, and
 * staged by `uploader`; the complaint's and the tenant's limits must hold. The evidence rows
 * take over the staged files' bytes and the staged rows go, so a file is never attached twice
 * and never without its bytes. Throws a UserFailure (and the caller's savepoint undoes
 * everything) on the first problem.
 */
export async function attachUploads(
  tx: TenantTransaction,
  complaint: ComplaintRow,
  uploads: EvidenceUpload[],
  options: AttachOptions,
  fieldPrefix = 'uploads',
): Promise<EvidenceRow[]> {
  if (uploads.length === 0) return [];
  const staged = new Map(
    (
      await lockStagedUploads(
        tx,
        uploads.map((upload) => upload.uploadId),
      )
    ).map((row) => [row.token_hash, row]),
  );
  const rows: StagedUploadRow[] = uploads.map((upload, index) => {
    const row = staged.get(uploadIdHash(upload.uploadId));
    if (!row || row.expired || !stagedBy(row, options.uploader)) {
      throw new UserFailure(
        UserErrorCode.UPLOAD_NOT_FOUND,
        'No upload with this id that you may attach: it is unknown, expired or attached already',
        `${fieldPrefix}.${index}.uploadId`,
      );
    }
    return row;
  });
  const addedBytes = rows.reduce((sum, row) => sum + Number(row.size_bytes), 0);
  await checkComplaintLimits(tx, complaint.id, rows.length, addedBytes, options.limits.perComplaint, fieldPrefix);
  await countTenantBytes(tx, complaint.tenantId, addedBytes, options.limits.perTenantMaxBytes, fieldPrefix);
  const attached: EvidenceRow[] = [];
  for (const [index, row] of rows.entries()) {
    const [inserted] = await tx.query(
      `INSERT INTO complaint_evidence (tenant_id, complaint_id, file_name, content_type, size_bytes, sha256, note, file_key, thumbnail_key, source, internal)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [
        complaint.tenantId,
        complaint.id,
        row.file_name,
        row.content_type,
        row.size_bytes,
        row.sha256,
        uploads[index].note,
        row.file_key,
        row.thumbnail_key,
        options.source,
        options.internal,
      ],
    );
    attached.push(camelRow<EvidenceRow>(inserted));
  }
  await tx.query('DELETE FROM staged_uploads WHERE id = ANY($1::uuid[])', [rows.map((row) => row.id)]);
  return attached;
}

/** The complaint row is locked by the caller, so the files counted here cannot change meanwhile. */
async function checkComplaintLimits(
  tx: TenantTransaction,
  complaintId: string,
  addedFiles: number,
  addedBytes: number,
  limits: FileSettings['perComplaint'],
  field: string,
): Promise<void> {
  const [held] = await tx.query<{ files: number; bytes: string }>(
    `SELECT count(*)::int AS files, coalesce(sum(size_bytes), 0)::bigint AS bytes
       FROM complaint_evidence WHERE complaint_id = $1 AND file_key IS NOT NULL`,
    [complaintId],
  );
  if (limits.maxFiles > 0 && held.files + addedFiles > limits.maxFiles) {
    throw new UserFailure(
      UserErrorCode.EVIDENCE_LIMIT_EXCEEDED,
      `A complaint keeps at most ${limits.maxFiles} files; it has ${held.files}`,
      field,
    );
  }
  if (limits.maxBytes > 0 && Number(held.bytes) + addedBytes > limits.maxBytes) {
    throw new UserFailure(
      UserErrorCode.EVIDENCE_LIMIT_EXCEEDED,
      `A complaint keeps at most ${limits.maxBytes} bytes of files; these would bring it to ${Number(held.bytes) + addedBytes}`,
      field,
    );
  }
}

/**
 * Adds the bytes to the tenant's running total (always, so that a limit set later counts
 * right) and refuses when it passes `maxBytes`. The counter's row lock orders concurrent
 * attaches of one tenant, so two cannot both pass the limit.
 */
async function countTenantBytes(
  tx: TenantTransaction,
  tenantId: string,
  addedBytes: number,
  maxBytes: number,
  field: string,
): Promise<void> {
  const [{ value }] = await tx.query<{ value: string }>(
    `INSERT INTO tenant_counters (tenant_id, name, value) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value + $3 RETURNING value`,
    [tenantId, TENANT_BYTES_COUNTER, addedBytes],
  );
  if (maxBytes > 0 && Number(value) > maxBytes) {
    throw new UserFailure(
      UserErrorCode.EVIDENCE_LIMIT_EXCEEDED,
      "The organisation's storage for files is full: ask its administrator to make room or raise the limit",
      field,
    );
  }
}
