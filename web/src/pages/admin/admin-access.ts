import type { ViewerFieldsFragment } from '@redress/client-sdk';

/**
 * Whether to offer the tenant's administration: the viewer's roles there, as the server reports
 * them, include its administrator role. The server still decides each request (FORBIDDEN).
 */
export function mayAdministerTenant(viewer: ViewerFieldsFragment): boolean {
  return viewer.tenant !== null && viewer.tenant !== undefined && viewer.roles.includes('tenant-admin');
}

/** Whether to offer the platform's administration: a platform-level sign-in of a platform administrator. */
export function mayAdministerPlatform(viewer: ViewerFieldsFragment): boolean {
  return viewer.isPlatformAdmin;
}
