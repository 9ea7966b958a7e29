import type { TokenService } from '../auth/token';
import type { Viewer as ViewerIdentity } from '../context/viewer';
import type { TenantTransaction } from '../db/tenant-transaction';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import type { IdRow } from '../db/common-rows';
import type { MembershipGrantRow } from './identity-rows';
import type { Viewer } from './identity.types';
import type { ViewerService } from './viewer.service';

type Grant = { token: string; expiresAt: Date; viewer: Viewer };

/** One answer for an unknown slug and for a tenant the user is not a member of: nothing is revealed. */
const NO_SUCH_MEMBERSHIP = () =>
  new UserFailure(UserErrorCode.NOT_FOUND, 'You are not a member of an organisation with this slug', 'tenantSlug');

/** The sign-in a viewer's login token comes from; an API key has none and cannot renew or log out. */
function signInOf(viewer: ViewerIdentity, what: string) {
  if (viewer.apiKeyId !== null || viewer.session === null) {
    throw new UserFailure(UserErrorCode.FORBIDDEN, `Only a login token can ${what}; an API key cannot`);
  }
  return viewer.session;
}

/**
 * What a signed-in user does with their sign-in: renew its token before it expires, move it
 * to another tenant they belong to, or end it. All act on the token the request was authenticated with, never on another one: the
 * session, user and tenant come from its verified claims, so a token can only renew or end
 * its own sign-in.
 */
export class SessionService {
  constructor(
    private readonly tokens: TokenService,
    private readonly viewers: ViewerService,
  ) {}

  /**
   * A new token of the same sign-in, user and tenant, with a fresh lifetime. The request's
   * authentication re-read the membership (and that the sign-in was not ended) in this same
   * transaction: a removed member or an ended session never gets here (UNAUTHENTICATED).
   * SESSION_EXPIRED past the maximum session age: the user signs in again.
   */
  async renew(tx: TenantTransaction, viewer: ViewerIdentity): Promise<Grant> {
    const signIn = this.youngSignIn(viewer, 'be renewed');
    const described = await this.viewers.describe(tx, viewer);
    const { token, expiresAt } = await this.tokens.sign({ userId: viewer.userId, tenantId: viewer.tenantId, ...signIn });
    return { token, expiresAt, viewer: described };
  }

  /**
   * A token of the same sign-in (session id and sign-in instant: logout still ends it, and the
   * maximum session age still counts from the password check) for the same user in the tenant
   * named `tenantSlug`, where the user must be a member (NOT_FOUND otherwise, alike for an
   * unknown slug); null asks for a platform-level token, for platform administrators only.
   */
  async switchTenant(tx: TenantTransaction, viewer: ViewerIdentity, tenantSlug: string | null): Promise<Grant> {
    const signIn = this.youngSignIn(viewer, 'switch tenants');
    let tenantId: string | null = null;
    let grant: Pick<ViewerIdentity, 'roles' | 'departmentId'> = { roles: new Set(), departmentId: null };
    if (tenantSlug === null) {
      if (!viewer.isPlatformAdmin) {
        throw new UserFailure(UserErrorCode.FORBIDDEN, 'Only a platform administrator acts without a tenant', 'tenantSlug');
      }
    } else {
      const [tenant] = await tx.lookup<IdRow>('SELECT id FROM auth_tenant_by_slug($1)', [tenantSlug]);
      if (!tenant) throw NO_SUCH_MEMBERSHIP();
      tenantId = tenant.id;
    }
    const scope = { tenantId, userId: viewer.userId };
    const described = await tx.inScope(scope, async (tx) => {
      if (tenantId) {
        const [membership] = await tx.query<MembershipGrantRow>(
          'SELECT roles, department_id FROM memberships WHERE tenant_id = $1 AND user_id = $2',
          [tenantId, viewer.userId],
        );
        if (!membership) throw NO_SUCH_MEMBERSHIP();
        grant = { roles: new Set(membership.roles), departmentId: membership.department_id };
      }
      return this.viewers.describe(tx, { ...viewer, ...scope, ...grant, apiKeyId: null });
    });
    const { token, expiresAt } = await this.tokens.sign({ userId: viewer.userId, tenantId, ...signIn });
    return { token, expiresAt, viewer: described };
  }

  /**
   * Ends the sign-in of the presented token: it and every token renewed or switched from it are refused
   * from now on. The record is kept until no token of the sign-in could be valid anyway;
   * expired records (of every tenant) are purged here.
   */
  async end(tx: TenantTransaction, viewer: ViewerIdentity): Promise<void> {
    const signIn = signInOf(viewer, 'log out');
    await tx.query(
      `INSERT INTO ended_sessions (session_id, tenant_id, user_id, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (session_id) DO NOTHING`,
      [signIn.sessionId, viewer.tenantId, viewer.userId, this.tokens.lastValidInstant(signIn)],
    );
    await tx.query('SELECT purge_ended_sessions()');
  }

  /** The login token's sign-in, refused with SESSION_EXPIRED past the maximum session age: no new token extends it. */
  private youngSignIn(viewer: ViewerIdentity, what: string) {
    const signIn = signInOf(viewer, what);
    if (!this.tokens.renewable(signIn)) {
      throw new UserFailure(UserErrorCode.SESSION_EXPIRED, 'This sign-in is older than the maximum session age: sign in again');
    }
    return signIn;
  }
}
