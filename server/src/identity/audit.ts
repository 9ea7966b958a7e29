import type { TenantTransaction } from '../db/tenant-transaction';
import type { Viewer } from '../context/viewer';

/** Appends one audit entry in the caller's transaction: it commits or rolls back with the change. */
export async function recordAudit(
  tx: TenantTransaction,
  entry: {
    tenantId: string;
    actor: Pick<Viewer, 'userId' | 'apiKeyId'> | null;
    action: string;
    targetType: string;
    targetId: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_entries (tenant_id, actor_user_id, actor_api_key_id, action, target_type, target_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.tenantId,
      entry.actor?.userId ?? null,
      entry.actor?.apiKeyId ?? null,
      entry.action,
      entry.targetType,
      entry.targetId,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}
