import { decoyPasswordHash, verifyPassword } from '../auth/password';
import type { TokenService } from '../auth/token';
import type { TenantTransaction } from '../db/tenant-transaction';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import type { LoginInput } from './identity.types';
import type { RateLimits } from '../rate-limits/rate-limits';
import type { ViewerService } from './viewer.service';
import type { Viewer } from './identity.types';
import type { AuthUserRow, MembershipGrantRow } from './identity-rows';
import type { IdRow } from '../db/common-rows';

const INVALID = () => new UserFailure(UserErrorCode.INVALID_CREDENTIALS, 'Email, password or tenant is wrong');

/**
 * Password login. Every failure looks the same, so the API does not reveal who exists where.
 * The login limits (per account and per client address, growing back-off) are checked before
 * the password is: a refused attempt costs no argon2.
 */
export class AuthService {
  constructor(
    private readonly tokens: TokenService,
    private readonly viewers: ViewerService,
    private readonly rateLimits: RateLimits,
  ) {}

  /**
   * Runs on the operation's transaction `tx` (scoped to the user and tenant for reading the
   * membership): a login never takes a second connection.
   */
  async login(
    tx: TenantTransaction,
    input: LoginInput,
    clientAddress: string,
  ): Promise<{ token: string; expiresAt: Date; viewer: Viewer }> {
    const attempt = await this.rateLimits.login.begin(input.email, clientAddress);
    let result: { token: string; expiresAt: Date; viewer: Viewer };
    try {
      result = await this.verify(tx, input);
    } catch (error) {
      const code = error instanceof UserFailure ? error.errors[0]?.code : null;
      // INVALID_INPUT comes after the password was found right (a missing tenantSlug).
      if (code === UserErrorCode.INVALID_CREDENTIALS) await attempt.failed();
      else if (code === UserErrorCode.INVALID_INPUT) await attempt.succeeded();
      else await attempt.abandoned();
      throw error;
    }
    await attempt.succeeded();
    return result;
  }

  private async verify(tx: TenantTransaction, input: LoginInput): Promise<{ token: string; expiresAt: Date; viewer: Viewer }> {
    const [user] = await tx.lookup<AuthUserRow>('SELECT * FROM auth_user_by_email($1)', [
      String(input.email ?? '')
        .trim()
        .toLowerCase(),
    ]);
    const passwordOk = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), input.password);
    if (!user || !passwordOk) throw INVALID();

    let tenantId: string | null = null;
    if (input.tenantSlug) {
      const [tenant] = await tx.lookup<IdRow>('SELECT id FROM auth_tenant_by_slug($1)', [input.tenantSlug]);
      if (!tenant) throw INVALID();
      tenantId = tenant.id;
    } else if (!user.is_platform_admin) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, 'tenantSlug is required', 'tenantSlug');
    }

    const viewer = await tx.inScope({ tenantId, userId: user.id }, async (tx) => {
      if (tenantId) {
        const [membership] = await tx.query<MembershipGrantRow>(
          'SELECT roles, department_id FROM memberships WHERE tenant_id = $1 AND user_id = $2',
          [tenantId, user.id],
        );
        if (!membership) throw INVALID();
        return this.viewers.describe(tx, {
          userId: user.id,
          tenantId,
          roles: new Set(membership.roles),
          departmentId: membership.department_id,
          isPlatformAdmin: user.is_platform_admin,
          apiKeyId: null,
          session: null,
        });
      }
      return this.viewers.describe(tx, {
        userId: user.id,
        tenantId: null,
        roles: new Set(),
        departmentId: null,
        isPlatformAdmin: true,
        apiKeyId: null,
        session: null,
      });
    });
    // A new sign-in: a fresh session id and sign-in instant in the token.
    const { token, expiresAt } = await this.tokens.sign({ userId: user.id, tenantId });
    return { token, expiresAt, viewer };
  }
}
