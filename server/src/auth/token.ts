import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';

export interface AccessTokenClaims {
  userId: string;
  /** The tenant the token acts in; null for a platform-level token (no tenant chosen). */
  tenantId: string | null;
}

export type TokenVerification = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

const ISSUER = 'redress';

/** Signs and verifies bearer tokens (HS256). Roles are not in the token: they are read per request. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }> {
    // Token lifetimes are security time, checked against the system clock by the JWT library, not business time.
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const token = await new SignJWT({ tid: claims.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  async verify(token: string): Promise<TokenVerification> {
    try {
      // Every token this server signs expires; one without `exp` would be good forever: refused.
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'], requiredClaims: ['exp'] });
      if (typeof payload.sub !== 'string') return { ok: false, reason: 'invalid' };
      const tid = payload.tid;
      return { ok: true, claims: { userId: payload.sub, tenantId: typeof tid === 'string' ? tid : null } };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
      return { ok: false, reason: 'invalid' };
    }
  }
}
