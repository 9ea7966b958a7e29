import type { SignIn } from '../auth/token';

/** Who is asking, as established once per operation from a token or an API key. */
export interface Viewer {
  userId: string;
  /** Null for a platform-level token (logged in without a tenant). */
  tenantId: string | null;
  roles: ReadonlySet<string>;
  /** The department of the viewer's membership; null for none, an API key or a platform token. */
  departmentId: string | null;
  isPlatformAdmin: boolean;
  /** Set when the caller is an integration using an API key. */
  apiKeyId: string | null;
  /** The sign-in a login token comes from (for `renewToken` and `logout`); null for an API key. */
  session: SignIn | null;
}

export interface TenantViewer extends Viewer {
  tenantId: string;
}
