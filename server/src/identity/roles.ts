import type { LocalizedText } from '@redress/plugin-api';
import type { TenantViewer } from '../context/viewer';

/** Roles the core itself checks. Plugins add their own (e.g. `general-manager`). */
export const Role = {
  TenantAdmin: 'tenant-admin',
  Supervisor: 'supervisor',
  Agent: 'agent',
  Handler: 'handler',
} as const;

/** The roles that oversee a tenant's records (see `mayOverseeTenantRecords`). */
export const RECORD_OVERSEERS = [Role.TenantAdmin, Role.Supervisor];

/**
 * Tenant administrators and supervisors oversee the tenant's records: they see and review every
 * penalty, see every warning record, generate and open every monthly report, and their
 * statistics count everyone's penalties. Anyone else sees the entries that concern them.
 */
export function mayOverseeTenantRecords(viewer: TenantViewer): boolean {
  return RECORD_OVERSEERS.some((role) => viewer.roles.has(role));
}

/** Not a tenant role: a flag on the user, checked by `@Authorized(PLATFORM_ADMIN)`. */
export const PLATFORM_ADMIN = 'platform-admin';

export interface RoleDefinition {
  code: string;
  label: LocalizedText;
}

export const CORE_ROLES: RoleDefinition[] = [
  { code: Role.TenantAdmin, label: { en: 'Tenant administrator', 'zh-CN': '租户管理员' } },
  { code: Role.Supervisor, label: { en: 'Supervisor', 'zh-CN': '主管' } },
  { code: Role.Agent, label: { en: 'Customer service agent', 'zh-CN': '客服专员' } },
  { code: Role.Handler, label: { en: 'Complaint handler', 'zh-CN': '投诉处理人' } },
];

export const ROLE_CODE = /^[a-z][a-z0-9-]{1,62}$/;
