import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantOwnedTable } from './rls.sql-helpers';

/**
 * Monthly reports: the numbers of one month of a tenant, stored when generated and served
 * as CSV and as a printable HTML page. One row per month: generating again replaces the
 * numbers (which come out the same for a month whose complaints did not change).
 */
export class MonthlyReports1764500000002 implements MigrationInterface {
  name = 'MonthlyReports1764500000002';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE monthly_reports (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
         period_from timestamptz NOT NULL,
         period_to timestamptz NOT NULL,
         data jsonb NOT NULL,
         generated_by uuid REFERENCES users(id),
         generated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         UNIQUE (tenant_id, month)
       )`,
      ...tenantOwnedTable('monthly_reports'),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE monthly_reports');
  }
}
