import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { RUNTIME_GROUP_ROLE } from './migrations/rls.sql-helpers';

export const DEFAULT_RUNTIME_ROLE = 'redress_app';

/**
 * The runtime role's password is derived from the token secret, so every server process
 * sharing a database and a secret agrees on it without another setting to distribute.
 */
export function deriveRuntimePassword(tokenSecret: string): string {
  return createHmac('sha256', tokenSecret).update('redress runtime database role').digest('base64url');
}

/** Builds the runtime connection URL from the owner URL: same server and database, other role. */
export function runtimeUrlFromOwnerUrl(ownerUrl: string, password: string, role = DEFAULT_RUNTIME_ROLE): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

/** `url`'s role and password on the server, port and database of `serverUrl`. */
export function onServerOf(url: string, serverUrl: string): string {
  const target = new URL(url);
  const server = new URL(serverUrl);
  target.host = server.host;
  target.pathname = server.pathname;
  target.search = server.search;
  return target.toString();
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes sure the login role the server runs as exists, is not privileged, can log in with
 * the derived password and holds the grants of `redress_runtime`. Idempotent; changes only
 * what is missing. Runs under the preparation lock of its database (`withStartUpLock`); roles
 * are cluster-wide, so starts on two databases of one cluster may still race on creating them.
 */
export async function ensureRuntimeRole(ownerUrl: string, runtimeUrl: string): Promise<void> {
  const { username: role, password } = new URL(runtimeUrl);
  const roleName = decodeURIComponent(role);
  if (!/^[a-z_][a-z0-9_]*$/.test(roleName)) throw new Error(`Unsupported runtime role name "${roleName}"`);
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const literal = (await owner.query('SELECT quote_literal($1) AS q', [decodeURIComponent(password)])).rows[0].q;
    const existing = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [roleName]);
    if (!existing.rowCount) {
      await ignoreDuplicate(() =>
        owner.query(`CREATE ROLE ${roleName} LOGIN PASSWORD ${literal} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`),
      );
    } else if (!(await canConnect(runtimeUrl))) {
      await owner.query(`ALTER ROLE ${roleName} LOGIN PASSWORD ${literal}`);
    }
    const group = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [RUNTIME_GROUP_ROLE]);
    if (!group.rowCount) {
      await ignoreDuplicate(() => owner.query(`CREATE ROLE ${RUNTIME_GROUP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`));
    }
    const member = await owner.query('SELECT pg_has_role($1, $2, $3) AS yes', [roleName, RUNTIME_GROUP_ROLE, 'MEMBER']);
    if (!member.rows[0].yes) {
      await ignoreDuplicate(() => owner.query(`GRANT ${RUNTIME_GROUP_ROLE} TO ${roleName}`));
    }
    const database = await owner.query(
      `SELECT quote_ident(current_database()) AS name, has_database_privilege($1, current_database(), 'CONNECT') AS granted`,
      [RUNTIME_GROUP_ROLE],
    );
    const { name, granted } = database.rows[0];
    if (!granted) await owner.query(`GRANT CONNECT ON DATABASE ${name} TO ${RUNTIME_GROUP_ROLE}`);
  } finally {
    await owner.end();
  }
}

/** Two processes may create the same cluster-wide role at once; the loser finds it done. */
async function ignoreDuplicate(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const code = (error as { code?: string }).code;
    // 42710 duplicate_object, 23505 unique_violation, XX000 "tuple concurrently updated"
    if (code !== '42710' && code !== '23505' && code !== 'XX000') throw error;
  }
}

interface RuntimeRoleRow {
  rolname: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  owns_tables: boolean;
}

/** Refuses to run with a role that would bypass row-level security. */
export async function assertRuntimeRoleIsUnprivileged(query: (sql: string) => Promise<RuntimeRoleRow[]>): Promise<void> {
  const [role] = await query(
    `SELECT r.rolname, r.rolsuper, r.rolbypassrls,
            EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = r.rolname) AS owns_tables
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  if (role.rolsuper || role.rolbypassrls || role.owns_tables) {
    throw new Error(
      `The runtime database role "${role.rolname}" is a superuser, has BYPASSRLS or owns tables; ` +
        'row-level security would not apply. Use an unprivileged role in APP_DATABASE_URL.',
    );
  }
}
