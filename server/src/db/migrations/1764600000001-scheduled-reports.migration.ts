import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE } from './rls.sql-helpers';

/**
 * Monthly reports an industry asks for: when they are due, who prepares them and to whom
 * they go, as the governing plugin said when the report was made. The scheduler asks which
 * tenants have a plugin installed through a narrow SECURITY DEFINER function: it runs
 * outside any tenant, and row-level security shows it nothing there.
 */
export class ScheduledReports1764600000001 implements MigrationInterface {
  name = 'ScheduledReports1764600000001';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE monthly_reports
         ADD COLUMN due_at timestamptz,
         ADD COLUMN prepared_by_role text,
         ADD COLUMN addressed_to text[] NOT NULL DEFAULT '{}',
         ADD COLUMN decided_by text`,
      `CREATE FUNCTION tenants_with_plugins() RETURNS TABLE (tenant_id uuid)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
           SELECT DISTINCT tp.tenant_id FROM tenant_plugins tp ORDER BY 1
         $$`,
      `REVOKE ALL ON FUNCTION tenants_with_plugins() FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION tenants_with_plugins() TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION tenants_with_plugins()');
    await q.query(
      'ALTER TABLE monthly_reports DROP COLUMN due_at, DROP COLUMN prepared_by_role, DROP COLUMN addressed_to, DROP COLUMN decided_by',
    );
  }
}
