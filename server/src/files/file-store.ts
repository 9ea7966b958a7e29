import type { Readable } from 'node:stream';
import type { TenantTransaction } from '../db/tenant-transaction';

/** A stored file as read back: its bytes whole (read inside the transaction) or as a stream. */
export interface StoredFile {
  body: Buffer | Readable;
  sizeBytes: number;
}

/**
 * Where evidence files' bytes live, behind one small interface: PostgreSQL (`file_blobs`,
 * the default) or an S3-compatible bucket. Each call gets the operation's transaction,
 * scoped to the file's tenant: the PostgreSQL store writes and reads on it (the bytes commit
 * or roll back with the rows that name them, on the operation's one connection); the S3
 * store takes no connection and does not need it. Keys are made by the caller and start with
 * the tenant's id, so no two tenants share one.
 */
export interface FileStore {
  readonly kind: 'postgres' | 's3';
  /** Its writes commit or roll back with the transaction passed in (the database); else they are done at once. */
  readonly transactional: boolean;
  /** Stores `sizeBytes` bytes read from `body` under `key`. */
  put(tx: TenantTransaction, key: string, body: Readable, info: { sizeBytes: number; contentType: string }): Promise<void>;
  /** The file under `key`, or null when there is none (for this tenant). */
  get(tx: TenantTransaction, key: string): Promise<StoredFile | null>;
  /** Deletes the file under `key`; deleting one that is not there is no error. */
  delete(tx: TenantTransaction, key: string): Promise<void>;
}
