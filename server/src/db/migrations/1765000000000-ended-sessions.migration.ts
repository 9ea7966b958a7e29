import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_TENANT, CURRENT_USER_ID, RUNTIME_GROUP_ROLE } from './rls.sql-helpers';

/**
 * Sign-ins ended by `logout`: a token whose session is listed here is refused. A row is kept
 * until `expires_at`, when no token of that sign-in could be valid anyway, then purged.
 *
 * Row-level security as for tenant tables, extended to platform-level sign-ins (tenant NULL),
 * which only their own user sees. Only the session's own user may end it (WITH CHECK), and
 * nobody may change or delete a row: only `purge_ended_sessions` removes expired ones.
 */
export class EndedSessions1765000000000 implements MigrationInterface {
  name = 'EndedSessions1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const ownRows = `tenant_id IS NOT DISTINCT FROM ${CURRENT_TENANT} AND (tenant_id IS NOT NULL OR user_id = ${CURRENT_USER_ID})`;
    const statements = [
      `CREATE TABLE ended_sessions (
         session_id uuid PRIMARY KEY,
         tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
         ended_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL
       )`,
      `CREATE INDEX ended_sessions_expiry_idx ON ended_sessions (expires_at)`,
      `ALTER TABLE ended_sessions ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE ended_sessions FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY own_sessions ON ended_sessions USING (${ownRows}) WITH CHECK (${ownRows} AND user_id = ${CURRENT_USER_ID})`,
      `GRANT SELECT, INSERT ON ended_sessions TO ${RUNTIME_GROUP_ROLE}`,
      // Expiry is token time, the system clock (now()), not the business clock.
      `CREATE FUNCTION purge_ended_sessions() RETURNS void
         LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
           DELETE FROM ended_sessions WHERE expires_at < now()
         $$`,
      'REVOKE ALL ON FUNCTION purge_ended_sessions() FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION purge_ended_sessions() TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION purge_ended_sessions()');
    await q.query('DROP TABLE ended_sessions');
  }
}
