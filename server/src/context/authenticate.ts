import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { looksLikeApiKey, parseApiKey, secretMatches } from '../auth/api-key';
import type { TokenService } from '../auth/token';
import { TenantTransaction } from '../db/tenant-transaction';
import { unauthenticated } from '../graphql/errors';
import type { Clock } from '../time/clock';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Checked = { kind: 'apiKey'; viewer: Viewer } | { kind: 'token'; userId: string; tenantId: string | null } | GraphQLError;

/** What a credential says without the membership: an API key's viewer, a token's claims, or why it is refused. */
async function checkCredential(dataSource: DataSource, tokens: TokenService, credential: string): Promise<Checked> {
  if (looksLikeApiKey(credential)) {
    const parsed = parseApiKey(credential);
    if (!parsed) return unauthenticated('The API key is malformed');
    const [row] = await dataSource.query('SELECT * FROM auth_api_key($1)', [parsed.id]);
    if (!row || !secretMatches(parsed.secret, row.secret_hash)) return unauthenticated('Unknown API key');
    if (row.revoked) return unauthenticated('The API key has been revoked');
    // A key acts for its creator and never with more: gone with their membership, and its
    // roles cut to what they may hold now (auth_api_key does the cut).
    if (!row.creator_is_member) return unauthenticated('The API key no longer grants access: its creator left the tenant');
    return {
      kind: 'apiKey',
      viewer: {
        userId: row.created_by,
        tenantId: row.tenant_id,
        roles: new Set(row.roles as string[]),
        departmentId: null,
        isPlatformAdmin: false,
        apiKeyId: parsed.id,
      },
    };
  }
  const verified = await tokens.verify(credential);
  if (!verified.ok) return unauthenticated(verified.reason === 'expired' ? 'The token has expired' : 'The token is invalid');
  // Signed by us, yet never sent to the database unless its ids are ids.
  const { userId, tenantId } = verified.claims;
  if (!UUID.test(userId) || (tenantId !== null && !UUID.test(tenantId))) return unauthenticated('The token is invalid');
  return { kind: 'token', ...verified.claims };
}

const MEMBERSHIP_GONE = 'The token no longer grants access: membership or account removed';

interface MemberRow {
  user_id: string;
  roles: string[];
  department_id: string | null;
  is_platform_admin: boolean;
}

function tokenViewer(userId: string, tenantId: string | null, row: MemberRow): Viewer {
  return {
    userId,
    tenantId,
    roles: new Set(row.roles),
    departmentId: row.department_id,
    isPlatformAdmin: row.is_platform_admin,
    apiKeyId: null,
  };
}

const MEMBERS_SQL = `SELECT m.user_id, m.roles, m.department_id, u.is_platform_admin FROM memberships m JOIN users u ON u.id = m.user_id
  WHERE m.tenant_id = $1 AND m.user_id = ANY($2::uuid[])`;

/**
 * Establishes the viewer of one operation. Roles come from the database on every call, so
 * a revoked membership or API key stops working at once, whatever tokens are in flight.
 */
export async function authenticate(
  dataSource: DataSource,
  clock: Clock,
  tokens: TokenService,
  credential: string | null,
): Promise<Authentication> {
  const anonymous = (failure: GraphQLError | null): Authentication => ({
    viewer: null,
    failure,
    transaction: new TenantTransaction(dataSource, clock, { tenantId: null, userId: null }),
  });
  if (!credential) return anonymous(null);
  const checked = await checkCredential(dataSource, tokens, credential);
  if (checked instanceof GraphQLError) return anonymous(checked);
  if (checked.kind === 'apiKey') {
    return { viewer: checked.viewer, failure: null, transaction: new TenantTransaction(dataSource, clock, checked.viewer) };
  }
  const { userId, tenantId } = checked;
  const transaction = new TenantTransaction(dataSource, clock, { tenantId, userId });
  let row: MemberRow | undefined;
  try {
    [row] = tenantId
      ? await transaction.query<MemberRow>(MEMBERS_SQL, [tenantId, [userId]])
      : await transaction.query<MemberRow>(
          `SELECT id AS user_id, '{}'::text[] AS roles, NULL::uuid AS department_id, is_platform_admin FROM users WHERE id = $1`,
          [userId],
        );
  } catch (error) {
    // Nobody else would finish it: the context this transaction was for is never built.
    await transaction.finish(false).catch(() => undefined);
    throw error;
  }
  if (!row) {
    await transaction.finish(false);
    return anonymous(unauthenticated(MEMBERSHIP_GONE));
  }
  return { viewer: tokenViewer(userId, tenantId, row), failure: null, transaction };
}

/**
 * Establishes many viewers of one tenant at once, for live delivery: each credential is
 * checked as `authenticate` checks it, and the memberships are read in one statement through
 * `tx`, a transaction scoped to that tenant. A credential of another tenant is refused.
 */
export async function authenticateInTenant(
  tx: TenantTransaction,
  tokens: TokenService,
  tenantId: string,
  credentials: readonly (string | null)[],
): Promise<{ viewer: Viewer | null; failure: GraphQLError | null }[]> {
  const dataSource = tx.dataSource;
  const checked = await Promise.all(
    credentials.map((credential) => (credential ? checkCredential(dataSource, tokens, credential) : Promise.resolve(null))),
  );
  const userIds = checked.flatMap((c) =>
    c && !(c instanceof GraphQLError) && c.kind === 'token' && c.tenantId === tenantId ? [c.userId] : [],
  );
  const members = new Map(
    (userIds.length ? await tx.query<MemberRow>(MEMBERS_SQL, [tenantId, [...new Set(userIds)]]) : []).map((row) => [row.user_id, row]),
  );
  return checked.map((c) => {
    if (c === null) return { viewer: null, failure: null };
    if (c instanceof GraphQLError) return { viewer: null, failure: c };
    if (c.kind === 'apiKey') {
      return c.viewer.tenantId === tenantId
        ? { viewer: c.viewer, failure: null }
        : { viewer: null, failure: unauthenticated('The API key is of another tenant') };
    }
    const row = c.tenantId === tenantId ? members.get(c.userId) : undefined;
    return row
      ? { viewer: tokenViewer(c.userId, tenantId, row), failure: null }
      : { viewer: null, failure: unauthenticated(MEMBERSHIP_GONE) };
  });
}
