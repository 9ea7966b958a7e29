import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where evidence files are downloaded: `GET /files/<id>` and `GET /files/<id>/thumbnail`. */
export const FILES_PATH = '/files';

export type FileVariant = 'original' | 'thumbnail';

export interface FileUrlClaims {
  tenantId: string;
  evidenceId: string;
  variant: FileVariant;
  /** Unix seconds. */
  expires: number;
}

export type UrlCheck = { ok: true; claims: FileUrlClaims } | { ok: false; reason: 'invalid' | 'expired' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Short-lived download URLs, signed with an HMAC of the server's token secret. Only resolvers
 * that already passed a complaint's access rules (row-level security and the viewer's queue
 * for staff, the tracking code for the complainant) hand them out; the URL then carries that
 * permission for one file of one tenant until it expires. Expiry is security time, like a
 * token's, not business time. Expiry is rounded up to the minute so that a page refetched
 * within a minute gets the same URLs (and the browser's cached thumbnails).
 */
export class FileUrlSigner {
  private readonly key: Buffer;

  constructor(
    tokenSecret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => Date,
  ) {
    // A key of its own, derived from the token secret: a URL signature is never a token's.
    this.key = createHmac('sha256', tokenSecret).update('redress:file-urls').digest();
  }

  url(tenantId: string, evidenceId: string, variant: FileVariant): string {
    const expires = Math.ceil((this.now().getTime() / 1000 + this.ttlSeconds) / 60) * 60;
    const signature = this.sign({ tenantId, evidenceId, variant, expires });
    const path = `${FILES_PATH}/${evidenceId}${variant === 'thumbnail' ? '/thumbnail' : ''}`;
    return `${path}?tenant=${tenantId}&expires=${expires}&signature=${signature}`;
  }

  check(evidenceId: string, variant: FileVariant, query: Record<string, unknown>): UrlCheck {
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const tenantId = text(query.tenant);
    const expires = Number(text(query.expires) || NaN);
    const given = Buffer.from(text(query.signature), 'base64url');
    if (!UUID.test(evidenceId) || !UUID.test(tenantId) || !Number.isSafeInteger(expires)) return { ok: false, reason: 'invalid' };
    const claims = { tenantId, evidenceId, variant, expires };
    const expected = Buffer.from(this.sign(claims), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    if (expires * 1000 <= this.now().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  /** Seconds until a checked URL expires, for its cache lifetime. */
  secondsLeft(claims: FileUrlClaims): number {
    return Math.max(0, claims.expires - Math.floor(this.now().getTime() / 1000));
  }

  private sign(claims: FileUrlClaims): string {
    return createHmac('sha256', this.key)
      .update(`${claims.variant}\u0000${claims.tenantId}\u0000${claims.evidenceId}\u0000${claims.expires}`)
      .digest('base64url');
  }
}
