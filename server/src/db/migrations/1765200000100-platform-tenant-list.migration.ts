import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE } from './rls.sql-helpers';

/**
 * Platform administrators list every tenant (the `tenants` query), which row-level security
 * hides from a platform-level transaction: `platform_tenants` answers the tenants' own
 * columns, nothing of their records. The resolver allows it to
 * platform administrators only.
 */
export class PlatformTenantList1765200000100 implements MigrationInterface {
  name = 'PlatformTenantList1765200000100';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE FUNCTION platform_tenants()
         RETURNS TABLE (id uuid, slug text, name text, time_zone text, locale text, holiday_region text, created_at timestamptz)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
           SELECT t.id, t.slug, t.name, t.time_zone, t.locale, t.holiday_region, t.created_at
             FROM tenants t ORDER BY t.name, t.slug
         $$`,
      'REVOKE ALL ON FUNCTION platform_tenants() FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION platform_tenants() TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION platform_tenants()');
  }
}
