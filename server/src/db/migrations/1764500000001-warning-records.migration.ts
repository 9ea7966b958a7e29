import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantOwnedTable } from './rls.sql-helpers';

/**
 * Warning records (警示): what each closed complaint adds to the service-quality record of
 * the departments and people involved. Written once per closing and never changed.
 */
export class WarningRecords1764500000001 implements MigrationInterface {
  name = 'WarningRecords1764500000001';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE warning_records (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         complaint_id uuid NOT NULL,
         subject_role text NOT NULL
           CHECK (subject_role IN ('RESPONSIBLE_DEPARTMENT', 'INVOLVED_DEPARTMENT', 'HANDLER', 'RESPONSIBLE_PERSON')),
         subject_user_id uuid REFERENCES users(id),
         subject_department_id uuid,
         category_code text,
         major boolean NOT NULL,
         cause text NOT NULL,
         deadlines_missed int NOT NULL CHECK (deadlines_missed >= 0),
         penalty_points numeric(8, 2) NOT NULL CHECK (penalty_points >= 0),
         closed_at timestamptz NOT NULL,
         created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         CHECK ((subject_user_id IS NULL) <> (subject_department_id IS NULL)),
         FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id),
         FOREIGN KEY (tenant_id, subject_department_id) REFERENCES departments (tenant_id, id)
       )`,
      // By period, and by department or person within a period.
      `CREATE INDEX warning_records_period_idx ON warning_records (tenant_id, closed_at, id)`,
      `CREATE INDEX warning_records_department_idx ON warning_records (tenant_id, subject_department_id, closed_at)
         WHERE subject_department_id IS NOT NULL`,
      `CREATE INDEX warning_records_user_idx ON warning_records (tenant_id, subject_user_id, closed_at)
         WHERE subject_user_id IS NOT NULL`,
      `CREATE INDEX warning_records_complaint_idx ON warning_records (tenant_id, complaint_id)`,
      ...tenantOwnedTable('warning_records', { appendOnly: true }),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE warning_records');
  }
}
