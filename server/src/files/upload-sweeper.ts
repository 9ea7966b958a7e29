import type { DataSource } from 'typeorm';
import { inScopedTransaction } from '../db/tenant-transaction';
import type { Logger } from '../logging/logger';
import type { Clock } from '../time/clock';
import type { FileStore } from './file-store';

/** Uploads deleted per tenant and transaction; a tenant with more is finished on the next run. */
const BATCH = 500;

/**
 * Deletes staged uploads nobody attached once they expire (business time), with their bytes:
 * an upload for a complaint that was never submitted, or whose mutation was rolled back. The
 * job queue runs it; each tenant in its own scoped transaction, so one failure stops no other.
 * Bytes go first, then the rows: a failure between leaves a row whose bytes are gone, which
 * the next run deletes, never bytes that no row names.
 */
export class UploadSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly store: FileStore,
    private readonly logger: Logger,
  ) {}

  /** Sweeps what expired by `now` (the business clock's instant unless a caller names one); returns how many uploads went. */
  async sweep(now: Date = this.clock.now()): Promise<number> {
    const tenants: { tenant_id: string }[] = await this.dataSource.query('SELECT tenant_id FROM tenants_with_expired_uploads($1)', [now]);
    let swept = 0;
    for (const { tenant_id: tenantId } of tenants) {
      try {
        swept += await inScopedTransaction(this.dataSource, this.clock, { tenantId, userId: null }, async (tx) => {
          const expired = await tx.query<{ id: string; file_key: string; thumbnail_key: string | null }>(
            `SELECT id, file_key, thumbnail_key FROM staged_uploads WHERE expires_at <= $1 ORDER BY expires_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
            [now],
          );
          for (const upload of expired) {
            await this.store.delete(tx, upload.file_key);
            if (upload.thumbnail_key) await this.store.delete(tx, upload.thumbnail_key);
          }
          if (expired.length) await tx.query('DELETE FROM staged_uploads WHERE id = ANY($1::uuid[])', [expired.map((upload) => upload.id)]);
          return expired.length;
        });
      } catch (error) {
        this.logger.error({ err: error, tenantId }, 'expired uploads not swept');
      }
    }
    return swept;
  }
}
