import type { Readable } from 'node:stream';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { FileStore, StoredFile } from './file-store';

/** Bytes per row of `file_blobs`: each statement stays small, whatever the file's size. */
const PART_BYTES = 512 * 1024;

/**
 * Files in the database, in parts of `file_blobs` under row-level security, written and read
 * on the operation's own transaction. A read gathers the parts inside the transaction, so
 * that no connection is held while a slow client takes the bytes.
 */
export class PostgresFileStore implements FileStore {
  readonly kind = 'postgres' as const;
  readonly transactional = true;

  async put(tx: TenantTransaction, key: string, body: Readable): Promise<void> {
    let part = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (data: Buffer) => {
      // The tenant is the transaction's own (row-level security would refuse any other).
      await tx.query(
        `INSERT INTO file_blobs (tenant_id, file_key, part, data)
         VALUES (NULLIF(current_setting('app.tenant_id', true), '')::uuid, $1, $2, $3)`,
        [key, part++, data],
      );
    };
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      pending.push(buffer);
      pendingBytes += buffer.length;
      while (pendingBytes >= PART_BYTES) {
        const joined = Buffer.concat(pending);
        await flush(joined.subarray(0, PART_BYTES));
        pending = [joined.subarray(PART_BYTES)];
        pendingBytes = pending[0].length;
      }
    }
    if (pendingBytes > 0 || part === 0) await flush(Buffer.concat(pending));
  }

  async get(tx: TenantTransaction, key: string): Promise<StoredFile | null> {
    const parts = await tx.query<{ data: Buffer }>('SELECT data FROM file_blobs WHERE file_key = $1 ORDER BY part', [key]);
    if (parts.length === 0) return null;
    const body = Buffer.concat(parts.map((row) => row.data));
    return { body, sizeBytes: body.length };
  }

  async delete(tx: TenantTransaction, key: string): Promise<void> {
    await tx.query('DELETE FROM file_blobs WHERE file_key = $1', [key]);
  }
}
