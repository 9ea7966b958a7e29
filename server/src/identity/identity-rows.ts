/** Rows of the identity statements and of the security-definer lookups login uses. */

/** `auth_user_by_email(email)`: who may log in with an email. */
export interface AuthUserRow {
  id: string;
  password_hash: string;
  is_platform_admin: boolean;
}

/** `auth_tenant_by_slug(slug)`: a tenant found by its slug, before its scope is known. */
export interface AuthTenantRow {
  id: string;
  name: string;
  locale: string;
  time_zone: string;
}

/** What a membership grants: its roles and department. */
export interface MembershipGrantRow {
  roles: string[];
  department_id: string | null;
}
