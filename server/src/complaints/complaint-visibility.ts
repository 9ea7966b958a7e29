import type { Viewer } from '../context/viewer';
import { Role } from '../identity/roles';
import type { ComplaintRow } from './complaint-rows';

/**
 * Which complaints of their tenant a viewer may see: the one place of this rule, used by the
 * complaint queries (`complaints`, `complaint`, `node`) and by live delivery.
 *
 * - A viewer holding any role besides `handler` (tenant administrator, supervisor, agent, a
 *   plugin's roles such as an approver) sees every complaint of the tenant.
 * - A viewer whose only role is `handler` (or who holds no role) sees the complaints of their
 *   department and the ones they own; nothing else.
 *
 * Roles and department are read from the database for every operation and every live event,
 * so a change of membership takes effect at once.
 */
export type ComplaintVisibility = { scope: 'TENANT' } | { scope: 'QUEUE'; userId: string; departmentId: string | null };

const QUEUE_ONLY_ROLES: ReadonlySet<string> = new Set([Role.Handler]);

export function complaintVisibility(viewer: Viewer): ComplaintVisibility {
  const tenantWide = [...viewer.roles].some((role) => !QUEUE_ONLY_ROLES.has(role));
  return tenantWide ? { scope: 'TENANT' } : { scope: 'QUEUE', userId: viewer.userId, departmentId: viewer.departmentId };
}

export function mayViewComplaint(visibility: ComplaintVisibility, row: Pick<ComplaintRow, 'departmentId' | 'ownerId'>): boolean {
  if (visibility.scope === 'TENANT') return true;
  return row.ownerId === visibility.userId || (visibility.departmentId !== null && row.departmentId === visibility.departmentId);
}

/**
 * The same rule as an SQL condition on the complaint alias `c`, or null when it restricts
 * nothing; `param` adds a bind parameter and returns its placeholder.
 */
export function visibilityCondition(visibility: ComplaintVisibility, param: (value: unknown) => string): string | null {
  if (visibility.scope === 'TENANT') return null;
  const owner = `c.owner_id = ${param(visibility.userId)}::uuid`;
  return visibility.departmentId === null ? owner : `(${owner} OR c.department_id = ${param(visibility.departmentId)}::uuid)`;
}
