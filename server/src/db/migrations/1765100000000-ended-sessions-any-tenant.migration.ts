import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE } from './rls.sql-helpers';

/**
 * One sign-in may act in several tenants (`switchTenant` keeps its session id), while its
 * logout is recorded under the tenant it was ended from, where row-level security hides it
 * from the others. `ended_sessions_of` answers, for one user, which of the given sessions
 * were ended in any tenant: only ids the caller already holds (from its verified token) are
 * asked about, so it reveals nothing else.
 */
export class EndedSessionsAnyTenant1765100000000 implements MigrationInterface {
  name = 'EndedSessionsAnyTenant1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE FUNCTION ended_sessions_of(p_user uuid, p_sessions uuid[]) RETURNS text[]
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
           SELECT COALESCE(array_agg(e.session_id::text), '{}') FROM ended_sessions e
            WHERE e.user_id = p_user AND e.session_id = ANY(p_sessions)
         $$`,
      'REVOKE ALL ON FUNCTION ended_sessions_of(uuid, uuid[]) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION ended_sessions_of(uuid, uuid[]) TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION ended_sessions_of(uuid, uuid[])');
  }
}
