import type { TenantTransaction } from '../db/tenant-transaction';
import type { MembershipGrantRow } from '../identity/identity-rows';

/**
 * A member of the tenant and their roles, or null. The tenant is named explicitly: a user
 * may read their own memberships in every tenant, so user id alone is not enough.
 */
export async function tenantMember(
  tx: TenantTransaction,
  tenantId: string,
  userId: string,
): Promise<{ roles: string[]; departmentId: string | null } | null> {
  const [row] = await tx.query<MembershipGrantRow>('SELECT roles, department_id FROM memberships WHERE tenant_id = $1 AND user_id = $2', [
    tenantId,
    userId,
  ]);
  return row ? { roles: row.roles, departmentId: row.department_id } : null;
}
