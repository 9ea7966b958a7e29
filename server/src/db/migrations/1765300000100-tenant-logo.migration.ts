import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE } from './rls.sql-helpers';

/**
 * A tenant's logo, shown on its public complaint pages and in the console: a `data:image/…`
 * URL its administrator sets (the pages' Content-Security-Policy allows images from the
 * server itself and data URLs only). `platform_tenants()` answers it beside the other columns.
 */
export class TenantLogo1765300000100 implements MigrationInterface {
  name = 'TenantLogo1765300000100';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      'ALTER TABLE tenants ADD COLUMN logo_url text',
      'DROP FUNCTION platform_tenants()',
      `CREATE FUNCTION platform_tenants()
         RETURNS TABLE (id uuid, slug text, name text, time_zone text, locale text, holiday_region text, created_at timestamptz, logo_url text)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
           SELECT t.id, t.slug, t.name, t.time_zone, t.locale, t.holiday_region, t.created_at, t.logo_url
             FROM tenants t ORDER BY t.name, t.slug
         $$`,
      'REVOKE ALL ON FUNCTION platform_tenants() FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION platform_tenants() TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    const statements = [
      'DROP FUNCTION platform_tenants()',
      `CREATE FUNCTION platform_tenants()
         RETURNS TABLE (id uuid, slug text, name text, time_zone text, locale text, holiday_region text, created_at timestamptz)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
           SELECT t.id, t.slug, t.name, t.time_zone, t.locale, t.holiday_region, t.created_at
             FROM tenants t ORDER BY t.name, t.slug
         $$`,
      'REVOKE ALL ON FUNCTION platform_tenants() FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION platform_tenants() TO ${RUNTIME_GROUP_ROLE}`,
      'ALTER TABLE tenants DROP COLUMN logo_url',
    ];
    for (const sql of statements) await q.query(sql);
  }
}
