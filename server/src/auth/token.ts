import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { DEFAULT_SESSION_MAX_AGE_SECONDS } from '../config/config';

/** One sign-in: every token issued for it, the first and each renewed one, carries it. */
export interface SignIn {
  /** Random id of the sign-in; `logout` ends it for all its tokens. */
  sessionId: string;
  /** When the password was checked; renewal is refused once this is older than the maximum session age. */
  signedInAt: Date;
}

export interface AccessTokenClaims extends SignIn {
  userId: string;
  /** The tenant the token acts in; null for a platform-level token (no tenant chosen). */
  tenantId: string | null;
}

export type TokenVerification = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

const ISSUER = 'redress';

/**
 * Signs and verifies bearer tokens (HS256). Roles are not in the token: they are read per request.
 *
 * Token lifetimes and session ages are security time, not business time: they are read from
 * `now`, the system clock unless a test gives another source.
 */
export class TokenService {
  private readonly key: Uint8Array;

  private readonly maxSessionAgeSeconds: number;
  private readonly now: () => Date;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    options: { maxSessionAgeSeconds?: number; now?: () => Date } = {},
  ) {
    this.key = new TextEncoder().encode(secret);
    this.maxSessionAgeSeconds = options.maxSessionAgeSeconds ?? DEFAULT_SESSION_MAX_AGE_SECONDS;
    this.now = options.now ?? (() => new Date());
  }

  /** A token for a new sign-in, or, given one (`renewToken`), another token of that sign-in. */
  async sign(claims: Omit<AccessTokenClaims, keyof SignIn> & Partial<SignIn>): Promise<{ token: string; expiresAt: Date }> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.ttlSeconds * 1000);
    // Whole seconds, as JWT times are: a sign-in's instant reads back as it was written.
    const signedInAt = Math.floor((claims.signedInAt ?? now).getTime() / 1000);
    const token = await new SignJWT({ tid: claims.tenantId, sid: claims.sessionId ?? randomUUID(), sia: signedInAt })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  async verify(token: string): Promise<TokenVerification> {
    try {
      // Every token this server signs expires; one without `exp` would be good forever: refused.
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'sid', 'sia'],
        currentDate: this.now(),
      });
      const { sub, tid, sid, sia } = payload;
      if (typeof sub !== 'string' || typeof sid !== 'string' || typeof sia !== 'number' || !Number.isFinite(sia)) {
        return { ok: false, reason: 'invalid' };
      }
      return {
        ok: true,
        claims: { userId: sub, tenantId: typeof tid === 'string' ? tid : null, sessionId: sid, signedInAt: new Date(sia * 1000) },
      };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
      return { ok: false, reason: 'invalid' };
    }
  }

  /** Whether a sign-in is still young enough for its token to be renewed. */
  renewable(signIn: SignIn): boolean {
    return this.now().getTime() - signIn.signedInAt.getTime() <= this.maxSessionAgeSeconds * 1000;
  }

  /**
   * After this instant no token of the sign-in can be valid: the last renewal is allowed at
   * the maximum session age and its token lives one token lifetime more.
   */
  lastValidInstant(signIn: SignIn): Date {
    return new Date(signIn.signedInAt.getTime() + (this.maxSessionAgeSeconds + this.ttlSeconds) * 1000);
  }
}
