import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE } from './rls.sql-helpers';

const OLD_AUTH_API_KEY = `CREATE FUNCTION auth_api_key(p_id uuid)
  RETURNS TABLE (tenant_id uuid, secret_hash text, roles text[], created_by uuid, revoked boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT k.tenant_id, k.secret_hash, k.roles, k.created_by, k.revoked_at IS NOT NULL FROM api_keys k WHERE k.id = p_id
  $$`;

/**
 * An API key acts for its creator and never with more: `auth_api_key` also says whether the
 * creator is still a member of the key's tenant, and cuts the key's roles to what the creator
 * may hold now (a tenant administrator may give any role of the tenant, so keeps them all;
 * anyone else keeps the roles they hold themselves).
 */
export class ApiKeyCreator1764800000001 implements MigrationInterface {
  name = 'ApiKeyCreator1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION auth_api_key(uuid)');
    await q.query(`CREATE FUNCTION auth_api_key(p_id uuid)
      RETURNS TABLE (tenant_id uuid, secret_hash text, roles text[], created_by uuid, revoked boolean, creator_is_member boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT k.tenant_id, k.secret_hash,
               CASE WHEN m.user_id IS NULL THEN '{}'::text[]
                    WHEN 'tenant-admin' = ANY (m.roles) THEN k.roles
                    ELSE ARRAY(SELECT r FROM unnest(k.roles) AS r WHERE r = ANY (m.roles)) END,
               k.created_by, k.revoked_at IS NOT NULL, m.user_id IS NOT NULL
          FROM api_keys k
          LEFT JOIN memberships m ON m.tenant_id = k.tenant_id AND m.user_id = k.created_by
         WHERE k.id = p_id
      $$`);
    await this.grant(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION auth_api_key(uuid)');
    await q.query(OLD_AUTH_API_KEY);
    await this.grant(q);
  }

  private async grant(q: QueryRunner): Promise<void> {
    await q.query('REVOKE ALL ON FUNCTION auth_api_key(uuid) FROM PUBLIC');
    await q.query(`GRANT EXECUTE ON FUNCTION auth_api_key(uuid) TO ${RUNTIME_GROUP_ROLE}`);
  }
}
