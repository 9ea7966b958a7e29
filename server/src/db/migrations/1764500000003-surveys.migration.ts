import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantOwnedTable } from './rls.sql-helpers';

/**
 * Satisfaction surveys: each tenant's scale and threshold, the scale a follow-up's scores
 * were given on, and follow-up tasks opened by a low score.
 */
export class Surveys1764500000003 implements MigrationInterface {
  name = 'Surveys1764500000003';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE survey_settings (
         tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
         scale_max int NOT NULL CHECK (scale_max BETWEEN 3 AND 10),
         threshold numeric(4, 2) NOT NULL CHECK (threshold > 1 AND threshold <= scale_max),
         updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
       )`,
      ...tenantOwnedTable('survey_settings'),
      `ALTER TABLE complaint_follow_ups ADD COLUMN scale_max int NOT NULL DEFAULT 5 CHECK (scale_max BETWEEN 3 AND 10)`,
      `ALTER TABLE follow_up_tasks ADD COLUMN reason text NOT NULL DEFAULT 'PLAN' CHECK (reason IN ('PLAN', 'LOW_SATISFACTION'))`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE follow_up_tasks DROP COLUMN reason');
    await q.query('ALTER TABLE complaint_follow_ups DROP COLUMN scale_max');
    await q.query('DROP TABLE survey_settings');
  }
}
