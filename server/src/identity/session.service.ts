import type { TokenService } from '../auth/token';
import type { Viewer as ViewerIdentity } from '../context/viewer';
import type { TenantTransaction } from '../db/tenant-transaction';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import type { Viewer } from './identity.types';
import type { ViewerService } from './viewer.service';

/** The sign-in a viewer's login token comes from; an API key has none and cannot renew or log out. */
function signInOf(viewer: ViewerIdentity, what: string) {
  if (viewer.apiKeyId !== null || viewer.session === null) {
    throw new UserFailure(UserErrorCode.FORBIDDEN, `Only a login token can ${what}; an API key cannot`);
  }
  return viewer.session;
}

/**
 * What a signed-in user does with their sign-in: renew its token before it expires, or end
 * it. Both act on the token the request was authenticated with, never on another one: the
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
  async renew(tx: TenantTransaction, viewer: ViewerIdentity): Promise<{ token: string; expiresAt: Date; viewer: Viewer }> {
    const signIn = signInOf(viewer, 'be renewed');
    if (!this.tokens.renewable(signIn)) {
      throw new UserFailure(UserErrorCode.SESSION_EXPIRED, 'This sign-in is older than the maximum session age: sign in again');
    }
    const described = await this.viewers.describe(tx, viewer);
    const { token, expiresAt } = await this.tokens.sign({ userId: viewer.userId, tenantId: viewer.tenantId, ...signIn });
    return { token, expiresAt, viewer: described };
  }

  /**
   * Ends the sign-in of the presented token: it and every token renewed from it are refused
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
}
