import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantOwnedTable } from './rls.sql-helpers';

/** Dates a tenant closed itself: not working days for its working-day deadlines. */
export class CalendarClosures1764400000000 implements MigrationInterface {
  name = 'CalendarClosures1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE calendar_closures (
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         closed_on date NOT NULL,
         reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200),
         created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         PRIMARY KEY (tenant_id, closed_on)
       )`,
      ...tenantOwnedTable('calendar_closures'),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calendar_closures');
  }
}
