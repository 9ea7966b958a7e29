import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { looksLikeApiKey, parseApiKey, secretMatches } from '../auth/api-key';
import type { AccessTokenClaims, TokenService } from '../auth/token';
import { entityFromPrefixed, prefixedColumns } from '../db/entity-rows';
import { TenantTransaction } from '../db/tenant-transaction';
import { TenantEntity } from '../entities';
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

type Checked = { kind: 'apiKey'; viewer: Viewer } | ({ kind: 'token' } & AccessTokenClaims) | GraphQLError;

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
        session: null,
      },
    };
  }
  const verified = await tokens.verify(credential);
  if (!verified.ok) return unauthenticated(verified.reason === 'expired' ? 'The token has expired' : 'The token is invalid');
  // Signed by us, yet never sent to the database unless its ids are ids.
  const { userId, tenantId, sessionId } = verified.claims;
  if (!UUID.test(userId) || !UUID.test(sessionId) || (tenantId !== null && !UUID.test(tenantId))) {
    return unauthenticated('The token is invalid');
  }
  return { kind: 'token', ...verified.claims };
}

const MEMBERSHIP_GONE = 'The token no longer grants access: membership or account removed';
const SESSION_ENDED = 'The token no longer grants access: its session was ended (logout)';

interface MemberRow {
  user_id: string;
  roles: string[];
  department_id: string | null;
  is_platform_admin: boolean;
  /** Which of the sessions asked about were ended by a logout. */
  ended_sessions: string[];
}

/** The viewer a token's claims and its member row make, or why the token is refused. */
function tokenViewer(claims: AccessTokenClaims, row: MemberRow | undefined): { viewer: Viewer | null; failure: GraphQLError | null } {
  if (!row) return { viewer: null, failure: unauthenticated(MEMBERSHIP_GONE) };
  if (row.ended_sessions.includes(claims.sessionId.toLowerCase())) return { viewer: null, failure: unauthenticated(SESSION_ENDED) };
  return {
    viewer: {
      userId: claims.userId,
      tenantId: claims.tenantId,
      roles: new Set(row.roles),
      departmentId: row.department_id,
      isPlatformAdmin: row.is_platform_admin,
      apiKeyId: null,
      session: { sessionId: claims.sessionId, signedInAt: claims.signedInAt },
    },
    failure: null,
  };
}

// Whether a token's session was ended (logout) is read in the statement that re-reads its
// membership anyway, so the check costs no statement of its own. A sign-in switched to
// another tenant keeps its session id: its logout, recorded in whichever tenant it came
// from, ends it in every tenant (ended_sessions_of looks across tenants, for that user only).
const ENDED_SESSIONS = (user: string, sessions: string) => `ended_sessions_of(${user}, ${sessions}::uuid[]) AS ended_sessions`;

const MEMBERS_SQL = `SELECT m.user_id, m.roles, m.department_id, u.is_platform_admin, ${ENDED_SESSIONS('m.user_id', '$3')}
  FROM memberships m JOIN users u ON u.id = m.user_id
  WHERE m.tenant_id = $1 AND m.user_id = ANY($2::uuid[])`;

/**
 * The viewer's membership with their tenant's row, which nearly every operation reads next
 * (its locale): the first statement of the operation's transaction (see `openWith`).
 */
const memberWithTenantSql = (dataSource: DataSource) => `SELECT m.*, ${prefixedColumns(dataSource, TenantEntity, 't', TENANT_PREFIX)}
  FROM (${MEMBERS_SQL}) m LEFT JOIN tenants t ON t.id = $1`;
const TENANT_PREFIX = 'tenant__';

const PLATFORM_USER_SQL = `SELECT u.id AS user_id, '{}'::text[] AS roles, NULL::uuid AS department_id, u.is_platform_admin,
    ${ENDED_SESSIONS('u.id', '$2')}
  FROM users u WHERE u.id = $1`;

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
  const { userId, tenantId, sessionId } = checked;
  const transaction = new TenantTransaction(dataSource, clock, { tenantId, userId });
  let row: MemberRow | undefined;
  try {
    if (tenantId) {
      const [found] = await transaction.openWith<MemberRow & Record<string, unknown>>(memberWithTenantSql(dataSource), [
        tenantId,
        [userId],
        [sessionId],
      ]);
      row = found;
      if (found) transaction.tenant = entityFromPrefixed(dataSource, TenantEntity, found, TENANT_PREFIX);
    } else [row] = await transaction.openWith<MemberRow>(PLATFORM_USER_SQL, [userId, [sessionId]]);
  } catch (error) {
    // Nobody else would finish it: the context this transaction was for is never built.
    await transaction.finish(false).catch(() => undefined);
    throw error;
  }
  const { viewer, failure } = tokenViewer(checked, row);
  if (!viewer) {
    await transaction.finish(false);
    return anonymous(failure);
  }
  return { viewer, failure: null, transaction };
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
  const presented = checked.flatMap((c) => (c && !(c instanceof GraphQLError) && c.kind === 'token' && c.tenantId === tenantId ? [c] : []));
  const userIds = [...new Set(presented.map((c) => c.userId))];
  const sessionIds = [...new Set(presented.map((c) => c.sessionId))];
  const members = new Map(
    (userIds.length ? await tx.query<MemberRow>(MEMBERS_SQL, [tenantId, userIds, sessionIds]) : []).map((row) => [row.user_id, row]),
  );
  return checked.map((c) => {
    if (c === null) return { viewer: null, failure: null };
    if (c instanceof GraphQLError) return { viewer: null, failure: c };
    if (c.kind === 'apiKey') {
      return c.viewer.tenantId === tenantId
        ? { viewer: c.viewer, failure: null }
        : { viewer: null, failure: unauthenticated('The API key is of another tenant') };
    }
    return tokenViewer(c, c.tenantId === tenantId ? members.get(c.userId) : undefined);
  });
}
