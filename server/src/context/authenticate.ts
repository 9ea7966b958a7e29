import type { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { looksLikeApiKey, parseApiKey, secretMatches } from '../auth/api-key';
import type { TokenService } from '../auth/token';
import { TenantTransaction } from '../db/tenant-transaction';
import { unauthenticated } from '../graphql/errors';
import type { Viewer } from './viewer';

export interface Authentication {
  viewer: Viewer | null;
  failure: GraphQLError | null;
  /** The operation's transaction, already scoped to the viewer when one was found. */
  transaction: TenantTransaction;
}

/** Accepts `Bearer <token>`, `Bearer <api key>`, `ApiKey <api key>` or a bare credential. */
export function credentialFrom(header: unknown): string | null {
  if (typeof header !== 'string' || header.trim() === '') return null;
  const match = /^(?:Bearer|ApiKey)\s+(.+)$/i.exec(header.trim());
  return (match ? match[1] : header).trim();
}

/**
 * Establishes the viewer of one operation. Roles come from the database on every call, so
 * a revoked membership or API key stops working at once, whatever tokens are in flight.
 */
export async function authenticate(
  dataSource: DataSource,
  tokens: TokenService,
  credential: string | null,
): Promise<Authentication> {
  const anonymous = (failure: GraphQLError | null): Authentication => ({
    viewer: null,
    failure,
    transaction: new TenantTransaction(dataSource, { tenantId: null, userId: null }),
  });
  if (!credential) return anonymous(null);

  if (looksLikeApiKey(credential)) {
    const parsed = parseApiKey(credential);
    if (!parsed) return anonymous(unauthenticated('The API key is malformed'));
    const [row] = await dataSource.query('SELECT * FROM auth_api_key($1)', [parsed.id]);
    if (!row || !secretMatches(parsed.secret, row.secret_hash)) return anonymous(unauthenticated('Unknown API key'));
    if (row.revoked) return anonymous(unauthenticated('The API key has been revoked'));
    const viewer: Viewer = {
      userId: row.created_by,
      tenantId: row.tenant_id,
      roles: new Set(row.roles as string[]),
      departmentId: null,
      isPlatformAdmin: false,
      apiKeyId: parsed.id,
    };
    return { viewer, failure: null, transaction: new TenantTransaction(dataSource, viewer) };
  }

  const verified = await tokens.verify(credential);
  if (!verified.ok) {
    return anonymous(unauthenticated(verified.reason === 'expired' ? 'The token has expired' : 'The token is invalid'));
  }
  const { userId, tenantId } = verified.claims;
  const transaction = new TenantTransaction(dataSource, { tenantId, userId });
  const [row] = tenantId
    ? await transaction.query(
        `SELECT m.roles, m.department_id, u.is_platform_admin FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.tenant_id = $1 AND m.user_id = $2`,
        [tenantId, userId],
      )
    : await transaction.query(`SELECT '{}'::text[] AS roles, NULL::uuid AS department_id, is_platform_admin FROM users WHERE id = $1`, [userId]);
  if (!row) {
    await transaction.finish(false);
    return anonymous(unauthenticated('The token no longer grants access: membership or account removed'));
  }
  const viewer: Viewer = {
    userId,
    tenantId,
    roles: new Set(row.roles as string[]),
    departmentId: row.department_id,
    isPlatformAdmin: row.is_platform_admin,
    apiKeyId: null,
  };
  return { viewer, failure: null, transaction };
}
