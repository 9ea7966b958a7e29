import type { EscalationNotice } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import { membersHolding } from './outbox';

/**
 * The departments an escalation's notices name, by role, as the event records them beside
 * `notify` (`notifyDepartments: { "store-manager": "store-12" }`); nothing when none names one,
 * so events of rules that name roles alone keep their shape.
 */
export function notifiedDepartments(notices: readonly EscalationNotice[]): { notifyDepartments?: Record<string, string> } {
  const named = notices.filter((notice) => notice.department);
  return named.length ? { notifyDepartments: Object.fromEntries(named.map((notice) => [notice.role, notice.department!])) } : {};
}

/**
 * Who an escalation notice reaches now: the role's holders in the department it names (by
 * code), or every holder of the role when it names none, the tenant has no such department,
 * or nobody there holds the role (someone must be told).
 */
export async function escalationRecipients(
  tx: TenantTransaction,
  tenantId: string,
  role: string,
  departmentCode: string | null,
): Promise<string[]> {
  if (departmentCode) {
    const rows = await tx.query<{ user_id: string }>(
      `SELECT m.user_id FROM memberships m JOIN departments d ON d.id = m.department_id
        WHERE m.tenant_id = $1 AND $2 = ANY(m.roles) AND d.code = $3`,
      [tenantId, role, departmentCode],
    );
    if (rows.length) return rows.map((row) => row.user_id);
  }
  return membersHolding(tx, tenantId, [role]);
}
