import { randomBytes } from 'node:crypto';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { AuthTenantRow } from '../identity/identity-rows';

/** Crockford base32 without I, L, O, U: 16 characters carry 80 random bits. */
const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newTrackingCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((byte) => TRACKING_ALPHABET[byte & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** Accepts a tracking code as people type it: any case, with or without dashes or spaces. */
export function normalizeTrackingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(compact)) return null;
  return compact.match(/.{4}/g)!.join('-');
}

/** The organisation a complainant names by its slug, as the public operations need it. */
export interface TrackingTenant {
  id: string;
  locale: string;
  timeZone: string;
}

/**
 * The organisation and the normalised code a complainant gives; null when the code is
 * malformed or the organisation unknown. Callers answer both alike (NOT_FOUND), so that
 * neither is confirmed to exist. The lookup runs on the operation's own transaction (the
 * function it calls sees tenants by slug under any scope): no second connection.
 */
export async function trackedTenant(
  tx: TenantTransaction,
  tenantSlug: string,
  trackingCode: string,
): Promise<{ tenant: TrackingTenant; code: string } | null> {
  const code = normalizeTrackingCode(trackingCode ?? '');
  if (!code) return null;
  const [tenant] = await tx.lookup<Pick<AuthTenantRow, 'id' | 'locale' | 'time_zone'>>(
    'SELECT id, locale, time_zone FROM auth_tenant_by_slug($1)',
    [tenantSlug],
  );
  return tenant ? { tenant: { id: tenant.id, locale: tenant.locale, timeZone: tenant.time_zone }, code } : null;
}
